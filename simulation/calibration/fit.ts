/**
 * Calibration: the status quo of a scenario (the business with no data products and no AI, as
 * its KPI history was lived) fitted to the history by weighted least squares. Parameters are
 * named and bounded through the assumption catalogue; the optimiser is Levenberg-Marquardt
 * (ml-levenberg-marquardt) from the scenario's values and from seeded random starts in each
 * parameter's plausible range, keeping the best. Everything here is deterministic for a seed and
 * runs the same in the CLI (codegen) and the app's worker (interpreter).
 *
 * Each series' errors are divided by the mean of its data (so activeUsers in millions and
 * conversion in percent weigh alike) and multiplied by the series' weight.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import type { Backend } from '../engine/compile';
import { exp, log } from '../engine/dmath';
import { Rng } from '../engine/rng';
import { runModel } from '../engine/run';
import { prepareModel, metricInfos, type PreparedModel } from '../analysis/simulate';
import {
  assumptionsOf,
  findAssumptions,
  withAssumptions,
  type Assumption,
} from '../scenario/assumptions';
import { statusQuo } from '../scenario/derive';
import type { Aggregate, HistoryPeriod, KpiHistory, Scenario } from '../scenario/types';
import { planObservations, predict, settingsFor, type ObservationPlan } from './observe';
import { fitStatistics, tQuantile975, type FitStatistics } from './statistics';
import { parameterUncertainty } from './uncertainty';

export class CalibrationError extends Error {}
export class CalibrationCancelled extends Error {
  constructor() {
    super('calibration cancelled');
  }
}

export interface CalibrationRequest {
  readonly scenario: Scenario;
  readonly history: KpiHistory;
  /** Assumption names or patterns (`*` for one segment), as the catalogue names them. */
  readonly fit: readonly string[];
  readonly seed?: number;
  /** Starting points: the scenario's values, then seeded random ones (default 4). */
  readonly starts?: number;
  /** Levenberg-Marquardt iterations per start at most (default 200). */
  readonly maxIterations?: number;
}

export interface CalibrationProgress {
  readonly start: number;
  readonly starts: number;
  readonly iterations: number;
  readonly evaluations: number;
  /** Best weighted sum of squared errors so far. */
  readonly bestError: number;
  /** Share of the work done, 0 to 1 (an estimate: starts that converge early finish sooner). */
  readonly fraction: number;
}

export interface CalibrationOptions {
  readonly backend?: Backend;
  readonly onProgress?: (p: CalibrationProgress) => void;
  /** Checked between rounds of iterations: true stops the fit (CalibrationCancelled). */
  readonly shouldStop?: () => boolean;
}

export interface FittedParameter {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  /** The scenario's value before the fit. */
  readonly before: number;
  readonly value: number;
  /** Approximate 95% interval, clipped to the valid range; null when not identified. */
  readonly low: number | null;
  readonly high: number | null;
  readonly standardError: number | null;
  readonly min: number;
  readonly max: number;
  readonly identified: boolean;
  /** The fit stopped at an end of the valid range. */
  readonly atBound: 'min' | 'max' | null;
  /** Why it deserves a second look, in a sentence (null: nothing to say). */
  readonly warning: string | null;
}

export interface SeriesFit {
  readonly metric: string;
  readonly label: string;
  readonly unit: string;
  readonly aggregate: Aggregate;
  readonly weight: number;
  readonly periods: readonly HistoryPeriod[];
  /** The data per period (null: no figure). */
  readonly data: readonly (number | null)[];
  /** The fitted model per period, read as the data is (value, total or average). */
  readonly model: readonly number[];
  readonly statistics: FitStatistics;
}

export interface CalibrationResult {
  readonly fitted: readonly FittedParameter[];
  readonly series: readonly SeriesFit[];
  readonly overall: {
    readonly observations: number;
    readonly parameters: number;
    readonly degreesOfFreedom: number;
    readonly weightedSse: number;
    readonly residualSd: number;
    readonly conditionNumber: number;
    readonly starts: number;
    readonly bestStart: number;
    readonly iterations: number;
    readonly evaluations: number;
    readonly seed: number;
  };
  /** Strong correlations between estimates (|r| > 0.9). */
  readonly correlations: readonly { readonly a: string; readonly b: string; readonly r: number }[];
  readonly warnings: readonly string[];
  /** The scenario with the fitted values (identified ones; whole-number fields rounded). */
  readonly scenario: Scenario;
}

/** The assumptions the names and patterns select, in catalogue order; unknown names are errors. */
export function resolveFit(scenario: Scenario, names: readonly string[]): Assumption[] {
  if (names.length === 0) throw new CalibrationError('name at least one parameter to fit');
  const chosen = new Map<string, Assumption>();
  for (const pattern of names) {
    const found = findAssumptions(scenario, pattern);
    if (found.length === 0) throw new CalibrationError(`no assumption named '${pattern}'`);
    for (const a of found) chosen.set(a.name, a);
  }
  if (chosen.size > 20)
    throw new CalibrationError(`${chosen.size} parameters selected: fit at most 20 at once`);
  const order = new Map(assumptionsOf(scenario).map((a, i) => [a.name, i]));
  return [...chosen.values()].sort((a, b) => order.get(a.name)! - order.get(b.name)!);
}

/** A parameter as the optimiser sees it: scaled so that the start is about 1. */
interface FreeParameter {
  readonly assumption: Assumption;
  /** Index into the compiled model's parameter values. */
  readonly index: number;
  readonly scale: number;
  readonly lo: number;
  readonly hi: number;
}

function scaleOf(a: Assumption): number {
  if (Math.abs(a.value) > 0) return Math.abs(a.value);
  const width = a.plausible[1] - a.plausible[0];
  return width > 0 ? width : Math.max(1, a.max - a.min) * 1e-3;
}

/** A random start inside the plausible range (or within a factor of 3 of the value when none). */
function randomStart(a: Assumption, rng: Rng): number {
  const [pl, ph] = a.plausible;
  const evidence = ph > pl && !(pl === a.min && ph === a.max);
  if (evidence) return pl + (ph - pl) * rng.uniform();
  if (a.value > 0) {
    const v = a.value * exp(log(3) * (2 * rng.uniform() - 1));
    return Math.min(a.max, Math.max(a.min, v));
  }
  return a.min + (Math.min(a.max, a.min + scaleOf(a)) - a.min) * rng.uniform();
}

/** The residual machinery: parameters in, weighted relative errors out, runs cached. */
class Objective {
  readonly base: Float64Array;
  readonly target: Float64Array;
  readonly factor: Float64Array;
  evaluations = 0;
  private readonly cache = new Map<string, Float64Array>();
  private readonly order: string[] = [];
  private readonly stride: number;

  constructor(
    readonly prepared: PreparedModel,
    readonly plan: ObservationPlan,
    readonly free: readonly FreeParameter[],
    history: KpiHistory,
  ) {
    this.base = Float64Array.from(prepared.built.parameterValues);
    this.stride = prepared.compiled.variables.length;
    const obs = plan.observations;
    const means = history.series.map((s, j) => {
      const xs = obs.filter((o) => o.series === j).map((o) => Math.abs(o.value));
      const m = xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      return m > 0 ? m : 1;
    });
    // Weight per figure: the series' weight over the mean of its data, so series in different
    // units count alike (weights are per figure, as in Vensim's payoff).
    this.factor = Float64Array.from(
      obs,
      (o) => history.series[o.series]!.weight / means[o.series]!,
    );
    this.target = Float64Array.from(obs, (o, i) => o.value * this.factor[i]!);
  }

  parametersAt(u: ArrayLike<number>): Float64Array {
    const params = Float64Array.from(this.base);
    this.free.forEach((f, k) => (params[f.index] = u[k]! * f.scale));
    return params;
  }

  /** Weighted model values at scaled parameters u (cached: the optimiser asks twice). */
  model(u: ArrayLike<number>): Float64Array {
    const key = Array.prototype.join.call(u, ',');
    const hit = this.cache.get(key);
    if (hit) return hit;
    this.evaluations++;
    let out: Float64Array;
    try {
      const run = runModel(this.prepared.compiled, this.parametersAt(u), this.plan.settings);
      out = predict(this.plan, run.values, this.stride);
      for (let i = 0; i < out.length; i++) out[i]! *= this.factor[i]!;
    } catch {
      // A parameter set the model cannot run (a value became non-finite): a very bad fit.
      out = new Float64Array(this.target.length).fill(1e6);
    }
    this.cache.set(key, out);
    this.order.push(key);
    if (this.order.length > 8) this.cache.delete(this.order.shift()!);
    return out;
  }

  error(u: ArrayLike<number>): number {
    const m = this.model(u);
    let s = 0;
    for (let i = 0; i < m.length; i++) s += (m[i]! - this.target[i]!) ** 2;
    return s;
  }
}

const CHUNK = 10;
const RELATIVE_TOLERANCE = 1e-10;
const GRADIENT_STEP = 1e-6;

/** Fits the status quo of `request.scenario` to its history. Throws CalibrationError on bad requests. */
export function calibrate(
  request: CalibrationRequest,
  options: CalibrationOptions = {},
): CalibrationResult {
  const { scenario, history } = request;
  const seed = request.seed ?? 1;
  const starts = Math.max(1, Math.min(50, Math.round(request.starts ?? 4)));
  const maxIterations = Math.max(CHUNK, request.maxIterations ?? 200);
  const chosen = resolveFit(scenario, request.fit);
  const sq = statusQuo(scenario);
  const prepared = prepareModel(sq, options.backend ?? 'interpreter');
  const metrics = new Map(metricInfos(prepared.compiled).map((m) => [m.name, m]));
  for (const s of history.series)
    if (!metrics.has(s.metric))
      throw new CalibrationError(
        `'${s.metric}' is not a metric of the status quo model (the business before data products and AI)`,
      );
  const settings = settingsFor(history, scenario.simulation.stepWeeks, scenario.simulation.seed);
  const plan = planObservations(history, prepared.compiled, settings);
  if (plan.observations.length < 3)
    throw new CalibrationError('the history has fewer than 3 figures to fit');
  const indexOf = new Map(prepared.compiled.parameterNames.map((n, i) => [n, i]));
  const free: FreeParameter[] = [];
  for (const a of chosen) {
    const index = indexOf.get(a.name);
    if (index === undefined) continue; // the status quo does not read it: reported below
    const scale = scaleOf(a);
    free.push({ assumption: a, index, scale, lo: a.min / scale, hi: a.max / scale });
  }
  const objective = new Objective(prepared, plan, free, history);
  const n = plan.observations.length;

  let best = free.map((f) => Math.min(f.hi, Math.max(f.lo, f.assumption.value / f.scale)));
  let bestError = free.length > 0 ? objective.error(best) : objective.error([]);
  let bestStart = 0;
  let iterations = 0;
  const rng = new Rng(seed);
  const startPoints: number[][] = [best.slice()];
  for (let s = 1; s < starts; s++)
    startPoints.push(free.map((f) => randomStart(f.assumption, rng) / f.scale));
  const data = {
    x: Float64Array.from({ length: n }, (_, i) => i),
    y: objective.target,
  };
  const fn = (u: number[]) => {
    const m = objective.model(u);
    return (x: number) => m[x]!;
  };
  if (free.length > 0 && n > free.length) {
    startPoints.forEach((start, s) => {
      let u = start.map((v, k) => Math.min(free[k]!.hi, Math.max(free[k]!.lo, v)));
      let previous = objective.error(u);
      for (let done = 0; done < maxIterations; done += CHUNK) {
        if (options.shouldStop?.()) throw new CalibrationCancelled();
        const r = levenbergMarquardt(data, fn, {
          initialValues: u,
          minValues: free.map((f) => f.lo),
          maxValues: free.map((f) => f.hi),
          gradientDifference: u.map((v) => GRADIENT_STEP * Math.max(1, Math.abs(v))),
          maxIterations: CHUNK,
          errorTolerance: 0,
        });
        iterations += r.iterations;
        u = r.parameterValues;
        const e = objective.error(u);
        if (e < bestError) {
          bestError = e;
          best = u.slice();
          bestStart = s;
        }
        options.onProgress?.({
          start: s + 1,
          starts,
          iterations,
          evaluations: objective.evaluations,
          bestError,
          fraction: Math.min(1, (s + Math.min(1, (done + CHUNK) / maxIterations)) / starts),
        });
        if (!(previous - e > RELATIVE_TOLERANCE * previous)) break;
        previous = e;
      }
    });
  }

  // The Jacobian at the optimum by central differences (one-sided at a bound).
  const base = objective.model(best);
  const jacobian = Array.from({ length: n }, () => new Float64Array(free.length));
  free.forEach((f, k) => {
    const h = 1e-4 * Math.max(1, Math.abs(best[k]!));
    const up = best.slice();
    const down = best.slice();
    up[k] = Math.min(f.hi, best[k]! + h);
    down[k] = Math.max(f.lo, best[k]! - h);
    const width = up[k]! - down[k]!;
    if (!(width > 0)) return;
    const mu = up[k] === best[k] ? base : Float64Array.from(objective.model(up));
    const md = down[k] === best[k] ? base : objective.model(down);
    for (let i = 0; i < n; i++) jacobian[i]![k] = (mu[i]! - md[i]!) / width;
  });
  const dof = Math.max(1, n - free.length);
  const variance = bestError / dof;
  const uncertainty = parameterUncertainty(
    jacobian,
    free.map((f) => f.scale),
    variance,
  );
  const t = tQuantile975(dof);

  const warnings: string[] = [];
  const fitted: FittedParameter[] = chosen.map((a) => {
    const k = free.findIndex((f) => f.assumption.name === a.name);
    const common = {
      name: a.name,
      label: a.label,
      unit: a.unit,
      before: a.value,
      min: a.min,
      max: a.max,
    };
    if (k === -1) {
      const warning =
        'cannot be identified: the status quo (the business before data products and AI) does not use it, so the history says nothing about it';
      warnings.push(`${a.name} ${warning}`);
      return {
        ...common,
        value: a.value,
        low: null,
        high: null,
        standardError: null,
        identified: false,
        atBound: null,
        warning,
      };
    }
    const f = free[k]!;
    const value = best[k]! * f.scale;
    const u = uncertainty.parameters[k]!;
    const span = Math.max(1e-12, f.hi - f.lo);
    const atBound =
      best[k]! - f.lo <= 1e-9 * span ? 'min' : f.hi - best[k]! <= 1e-9 * span ? 'max' : null;
    let warning: string | null = null;
    if (!u.identified) {
      warning =
        u.problem?.kind === 'confounded'
          ? `cannot be identified: the data cannot tell it apart from ${u.problem.with.map((j) => free[j]!.assumption.name).join(', ')} (they change the fitted series in the same way)`
          : 'cannot be identified: the fitted series do not depend on it';
    } else if (atBound) {
      warning = `stopped at the ${atBound === 'min' ? 'lower' : 'upper'} end of its valid range (${atBound === 'min' ? a.min : a.max}): the data pull it further, so check the data and what else could explain them`;
    } else if (u.standardError !== null && t * u.standardError > Math.max(Math.abs(value), 1e-12)) {
      warning =
        'poorly identified: its interval is wider than the value itself, so the data say little about it';
    }
    if (warning) warnings.push(`${a.name} ${warning}`);
    const se = u.identified ? u.standardError : null;
    return {
      ...common,
      value,
      low: se === null ? null : Math.max(a.min, value - t * se),
      high: se === null ? null : Math.min(a.max, value + t * se),
      standardError: se,
      identified: u.identified,
      atBound,
      warning,
    };
  });

  const raw = predict(
    plan,
    runModel(prepared.compiled, objective.parametersAt(best), settings).values,
    prepared.compiled.variables.length,
  );
  const series: SeriesFit[] = history.series.map((s, j) => {
    const info = metrics.get(s.metric)!;
    const model = new Array<number>(history.periods.length).fill(NaN);
    const dataAt: number[] = [];
    const modelAt: number[] = [];
    plan.observations.forEach((o, i) => {
      if (o.series !== j) return;
      model[o.period] = raw[i]!;
      dataAt.push(o.value);
      modelAt.push(raw[i]!);
    });
    // Periods without a figure still get the model's value, for the chart.
    const full = modelPerPeriod(prepared, objective.parametersAt(best), settings, history, j);
    return {
      metric: s.metric,
      label: info.label,
      unit: info.unit,
      aggregate: s.aggregate,
      weight: s.weight,
      periods: history.periods,
      data: s.values,
      model: full,
      statistics: fitStatistics(dataAt, modelAt),
    };
  });

  const identifiedValues = fitted
    .filter((f) => f.identified)
    .map((f) => [f.name, f.value] as const);
  return {
    fitted,
    series,
    overall: {
      observations: n,
      parameters: free.length,
      degreesOfFreedom: dof,
      weightedSse: bestError,
      residualSd: Math.sqrt(variance),
      conditionNumber: uncertainty.conditionNumber,
      starts,
      bestStart,
      iterations,
      evaluations: objective.evaluations,
      seed,
    },
    correlations: uncertainty.correlations.map((c) => ({
      a: free[c.a]!.assumption.name,
      b: free[c.b]!.assumption.name,
      r: c.r,
    })),
    warnings,
    scenario: withAssumptions(scenario, identifiedValues),
  };
}

/** The model's value of series j in every period, as the data reads it (for the charts). */
function modelPerPeriod(
  prepared: PreparedModel,
  parameters: Float64Array,
  settings: ObservationPlan['settings'],
  history: KpiHistory,
  j: number,
): number[] {
  const s = history.series[j]!;
  const complete: KpiHistory = {
    ...history,
    series: [{ ...s, values: history.periods.map(() => 0) }],
  };
  const plan = planObservations(complete, prepared.compiled, settings);
  const run = runModel(prepared.compiled, parameters, settings);
  return Array.from(predict(plan, run.values, prepared.compiled.variables.length));
}
