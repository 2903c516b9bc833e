/**
 * The headline results: the break-even maturity gap (a real break-even on the model, reported as
 * not reachable where there is none) and the probability that `with` wins (the share of the same
 * draws every Monte Carlo of the scenario makes, deterministic for the seed, the same on both
 * backends however the work is split). Sterman's sensitivity test (ch. 21, test 11): "with wins in
 * X% of draws", X asserted in a range for today's retailer, the subscription business and the
 * small shop.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  computeHeadline,
  DIFFERENCE_KEYS,
  DrawRunner,
  headlineSteps,
  maturityGap,
  PRESETS,
  runMonteCarloWithKpis,
  statusQuo,
  wilsonInterval,
  winProbabilityFromDraws,
  withAssumption,
  WIN_PROBABILITY_DRAWS,
  withPreset,
  type Scenario,
} from '../../simulation';

const expected = (s: Scenario): Scenario => ({
  ...s,
  simulation: { ...s.simulation, mode: 'expected' },
});

describe('the break-even maturity gap', () => {
  const today = withPreset();
  const h = computeHeadline(today, { backend: 'codegen', draws: 1 });

  it('is where with and without end level, moving every product maturity together', () => {
    const b = h.breakEven!;
    expect(b.status).toBe('found');
    expect(b.currentGap).toBeCloseTo(maturityGap(today)!, 12);
    expect(b.gap).toBeCloseTo(maturityGap(today, b.shift!)!, 12);
    // At the break-even the net value gap is level: within what 0.001 of shift changes it.
    const at = (shift: number): number =>
      compareWithWithout(expected(withAssumption(today, 'productMaturityShift', shift)))
        .differences!.cumulativeNetValueUsd!;
    const slope = Math.abs(at(b.shift! + 0.001) - at(b.shift! - 0.001)) / 0.002;
    expect(Math.abs(at(b.shift!))).toBeLessThan(slope * 0.001);
    // Above it with wins, below it without does.
    expect(at(b.shift! + 0.02)).toBeGreaterThan(0);
    expect(at(b.shift! - 0.02)).toBeLessThan(0);
  });

  it('today: products pay off unless they are barely more mature than own pipelines', () => {
    const b = h.breakEven!;
    expect(b.currentGap).toBeGreaterThan(0.5);
    expect(b.gap!).toBeGreaterThan(0);
    expect(b.gap!).toBeLessThan(0.15);
  });

  it('a small shop: not reachable, even products at full maturity do not pay off', () => {
    const b = computeHeadline(PRESETS['small-shop'](), { backend: 'codegen', draws: 1 }).breakEven!;
    expect(b.status).toBe('never');
    expect(b.gap).toBeNull();
  });

  it('no data products: no headline', () => {
    expect(computeHeadline(statusQuo(withPreset()), { draws: 1 })).toEqual({
      breakEven: null,
      win: null,
    });
  });
});

describe('the probability that with wins', () => {
  it('is the share of the Monte Carlo draws in which with ends ahead (the same draws)', () => {
    const s = withPreset();
    s.simulation.weeks = 52; // over one year with is far less sure: draws of both signs
    const n = 60;
    const w = computeHeadline(s, { backend: 'codegen', draws: n }).win!;
    const runner = new DrawRunner(s, s.simulation, 'codegen');
    runner.keepOnly([]);
    const out = new Float64Array(DIFFERENCE_KEYS.length);
    const k = DIFFERENCE_KEYS.indexOf('cumulativeNetValueUsd');
    let wins = 0;
    for (let i = 0; i < n; i++) {
      runner.run(i);
      runner.writeDifferences(out, 0);
      if (out[k]! > 0) wins++;
    }
    expect(w.wins).toBe(wins);
    expect(w.draws).toBe(n);
    expect(wins).toBeGreaterThan(0);
    expect(wins).toBeLessThan(n);
  });

  it('is deterministic for the seed, the same on both backends and however the work is split', () => {
    const s = withPreset();
    s.simulation.weeks = 52;
    const a = computeHeadline(s, { backend: 'codegen', draws: 30 });
    const b = computeHeadline(s, { backend: 'interpreter', draws: 30 });
    expect(b).toEqual(a);
    const steps = headlineSteps(s, { backend: 'interpreter', draws: 30 });
    let next = steps.next();
    let count = 0;
    while (!next.done) {
      count++;
      next = steps.next();
    }
    expect(count).toBeGreaterThan(30);
    expect(next.value).toEqual(a);
    // Another seed draws other values: some seed of a few gives another count (one may tie).
    const counts = [2, 3, 4].map(
      (seed) =>
        computeHeadline(
          { ...s, simulation: { ...s.simulation, seed } },
          {
            backend: 'codegen',
            draws: 30,
          },
        ).win!.wins,
    );
    expect(counts.some((c) => c !== a.win!.wins)).toBe(true);
  });

  it("counted from a Monte Carlo's KPI rows is the same as running its draws again", () => {
    const s = withPreset();
    s.simulation.weeks = 52;
    const n = 40;
    const direct = computeHeadline(s, { backend: 'codegen', draws: n }).win!;
    const { kpis } = runMonteCarloWithKpis(
      { scenario: s, settings: s.simulation, draws: n + 5, pilotDraws: 8 },
      { backend: 'codegen' },
    );
    expect(winProbabilityFromDraws(kpis, n)).toEqual(direct);
    expect(direct.wins).toBeGreaterThan(0);
    expect(direct.wins).toBeLessThan(n);
    // Too few draws, or draws that do not start at 0: not counted from them.
    expect(winProbabilityFromDraws(kpis, n + 6)).toBeNull();
    expect(winProbabilityFromDraws({ ...kpis, start: 1 }, n)).toBeNull();
  });

  it('has an honest 95% interval (Wilson)', () => {
    const [lo0, hi0] = wilsonInterval(0, 10);
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.2775, 3);
    const [lo1, hi1] = wilsonInterval(10, 10);
    expect(lo1).toBeCloseTo(0.7225, 3);
    expect(hi1).toBeCloseTo(1, 12);
    const [lo, hi] = wilsonInterval(50, 100);
    expect(lo).toBeCloseTo(0.4038, 3);
    expect(hi).toBeCloseTo(0.5962, 3);
  });
});

describe('sensitivity: with wins in X% of draws (Sterman ch. 21, test 11)', () => {
  const cases: readonly [string, () => Scenario, number, number][] = [
    // The break-even gap (~0.03) is far below the assumed 0.53; with loses only in the draws whose
    // maturity gap falls near it (drawn from about -0.1 to 0.7): about 4% (docs/MODEL.md 7).
    ["today's retailer", PRESETS.with, 0.9, 0.99],
    // Fewer customers per product and a smaller margin of AI benefit over cost.
    ['subscription business', PRESETS.subscription, 0.8, 0.95],
    // Too little data for the AI: a coin toss on cost and on draws where the AI works anyway.
    ['small shop', PRESETS['small-shop'], 0.3, 0.8],
  ];
  for (const [name, make, lo, hi] of cases) {
    it(`${name}: between ${lo * 100}% and ${hi * 100}% of ${WIN_PROBABILITY_DRAWS} draws`, () => {
      const w = computeHeadline(make(), { backend: 'codegen' }).win!;
      expect(w.draws).toBe(WIN_PROBABILITY_DRAWS);
      expect(w.probability).toBeGreaterThanOrEqual(lo);
      expect(w.probability).toBeLessThanOrEqual(hi);
    });
  }
});
