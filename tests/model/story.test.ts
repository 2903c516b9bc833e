/**
 * The responses that make the story true without being forced (PRODUCT.md, issue 2):
 * - under the defaults, `with` beats `without` on cumulative net value, final users and AI
 *   performance (and trust, data quality, incidents);
 * - the with-minus-without gap in cumulative net value shrinks steadily as every product's
 *   maturity is scaled down from its value to 0 (11-point grid), for `with` and `mesh`.
 * Nothing here is tuned: the defaults are the registry's and the presets'.
 */
import { describe, expect, it } from 'vitest';
import {
  ANATOMY_PARTS,
  compareWithWithout,
  PRESETS,
  type Maturity,
  type Scenario,
} from '../../simulation';

function expected(s: Scenario): Scenario {
  return { ...s, simulation: { ...s.simulation, mode: 'expected' } };
}

function scaleMaturity(s: Scenario, factor: number): Scenario {
  return {
    ...s,
    dataProducts: s.dataProducts.map((dp) => ({
      ...dp,
      maturity: Object.fromEntries(
        ANATOMY_PARTS.map((p) => [p, dp.maturity[p] * factor]),
      ) as Maturity,
    })),
  };
}

describe('with beats without under the defaults', () => {
  for (const name of ['with', 'mesh'] as const) {
    it(`${name}, expected-value mode`, () => {
      const c = compareWithWithout(expected(PRESETS[name]()));
      const [w, wo] = c.runs.map((r) => r.kpis);
      expect(w!.cumulativeNetValueUsd).toBeGreaterThan(wo!.cumulativeNetValueUsd);
      expect(w!.finalActiveUsers).toBeGreaterThan(wo!.finalActiveUsers);
      expect(w!.finalAiPerformance).toBeGreaterThan(wo!.finalAiPerformance);
      expect(w!.finalTrust).toBeGreaterThan(wo!.finalTrust);
      expect(w!.finalDataQuality).toBeGreaterThan(wo!.finalDataQuality);
      expect(w!.finalExperienceIndex).toBeGreaterThan(wo!.finalExperienceIndex);
      expect(w!.totalIncidents).toBeLessThan(wo!.totalIncidents);
      // With products the loop pays back against the status quo; without, it does not.
      expect(w!.paybackWeek).not.toBeNull();
      expect(wo!.paybackWeek).toBeNull();
      expect(c.differences!.overtakeWeek).not.toBeNull();
    });
  }

  it('with, stochastic mode, seeds 1 to 8', () => {
    for (let seed = 1; seed <= 8; seed++) {
      const s = PRESETS.with();
      const c = compareWithWithout({ ...s, simulation: { ...s.simulation, seed } });
      const [w, wo] = c.runs.map((r) => r.kpis);
      expect(w!.cumulativeNetValueUsd, `seed ${seed}`).toBeGreaterThan(wo!.cumulativeNetValueUsd);
      expect(w!.finalActiveUsers, `seed ${seed}`).toBeGreaterThan(wo!.finalActiveUsers);
      expect(w!.finalAiPerformance, `seed ${seed}`).toBeGreaterThan(wo!.finalAiPerformance);
    }
  });
});

describe('the gap shrinks steadily as product maturity falls', () => {
  const factors = Array.from({ length: 11 }, (_, i) => 1 - i / 10);
  for (const name of ['with', 'mesh'] as const) {
    it(`${name}: maturity x 1.0, 0.9, ... 0`, () => {
      const base = expected(PRESETS[name]());
      const gaps = factors.map((f) => compareWithWithout(scaleMaturity(base, f)).differences!);
      for (let i = 1; i < gaps.length; i++) {
        const at = `maturity x ${factors[i]!.toFixed(1)}`;
        // Strictly: every step down in maturity costs net value against `without`.
        expect(gaps[i]!.cumulativeNetValueUsd!, at).toBeLessThan(
          gaps[i - 1]!.cumulativeNetValueUsd!,
        );
        expect(gaps[i]!.finalActiveUsers!, at).toBeLessThan(gaps[i - 1]!.finalActiveUsers!);
        // AI performance bottoms out at 0 once the products are too poor to learn from.
        expect(gaps[i]!.finalAiPerformance!, at).toBeLessThanOrEqual(
          gaps[i - 1]!.finalAiPerformance!,
        );
      }
      // At full maturity the products win; at zero they lose (extreme-conditions test too).
      expect(gaps[0]!.cumulativeNetValueUsd!).toBeGreaterThan(0);
      expect(gaps[gaps.length - 1]!.cumulativeNetValueUsd!).toBeLessThan(0);
    });
  }
});
