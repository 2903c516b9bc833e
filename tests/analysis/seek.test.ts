/**
 * Goal seek and one-parameter sweeps: on monotone toys the answer lands within tolerance of the
 * exact root on the side that meets the target; unreachable targets say so with the closest
 * value; on the model the rerun of the answer meets the target, and the sweep's crossing is the
 * seek's answer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AnalysisError,
  compareWithWithout,
  runSteps,
  runStepsAsync,
  ScenarioEvaluator,
  seekSteps,
  splitBatch,
  sweepSteps,
  withAssumption,
  withPreset,
  evaluatePoints,
  type KpiSelector,
} from '../../simulation';
import { propertyRuns } from '../model/helpers';
import { ToyEvaluator } from './toy';

const scenario = withPreset();
const netGap: KpiSelector = { kpi: 'cumulativeNetValueUsd', of: 'difference' };

describe('goal seek on toys', () => {
  it('lands within tolerance of the root of a monotone KPI, on the side that meets the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.02, max: 0.98, noNaN: true }),
        fc.double({ min: 0.1, max: 50, noNaN: true }),
        fc.boolean(),
        (root, slope, rising) => {
          // KPI = slope (x - root) (rising) or slope (root - x), x = own-pipeline quality in 0..1.
          const sign = rising ? 1 : -1;
          const toy = new ToyEvaluator(
            scenario,
            netGap,
            (v) => sign * slope * (v('ownPipelineTemplate.maturity.quality') - root) ** 3,
          );
          const target = 0;
          const r = runSteps(
            seekSteps(scenario, {
              parameter: 'ownPipelineTemplate.maturity.quality',
              from: 0,
              to: 1,
              kpi: netGap,
              target,
            }),
            toy,
          );
          expect(r.reached).toBe(true);
          expect(Math.abs(r.answer!.value - root)).toBeLessThanOrEqual(2 * r.tolerance + 1e-12);
          expect(r.answer!.kpi!).toBeGreaterThanOrEqual(target); // more is better for net value
          expect(r.otherSide!.kpi!).toBeLessThan(target);
          expect(r.evaluations).toBeLessThan(26 + 60);
        },
      ),
      { numRuns: propertyRuns(100) },
    );
  });

  it('reaches a week KPI at or below the target, never-reached weeks counting as latest', () => {
    // Payback week falls as quality rises; never (null) below 0.3.
    const payback: KpiSelector = { kpi: 'paybackWeek', of: 'scenario' };
    const toy = new ToyEvaluator(scenario, payback, (v) => {
      const q = v('ownPipelineTemplate.maturity.quality');
      return q < 0.3 ? null : Math.round(200 - 150 * q);
    });
    const r = runSteps(
      seekSteps(scenario, {
        parameter: 'ownPipelineTemplate.maturity.quality',
        from: 0,
        to: 1,
        kpi: payback,
        target: 100,
      }),
      toy,
    );
    expect(r.direction).toBe('lower');
    expect(r.reached).toBe(true);
    expect(r.answer!.kpi).toBeLessThanOrEqual(100);
    expect(r.answer!.value).toBeGreaterThan(0.66);
    expect(r.answer!.value).toBeLessThan(0.67);
    const never = runSteps(
      seekSteps(scenario, {
        parameter: 'ownPipelineTemplate.maturity.quality',
        from: 0,
        to: 1,
        kpi: payback,
        target: 20,
      }),
      toy,
    );
    expect(never.reached).toBe(false);
    expect(never.closest!.value).toBe(1);
    expect(never.closest!.kpi).toBe(50);
  });

  it('finds the edge of a plateau at the target, not any point on it', () => {
    // Whole weeks: round(100 - 50 q) <= 60 from q just above 0.79; week 60 holds up to 0.81.
    const payback: KpiSelector = { kpi: 'paybackWeek', of: 'scenario' };
    const toy = new ToyEvaluator(scenario, payback, (v) =>
      Math.round(100 - 50 * v('ownPipelineTemplate.maturity.quality')),
    );
    const r = runSteps(
      seekSteps(scenario, {
        parameter: 'ownPipelineTemplate.maturity.quality',
        from: 0,
        to: 1,
        kpi: payback,
        target: 60,
      }),
      toy,
    );
    expect(r.answer!.kpi).toBe(60);
    expect(r.otherSide!.kpi).toBe(61);
    expect(Math.abs(r.answer!.value - 0.79)).toBeLessThanOrEqual(2 * r.tolerance);
  });

  it('reports an unreachable target with the closest value found', () => {
    const toy = new ToyEvaluator(scenario, netGap, (v) => 1e6 * v('baseChurnPerWeek'));
    const r = runSteps(
      seekSteps(scenario, { parameter: 'baseChurnPerWeek', kpi: netGap, target: 1e9 }),
      toy,
    );
    expect(r.reached).toBe(false);
    expect(r.answer).toBeNull();
    expect(r.closest!.value).toBe(r.to);
    expect(r.closest!.meetsTarget).toBe(false);
  });

  it('refuses ranges outside the valid range and unknown names', () => {
    const toy = new ToyEvaluator(scenario, netGap, () => 0);
    const seek = (spec: Partial<Parameters<typeof seekSteps>[1]>) =>
      runSteps(
        seekSteps(scenario, { parameter: 'baseChurnPerWeek', kpi: netGap, target: 0, ...spec }),
        toy,
      );
    expect(() => seek({ from: -0.1, to: 0.5 })).toThrow(
      /baseChurnPerWeek: the range -0.1:0.5 is outside its valid range 0 to 1/,
    );
    expect(() => seek({ from: 0.5, to: 0.1 })).toThrow(/is empty/);
    expect(() => seek({ parameter: 'churn' })).toThrow(AnalysisError);
    expect(() => seek({ target: Number.NaN })).toThrow(/finite/);
  });
});

describe('goal seek and sweep on the model', () => {
  const s = {
    ...scenario,
    simulation: { ...scenario.simulation, weeks: 104, mode: 'expected' as const },
  };
  const evaluator = new ScenarioEvaluator(s, s.simulation, { backend: 'codegen' });
  const parameter = 'dataProduct.*.maturity.*';

  it('finds the break-even maturity, which a rerun confirms, and the sweep crosses there', async () => {
    const seek = runSteps(
      seekSteps(s, { parameter, from: 0, to: 1, kpi: netGap, target: 0 }),
      evaluator,
    );
    expect(seek.reached).toBe(true);
    const v = seek.answer!.value;
    // The rerun of the scenario with that value meets the target; just below misses it.
    const rerun = compareWithWithout(withAssumption(s, parameter, v)).differences!;
    expect(rerun.cumulativeNetValueUsd).toBe(seek.answer!.kpi);
    expect(rerun.cumulativeNetValueUsd!).toBeGreaterThanOrEqual(0);
    const below = compareWithWithout(
      withAssumption(s, parameter, seek.otherSide!.value),
    ).differences!;
    expect(below.cumulativeNetValueUsd!).toBeLessThan(0);
    expect(Math.abs(seek.otherSide!.value - v)).toBeLessThanOrEqual(2 * seek.tolerance);

    // The sweep's refined crossing is the same value (same bracketed method, another grid).
    const sweepSpec = { parameter, from: 0, to: 1, kpi: netGap, steps: 10 };
    const sweep = runSteps(sweepSteps(s, sweepSpec), evaluator);
    expect(sweep.crossings).toHaveLength(1);
    expect(Math.abs(sweep.crossings[0]!.value - v)).toBeLessThanOrEqual(2 * seek.tolerance);
    expect(sweep.crossings[0]!.direction).toBe('up');
    expect(sweep.values).toHaveLength(11);
    expect(sweep.difference![0]!).toBeLessThan(0);

    // Any split of each batch over evaluators gives the same sweep.
    const split = await runStepsAsync(sweepSteps(s, sweepSpec), async (points) =>
      splitBatch(points, 3).flatMap((slice) =>
        evaluatePoints(new ScenarioEvaluator(s, s.simulation), slice),
      ),
    );
    expect(split).toEqual(sweep);
  });
});
