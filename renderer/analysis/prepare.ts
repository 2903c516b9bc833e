/**
 * Each step analysis from its settings: the simulation's steps, the points it will evaluate when
 * known, and every setting checked before anything starts (the analyses' own checks: an unknown
 * name, a range outside the valid range, a scenario without data products asked for a
 * difference all throw AnalysisError with the message to show). Pure.
 */
import {
  AnalysisError,
  checkSelector,
  cheapestSteps,
  gridPlan,
  gridSteps,
  MAX_OPTIMISED_FACTORS,
  oneBatch,
  reduceTornado,
  resolveAxis,
  seekSteps,
  sweepPlan,
  sweepSteps,
  tornadoPlan,
  type AnalysisSteps,
  type Scenario,
} from '../../simulation';
import type { SeekSettings, SensitivitySettings, SweepSettings } from './forms';
import type { StepResults } from './store';

export interface Prepared<R> {
  readonly steps: AnalysisSteps<R>;
  readonly expected: number | null;
}

export function prepareTornado(
  scenario: Scenario,
  s: SensitivitySettings,
): Prepared<StepResults['tornado']> {
  const plan = tornadoPlan(scenario, { kpi: s.kpi, parameters: s.parameters, range: s.range });
  return {
    steps: oneBatch(plan.points, (outcomes) => reduceTornado(plan, outcomes)),
    expected: plan.points.length,
  };
}

export function prepareSweep(scenario: Scenario, s: SweepSettings): Prepared<StepResults['sweep']> {
  const [x, y] = s.axes;
  if (!x) throw new AnalysisError('choose a parameter to sweep');
  if (!y) {
    const spec = { ...x, kpi: s.kpi, steps: s.steps };
    const plan = sweepPlan(scenario, spec);
    return { steps: sweepSteps(scenario, spec), expected: plan.points.length };
  }
  const spec = { kpi: s.kpi, x, y, steps: s.steps };
  const plan = gridPlan(scenario, spec);
  return { steps: gridSteps(scenario, spec), expected: plan.points.length };
}

/** `scenario` ends at the seek's week when it has one (scenarioByWeek). */
export function prepareSeek(scenario: Scenario, s: SeekSettings): Prepared<StepResults['seek']> {
  checkSelector(scenario, s.kpi);
  if (!Number.isFinite(s.target))
    throw new AnalysisError(`the target must be a finite number, got ${s.target}`);
  if (s.axes.length === 0) throw new AnalysisError('choose a parameter to change');
  if (s.axes.length > MAX_OPTIMISED_FACTORS)
    throw new AnalysisError(`at most ${MAX_OPTIMISED_FACTORS} parameters`);
  for (const a of s.axes) resolveAxis(scenario, a);
  if (s.axes.length === 1)
    return {
      steps: seekSteps(scenario, { ...s.axes[0]!, kpi: s.kpi, target: s.target }),
      expected: null,
    };
  return {
    steps: cheapestSteps(scenario, {
      kpi: s.kpi,
      target: s.target,
      parameters: s.axes,
      cost: s.cost,
    }),
    expected: null,
  };
}
