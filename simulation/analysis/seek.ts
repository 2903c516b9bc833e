/**
 * Goal seek: which value of one factor makes a KPI reach a target (by the horizon, or by week W
 * when the run settings' horizon is W). A scan over the range finds where the KPI crosses the
 * target (a batch of independent points, including the scenario's own value); the crossing
 * nearest the scenario's value is then refined by Brent's method (one point per batch) to the
 * tolerance. A target that is never crossed is reported as unreachable, with the closest value
 * found. Reaching means at least the target for most KPIs, and at most the target for those where
 * less is better (weeks, spending, incidents; see LOWER_IS_BETTER).
 */
import type { Scenario } from '../scenario/types';
import {
  AnalysisError,
  betterIsLower,
  kpiValue,
  orderedKpi,
  type EvalOutcome,
  type EvalPoint,
  type KpiSelector,
} from './evaluate';
import {
  changesFor,
  checkRange,
  checkSelector,
  defaultRange,
  factorValue,
  resolveFactor,
  type Factor,
} from './factors';
import type { AnalysisSteps } from './plan';
import { BracketedRoot } from './roots';

export interface AxisSpec {
  /** An assumption's name, or a `*` pattern (every match set to the same value). */
  readonly parameter: string;
  /** The range to search or sweep; default: the plausible range (else the valid range). */
  readonly from?: number;
  readonly to?: number;
}

export interface SeekSpec extends AxisSpec {
  readonly kpi: KpiSelector;
  readonly target: number;
  /** Scan intervals over the range before refining (default 24). */
  readonly scanSteps?: number;
  /** Tolerance on the factor's value, as a share of the range (default 1e-6). */
  readonly tolerance?: number;
}

/** One evaluated value of the factor. */
export interface SeekSample {
  readonly value: number;
  /** The KPI there (null: not reached by the horizon, or the run failed). */
  readonly kpi: number | null;
  readonly meetsTarget: boolean;
}

export interface SeekResult {
  readonly parameter: string;
  readonly label: string;
  readonly unit: string;
  readonly kpi: KpiSelector;
  readonly target: number;
  readonly from: number;
  readonly to: number;
  /** 'higher': reaching means KPI >= target; 'lower': KPI <= target. */
  readonly direction: 'higher' | 'lower';
  /** The scenario's own value and its KPI (for a group, the first member's value). */
  readonly current: SeekSample;
  /** The members' lowest and highest values now (they differ for a mixed group). */
  readonly currentRange: readonly [number, number];
  readonly reached: boolean;
  /**
   * When reached: the value at the crossing on the side that meets the target (within the
   * tolerance of the exact crossing), and the KPI there.
   */
  readonly answer: SeekSample | null;
  /** The other end of the final bracket (misses the target), when reached. */
  readonly otherSide: SeekSample | null;
  /** When not reached: the evaluated value whose KPI came closest to the target. */
  readonly closest: SeekSample | null;
  /** Every bracket where the KPI crosses the target on the scan (the refined one is `chosen`). */
  readonly crossings: readonly { readonly from: number; readonly to: number }[];
  readonly chosen: number | null;
  /** Tolerance on the value reached (absolute, in the factor's unit). */
  readonly tolerance: number;
  readonly evaluations: number;
  /** Why a refinement stopped early (a run failed), else null. */
  readonly note: string | null;
}

export interface ResolvedAxis {
  readonly factor: Factor;
  readonly from: number;
  readonly to: number;
}

/** The factor and range of an axis, checked against the valid range. */
export function resolveAxis(scenario: Scenario, axis: AxisSpec): ResolvedAxis {
  const factor = resolveFactor(scenario, axis.parameter);
  const [dlo, dhi] = defaultRange(factor);
  const from = axis.from ?? dlo;
  const to = axis.to ?? dhi;
  checkRange(factor, from, to);
  return { factor, from, to };
}

/** `steps` intervals over [from, to] (whole numbers, without repeats, for whole-number factors). */
export function axisValues(axis: ResolvedAxis, steps: number): number[] {
  const { factor, from, to } = axis;
  const out: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const raw = i === steps ? to : from + ((to - from) * i) / steps;
    const v = factorValue(factor, raw);
    if (out.length === 0 || v !== out[out.length - 1]) out.push(v);
  }
  return out;
}

/**
 * How far the KPI is past the target, positive when it meets it (KPI >= target, or <= for KPIs
 * where less is better) and negative when it misses; exactly meeting counts as a tiny positive
 * value, so a root search finds the edge between meeting and missing even where the KPI is flat
 * at the target (whole weeks). Weeks never reached count as +Infinity; NaN when a run failed.
 */
export function targetMargin(
  outcome: EvalOutcome,
  kpi: KpiSelector,
  target: number,
  lower = betterIsLower(kpi.kpi),
): number {
  const g = (lower ? -1 : 1) * (orderedKpi(outcome, kpi) - target);
  return g === 0 ? Number.MIN_VALUE : g;
}

const meets = (g: number): boolean => g > 0;

interface End {
  readonly v: number;
  readonly g: number;
}

/** The narrowest pair of neighbouring evaluated values on both sides of the target. */
function lastBracket(gaps: ReadonlyMap<number, number>): [End, End | null] {
  const sorted = [...gaps].sort((a, b) => a[0] - b[0]);
  let best: [End, End] | null = null;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = { v: sorted[i]![0], g: sorted[i]![1] };
    const b = { v: sorted[i + 1]![0], g: sorted[i + 1]![1] };
    if (meets(a.g) === meets(b.g)) continue;
    const pair: [End, End] = meets(a.g) ? [a, b] : [b, a];
    if (best === null || Math.abs(b.v - a.v) < Math.abs(best[0].v - best[1].v)) best = pair;
  }
  const [first] = sorted;
  return best ?? [{ v: first![0], g: first![1] }, null];
}

export function* seekSteps(scenario: Scenario, spec: SeekSpec): AnalysisSteps<SeekResult> {
  if (!Number.isFinite(spec.target))
    throw new AnalysisError(`the target must be a finite number, got ${spec.target}`);
  const scanSteps = spec.scanSteps ?? 24;
  if (!(Number.isInteger(scanSteps) && scanSteps >= 2 && scanSteps <= 10_000))
    throw new AnalysisError(`scan steps must be a whole number from 2 to 10000, got ${scanSteps}`);
  checkSelector(scenario, spec.kpi);
  const axis = resolveAxis(scenario, spec);
  const { factor, from, to } = axis;
  const lower = betterIsLower(spec.kpi.kpi);
  const tolerance = (spec.tolerance ?? 1e-6) * (to - from);
  const sample = (value: number, o: EvalOutcome, g: number): SeekSample => ({
    value,
    kpi: kpiValue(o, spec.kpi),
    meetsTarget: meets(g),
  });

  // Scan: the grid, and the scenario as it is (last).
  const grid = axisValues(axis, scanSteps);
  const points: EvalPoint[] = [
    ...grid.map((v) => ({ changes: changesFor(factor, v) })),
    { changes: [] }, // the scenario as it is
  ];
  const scanned = yield points;
  let evaluations = points.length;
  const gs = scanned.map((o) => targetMargin(o, spec.kpi, spec.target, lower));
  const current = sample(factor.value, scanned[grid.length]!, gs[grid.length]!);
  const samples = grid.map((v, i) => ({ v, o: scanned[i]!, g: gs[i]! }));

  const crossings: { from: number; to: number; i: number }[] = [];
  for (let i = 0; i + 1 < samples.length; i++) {
    const a = samples[i]!.g;
    const b = samples[i + 1]!.g;
    if (Number.isNaN(a) || Number.isNaN(b)) continue;
    if (meets(a) !== meets(b)) crossings.push({ from: samples[i]!.v, to: samples[i + 1]!.v, i });
  }
  const base = {
    parameter: factor.key,
    label: factor.label,
    unit: factor.unit,
    kpi: spec.kpi,
    target: spec.target,
    from,
    to,
    direction: lower ? ('lower' as const) : ('higher' as const),
    current,
    currentRange: factor.valueRange,
    crossings: crossings.map(({ from: f, to: t }) => ({ from: f, to: t })),
    tolerance: factor.integer ? 1 : tolerance,
  };

  if (crossings.length === 0) {
    let best = -1;
    let bestDistance = Infinity;
    samples.forEach((s, i) => {
      const d = Math.abs(s.g);
      if (d < bestDistance || (best === -1 && !Number.isNaN(d))) {
        best = i;
        bestDistance = d;
      }
    });
    const closest = best >= 0 ? sample(samples[best]!.v, samples[best]!.o, samples[best]!.g) : null;
    return {
      ...base,
      reached: false,
      answer: null,
      otherSide: null,
      closest,
      chosen: null,
      evaluations,
      note: null,
    };
  }

  // The crossing nearest the scenario's value (the smallest change), the lower one on a tie.
  const distance = (c: { from: number; to: number }): number =>
    factor.value < c.from ? c.from - factor.value : factor.value > c.to ? factor.value - c.to : 0;
  let chosen = 0;
  crossings.forEach((c, k) => {
    if (distance(c) < distance(crossings[chosen]!)) chosen = k;
  });
  const c = crossings[chosen]!;
  const sa = samples[c.i]!;
  const sb = samples[c.i + 1]!;
  const outcomes = new Map<number, EvalOutcome>([
    [sa.v, sa.o],
    [sb.v, sb.o],
  ]);
  const gaps = new Map<number, number>([
    [sa.v, sa.g],
    [sb.v, sb.g],
  ]);
  const root = new BracketedRoot(sa.v, sa.g, sb.v, sb.g, tolerance, factor.integer);
  const endsOf = (r: BracketedRoot): [End, End | null] => {
    const br = r.bracket();
    const a = { v: br.x, g: br.fx };
    const b = { v: br.other, g: br.fOther };
    return meets(a.g) || !meets(b.g) ? [a, a.v === b.v ? null : b] : [b, a];
  };
  let note: string | null = null;
  for (let x = root.next(); x !== null; x = root.next()) {
    const [o] = yield [{ changes: changesFor(factor, x) }];
    evaluations++;
    const g = targetMargin(o!, spec.kpi, spec.target, lower);
    if (Number.isNaN(g)) {
      note = `the run failed at ${x}${o!.error ? `: ${o!.error}` : ''}; the bracket was not narrowed further`;
      break;
    }
    outcomes.set(x, o!);
    gaps.set(x, g);
    root.tell(g);
  }
  const [met, missed] = note === null ? endsOf(root) : lastBracket(gaps);
  return {
    ...base,
    reached: true,
    answer: sample(met.v, outcomes.get(met.v)!, met.g),
    otherSide: missed ? sample(missed.v, outcomes.get(missed.v)!, missed.g) : null,
    closest: null,
    chosen,
    evaluations,
    note,
  };
}
