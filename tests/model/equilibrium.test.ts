/**
 * The status quo holds still (Sterman ch. 21: a model at rest stays at rest; MODEL-ANCHORS.md
 * "Equilibrium"): with no data products and no AI, an established business keeps its customers,
 * so the users and data a run gains are caused by something in it, not by a drift that every run
 * shares. The lapsed pool starts where churn and win-back balance and the business's own
 * acquisition replaces the customers it loses (docs/MODEL.md section 3.1).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PARAMETER_BY_NAME,
  compareWithWithout,
  PRESETS,
  statusQuo,
  steadyAcquisitionPerWeek,
  withPreset,
  type PresetName,
  type Scenario,
} from '../../simulation';
import { inRange } from '../scenario/arbitraries';
import { expectedRun, propertyRuns, run, series } from './helpers';

const drift = (
  s: Scenario,
  weeks: number,
  mode: 'expected' | 'stochastic' = 'expected',
): number => {
  const r = mode === 'expected' ? expectedRun(s, { weeks }) : run(s, { weeks, mode, seed: 3 });
  const a = series(r, 'activeUsers');
  return Math.abs(a[a.length - 1]! / a[0]! - 1);
};

/**
 * The adoption rate (per week, of the potential users) that the market's rest needs: the churn it
 * replaces over the potential pool, both as the model starts them. A week's adoption cannot take
 * more than the whole pool (the adoption flow is capped there), so a rest that needs more than 1 a
 * week cannot hold: the market is not an established one.
 */
const restAdoptionRate = (s: Scenario): number => {
  const r = expectedRun(s, { weeks: 1 });
  const active = series(r, 'startingActiveUsers')[0]!;
  return (s.parameters.baseChurnPerWeek! * active) / series(r, 'startingPotentialUsers')[0]!;
};

const expectedOf = (s: Scenario): Scenario => ({
  ...s,
  simulation: { ...s.simulation, mode: 'expected' },
});

describe('the status quo holds still', () => {
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    it(`${name}: active users within 2% of the start over 3 and 10 years (exactly, in fact)`, () => {
      const sq = statusQuo(PRESETS[name]());
      expect(drift(sq, 156)).toBeLessThan(0.02);
      expect(drift(sq, 520)).toBeLessThan(1e-9);
      const r = expectedRun(sq, { weeks: 156 });
      for (const m of ['potentialUsers', 'lapsedUsers', 'freshEvents', 'revenue']) {
        const v = series(r, m);
        expect(Math.abs(v[v.length - 1]! - v[0]!), m).toBeLessThanOrEqual(1e-9 * Math.abs(v[0]!));
      }
    });
  }

  it('with demand noise, the status quo only wanders (no trend): within 2% after 3 years', () => {
    expect(drift(statusQuo(withPreset()), 156, 'stochastic')).toBeLessThan(0.02);
  });

  it('for any established market, at the acquisition its figures imply: churn, win-back, Bass p and q, size', () => {
    const spec = (n: string) => PARAMETER_BY_NAME.get(n)!;
    const market = fc.record({
      marketSize: fc.integer({ min: 1000, max: 100_000_000 }),
      activeShare: fc.double({ min: 0.01, max: 0.3, noNaN: true }),
      bassInnovationPerYear: inRange(spec('bassInnovationPerYear')),
      bassImitationPerYear: inRange(spec('bassImitationPerYear')),
      baseChurnPerWeek: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
      winBackPerWeek: fc.double({ min: 0.005, max: 0.1, noNaN: true }),
    });
    fc.assert(
      fc.property(market, ({ activeShare, ...m }) => {
        const s = statusQuo(withPreset());
        s.parameters = {
          ...s.parameters,
          ...m,
          initialActiveUsers: Math.floor(m.marketSize * activeShare),
        };
        s.parameters.acquisitionPerWeek = steadyAcquisitionPerWeek(s.parameters);
        // Bass adoption alone outgrowing churn (a young business) is the one case that grows; a
        // rest that needs more adoption a week than the potential pool holds is none.
        if (s.parameters.acquisitionPerWeek > 0 && restAdoptionRate(s) <= 1)
          expect(drift(s, 156)).toBeLessThan(1e-6);
      }),
      { numRuns: propertyRuns(60) },
    );
  });

  it('a market whose rest needs more adoption a week than its potential pool holds cannot rest', () => {
    // Found by the property above (before it left such markets out): most of the market lapsed,
    // a potential pool of 3.5% of it, and the churn to replace is 1.3 pools a week.
    const s = statusQuo(withPreset());
    s.parameters = {
      ...s.parameters,
      marketSize: 4317826,
      initialActiveUsers: 1154630,
      bassInnovationPerYear: 0,
      bassImitationPerYear: 2.8709710836410522,
      baseChurnPerWeek: 0.0462813264131546,
      winBackPerWeek: 0.01711256206035614,
    };
    s.parameters.acquisitionPerWeek = steadyAcquisitionPerWeek(s.parameters);
    expect(restAdoptionRate(s)).toBeGreaterThan(1);
    // The adoption flow is capped at the pool: the customers lost are not all replaced.
    expect(drift(s, 156)).toBeGreaterThan(1e-3);
  });

  it('a stated trend: churn above what the acquisition replaces declines, the same in every run', () => {
    const s = expectedOf(withPreset());
    s.parameters = { ...s.parameters, baseChurnPerWeek: 0.018 };
    const c = compareWithWithout(s);
    const sq = expectedRun(statusQuo(s));
    const a = series(sq, 'activeUsers');
    expect(a[a.length - 1]! / a[0]!).toBeLessThan(0.8);
    // Both runs start from the same decline: their week-0 flows are the status quo's.
    for (const r of c.runs) expect(series(r.series, 'activeUsers')[1]).toBeCloseTo(a[1]!, 6);
  });

  it('a young business (Bass adoption outgrowing churn) still grows: no acquisition is added', () => {
    const s = statusQuo(withPreset());
    s.parameters = { ...s.parameters, marketSize: 10_000_000, initialActiveUsers: 10_000 };
    expect(steadyAcquisitionPerWeek(s.parameters)).toBe(0);
    s.parameters.acquisitionPerWeek = 0;
    const r = expectedRun(s);
    const a = series(r, 'activeUsers');
    expect(a[a.length - 1]!).toBeGreaterThan(2 * a[0]!);
  });
});
