/**
 * The cheapest combination: on a toy with a known answer it finds it, reports unreachable
 * targets with the closest point, and gives the same result for any split of its batches.
 */
import { describe, expect, it } from 'vitest';
import {
  cheapestSteps,
  evaluatePoints,
  runSteps,
  runStepsAsync,
  ScenarioEvaluator,
  splitBatch,
  withPreset,
  type KpiSelector,
} from '../../simulation';
import { ToyEvaluator } from './toy';

const scenario = withPreset();
const netGap: KpiSelector = { kpi: 'cumulativeNetValueUsd', of: 'difference' };
const a = 'dataProduct.customer-360.maturity.quality'; // 0.75 in the preset
const b = 'ownPipelineTemplate.maturity.quality'; // 0.2

describe('cheapest combination', () => {
  // KPI = 4 (qa - 0.75) + (0.2 - qb): raising qa is four times as effective as lowering qb.
  const toy = () => new ToyEvaluator(scenario, netGap, (v) => 4 * (v(a) - 0.75) + (0.2 - v(b)));
  const parameters = [
    { parameter: a, from: 0, to: 1 },
    { parameter: b, from: 0, to: 1 },
  ];

  it('finds the smallest change that reaches the target', () => {
    const r = runSteps(cheapestSteps(scenario, { kpi: netGap, target: 0.8, parameters }), toy());
    expect(r.reached).toBe(true);
    expect(r.current.meetsTarget).toBe(false);
    expect(r.best!.meetsTarget).toBe(true);
    expect(r.best!.kpi!).toBeGreaterThanOrEqual(0.8);
    // The cheapest: qa = 0.95, qb unchanged (change 0.2); reaching by qb alone is impossible.
    expect(r.best!.values[0]).toBeCloseTo(0.95, 2);
    expect(r.best!.values[1]).toBeCloseTo(0.2, 2);
    expect(r.best!.change).toBeLessThan(0.21);
  });

  it('reports an unreachable target with the closest combination', () => {
    const r = runSteps(cheapestSteps(scenario, { kpi: netGap, target: 5, parameters }), toy());
    expect(r.reached).toBe(false);
    expect(r.best).toBeNull();
    expect(r.closest!.values[0]).toBeCloseTo(1, 2);
    expect(r.closest!.values[1]).toBeCloseTo(0, 2);
  });

  it('refuses more than three factors and overlapping ones', () => {
    const p = (parameter: string) => ({ parameter });
    expect(() =>
      runSteps(
        cheapestSteps(scenario, {
          kpi: netGap,
          target: 0,
          parameters: ['baseChurnPerWeek', 'grossMargin', 'baseConversion', 'winBackPerWeek'].map(
            p,
          ),
        }),
        toy(),
      ),
    ).toThrow(/one to 3 parameters/);
    expect(() =>
      runSteps(
        cheapestSteps(scenario, {
          kpi: netGap,
          target: 0,
          parameters: [p(a), p('dataProduct.*.maturity.quality')],
        }),
        toy(),
      ),
    ).toThrow(/overlap/);
  });

  it('is the same for any split of its batches, on the model', async () => {
    const s = {
      ...scenario,
      simulation: { ...scenario.simulation, weeks: 52, mode: 'expected' as const },
    };
    const spec = {
      kpi: { kpi: 'paybackWeek', of: 'scenario' } as KpiSelector,
      target: 40,
      parameters: [
        { parameter: 'dataProduct.*.maturity.quality' },
        { parameter: 'baseConversion' },
      ],
      iterations: 6,
    };
    const one = runSteps(cheapestSteps(s, spec), new ScenarioEvaluator(s, s.simulation));
    const evaluators = [0, 1, 2].map(
      (i) =>
        new ScenarioEvaluator(s, s.simulation, { backend: i === 1 ? 'codegen' : 'interpreter' }),
    );
    const split = await runStepsAsync(cheapestSteps(s, spec), async (points) =>
      splitBatch(points, 3).flatMap((slice, i) => evaluatePoints(evaluators[i]!, slice)),
    );
    expect(split).toEqual(one);
    expect(one.evaluations).toBeGreaterThan(10);
  });
});
