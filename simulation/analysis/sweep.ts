/**
 * One-parameter sweep: the KPI of the scenario and of the same business without data products
 * over a range of one factor, and where the two curves cross (the break-even: their difference
 * is zero), located by Brent's method inside each bracket the grid shows (several crossings are
 * refined together, one point each per batch).
 */
import { hasDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import { AnalysisError, kpiValue, orderedKpi, type EvalPoint, type KpiSelector } from './evaluate';
import { changesFor, checkSelector } from './factors';
import type { AnalysisSteps } from './plan';
import { BracketedRoot } from './roots';
import { axisValues, resolveAxis, type AxisSpec, type ResolvedAxis } from './seek';

export const MAX_SWEEP_STEPS = 1000;

export interface SweepSpec extends AxisSpec {
  readonly kpi: KpiSelector;
  /** Intervals over the range (points = steps + 1; fewer for a narrow whole-number range). */
  readonly steps?: number;
  /** Locate each crossing by root finding (default true); false: linear interpolation only. */
  readonly refine?: boolean;
  /** Tolerance of a refined crossing, as a share of the range (default 1e-6). */
  readonly tolerance?: number;
}

export interface SweepCrossing {
  /** The grid values on either side. */
  readonly from: number;
  readonly to: number;
  /** Where the difference is zero: refined to the tolerance, or interpolated. */
  readonly value: number;
  readonly refined: boolean;
  /** 'up' when scenario minus without goes from below to above zero as the value rises. */
  readonly direction: 'up' | 'down';
}

export interface SweepResult {
  readonly parameter: string;
  readonly label: string;
  readonly unit: string;
  readonly kpi: KpiSelector;
  readonly current: number;
  /** The members' lowest and highest values now (they differ for a mixed group). */
  readonly currentRange: readonly [number, number];
  readonly from: number;
  readonly to: number;
  readonly values: readonly number[];
  /** The KPI of each run at each value (null: not reached, or the run failed). */
  readonly scenario: readonly (number | null)[];
  /** Null when the scenario has no data products (one run). */
  readonly without: readonly (number | null)[] | null;
  readonly difference: readonly (number | null)[] | null;
  /** The selected KPI (the scenario's, the without run's, or the difference). */
  readonly selected: readonly (number | null)[];
  /** Where the scenario's and the without run's curves of the KPI cross. */
  readonly crossings: readonly SweepCrossing[];
  readonly errors: readonly { readonly value: number; readonly error: string }[];
  readonly tolerance: number;
}

export function checkSteps(steps: number, what = 'steps'): void {
  if (!(Number.isInteger(steps) && steps >= 1 && steps <= MAX_SWEEP_STEPS))
    throw new AnalysisError(
      `${what} must be a whole number from 1 to ${MAX_SWEEP_STEPS}, got ${steps}`,
    );
}

export interface SweepPlan {
  readonly spec: SweepSpec;
  readonly axis: ResolvedAxis;
  readonly values: readonly number[];
  readonly points: readonly EvalPoint[];
}

export function sweepPlan(scenario: Scenario, spec: SweepSpec): SweepPlan {
  const steps = spec.steps ?? 20;
  checkSteps(steps);
  checkSelector(scenario, spec.kpi);
  const axis = resolveAxis(scenario, spec);
  const values = axisValues(axis, steps);
  return {
    spec,
    axis,
    values,
    points: values.map((v) => ({ changes: changesFor(axis.factor, v) })),
  };
}

const differenceOf = (kpi: KpiSelector): KpiSelector => ({ kpi: kpi.kpi, of: 'difference' });

/** Brackets where the ordered difference changes sign between neighbouring values. */
function brackets(values: readonly number[], d: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < values.length; i++) {
    const a = d[i]!;
    const b = d[i + 1]!;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    if ((a < 0 && b > 0) || (a > 0 && b < 0)) out.push(i);
    else if (a === 0 && (i === 0 || d[i - 1] !== 0)) out.push(i);
    else if (b === 0 && i + 2 === values.length && a !== 0) out.push(i);
  }
  return out;
}

function interpolate(x0: number, y0: number, x1: number, y1: number): number {
  if (y0 === 0) return x0;
  if (y1 === 0) return x1;
  if (!Number.isFinite(y0) || !Number.isFinite(y1)) return (x0 + x1) / 2;
  return x0 + ((x1 - x0) * y0) / (y0 - y1);
}

/** The sweep over a grid (the first batch), then (with refine) the crossings, together. */
export function* sweepSteps(scenario: Scenario, spec: SweepSpec): AnalysisSteps<SweepResult> {
  const plan = sweepPlan(scenario, spec);
  const { axis, values } = plan;
  const outcomes = yield plan.points;
  const kpi = spec.kpi;
  const twoRuns = hasDataProducts(scenario);
  const d = outcomes.map((o) => orderedKpi(o, differenceOf(kpi)));
  const tolerance = (spec.tolerance ?? 1e-6) * (axis.to - axis.from);
  const found = twoRuns ? brackets(values, d) : [];

  const roots = found.map((i) => {
    const r =
      d[i] === 0 || d[i + 1] === 0 || spec.refine === false
        ? null
        : new BracketedRoot(
            values[i]!,
            d[i]!,
            values[i + 1]!,
            d[i + 1]!,
            tolerance,
            axis.factor.integer,
          );
    return { i, r, failed: false };
  });
  // Refine every crossing together: each batch holds the next point of each unfinished one.
  for (;;) {
    const active = roots.filter((x) => x.r !== null && !x.failed);
    const next = active.map((x) => ({ x, v: x.r!.next() })).filter((a) => a.v !== null);
    if (next.length === 0) break;
    const batch = yield next.map((a) => ({ changes: changesFor(axis.factor, a.v!) }));
    next.forEach((a, k) => {
      const g = orderedKpi(batch[k]!, differenceOf(kpi));
      if (Number.isNaN(g)) a.x.failed = true;
      else a.x.r!.tell(g);
    });
  }

  const crossings = roots.map(({ i, r, failed }) => {
    const a = d[i]!;
    const b = d[i + 1]!;
    const direction = a < b ? ('up' as const) : ('down' as const);
    const base = { from: values[i]!, to: values[i + 1]!, direction };
    if (r !== null && !failed) {
      const br = r.bracket();
      return { ...base, value: br.x, refined: true };
    }
    return { ...base, value: interpolate(values[i]!, a, values[i + 1]!, b), refined: false };
  });

  const read = (selector: KpiSelector): (number | null)[] =>
    outcomes.map((o) => kpiValue(o, selector));
  return {
    parameter: axis.factor.key,
    label: axis.factor.label,
    unit: axis.factor.unit,
    kpi,
    current: axis.factor.value,
    currentRange: axis.factor.valueRange,
    from: axis.from,
    to: axis.to,
    values,
    scenario: read({ kpi: kpi.kpi, of: 'scenario' }),
    without: twoRuns ? read({ kpi: kpi.kpi, of: 'without' }) : null,
    difference: twoRuns ? read(differenceOf(kpi)) : null,
    selected: read(kpi),
    crossings,
    errors: outcomes.flatMap((o, i) =>
      o.error === null ? [] : [{ value: values[i]!, error: o.error }],
    ),
    tolerance: axis.factor.integer ? 1 : tolerance,
  };
}
