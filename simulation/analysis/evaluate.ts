/**
 * One evaluation of an analysis: the scenario with some assumptions set to other values, run with
 * its `without` variant and its status quo, reduced to the KPIs of both runs and their difference.
 *
 * Every analysis (tornado, sweeps, goal seek, optimisation) is a plan of such points. A point's
 * outcome depends only on the scenario, the run settings and the point itself (the simulation seed
 * is the scenario's for every point: common random numbers), so points can be evaluated on any
 * thread, in any order and any split, and the reducers see the same numbers.
 *
 * Points name assumptions by the model's parameter names (the assumption catalogue's names), so
 * a point is evaluated by setting values in the compiled models' parameter vectors: no scenario
 * is copied or rebuilt per point, and a worker compiles its three models once.
 */
import type { Backend } from '../engine/compile';
import { runModelKeeping } from '../engine/run';
import type { RunSettings } from '../engine/types';
import { statusQuo } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import {
  compareKpisOf,
  kpiColumns,
  kpiSeries,
  kpisOf,
  STATUS_QUO_KPI_SERIES,
  statusQuoColumns,
  type KpiColumns,
  type SeriesTable,
  type StatusQuoColumns,
} from './kpis';
import { CompiledModelCache, type PreparedModel } from './model-cache';
import {
  comparedScenarios,
  DIFFERENCE_KEYS,
  KPI_KEYS,
  keptTable,
  type DifferenceKey,
} from './montecarlo-draws';

/** Assumption values to set for one evaluation: `[model parameter name, value]`, applied in order. */
export type Changes = readonly (readonly [name: string, value: number])[];

export interface EvalPoint {
  readonly changes: Changes;
}

/**
 * What one evaluation gives: `kpis` holds the scenario's KPIs (KPI_KEYS order), then the
 * `without` run's (KPI_KEYS order), then their differences (DIFFERENCE_KEYS order); null KPIs
 * (a week never reached) and the parts a single-run scenario lacks are NaN. `error` is the
 * model's message when the run failed (a value became non-finite); `kpis` is then all NaN.
 */
export interface EvalOutcome {
  readonly kpis: Float64Array;
  readonly error: string | null;
}

export const OUTCOME_WIDTH = 2 * KPI_KEYS.length + DIFFERENCE_KEYS.length;

/** Which number of an outcome an analysis reads. */
export type KpiRun = 'scenario' | 'without' | 'difference';

export interface KpiSelector {
  /** A key of `flywheel run`'s `kpis` (plus `overtakeWeek` for a difference). */
  readonly kpi: DifferenceKey;
  /** The scenario's own run, the same business without data products, or scenario minus without. */
  readonly of: KpiRun;
}

/** KPIs measured in weeks: null means "not within the horizon" (later than any week). */
export const WEEK_KPIS: ReadonlySet<DifferenceKey> = new Set<DifferenceKey>([
  'paybackWeek',
  'firstAiDeploymentWeek',
  'selfSustainingWeek',
  'overtakeWeek',
]);

/** KPIs where less is better (the rest: more is better). Differences follow their KPI. */
export const LOWER_IS_BETTER: ReadonlySet<DifferenceKey> = new Set<DifferenceKey>([
  ...WEEK_KPIS,
  'cumulativeSpendingUsd',
  'totalIncidents',
]);

export function betterIsLower(kpi: DifferenceKey): boolean {
  return LOWER_IS_BETTER.has(kpi);
}

function offsetOf(selector: KpiSelector): number {
  if (selector.of === 'difference')
    return 2 * KPI_KEYS.length + DIFFERENCE_KEYS.indexOf(selector.kpi);
  const i = KPI_KEYS.indexOf(selector.kpi as (typeof KPI_KEYS)[number]);
  if (i < 0) throw new Error(`'${selector.kpi}' is a KPI of a difference only`);
  return (selector.of === 'without' ? KPI_KEYS.length : 0) + i;
}

/** The selected KPI of an outcome; null when it is null (not reached) or the run failed. */
export function kpiValue(outcome: EvalOutcome, selector: KpiSelector): number | null {
  const v = outcome.kpis[offsetOf(selector)]!;
  return Number.isNaN(v) ? null : v;
}

/**
 * The selected KPI as an ordered number for searching and ranking: a week KPI that is null (not
 * reached by the horizon) counts as +Infinity, so "later" stays later. A difference of week KPIs
 * is the scenario's minus the without run's in that order (+Infinity when only the scenario never
 * reaches it, -Infinity when only the without run never does). NaN when undefined (both never
 * reach it, or the run failed).
 */
export function orderedKpi(outcome: EvalOutcome, selector: KpiSelector): number {
  if (outcome.error !== null) return NaN;
  const k = outcome.kpis;
  const weekOf = (v: number): number => (Number.isNaN(v) ? Infinity : v);
  if (!WEEK_KPIS.has(selector.kpi)) return k[offsetOf(selector)]!;
  if (selector.of !== 'difference' || selector.kpi === 'overtakeWeek')
    return weekOf(k[offsetOf(selector)]!);
  const i = KPI_KEYS.indexOf(selector.kpi as (typeof KPI_KEYS)[number]);
  return weekOf(k[i]!) - weekOf(k[KPI_KEYS.length + i]!);
}

/** Something that evaluates points: the real model (ScenarioEvaluator), or a toy in tests. */
export interface PointEvaluator {
  evaluate(point: EvalPoint): EvalOutcome;
}

/** Evaluates points in order (a plan, or a worker's share of one). */
export function evaluatePoints(
  evaluator: PointEvaluator,
  points: readonly EvalPoint[],
): EvalOutcome[] {
  return points.map((p) => evaluator.evaluate(p));
}

interface ModelRun {
  readonly prepared: PreparedModel;
  readonly base: Float64Array;
  readonly parameters: Float64Array;
  readonly indexOf: ReadonlyMap<string, number>;
  readonly kept: Int32Array;
  readonly buffer: Float64Array;
  readonly table: SeriesTable;
}

export interface EvaluatorOptions {
  /** Ignored when `models` is given (their backend is used). Default: interpreter. */
  readonly backend?: Backend;
  /** Compiled models to reuse (the app's worker keeps one cache per thread). */
  readonly models?: CompiledModelCache;
}

/** An analysis setting that a user got wrong: the message says what and how to fix it. */
export class AnalysisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalysisError';
  }
}

/**
 * Evaluates points on the flywheel model: the scenario, its `without` variant (when it has data
 * products) and its status quo, compiled once; each point sets its values in copies of the three
 * parameter vectors (a name a model does not have is skipped for that model: a data product's
 * maturity does not exist without data products) and runs them keeping only the KPIs' series.
 * Gives the numbers `compareWithWithout(withAssumptions(scenario, changes))` gives, to the bit.
 * Not re-entrant (the models share their evaluation state): one per thread.
 */
export class ScenarioEvaluator implements PointEvaluator {
  readonly runCount: number;
  private readonly runs: ModelRun[];
  private readonly baseline: ModelRun;
  private readonly kpiCols: KpiColumns[];
  private readonly sqCols: StatusQuoColumns;
  private readonly points: number;

  constructor(
    readonly scenario: Scenario,
    readonly settings: RunSettings,
    options: EvaluatorOptions = {},
  ) {
    const models = options.models ?? new CompiledModelCache(options.backend ?? 'interpreter');
    this.points = Math.round(settings.weeks / settings.stepWeeks) + 1;
    const setUp = (s: Scenario, keep: readonly string[]): ModelRun => {
      const prepared = models.prepare(s);
      const compiled = prepared.compiled;
      const names = [...new Set(keep)];
      const kept = Int32Array.from(names.map((n) => compiled.slotOf.get(n)!));
      const buffer = new Float64Array(kept.length * this.points);
      return {
        prepared,
        base: Float64Array.from(prepared.built.parameterValues),
        parameters: new Float64Array(prepared.built.parameterValues.length),
        indexOf: new Map(compiled.parameterNames.map((n, i) => [n, i])),
        kept,
        buffer,
        table: keptTable(names, buffer, this.points, settings.stepWeeks, compiled.metricNames),
      };
    };
    this.runs = comparedScenarios(scenario).map((s) => {
      const names = models.prepare(s).compiled.metricNames;
      return setUp(s, kpiSeries(names));
    });
    this.baseline = setUp(statusQuo(scenario), STATUS_QUO_KPI_SERIES);
    this.runCount = this.runs.length;
    this.kpiCols = this.runs.map((r) => kpiColumns(r.table));
    this.sqCols = statusQuoColumns(this.baseline.table);
  }

  /** True when some model of the comparison has this parameter. */
  hasParameter(name: string): boolean {
    return this.baseline.indexOf.has(name) || this.runs.some((r) => r.indexOf.has(name));
  }

  /** The value the scenario gives a parameter (NaN when no model has it). */
  baseValue(name: string): number {
    for (const r of [...this.runs, this.baseline]) {
      const i = r.indexOf.get(name);
      if (i !== undefined) return r.base[i]!;
    }
    return NaN;
  }

  evaluate(point: EvalPoint): EvalOutcome {
    for (const [name] of point.changes)
      if (!this.hasParameter(name)) throw new AnalysisError(`the model has no parameter '${name}'`);
    const kpis = new Float64Array(OUTCOME_WIDTH).fill(NaN);
    try {
      this.runOne(this.baseline, point.changes);
      const results = this.runs.map((r, i) => {
        this.runOne(r, point.changes);
        return kpisOf(this.kpiCols[i]!, this.sqCols);
      });
      results.forEach((k, r) =>
        KPI_KEYS.forEach((key, i) => (kpis[r * KPI_KEYS.length + i] = k[key] ?? NaN)),
      );
      if (this.runs.length === 2) {
        const d = compareKpisOf(results[0]!, this.runs[0]!.table, results[1]!, this.runs[1]!.table);
        DIFFERENCE_KEYS.forEach((key, i) => (kpis[2 * KPI_KEYS.length + i] = d[key] ?? NaN));
      }
      return { kpis, error: null };
    } catch (e) {
      if (e instanceof AnalysisError) throw e;
      return { kpis: kpis.fill(NaN), error: e instanceof Error ? e.message : String(e) };
    }
  }

  private runOne(r: ModelRun, changes: Changes): void {
    r.parameters.set(r.base);
    for (const [name, value] of changes) {
      const i = r.indexOf.get(name);
      if (i !== undefined) r.parameters[i] = value;
    }
    runModelKeeping(r.prepared.compiled, r.parameters, this.settings, r.kept, r.buffer);
  }
}
