/**
 * How a KPI history is read off a model run. Each figure of a period [from, to) in weeks is the
 * model's value at that point (weekly figures: the value at week `from`, as `flywheel run` prints
 * it), its total over the period (a per-week quantity summed over the weeks of a month) or its
 * average over the period. The engine's flows are constant over each step of `dt` weeks (Euler),
 * so a total is the sum of each step's value times the part of the step inside the period.
 */
import type { CompiledModel } from '../engine/compile';
import type { RunSettings } from '../engine/types';
import type { KpiHistory } from '../scenario/types';

/** One figure of the history: which series, and how to read it off a run. */
export interface Observation {
  readonly series: number;
  readonly period: number;
  readonly value: number;
  /** Column (model slot) of the metric. */
  readonly slot: number;
  /** Points of the run and their coefficients: prediction = sum of coefficient x value. */
  readonly points: Int32Array;
  readonly coefficients: Float64Array;
}

export interface ObservationPlan {
  readonly observations: readonly Observation[];
  readonly settings: RunSettings;
}

/** The run settings a history needs: long enough for its last period, expected values. */
export function settingsFor(history: KpiHistory, stepWeeks: number, seed: number): RunSettings {
  const end = Math.max(1, ...history.periods.map((p) => p.toWeek));
  let weeks = Math.ceil(end - 1e-9);
  // A whole number of steps (a 2-week step needs an even horizon).
  while (Math.abs(weeks / stepWeeks - Math.round(weeks / stepWeeks)) > 1e-9) weeks++;
  return { weeks, stepWeeks, seed, mode: 'expected' };
}

/** How each figure of the history is computed from a run of this model. */
export function planObservations(
  history: KpiHistory,
  model: CompiledModel,
  settings: RunSettings,
): ObservationPlan {
  const dt = settings.stepWeeks;
  const points = Math.round(settings.weeks / dt) + 1;
  const observations: Observation[] = [];
  history.series.forEach((s, j) => {
    const slot = model.slotOf.get(s.metric);
    if (slot === undefined) throw new Error(`the model has no metric '${s.metric}'`);
    history.periods.forEach((p, i) => {
      const value = s.values[i];
      if (value === null || value === undefined) return;
      const pts: number[] = [];
      const coef: number[] = [];
      if (s.aggregate === 'point') {
        pts.push(Math.min(points - 1, Math.round(p.fromWeek / dt)));
        coef.push(1);
      } else {
        const first = Math.max(0, Math.floor(p.fromWeek / dt));
        for (let k = first; k < points && k * dt < p.toWeek; k++) {
          const overlap = Math.min((k + 1) * dt, p.toWeek) - Math.max(k * dt, p.fromWeek);
          if (overlap <= 0) continue;
          pts.push(k);
          coef.push(s.aggregate === 'total' ? overlap : overlap / (p.toWeek - p.fromWeek));
        }
      }
      observations.push({
        series: j,
        period: i,
        value,
        slot,
        points: Int32Array.from(pts),
        coefficients: Float64Array.from(coef),
      });
    });
  });
  return { observations, settings };
}

/** Each observation's model value from a run's point-major values (`stride` slots per point). */
export function predict(
  plan: ObservationPlan,
  values: Float64Array,
  stride: number,
  out: Float64Array = new Float64Array(plan.observations.length),
): Float64Array {
  const obs = plan.observations;
  for (let i = 0; i < obs.length; i++) {
    const o = obs[i]!;
    let sum = 0;
    for (let k = 0; k < o.points.length; k++)
      sum += o.coefficients[k]! * values[o.points[k]! * stride + o.slot]!;
    out[i] = sum;
  }
  return out;
}
