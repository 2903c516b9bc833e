/**
 * Tornado (one-at-a-time sensitivity): every factor is moved alone to the low and then the high
 * end of its range, the others held at the scenario's values, and the factors are ranked by how
 * far that swings the KPI.
 *
 * Plan: point 0 is the scenario itself, then for factor i point 1 + 2i (low) and 2 + 2i (high).
 */
import {
  AnalysisError,
  orderedKpi,
  kpiValue,
  type EvalOutcome,
  type EvalPoint,
  type KpiSelector,
} from './evaluate';
import { changesFor, checkSelector, factorValue, resolveFactors, type Factor } from './factors';
import { oneBatch, type AnalysisSteps } from './plan';
import type { Scenario } from '../scenario/types';

/** The range each factor moves over. */
export type TornadoRange =
  /** The assumption's plausible range (the catalogue's, as Monte Carlo draws it). */
  | { readonly kind: 'plausible' }
  /** The value times (1 - fraction) and (1 + fraction), within the valid range (0.2: +-20%). */
  | { readonly kind: 'relative'; readonly fraction: number };

export interface TornadoSpec {
  readonly kpi: KpiSelector;
  /** Names or `*` patterns (each match its own bar); null or absent: every assumption. */
  readonly parameters?: readonly string[] | null;
  readonly range?: TornadoRange;
}

export interface TornadoFactor {
  readonly factor: Factor;
  readonly low: number;
  readonly high: number;
}

export interface TornadoPlan {
  readonly kpi: KpiSelector;
  readonly range: TornadoRange;
  readonly factors: readonly TornadoFactor[];
  /** Assumptions left out because their range is a single value (nothing to swing). */
  readonly fixed: readonly string[];
  readonly points: readonly EvalPoint[];
}

export interface TornadoBar {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  /** The scenario's value, and the two ends it was moved to. */
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** The KPI with the factor at its low and at its high end (null: not reached, or failed). */
  readonly kpiAtLow: number | null;
  readonly kpiAtHigh: number | null;
  /**
   * How far the KPI moves: the largest minus the smallest of the KPI at low, base and high
   * (Infinity when some of them reach a week KPI and some never do). Bars are ranked by it.
   */
  readonly swing: number;
  /** 1 for the largest swing. */
  readonly rank: number;
  /** A run's error at either end (the KPI there is null). */
  readonly error: string | null;
}

export interface TornadoResult {
  readonly kpi: KpiSelector;
  readonly range: TornadoRange;
  /** The KPI of the scenario as it is. */
  readonly base: number | null;
  readonly bars: readonly TornadoBar[];
  readonly fixed: readonly string[];
}

function endsOf(f: Factor, range: TornadoRange): [number, number] {
  if (range.kind === 'plausible') return [f.plausible[0], f.plausible[1]];
  const a = f.value * (1 - range.fraction);
  const b = f.value * (1 + range.fraction);
  const lo = Math.max(f.min, Math.min(a, b));
  const hi = Math.min(f.max, Math.max(a, b));
  return [factorValue(f, lo), factorValue(f, hi)];
}

export function tornadoPlan(scenario: Scenario, spec: TornadoSpec): TornadoPlan {
  const range = spec.range ?? { kind: 'plausible' };
  if (range.kind === 'relative' && !(range.fraction > 0 && range.fraction <= 10))
    throw new AnalysisError(
      `the relative range must be a fraction above 0 and at most 10, got ${range.fraction}`,
    );
  checkSelector(scenario, spec.kpi);
  const factors: TornadoFactor[] = [];
  const fixed: string[] = [];
  for (const factor of resolveFactors(scenario, spec.parameters ?? null)) {
    const [low, high] = endsOf(factor, range);
    if (high > low) factors.push({ factor, low, high });
    else fixed.push(factor.key);
  }
  if (factors.length === 0)
    throw new AnalysisError(
      `no parameter to vary: ${fixed.length > 0 ? `${fixed.join(', ')} ${fixed.length === 1 ? 'has' : 'have'} a single-value range` : 'none selected'}`,
    );
  const points: EvalPoint[] = [{ changes: [] }];
  for (const f of factors)
    points.push(
      { changes: changesFor(f.factor, f.low) },
      { changes: changesFor(f.factor, f.high) },
    );
  return { kpi: spec.kpi, range, factors, fixed, points };
}

/** max - min of the KPI over the three points, with "never" (Infinity) handled. */
function swingOf(values: readonly number[]): number {
  const known = values.filter((v) => !Number.isNaN(v));
  if (known.length < 2) return 0;
  const finite = known.filter(Number.isFinite);
  if (finite.length < known.length) {
    // Some never reach it: infinite swing when others do, no swing when none does.
    const kinds = new Set(known.map((v) => (Number.isFinite(v) ? 0 : Math.sign(v))));
    return kinds.size > 1 ? Infinity : 0;
  }
  return Math.max(...finite) - Math.min(...finite);
}

export function reduceTornado(plan: TornadoPlan, outcomes: readonly EvalOutcome[]): TornadoResult {
  if (outcomes.length !== plan.points.length)
    throw new Error(`a tornado needs ${plan.points.length} outcomes, got ${outcomes.length}`);
  const base = outcomes[0]!;
  const baseOrdered = orderedKpi(base, plan.kpi);
  const bars = plan.factors.map((f, i) => {
    const lo = outcomes[1 + 2 * i]!;
    const hi = outcomes[2 + 2 * i]!;
    return {
      name: f.factor.key,
      label: f.factor.label,
      unit: f.factor.unit,
      value: f.factor.value,
      low: f.low,
      high: f.high,
      kpiAtLow: kpiValue(lo, plan.kpi),
      kpiAtHigh: kpiValue(hi, plan.kpi),
      swing: swingOf([orderedKpi(lo, plan.kpi), baseOrdered, orderedKpi(hi, plan.kpi)]),
      rank: 0,
      error: lo.error ?? hi.error,
      order: i,
    };
  });
  bars.sort((a, b) => b.swing - a.swing || a.order - b.order);
  return {
    kpi: plan.kpi,
    range: plan.range,
    base: kpiValue(base, plan.kpi),
    bars: bars.map(({ order: _order, ...bar }, i) => ({ ...bar, rank: i + 1 })),
    fixed: plan.fixed,
  };
}

/** The tornado as analysis steps (one batch). */
export function tornadoSteps(scenario: Scenario, spec: TornadoSpec): AnalysisSteps<TornadoResult> {
  const plan = tornadoPlan(scenario, spec);
  return oneBatch(plan.points, (outcomes) => reduceTornado(plan, outcomes));
}
