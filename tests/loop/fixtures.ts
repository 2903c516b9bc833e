/** Runs shared by the loop tests (computed once per test file). */
import { compareWithWithout, withPreset, type Scenario, type ScenarioRun } from '../../simulation';

export function expected(s: Scenario): Scenario {
  return { ...s, simulation: { ...s.simulation, mode: 'expected' } };
}

let cached: { withRun: ScenarioRun; withoutRun: ScenarioRun } | null = null;

/** The default scenario and its without variant, stochastic as the app shows them. */
export function defaultRuns(): { withRun: ScenarioRun; withoutRun: ScenarioRun } {
  if (cached === null) {
    const c = compareWithWithout(withPreset(), { backend: 'codegen' });
    cached = { withRun: c.runs[0]!, withoutRun: c.runs[1]! };
  }
  return cached;
}

/** A copy of a run with one variable's whole series multiplied by `factor`. */
export function scaledRun(run: ScenarioRun, name: string, factor: number): ScenarioRun {
  const model = run.series.model;
  const slot = model.slotOf.get(name);
  if (slot === undefined) throw new Error(`no variable ${name}`);
  const n = model.variables.length;
  const values = Float64Array.from(run.series.values);
  for (let k = 0; k < run.series.points; k++) values[k * n + slot]! *= factor;
  return { ...run, series: { ...run.series, values } };
}
