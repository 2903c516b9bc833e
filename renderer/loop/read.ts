/**
 * Reading a run's variables by name, with each series copied out once per run (seriesOf copies:
 * the run stores its values point-major).
 */
import { seriesOf, type RunSeries, type ScenarioRun } from '../../simulation';

const cache = new WeakMap<RunSeries, Map<string, Float64Array>>();

export function seriesNamed(series: RunSeries, name: string): Float64Array {
  let byName = cache.get(series);
  if (byName === undefined) {
    byName = new Map();
    cache.set(series, byName);
  }
  let values = byName.get(name);
  if (values === undefined) {
    values = seriesOf(series, name);
    byName.set(name, values);
  }
  return values;
}

export interface RunReader {
  readonly run: ScenarioRun;
  readonly points: number;
  /** Value of `name` at point `k`. */
  at(name: string, k: number): number;
  has(name: string): boolean;
}

export function readerOf(run: ScenarioRun): RunReader {
  const series = run.series;
  return {
    run,
    points: series.points,
    at: (name, k) => seriesNamed(series, name)[k] ?? Number.NaN,
    has: (name) => series.model.slotOf.has(name),
  };
}

/** Clamps a point index into the run. */
export function clampPoint(run: ScenarioRun, pointIndex: number): number {
  const last = run.series.points - 1;
  if (!Number.isFinite(pointIndex)) return 0;
  return Math.min(last, Math.max(0, Math.round(pointIndex)));
}
