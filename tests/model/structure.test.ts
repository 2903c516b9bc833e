/**
 * Structure tests (Sterman ch. 21, test 2): users are conserved at every step; every stock is
 * exactly the Euler integral of its declared flows - nothing enters or leaves a stock except
 * through a flow the declaration names; and money is conserved: a build or a development costs
 * what the scenario says, whatever the step length.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALLOWED_STEP_WEEKS,
  PRESETS,
  seriesAt,
  type PresetName,
  type RunSeries,
  type Scenario,
} from '../../simulation';
import { scenarioArb } from '../scenario/arbitraries';
import {
  CONSERVATION_TOLERANCE,
  expectedRun,
  invariantViolations,
  propertyRuns,
  run,
  series,
} from './helpers';

const presetNames = Object.keys(PRESETS) as PresetName[];

describe('conservation of users: potential + active + lapsed = market at every step', () => {
  for (const name of presetNames) {
    for (const mode of ['expected', 'stochastic'] as const) {
      it(`${name}, ${mode}, every allowed step length`, () => {
        for (const stepWeeks of ALLOWED_STEP_WEEKS) {
          const s = PRESETS[name]();
          const r = run(s, { mode, stepWeeks, seed: 11 });
          const market = s.parameters.marketSize!;
          const pot = series(r, 'potentialUsers');
          const act = series(r, 'activeUsers');
          const lap = series(r, 'lapsedUsers');
          let worst = 0;
          for (let k = 0; k < r.points; k++) {
            worst = Math.max(worst, Math.abs(pot[k]! + act[k]! + lap[k]! - market) / market);
          }
          expect(worst, `step ${stepWeeks}`).toBeLessThan(CONSERVATION_TOLERANCE);
          expect(invariantViolations(r), `step ${stepWeeks}`).toEqual([]);
        }
      });
    }
  }
});

describe('every stock is the Euler integral of its declared flows', () => {
  for (const name of presetNames) {
    it(name, () => {
      const r = run(PRESETS[name](), { mode: 'stochastic', seed: 5, stepWeeks: 0.5 });
      const model = r.model;
      const dt = r.settings.stepWeeks;
      let stocks = 0;
      for (const v of model.variables) {
        if (v.decl?.kind !== 'stock') continue;
        stocks++;
        const s = seriesAt(r, v.slot);
        const inflows = v.decl.inflows.map((f) => series(r, f));
        const outflows = v.decl.outflows.map((f) => series(r, f));
        for (let k = 0; k + 1 < r.points; k++) {
          // The engine's own association: net = ((0 + in1) + in2 ...) - out1 ...; x += dt * net.
          let net = 0;
          for (const f of inflows) net += f[k]!;
          for (const f of outflows) net -= f[k]!;
          expect(s[k + 1], `${v.name} at week ${r.time[k]}`).toBe(s[k]! + dt * net);
        }
      }
      expect(stocks).toBeGreaterThan(10);
    });
  }
});

describe('money is conserved: builds and developments cost what they are stated to cost', () => {
  /** Spending integrated over the run (what cumulativeSpending accumulates from this term). */
  const paid = (r: RunSeries, rate: Float64Array): number => {
    let total = 0;
    for (let k = 0; k + 1 < r.points; k++) total += r.settings.stepWeeks * rate[k]!;
    return total;
  };
  /** Cost x the share of its spending window [from, from + length) inside the horizon. */
  const due = (cost: number, from: number, length: number, horizon: number): number =>
    (cost * Math.max(0, Math.min(horizon, from + length) - Math.max(0, from))) / length;

  function check(s: Scenario): void {
    const r = expectedRun(s);
    const horizon = r.settings.weeks;
    for (const dp of s.dataProducts) {
      const p = `dataProduct.${dp.id}`;
      const liveWeek = series(r, `${p}.liveWeek`)[0]!;
      const expected = due(
        dp.buildCostUsd,
        liveWeek - dp.buildWeeks,
        Math.max(dp.buildWeeks, 1),
        horizon,
      );
      expect(paid(r, series(r, `${p}.buildSpend`)), `${p} build`).toBeCloseTo(expected, 2);
    }
    for (const c of s.aiConsumers) {
      const p = `aiConsumer.${c.id}`;
      const devWeeks = series(r, `${p}.devWeeksEffective`)[0]!;
      const cost = series(r, `${p}.cost`);
      const deployed = series(r, `${p}.deployed`);
      const runScale = series(r, 'runningCostScale');
      const development = cost.map((v, k) => v - deployed[k]! * c.runCostUsdPerWeek * runScale[k]!);
      const expected = due(c.devCostUsd, c.startWeek, Math.max(devWeeks, 1), horizon);
      expect(paid(r, development), `${p} development`).toBeCloseTo(expected, 2);
      for (let k = 1; k <= c.ownPipelines; k++) {
        const q = `${p}.ownPipeline.${k}`;
        const liveWeek = series(r, `${q}.liveWeek`)[0]!;
        const b = s.ownPipeline.buildWeeks;
        const expectedBuild = due(
          s.ownPipeline.buildCostUsd,
          liveWeek - b,
          Math.max(b, 1),
          horizon,
        );
        expect(paid(r, series(r, `${q}.buildSpend`)), `${q} build`).toBeCloseTo(expectedBuild, 2);
      }
    }
  }

  it('for the presets at every allowed step length', () => {
    for (const name of presetNames) {
      for (const stepWeeks of ALLOWED_STEP_WEEKS) {
        const s = PRESETS[name]();
        check({ ...s, simulation: { ...s.simulation, stepWeeks } });
      }
    }
  });

  it('for random scenarios (fractional weeks, windows crossing the horizon)', () => {
    fc.assert(
      fc.property(
        scenarioArb({
          parameters: 'nearDefault',
          maxWeeks: 104,
          maxDelayWeeks: 80,
          modes: ['expected'],
        }),
        (s) => check(s),
      ),
      { numRuns: propertyRuns(40) },
    );
  });
});
