/**
 * Extreme-conditions tests (Sterman, Business Dynamics ch. 21; Vensim "Reality Check"): force an
 * input to an extreme, run, and check the consequence a sound model must show.
 * THE CONDITION ... IMPLIES ... in each test's name.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  maturityOf,
  statusQuo,
  withoutDataProducts,
  withoutPreset,
  withPreset,
  type Scenario,
  type SimulationSettings,
} from '../../simulation';
import { expectedRun, final, invariantViolations, run, series } from './helpers';

const MODES: readonly SimulationSettings['mode'][] = ['expected', 'stochastic'];
const presets: readonly [string, () => Scenario][] = [
  ['with', withPreset],
  ['without', withoutPreset],
];

function withParameters(s: Scenario, parameters: Record<string, number>): Scenario {
  return { ...s, parameters: { ...s.parameters, ...parameters } };
}

const allZero = (a: Float64Array): boolean => a.every((v) => v === 0);

describe('no market implies no users, no data and no revenue', () => {
  for (const [name, preset] of presets) {
    for (const mode of MODES) {
      it(`${name}, ${mode}`, () => {
        const s = withParameters(preset(), { marketSize: 0, initialActiveUsers: 0 });
        const r = run(s, { mode, seed: 7 });
        expect(invariantViolations(r)).toEqual([]);
        for (const m of [
          'activeUsers',
          'potentialUsers',
          'lapsedUsers',
          'adoption',
          'sessions',
          'orders',
        ]) {
          expect(allZero(series(r, m)), m).toBe(true);
        }
        for (const m of [
          'eventsRecorded',
          'freshEvents',
          'totalEvents',
          'revenue',
          'cumulativeRevenue',
        ]) {
          expect(allZero(series(r, m)), m).toBe(true);
        }
        // With no data the AI learns nothing: error stays at its cap and performance at 0.
        expect(allZero(series(r, 'meanAiPerformance'))).toBe(true);
        // Spending still happens, so net value is the negative of spending.
        expect(final(r, 'cumulativeNetValue')).toBeCloseTo(-final(r, 'cumulativeSpending'), 6);
        // A source with no data delivers no quality, and the trust it earns falls away to 0.
        expect(allZero(series(r, 'meanSourceQuality'))).toBe(true);
        const qualities = r.model.variables.filter(
          (x) => x.kind === 'auxiliary' && /\.quality$/.test(x.name) && !/aturity\./.test(x.name),
        );
        for (const v of qualities) expect(allZero(series(r, v.name)), v.name).toBe(true);
        if (s.dataProducts.length > 0 || s.aiConsumers.some((c) => c.ownPipelines > 0))
          expect(final(r, 'meanSourceTrust')).toBeLessThan(1e-4);
      });
    }
  }
});

describe('all anatomy maturities at zero implies the products give no advantage', () => {
  const zeroMaturity = (s: Scenario): Scenario => ({
    ...s,
    dataProducts: s.dataProducts.map((dp) => ({ ...dp, maturity: maturityOf(0) })),
  });

  it('with products at maturity 0 does not beat the same business without products', () => {
    const base = {
      ...withPreset(),
      simulation: { ...withPreset().simulation, mode: 'expected' as const },
    };
    const [withAtZero, without] = compareWithWithout(zeroMaturity(base)).runs;
    expect(without!.name).toBe(withoutDataProducts(base).name);
    expect(withAtZero!.kpis.cumulativeNetValueUsd).toBeLessThanOrEqual(
      without!.kpis.cumulativeNetValueUsd,
    );
    expect(withAtZero!.kpis.finalActiveUsers).toBeLessThanOrEqual(without!.kpis.finalActiveUsers);
    expect(withAtZero!.kpis.finalAiPerformance).toBeLessThanOrEqual(
      without!.kpis.finalAiPerformance,
    );
    expect(withAtZero!.kpis.finalTrust).toBeLessThanOrEqual(without!.kpis.finalTrust);
  });

  it('and they do not pay for themselves: below the status quo, AI performance decays to 0', () => {
    // Coverage 0.2, refresh lag 3 weeks, no owners repairing erosion: the AI's brief early gain
    // fades as quality erodes, and the build, platform, incident and compliance costs remain.
    const s = zeroMaturity({
      ...withPreset(),
      simulation: { ...withPreset().simulation, mode: 'expected' },
    });
    const r = expectedRun(s);
    const sq = expectedRun(statusQuo(s));
    expect(final(r, 'meanAiPerformance')).toBe(0);
    expect(final(r, 'cumulativeNetValue')).toBeLessThan(final(sq, 'cumulativeNetValue'));
    expect(final(r, 'activeUsers')).toBeLessThan(final(sq, 'activeUsers') * 1.001);
  });
});

describe('100% churn implies active users drain', () => {
  for (const [name, preset] of presets) {
    it(`${name}: with no adoption, nobody is active after the first week`, () => {
      const s = withParameters(preset(), {
        baseChurnPerWeek: 1,
        bassInnovationPerYear: 0,
        bassImitationPerYear: 0,
        acquisitionPerWeek: 0,
      });
      const r = expectedRun(s);
      const active = series(r, 'activeUsers');
      expect(active[0]).toBe(s.parameters.initialActiveUsers);
      expect(allZero(active.subarray(1))).toBe(true);
      // Nobody vanishes: they lapsed (and some returned to the potential market).
      expect(invariantViolations(r)).toEqual([]);
    });
  }

  it('with adoption, the active base is only the last week of adopters', () => {
    const s = withParameters(withPreset(), { baseChurnPerWeek: 1 });
    const r = expectedRun(s);
    const active = series(r, 'activeUsers');
    const adoption = series(r, 'adoption');
    const churnRate = series(r, 'churnRate');
    for (let k = 1; k < r.points; k++) {
      // a(k) = a(k-1) + adoption - churnRate x a(k-1): the survivors are the AI's churn reduction only.
      const expected = active[k - 1]! * (1 - churnRate[k - 1]!) + adoption[k - 1]!;
      expect(active[k]).toBeCloseTo(expected, 6);
    }
    expect(final(r, 'activeUsers')).toBeLessThan(0.01 * s.parameters.initialActiveUsers!);
  });

  it('at half-week steps the drain is geometric and reaches nothing', () => {
    const s = withParameters(withPreset(), {
      baseChurnPerWeek: 1,
      bassInnovationPerYear: 0,
      bassImitationPerYear: 0,
      acquisitionPerWeek: 0,
    });
    const r = expectedRun(statusQuo(s), { stepWeeks: 0.5 });
    const active = series(r, 'activeUsers');
    for (let k = 1; k < r.points; k++) expect(active[k]).toBe(active[k - 1]! / 2);
    expect(final(r, 'activeUsers')).toBeLessThan(1e-80);
  });
});

describe('AI performance 0 implies the baseline experience', () => {
  // A learning curve that never beats the rule-based experience: error capped at 100%.
  const noLearning = {
    reducibleErrorAtReference: 1,
    referenceEffectiveEvents: 1e13,
    learningCurveExponent: -1,
  };
  for (const [name, preset] of presets) {
    it(`${name}: conversion, basket, churn, sessions and search stay at their baselines`, () => {
      const s = withParameters(preset(), noLearning);
      const r = expectedRun(s);
      const p = s.parameters;
      expect(allZero(series(r, 'meanAiPerformance'))).toBe(true);
      expect(series(r, 'conversionRate').every((v) => v === p.baseConversion)).toBe(true);
      expect(series(r, 'averageOrderValue').every((v) => v === p.averageOrderValueUsd)).toBe(true);
      expect(series(r, 'churnRate').every((v) => v === p.baseChurnPerWeek)).toBe(true);
      expect(series(r, 'sessionsPerUser').every((v) => v === p.sessionsPerUserPerWeek)).toBe(true);
      expect(series(r, 'searchSuccess').every((v) => v === p.baseSearchSuccess)).toBe(true);
      expect(series(r, 'stockoutRate').every((v) => v === p.baseStockoutRate)).toBe(true);
      expect(series(r, 'experienceIndex').every((v) => v === 1)).toBe(true);
      // So users and revenue are the status quo's, to the bit; only the spending differs.
      const sq = expectedRun(statusQuo(s));
      expect(series(r, 'activeUsers')).toEqual(series(sq, 'activeUsers'));
      expect(series(r, 'revenue')).toEqual(series(sq, 'revenue'));
      expect(final(r, 'cumulativeNetValue')).toBeLessThan(final(sq, 'cumulativeNetValue'));
    });
  }
});

describe('other reality checks', () => {
  it('no sessions implies no orders, no events and no revenue, while users still adopt and churn', () => {
    const r = expectedRun(withParameters(withPreset(), { sessionsPerUserPerWeek: 0 }));
    for (const m of ['sessions', 'searches', 'orders', 'eventsRecorded', 'revenue'])
      expect(allZero(series(r, m)), m).toBe(true);
    expect(final(r, 'activeUsers')).toBeGreaterThan(0);
    expect(final(r, 'lapsedUsers')).toBeGreaterThan(0);
  });

  it('no AI consumers implies no AI effect and no AI cost', () => {
    const s = { ...withPreset(), aiConsumers: [] };
    const r = expectedRun(s);
    for (const m of [
      'meanAiPerformance',
      'meanAiImpact',
      'aiCost',
      'lever.conversion',
      'lever.churn',
    ]) {
      expect(allZero(series(r, m)), m).toBe(true);
    }
    expect(series(r, 'activeUsers')).toEqual(series(expectedRun(statusQuo(s)), 'activeUsers'));
  });

  it('no data products and no AI (status quo) implies no data or AI spending', () => {
    const r = expectedRun(statusQuo(withPreset()));
    for (const m of ['dataCost', 'aiCost', 'cumulativeSpending', 'incidentsPerWeek'])
      expect(allZero(series(r, m)), m).toBe(true);
    const g = series(r, 'grossProfit');
    expect(series(r, 'netValue')).toEqual(g);
  });

  it('work that starts after the horizon implies no deployment and no build spending', () => {
    const s = withPreset();
    const late: Scenario = {
      ...s,
      dataProducts: s.dataProducts.map((dp) => ({ ...dp, startWeek: 400 })),
      aiConsumers: s.aiConsumers.map((c) => ({ ...c, startWeek: 400 })),
    };
    const r = expectedRun(late);
    expect(allZero(series(r, 'aiCost'))).toBe(true);
    expect(allZero(series(r, 'meanAiPerformance'))).toBe(true);
    expect(series(r, 'activeUsers')).toEqual(series(expectedRun(statusQuo(late)), 'activeUsers'));
  });

  it('a market already fully active implies no adoption', () => {
    const r = expectedRun(withParameters(withPreset(), { initialActiveUsers: 10_000_000 }));
    expect(series(r, 'adoption')[0]).toBe(0);
    expect(invariantViolations(r)).toEqual([]);
  });

  it('instant data ageing (half-life at its minimum) still leaves fresh events non-negative', () => {
    for (const stepWeeks of [0.125, 1, 2]) {
      const r = expectedRun(withParameters(withPreset(), { dataHalfLifeWeeks: 1 }), { stepWeeks });
      expect(invariantViolations(r), `step ${stepWeeks}`).toEqual([]);
    }
  });
});
