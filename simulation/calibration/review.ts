/**
 * A calibration record read back against the scenario as it now stands: the history it was
 * fitted to, the status quo's series over the same periods, the fit statistics, the fitted values
 * with their intervals beside the scenario's current values, and what deserves a second look.
 * The report's calibration section is drawn from this; it runs the model once (no fitting), so
 * it is as cheap as a single run and identical on every backend.
 *
 * The model is the scenario's status quo with its current values: when nothing was changed after
 * the fit, that is the fitted model; when a fitted value (or anything else the status quo reads)
 * was changed since, or the fit was adopted as a variant and this is the base, the charts and
 * statistics show the scenario a reader is actually given, and the values that differ are named.
 */
import type { Backend } from '../engine/compile';
import { runModel } from '../engine/run';
import { metricInfos, prepareModel } from '../analysis/simulate';
import { assumptionNamed } from '../scenario/assumptions';
import { statusQuo } from '../scenario/derive';
import type { CalibrationRecord, KpiHistory, Scenario } from '../scenario/types';
import { planObservations, predict, settingsFor } from './observe';
import { fitStatistics } from './statistics';
import { parameterUncertainty } from './uncertainty';
import type { SeriesFit } from './fit';
import type { PreparedModel } from '../analysis/simulate';
import type { RunSettings } from '../engine/types';

/** A fitted value from the record, beside the scenario's value now. */
export interface ReviewedParameter {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  /** The fitted value (for one not identified: the value it kept). */
  readonly fitted: number;
  readonly low: number | null;
  readonly high: number | null;
  readonly identified: boolean;
  /** The scenario's value now; null when the scenario no longer has this assumption. */
  readonly current: number | null;
  /**
   * The scenario's value is not the fitted one (or, not identified, the value it kept): changed
   * since, or the fit was adopted as a variant and this is the base.
   */
  readonly differs: boolean;
  /** Why it deserves a second look, in a sentence; null when nothing. */
  readonly warning: string | null;
}

export interface CalibrationReview {
  readonly file: string;
  readonly date: string;
  readonly seed: number;
  readonly frequency: KpiHistory['frequency'];
  readonly startDate: string | null;
  /** Number of periods (weeks or months) and their first and last labels. */
  readonly periods: number;
  readonly firstPeriod: string;
  readonly lastPeriod: string;
  /** Figures in the history (all series, gaps left out). */
  readonly figures: number;
  readonly fitted: readonly ReviewedParameter[];
  /** Each series of the history against the status quo now (series the model lacks are left out). */
  readonly series: readonly SeriesFit[];
  /**
   * Fitted parameters whose estimates are strongly correlated at the scenario's values (|r| > 0.9):
   * the history pins down a combination of them better than each one.
   */
  readonly correlations: readonly { readonly a: string; readonly b: string; readonly r: number }[];
  /** Sentences a reader should see: unidentified or weak estimates, changes since, systematic error. */
  readonly warnings: readonly string[];
}

/** The sentence for two estimates that trade off against each other (the app and the report). */
export function correlationWarning(a: string, b: string, r: number): string {
  const shown =
    Math.abs(r) >= 0.9995 ? `${r > 0 ? '>' : '<'} ${r > 0 ? '' : '-'}0.999` : `= ${r.toFixed(3)}`;
  return `${a} and ${b} trade off against each other (r ${shown}): the history pins down their combination better than either one, so read their intervals together`;
}

/** Relative difference below which a current value still is the fitted one (rounding, JSON). */
const SAME = 1e-9;
/** A series whose error is mostly bias or unequal variation (UM + US) and not small (MAPE). */
const SYSTEMATIC_SHARE = 0.5;
const NOTABLE_MAPE = 0.02;

const num = (x: number): string =>
  Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 8 });

function reviewParameter(scenario: Scenario, f: CalibrationRecord['fitted'][number]) {
  const a = assumptionNamed(scenario, f.name);
  const identified = f.low !== null && f.high !== null;
  const current = a ? a.value : null;
  const differs =
    current !== null &&
    Math.abs(current - f.value) > SAME * Math.max(Math.abs(f.value), Math.abs(current), 1e-12);
  const label = a?.label ?? f.name;
  let warning: string | null = null;
  if (!a)
    warning = `${label}: the scenario no longer has this value (fitted ${num(f.value)}), so the fit no longer describes it`;
  else if (!identified)
    warning = `${label} could not be identified from the history: it kept its value (${num(f.value)})${differs ? `; here it is ${num(current!)}` : ''}`;
  else if (differs)
    warning = `${label} is not the fitted value in this scenario (fitted ${num(f.value)}, here ${num(current!)}): the charts and statistics show this scenario as it stands`;
  else if (f.value <= a.min + SAME * Math.max(1, Math.abs(a.min)))
    warning = `${label} stopped at the lower end of its valid range (${num(a.min)}): the data pull it further, so check the data and what else could explain them`;
  else if (f.value >= a.max - SAME * Math.max(1, Math.abs(a.max)))
    warning = `${label} stopped at the upper end of its valid range (${num(a.max)}): the data pull it further, so check the data and what else could explain them`;
  else if ((f.high! - f.low!) / 2 > Math.abs(f.value))
    warning = `${label} is poorly identified: its interval (${num(f.low!)} to ${num(f.high!)}) is wider than the value itself`;
  return {
    name: f.name,
    label,
    unit: a?.unit ?? '',
    fitted: f.value,
    low: f.low,
    high: f.high,
    identified,
    current,
    differs,
    warning,
  };
}

/**
 * The scenario's calibration read against its current values; null when it has no calibration
 * record. `backend`: the engine backend (the app's page uses the interpreter, the CLI either).
 */
export function reviewCalibration(
  scenario: Scenario,
  backend: Backend = 'interpreter',
): CalibrationReview | null {
  const record = scenario.calibration;
  if (!record) return null;
  const history = record.history;
  const fitted = record.fitted.map((f) => reviewParameter(scenario, f));
  const warnings = fitted.flatMap((f) => (f.warning ? [f.warning] : []));

  const prepared = prepareModel(statusQuo(scenario), backend);
  const metrics = new Map(metricInfos(prepared.compiled).map((m) => [m.name, m]));
  const settings = settingsFor(history, scenario.simulation.stepWeeks, scenario.simulation.seed);
  const run = runModel(prepared.compiled, prepared.built.parameterValues, settings);
  const stride = prepared.compiled.variables.length;
  const series: SeriesFit[] = [];
  for (const s of history.series) {
    const info = metrics.get(s.metric);
    if (!info) {
      warnings.push(
        `The history's '${s.metric}' is not a metric of this model any more: it is left out`,
      );
      continue;
    }
    // The model in every period (the chart's line), read as the data is.
    const complete: KpiHistory = {
      ...history,
      series: [{ ...s, values: history.periods.map(() => 0) }],
    };
    const model = Array.from(
      predict(planObservations(complete, prepared.compiled, settings), run.values, stride),
    );
    const dataAt: number[] = [];
    const modelAt: number[] = [];
    s.values.forEach((v, i) => {
      if (v === null) return;
      dataAt.push(v);
      modelAt.push(model[i]!);
    });
    const statistics = fitStatistics(dataAt, modelAt);
    series.push({
      metric: s.metric,
      label: info.label,
      unit: info.unit,
      aggregate: s.aggregate,
      weight: s.weight,
      periods: history.periods,
      data: s.values,
      model,
      statistics,
    });
    const systematic = (statistics.um ?? 0) + (statistics.us ?? 0);
    if (
      statistics.n > 0 &&
      systematic > SYSTEMATIC_SHARE &&
      statistics.mape !== null &&
      statistics.mape > NOTABLE_MAPE
    )
      warnings.push(
        `${info.label}: most of the error is systematic (UM ${statistics.um!.toFixed(2)}, US ${statistics.us!.toFixed(2)}; MAPE ${(100 * statistics.mape).toFixed(1)}%): the model misses a level, trend or swing in the data, not just noise`,
      );
    const gaps = s.values.filter((v) => v === null).length;
    if (gaps > 0)
      warnings.push(
        `${info.label}: ${gaps} of ${s.values.length} ${history.frequency === 'weekly' ? 'weeks' : 'months'} have no figure (gaps or outliers left out of the fit)`,
      );
  }
  const correlations = estimateCorrelations(
    prepared,
    settings,
    history,
    fitted.filter((f) => f.identified && f.current !== null),
    scenario,
  );
  const labelOf = new Map(fitted.map((f) => [f.name, f.label]));
  for (const c of correlations)
    warnings.push(correlationWarning(labelOf.get(c.a) ?? c.a, labelOf.get(c.b) ?? c.b, c.r));
  return {
    file: record.file,
    date: record.date,
    seed: record.seed,
    frequency: history.frequency,
    startDate: history.startDate,
    periods: history.periods.length,
    firstPeriod: history.periods[0]?.label ?? '',
    lastPeriod: history.periods[history.periods.length - 1]?.label ?? '',
    figures: history.series.reduce((n, s) => n + s.values.filter((v) => v !== null).length, 0),
    fitted,
    series,
    correlations,
    warnings,
  };
}

/**
 * Correlations between the estimates of these parameters at the scenario's values, from the
 * Jacobian of the fit's weighted residuals (each series relative to the mean of its data, times
 * its weight, as fit.ts weighs them) by central differences: 2 runs per parameter.
 */
function estimateCorrelations(
  prepared: PreparedModel,
  settings: RunSettings,
  history: KpiHistory,
  params: readonly ReviewedParameter[],
  scenario: Scenario,
): { a: string; b: string; r: number }[] {
  const indexOf = new Map(prepared.compiled.parameterNames.map((n, i) => [n, i]));
  const free = params.flatMap((p) => {
    const index = indexOf.get(p.name);
    const a = assumptionNamed(scenario, p.name);
    return index === undefined || !a ? [] : [{ name: p.name, index, a }];
  });
  if (free.length < 2) return [];
  let plan;
  try {
    plan = planObservations(history, prepared.compiled, settings);
  } catch {
    return []; // a series the model lacks (reported above)
  }
  const obs = plan.observations;
  if (obs.length <= free.length) return [];
  const means = history.series.map((_, j) => {
    const xs = obs.filter((o) => o.series === j).map((o) => Math.abs(o.value));
    const m = xs.reduce((x, y) => x + y, 0) / Math.max(1, xs.length);
    return m > 0 ? m : 1;
  });
  const factor = obs.map((o) => history.series[o.series]!.weight / means[o.series]!);
  const stride = prepared.compiled.variables.length;
  const base = prepared.built.parameterValues;
  const at = (k: number, v: number): Float64Array => {
    const values = Float64Array.from(base);
    values[free[k]!.index] = v;
    return predict(plan, runModel(prepared.compiled, values, settings).values, stride);
  };
  const jacobian = obs.map(() => new Float64Array(free.length));
  try {
    free.forEach((f, k) => {
      const v = base[f.index]!;
      const h = 1e-4 * Math.max(Math.abs(v), 1e-6);
      const up = Math.min(f.a.max, v + h);
      const down = Math.max(f.a.min, v - h);
      if (!(up > down)) return;
      const mu = at(k, up);
      const md = at(k, down);
      for (let i = 0; i < obs.length; i++)
        jacobian[i]![k] = ((mu[i]! - md[i]!) / (up - down)) * factor[i]!;
    });
  } catch {
    return []; // the model cannot run next to these values: nothing to say about correlations
  }
  const u = parameterUncertainty(
    jacobian,
    free.map(() => 1),
    1,
  );
  return u.correlations.map((c) => ({ a: free[c.a]!.name, b: free[c.b]!.name, r: c.r }));
}
