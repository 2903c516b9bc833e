/**
 * Behaviour reproduction (Sterman ch. 21, test 7): with the AI loop switched off (no consumers,
 * with or without data products) the users must follow plain Bass diffusion with churn and
 * win-back. Checked against an independent implementation of that difference equation, and, with
 * churn and win-back at 0, against the analytic Bass solution.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PARAMETER_BY_NAME, statusQuo, withPreset, type Scenario } from '../../simulation';
import { inRange } from '../scenario/arbitraries';
import { expectedRun, propertyRuns, series } from './helpers';

interface MarketParameters {
  readonly marketSize: number;
  readonly initialActiveUsers: number;
  readonly bassInnovationPerYear: number;
  readonly bassImitationPerYear: number;
  readonly baseChurnPerWeek: number;
  readonly winBackPerWeek: number;
  readonly acquisitionPerWeek: number;
}

/**
 * Bass diffusion with churn and win-back from an equilibrium start, written from its definition
 * (not from the model code):
 *   L(0) = min(N - A(0), c A(0) / w) (0 when w = 0),   P(0) = N - A(0) - L(0),
 *   adoption = (p/52 + a + q/52 x A/N) x P    churn = c x A    win-back = w x L   (per week)
 * with a the business's own acquisition as stated (acquisitionPerWeek), each flow limited to what
 * its source stock holds in one step, advanced by Euler steps of dt weeks. With churn and a at 0,
 * L(0) is 0: plain Bass.
 */
function bassWithChurn(
  m: MarketParameters,
  dt: number,
  steps: number,
): { potential: number[]; active: number[]; lapsed: number[] } {
  const n = m.marketSize;
  const p = m.bassInnovationPerYear / 52;
  const q = m.bassImitationPerYear / 52;
  const c = m.baseChurnPerWeek;
  let active = Math.min(m.initialActiveUsers, n);
  let lapsed = m.winBackPerWeek > 0 ? Math.min(n - active, (c * active) / m.winBackPerWeek) : 0;
  let potential = Math.max(0, n - active - lapsed);
  const acquisition = m.acquisitionPerWeek;
  const out = { potential: [potential], active: [active], lapsed: [lapsed] };
  for (let k = 0; k < steps; k++) {
    const hazard = p + acquisition + (n > 0 ? (q * active) / n : 0);
    const adoption = Math.min(potential / dt, hazard * potential);
    const churn = Math.min(active / dt, m.baseChurnPerWeek * active);
    const winBack = Math.min(lapsed / dt, m.winBackPerWeek * lapsed);
    potential += dt * (winBack - adoption);
    active += dt * (adoption - churn);
    lapsed += dt * (churn - winBack);
    out.potential.push(potential);
    out.active.push(active);
    out.lapsed.push(lapsed);
  }
  return out;
}

/**
 * The analytic Bass curve: dF/dt = (p + qF)(1 - F), F(0) = F0, t in years:
 * F(t) = (1 - K e^{-(p+q)t}) / (1 + (q/p) K e^{-(p+q)t}) with K = (1 - F0) / (1 + (q/p) F0).
 */
function bassFraction(p: number, q: number, f0: number, years: number): number {
  const k = (1 - f0) / (1 + (q / p) * f0);
  const e = Math.exp(-(p + q) * years);
  return (1 - k * e) / (1 + (q / p) * k * e);
}

function withMarket(s: Scenario, m: Partial<MarketParameters>): Scenario {
  return { ...s, parameters: { ...s.parameters, ...m } };
}

/** The AI loop switched off two ways: the status quo, and products that no consumer reads. */
const loopOff: readonly [string, (m: Partial<MarketParameters>) => Scenario][] = [
  ['status quo', (m) => withMarket(statusQuo(withPreset()), m)],
  ['products without consumers', (m) => withMarket({ ...withPreset(), aiConsumers: [] }, m)],
];

const relErr = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1);

describe('with the AI loop off, users follow Bass diffusion with churn and win-back', () => {
  for (const [name, make] of loopOff) {
    it(`${name}: defaults, weekly and eighth-week steps`, () => {
      for (const stepWeeks of [1, 0.125]) {
        const s = make({});
        const r = expectedRun(s, { stepWeeks, weeks: 260 });
        const ref = bassWithChurn(
          s.parameters as unknown as MarketParameters,
          stepWeeks,
          r.points - 1,
        );
        const [pot, act, lap] = ['potentialUsers', 'activeUsers', 'lapsedUsers'].map((m) =>
          series(r, m),
        );
        for (let k = 0; k < r.points; k++) {
          expect(relErr(pot![k]!, ref.potential[k]!), `potential at ${r.time[k]}`).toBeLessThan(
            1e-12,
          );
          expect(relErr(act![k]!, ref.active[k]!), `active at ${r.time[k]}`).toBeLessThan(1e-12);
          expect(relErr(lap![k]!, ref.lapsed[k]!), `lapsed at ${r.time[k]}`).toBeLessThan(1e-12);
        }
      }
    });
  }

  it('for any market parameters in their valid ranges', () => {
    const spec = (n: keyof MarketParameters) => PARAMETER_BY_NAME.get(n)!;
    const market = fc
      .record({
        marketSize: inRange(spec('marketSize')),
        activeShare: fc.double({ min: 0, max: 1, noNaN: true }),
        bassInnovationPerYear: inRange(spec('bassInnovationPerYear')),
        bassImitationPerYear: inRange(spec('bassImitationPerYear')),
        baseChurnPerWeek: inRange(spec('baseChurnPerWeek')),
        winBackPerWeek: inRange(spec('winBackPerWeek')),
        acquisitionPerWeek: fc.double({ min: 0, max: 0.01, noNaN: true }),
        stepWeeks: fc.constantFrom(0.125, 0.25, 0.5, 1, 2),
      })
      .map(({ activeShare, stepWeeks, ...m }) => ({
        m: { ...m, initialActiveUsers: Math.floor(m.marketSize * activeShare) },
        stepWeeks,
      }));
    fc.assert(
      fc.property(market, ({ m, stepWeeks }) => {
        const s = withMarket(statusQuo(withPreset()), m);
        const r = expectedRun(s, { stepWeeks, weeks: 104 });
        const ref = bassWithChurn(m, stepWeeks, r.points - 1);
        const act = series(r, 'activeUsers');
        const lap = series(r, 'lapsedUsers');
        for (let k = 0; k < r.points; k++) {
          expect(Math.abs(act[k]! - ref.active[k]!)).toBeLessThanOrEqual(
            1e-9 * Math.max(m.marketSize, 1),
          );
          expect(Math.abs(lap[k]! - ref.lapsed[k]!)).toBeLessThanOrEqual(
            1e-9 * Math.max(m.marketSize, 1),
          );
        }
      }),
      { numRuns: propertyRuns(60) },
    );
  });
});

describe('with churn and win-back at 0 and a small step, users follow the analytic Bass curve', () => {
  // Ten years covers the whole S-curve. Euler is first order: the error halves with the step.
  // Tolerance: 1e-3 of the market at 1/8-week steps (measured 1.7e-4 to 5.7e-4 for these cases).
  const cases = [
    { p: 0.03, q: 0.38, initial: 0, why: 'Sultan, Farley & Lehmann means, a new business' },
    { p: 0.03, q: 0.38, initial: 1_000_000, why: 'the default business (10% active at start)' },
    { p: 0.014, q: 0.71, initial: 0, why: 'internet services (Wong et al. 2011)' },
  ];
  for (const c of cases) {
    it(`p=${c.p}, q=${c.q}, ${c.why}`, () => {
      const maxError = (stepWeeks: number): number => {
        const s = withMarket(statusQuo(withPreset()), {
          bassInnovationPerYear: c.p,
          bassImitationPerYear: c.q,
          baseChurnPerWeek: 0,
          winBackPerWeek: 0,
          acquisitionPerWeek: 0,
          initialActiveUsers: c.initial,
        });
        const r = expectedRun(s, { stepWeeks, weeks: 520 });
        const n = s.parameters.marketSize!;
        const active = series(r, 'activeUsers');
        let worst = 0;
        for (let k = 0; k < r.points; k++) {
          const f = bassFraction(c.p, c.q, c.initial / n, r.time[k]! / 52);
          worst = Math.max(worst, Math.abs(active[k]! / n - f));
        }
        return worst;
      };
      const fine = maxError(0.125);
      const coarse = maxError(0.25);
      expect(fine).toBeLessThan(1e-3);
      // First-order convergence: halving the step halves the error.
      expect(coarse / fine).toBeGreaterThan(1.8);
      expect(coarse / fine).toBeLessThan(2.2);
    });
  }

  it('the analytic solution itself: F(0) = F0, F rises to 1, dF/dt = (p + qF)(1 - F)', () => {
    expect(bassFraction(0.03, 0.38, 0.1, 0)).toBeCloseTo(0.1, 12);
    expect(bassFraction(0.03, 0.38, 0, 100)).toBeCloseTo(1, 12);
    const h = 1e-6;
    for (const t of [0.5, 2, 5]) {
      const f = bassFraction(0.03, 0.38, 0, t);
      const slope =
        (bassFraction(0.03, 0.38, 0, t + h) - bassFraction(0.03, 0.38, 0, t - h)) / (2 * h);
      expect(slope).toBeCloseTo((0.03 + 0.38 * f) * (1 - f), 6);
    }
  });
});
