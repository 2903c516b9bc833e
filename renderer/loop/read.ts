/**
 * Reading a run's variables by name at one point. The run stores its values point-major (all
 * variables of point 0, then of point 1, ...), so a value is read in place: no series is copied
 * out (a fresh run arrives with every parameter change, and the loop reads one point of it).
 */
import { ModelError, type ScenarioRun } from '../../simulation';

export interface RunReader {
  readonly run: ScenarioRun;
  readonly points: number;
  /** Value of `name` at point `k` (NaN outside the run); throws for a name the run lacks. */
  at(name: string, k: number): number;
  has(name: string): boolean;
}

export function readerOf(run: ScenarioRun): RunReader {
  const { points, values, model } = run.series;
  const slotOf = model.slotOf;
  const stride = model.variables.length;
  return {
    run,
    points,
    at: (name, k) => {
      const slot = slotOf.get(name);
      if (slot === undefined) throw new ModelError(`no variable named '${name}'`);
      return k >= 0 && k < points && Number.isInteger(k) ? values[k * stride + slot]! : Number.NaN;
    },
    has: (name) => slotOf.has(name),
  };
}

/** Clamps a point index into the run. */
export function clampPoint(run: ScenarioRun, pointIndex: number): number {
  const last = run.series.points - 1;
  if (!Number.isFinite(pointIndex)) return 0;
  return Math.min(last, Math.max(0, Math.round(pointIndex)));
}

const fieldNames = new Map<string, Map<string, string>>();

/**
 * `${prefix}.${field}`, the same string object each time: the loop reads a few dozen such names
 * at every point of a run, and a name built afresh each read costs more than the read itself.
 */
export function fieldName(prefix: string, field: string): string {
  let byField = fieldNames.get(prefix);
  if (byField === undefined) {
    byField = new Map();
    fieldNames.set(prefix, byField);
  }
  let name = byField.get(field);
  if (name === undefined) {
    name = `${prefix}.${field}`;
    byField.set(field, name);
  }
  return name;
}
