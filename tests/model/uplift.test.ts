/**
 * Where the uplift comes from, and its limits: revenue above the status quo splits exactly into
 * more users and more revenue per user; lifts saturate at their ceilings however strong the AI;
 * inventory forecasting saves holding and markdown cost as well as lost sales.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  runScenario,
  statusQuo,
  withPreset,
  type Impact,
  type Scenario,
} from '../../simulation';
import { expectedRun, final, series } from './helpers';

const expected = (s: Scenario): Scenario => ({
  ...s,
  simulation: { ...s.simulation, mode: 'expected' },
});

describe('revenue uplift: more users and more revenue per user', () => {
  for (const mode of ['expected', 'stochastic'] as const) {
    it(`the two parts add up to revenue above the status quo (${mode})`, () => {
      const s = withPreset();
      const c = compareWithWithout({ ...s, simulation: { ...s.simulation, mode } });
      const sq = runScenario(statusQuo(c.runs[0]!.scenario), {
        settings: c.runs[0]!.series.settings,
      });
      for (const r of c.runs) {
        const k = r.kpis;
        const above = k.cumulativeRevenueUsd - sq.kpis.cumulativeRevenueUsd;
        expect(k.revenueUpliftFromUsersUsd + k.revenueUpliftFromRevenuePerUserUsd).toBeCloseTo(
          above,
          3,
        );
      }
      // With data products both parts are gains; the status quo against itself has none.
      expect(c.runs[0]!.kpis.revenueUpliftFromUsersUsd).toBeGreaterThan(0);
      expect(c.runs[0]!.kpis.revenueUpliftFromRevenuePerUserUsd).toBeGreaterThan(0);
      expect(sq.kpis.revenueUpliftFromUsersUsd).toBe(0);
      expect(sq.kpis.revenueUpliftFromRevenuePerUserUsd).toBe(0);
    });
  }
});

describe('lifts saturate', () => {
  it('at the top of every valid impact range, no lever passes its ceiling', () => {
    const s = expected(withPreset());
    const top = Object.fromEntries(IMPACT_LEVERS.map((l) => [l, IMPACT_FIELDS[l].max])) as Impact;
    s.aiConsumers = s.aiConsumers.map((c) => ({ ...c, impact: top }));
    s.parameters = { ...s.parameters, heuristicError: 1, irreducibleError: 0 };
    const r = expectedRun(s);
    const p = s.parameters;
    const max = (name: string): number => Math.max(...series(r, name));
    expect(max('sessionsPerUser')).toBeLessThanOrEqual(
      p.sessionsPerUserPerWeek! * (1 + p.maxSessionLift!),
    );
    expect(max('averageOrderValue')).toBeLessThanOrEqual(
      p.averageOrderValueUsd! * (1 + p.maxBasketLift!),
    );
    expect(max('lever.conversion')).toBeLessThanOrEqual(p.maxConversionLift!);
    // The ceilings bind: the uncapped lifts are far above them.
    expect(max('lever.sessions.uncapped')).toBeGreaterThan(2 * p.maxSessionLift!);
  });

  it('small lifts pass nearly unchanged (within 2% of themselves at 10% of the ceiling)', () => {
    const r = expectedRun(expected(withPreset()));
    const raw = series(r, 'lever.conversion.uncapped');
    const capped = series(r, 'lever.conversion');
    for (let k = 0; k < r.points; k++) {
      expect(capped[k]!).toBeLessThanOrEqual(raw[k]!);
      if (raw[k]! > 0 && raw[k]! < 0.05) expect(capped[k]! / raw[k]!).toBeGreaterThan(0.98);
    }
  });
});

describe('inventory forecasting saves holding and markdown cost', () => {
  it('savings appear once forecasting acts, and grow with its effect', () => {
    const s = expected(withPreset());
    const r = expectedRun(s);
    const savings = series(r, 'inventorySavings');
    expect(savings[0]).toBe(0);
    expect(final(r, 'inventorySavings')).toBeGreaterThan(0);
    const stronger = expected(withPreset());
    stronger.aiConsumers = stronger.aiConsumers.map((c) =>
      c.id === 'inventory-forecasting' ? { ...c, impact: { ...c.impact, stockouts: 0.6 } } : c,
    );
    expect(final(expectedRun(stronger), 'inventorySavings')).toBeGreaterThan(
      1.5 * final(r, 'inventorySavings'),
    );
  });

  it('inventory forecasting pays for itself at the defaults (it lost money when valued by lost sales alone)', () => {
    const s = expected(withPreset());
    const without = {
      ...s,
      aiConsumers: s.aiConsumers.filter((c) => c.id !== 'inventory-forecasting'),
    };
    const gain =
      compareWithWithout(s).runs[0]!.kpis.cumulativeNetValueUsd -
      compareWithWithout(without).runs[0]!.kpis.cumulativeNetValueUsd;
    expect(gain).toBeGreaterThan(0);
  });
});
