/**
 * The cheapest combination of up to three factors that reaches a KPI target: a bounded,
 * derivative-free global search (DIRECT, "DIviding RECTangles": D. R. Jones, C. D. Perttunen,
 * B. E. Stuckman, J. Optim. Theory Appl. 79, 1993) over the factors' ranges, from the npm package
 * ml-direct, then a line search from the scenario's values towards the best point found.
 *
 * Cost is the total change from the scenario's values, each as a share of its range (default),
 * or a KPI to minimise (spending, say). A point that misses the target always costs more than
 * any point that reaches it (exact penalty), so the search looks for reaching points first.
 *
 * DIRECT is deterministic (nothing to seed: the same inputs give the same answer everywhere) and
 * chooses each iteration's points from the values of earlier ones only. So the search is run as
 * batches: DIRECT is replayed for one more iteration each round over the values known so far,
 * the points it asks for and does not know yet form the next batch (evaluated anywhere, in any
 * split), and the replay after them is exactly the run DIRECT would have made.
 */
import direct from 'ml-direct';
import { log } from '../engine/dmath';
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
import { changesFor, checkSelector, factorValue } from './factors';
import type { AnalysisSteps } from './plan';
import { BracketedRoot } from './roots';
import { resolveAxis, targetMargin, type AxisSpec, type ResolvedAxis } from './seek';

export const MAX_OPTIMISED_FACTORS = 3;

export type CostSpec =
  { readonly kind: 'change' } | { readonly kind: 'kpi'; readonly kpi: KpiSelector };

export interface CheapestSpec {
  readonly kpi: KpiSelector;
  readonly target: number;
  /** One to three factors, each over its range (default: plausible, else valid). */
  readonly parameters: readonly AxisSpec[];
  readonly cost?: CostSpec;
  /** DIRECT iterations (default 24). */
  readonly iterations?: number;
  /** Stop after about this many evaluations (default 600). */
  readonly maxEvaluations?: number;
}

export interface CheapestPoint {
  /** The factors' values, in the order given. */
  readonly values: readonly number[];
  readonly kpi: number | null;
  readonly meetsTarget: boolean;
  /** Total change as a share of the ranges (sum over factors of |value - current| / range). */
  readonly change: number;
  /** The cost KPI there (null for the 'change' cost). */
  readonly costKpi: number | null;
}

export interface CheapestResult {
  readonly kpi: KpiSelector;
  readonly target: number;
  readonly direction: 'higher' | 'lower';
  readonly cost: CostSpec;
  readonly parameters: readonly {
    readonly parameter: string;
    readonly label: string;
    readonly unit: string;
    readonly current: number;
    /** The members' lowest and highest values now (they differ for a mixed group). */
    readonly currentRange: readonly [number, number];
    readonly from: number;
    readonly to: number;
  }[];
  readonly current: CheapestPoint;
  readonly reached: boolean;
  /** The cheapest evaluated combination that reaches the target (null when none does). */
  readonly best: CheapestPoint | null;
  /** When not reached: the combination that came closest to the target. */
  readonly closest: CheapestPoint | null;
  readonly evaluations: number;
  readonly iterations: number;
}

const keyOf = (values: readonly number[]): string => values.join(',');

export function* cheapestSteps(
  scenario: Scenario,
  spec: CheapestSpec,
): AnalysisSteps<CheapestResult> {
  const n = spec.parameters.length;
  if (n < 1 || n > MAX_OPTIMISED_FACTORS)
    throw new AnalysisError(`give one to ${MAX_OPTIMISED_FACTORS} parameters to combine, got ${n}`);
  if (!Number.isFinite(spec.target))
    throw new AnalysisError(`the target must be a finite number, got ${spec.target}`);
  checkSelector(scenario, spec.kpi);
  const cost: CostSpec = spec.cost ?? { kind: 'change' };
  if (cost.kind === 'kpi') checkSelector(scenario, cost.kpi);
  const iterations = spec.iterations ?? 24;
  const maxEvaluations = spec.maxEvaluations ?? 600;
  if (!(Number.isInteger(iterations) && iterations >= 1 && iterations <= 200))
    throw new AnalysisError(`iterations must be a whole number from 1 to 200, got ${iterations}`);
  const axes: ResolvedAxis[] = spec.parameters.map((p) => resolveAxis(scenario, p));
  for (let a = 0; a < n; a++)
    for (let b = a + 1; b < n; b++)
      if (axes[a]!.factor.names.some((x) => axes[b]!.factor.names.includes(x)))
        throw new AnalysisError(
          `'${axes[a]!.factor.key}' and '${axes[b]!.factor.key}' overlap: combine different assumptions`,
        );
  const lower = betterIsLower(spec.kpi.kpi);
  const current = axes.map((a) => a.factor.value);
  const round = (x: ArrayLike<number>): number[] =>
    axes.map((a, i) => factorValue(a.factor, x[i]!));
  const pointOf = (values: readonly number[]): EvalPoint => ({
    changes: axes.flatMap((a, i) => changesFor(a.factor, values[i]!)),
  });
  const change = (values: readonly number[]): number =>
    values.reduce((s, v, i) => s + Math.abs(v - current[i]!) / (axes[i]!.to - axes[i]!.from), 0);

  const known = new Map<string, EvalOutcome>();
  const order: number[][] = []; // evaluation order (deterministic), for ties
  let evaluations = 0;
  const learn = (batch: readonly number[][], outcomes: readonly EvalOutcome[]): void => {
    batch.forEach((v, i) => {
      known.set(keyOf(v), outcomes[i]!);
      order.push(v);
    });
    evaluations += batch.length;
  };

  // The scenario as it is (also the reference of a KPI cost). Its values are a point of the
  // search only when no factor is a group whose members differ now.
  const first = yield [{ changes: [] }];
  if (axes.every((a) => a.factor.uniform)) learn([current], first);
  else evaluations++;
  const gapOf = (o: EvalOutcome): number => targetMargin(o, spec.kpi, spec.target, lower);
  const meets = (g: number): boolean => g > 0;
  const costKpiOf = (o: EvalOutcome): number =>
    cost.kind === 'kpi' ? (betterIsLower(cost.kpi.kpi) ? 1 : -1) * orderedKpi(o, cost.kpi) : NaN;
  const reference = cost.kind === 'kpi' ? costKpiOf(first[0]!) : 0;
  const scale = Math.max(Math.abs(reference), 1e-9);
  const S = 1e-3 * Math.max(1, Math.abs(spec.target));
  /** The value DIRECT minimises: in [0, 1] when reaching the target, above 1 when not. */
  const objective = (values: readonly number[], o: EvalOutcome): number => {
    const g = gapOf(o);
    if (Number.isNaN(g)) return 30;
    if (!meets(g)) return 1 + Math.min(20, log(1 + Math.abs(g) / S) / Math.LN10);
    if (cost.kind === 'change') return change(values) / n;
    const c = costKpiOf(o);
    if (!Number.isFinite(c)) return 1;
    // A monotone map of the cost onto (0, 1) in plain arithmetic (Math.atan's bits differ
    // between JavaScript engines, and the app and the CLI must pick the same point).
    const z = (c - reference) / scale;
    return 0.5 + (0.5 * z) / (1 + Math.abs(z));
  };

  const lo = axes.map((a) => a.from);
  const hi = axes.map((a) => a.to);
  let rounds = 0;
  for (let t = 1; t <= iterations && evaluations < maxEvaluations; t++) {
    const missing: number[][] = [];
    const asked = new Set<string>();
    direct(
      (x) => {
        const v = round(x);
        const key = keyOf(v);
        const o = known.get(key);
        if (o) return objective(v, o);
        if (!asked.has(key)) {
          asked.add(key);
          missing.push(v);
        }
        return 0; // a stand-in: this replay stops before anything depends on it
      },
      lo,
      hi,
      { iterations: t },
    );
    rounds = t;
    if (missing.length === 0) continue; // an iteration of known points only
    learn(missing, yield missing.map(pointOf));
  }

  const describe = (values: readonly number[], outcome?: EvalOutcome): CheapestPoint => {
    const o = outcome ?? known.get(keyOf(values))!;
    const g = gapOf(o);
    return {
      values,
      kpi: kpiValue(o, spec.kpi),
      meetsTarget: !Number.isNaN(g) && meets(g),
      change: change(values),
      costKpi: cost.kind === 'kpi' ? kpiValue(o, cost.kpi) : null,
    };
  };
  const costOf = (v: readonly number[]): number => objective(v, known.get(keyOf(v))!);
  const cheapest = (): number[] | null => {
    let best: number[] | null = null;
    for (const v of order) {
      if (!meets(gapOf(known.get(keyOf(v))!))) continue;
      if (best === null || costOf(v) < costOf(best)) best = v;
    }
    return best;
  };
  let best = cheapest();

  // Line search from the scenario's values towards the best point: the nearest reaching point
  // on that segment (fewer changes to make), when the scenario itself misses the target.
  if (best !== null && !meets(gapOf(first[0]!)) && cost.kind === 'change') {
    const along = (t: number): number[] => round(current.map((c, i) => c + t * (best![i]! - c)));
    const gAt = (o: EvalOutcome): number => gapOf(o);
    const root = new BracketedRoot(0, gAt(first[0]!), 1, gAt(known.get(keyOf(best))!), 1e-4);
    for (let s = root.next(); s !== null; s = root.next()) {
      const v = along(s);
      let o = known.get(keyOf(v));
      if (!o) {
        const [out] = yield [pointOf(v)];
        learn([v], [out!]);
        o = out!;
      }
      const g = gAt(o);
      if (Number.isNaN(g)) break;
      root.tell(g);
    }
    best = cheapest();
  }

  let closest: number[] | null = null;
  if (best === null) {
    for (const v of order) {
      const g = Math.abs(gapOf(known.get(keyOf(v))!));
      if (Number.isNaN(g)) continue;
      if (closest === null || g < Math.abs(gapOf(known.get(keyOf(closest))!))) closest = v;
    }
  }
  return {
    kpi: spec.kpi,
    target: spec.target,
    direction: lower ? 'lower' : 'higher',
    cost,
    parameters: axes.map((a) => ({
      parameter: a.factor.key,
      label: a.factor.label,
      unit: a.factor.unit,
      current: a.factor.value,
      currentRange: a.factor.valueRange,
      from: a.from,
      to: a.to,
    })),
    current: describe(current, first[0]!),
    reached: best !== null,
    best: best ? describe(best) : null,
    closest: closest ? describe(closest) : null,
    evaluations,
    iterations: rounds,
  };
}
