/**
 * Tornado: on a linear toy the bars rank by slope with exact swings; on the model the result is
 * the same whatever split of the plan evaluates it, and names and ranges are checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assumptionsOf,
  evaluatePoints,
  reduceTornado,
  runSteps,
  ScenarioEvaluator,
  splitBatch,
  tornadoPlan,
  tornadoSteps,
  withPreset,
  type KpiSelector,
} from '../../simulation';
import { propertyRuns } from '../model/helpers';
import { ToyEvaluator } from './toy';

const scenario = withPreset();
const kpi: KpiSelector = { kpi: 'cumulativeNetValueUsd', of: 'difference' };
const ranged = assumptionsOf(scenario).filter((a) => a.plausible[1] > a.plausible[0] && !a.integer);

describe('tornado on a linear toy', () => {
  it('ranks by slope, with swing = |slope| over each plausible range', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(ranged.length - 1), { minLength: 2, maxLength: 8 }),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (picked, slopes) => {
          const factors = picked.map((i, k) => ({ a: ranged[i]!, slope: slopes[k]! }));
          // KPI = sum of slope x (value - scenario's) / plausible width.
          const toy = new ToyEvaluator(scenario, kpi, (v) =>
            factors.reduce(
              (s, f) =>
                s + (f.slope * (v(f.a.name) - f.a.value)) / (f.a.plausible[1] - f.a.plausible[0]),
              0,
            ),
          );
          const r = runSteps(
            tornadoSteps(scenario, { kpi, parameters: factors.map((f) => f.a.name) }),
            toy,
          );
          expect(r.base).toBe(0);
          const bySlope = [...factors]
            .map((f, k) => ({ ...f, k }))
            .sort((x, y) => Math.abs(y.slope) - Math.abs(x.slope) || x.k - y.k);
          r.bars.forEach((bar, i) => {
            expect(bar.rank).toBe(i + 1);
            expect(bar.swing).toBeCloseTo(Math.abs(bySlope[i]!.slope), 9);
          });
          // Equal swings keep catalogue-of-request order; different ones follow the slopes.
          const swings = r.bars.map((b) => b.swing);
          expect([...swings].sort((x, y) => y - x)).toEqual(swings);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('moves each factor alone to its ends (relative range: +-fraction, within the valid range)', () => {
    const toy = new ToyEvaluator(scenario, kpi, (v) => v('baseChurnPerWeek') * 1000);
    const r = runSteps(
      tornadoSteps(scenario, {
        kpi,
        parameters: ['baseChurnPerWeek', 'dataProduct.customer-360.maturity.quality'],
        range: { kind: 'relative', fraction: 0.2 },
      }),
      toy,
    );
    const churn = r.bars.find((b) => b.name === 'baseChurnPerWeek')!;
    expect(churn.low).toBeCloseTo(0.012 * 0.8, 12);
    expect(churn.high).toBeCloseTo(0.012 * 1.2, 12);
    expect(churn.rank).toBe(1);
    const q = r.bars.find((b) => b.name === 'dataProduct.customer-360.maturity.quality')!;
    expect(q.high).toBeCloseTo(0.9, 12); // 0.75 x 1.2
    expect(q.swing).toBe(0);
  });
});

describe('tornado on the model', () => {
  const s = {
    ...scenario,
    simulation: { ...scenario.simulation, weeks: 52, mode: 'expected' as const },
  };
  const params = [
    'baseChurnPerWeek',
    'dataProduct.*.maturity.quality',
    'ownPipelineTemplate.maturity.*',
    'grossMargin',
  ];

  it('gives the same result for any split of the plan', () => {
    const plan = tornadoPlan(s, { kpi, parameters: params });
    const whole = reduceTornado(
      plan,
      evaluatePoints(new ScenarioEvaluator(s, s.simulation), plan.points),
    );
    for (const parts of [2, 3, 7]) {
      // Each part on its own evaluator (as on its own worker), the codegen backend on some.
      const outcomes = splitBatch(plan.points, parts).flatMap((slice, i) =>
        evaluatePoints(
          new ScenarioEvaluator(s, s.simulation, { backend: i % 2 ? 'codegen' : 'interpreter' }),
          slice,
        ),
      );
      expect(reduceTornado(plan, outcomes)).toEqual(whole);
    }
    expect(whole.bars.length).toBe(1 + 4 + 8 + 1);
    expect(whole.bars[0]!.swing).toBeGreaterThan(0);
  });

  it('names what is wrong', () => {
    expect(() => tornadoPlan(s, { kpi, parameters: ['baseChurn'] })).toThrow(
      /unknown parameter 'baseChurn' \(closest parameters: baseChurnPerWeek/,
    );
    expect(() => tornadoPlan(s, { kpi: { kpi: 'nope' as never, of: 'scenario' } })).toThrow(
      /unknown KPI 'nope' \(KPIs: finalActiveUsers, /,
    );
    expect(() =>
      tornadoPlan(s, { kpi, parameters: ['dataProduct.customer-360.startWeek'] }),
    ).toThrow(/no parameter to vary: dataProduct.customer-360.startWeek has a single-value range/);
    const noProducts = { ...s, dataProducts: [], aiConsumers: [] };
    expect(() => tornadoPlan(noProducts, { kpi })).toThrow(/has no data products/);
  });
});
