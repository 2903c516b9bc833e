/**
 * The output of `flywheel run`: one report, written as JSON (metadata, metric registry, runs with
 * every metric's weekly series and KPIs, differences) or as CSV (one row per week per run).
 */
import type { ComparisonKpis } from '../simulation/analysis/kpis';
import {
  PERCENTILE_KEYS,
  type KpiPercentiles,
  type MonteCarloSummary,
  type RunSummary,
  type UncertainParameter,
} from '../simulation/analysis/montecarlo';
import { metricSeries, type MetricInfo, type ScenarioRun } from '../simulation/analysis/simulate';
import { csvNumber, csvRecord, csvText, CSV_EOL } from './csv';
import { writeJson, type JsonValue } from './json-writer';

export interface ReportMeta {
  readonly appVersion: string;
  readonly seed: number;
  readonly weeks: number;
  readonly stepWeeks: number;
  readonly mode: 'stochastic' | 'expected';
  /** Monte Carlo draws (1 when the run is a single simulation). */
  readonly runs: number;
  readonly scenarioHash: string;
  readonly scenarioName: string;
  readonly generatedBy: 'flywheel run';
  /** The flywheel command that reproduces this output. */
  readonly command: string;
}

export interface ReportRun {
  /** Stable short name: with / without, the preset's name, or scenario. */
  readonly name: string;
  readonly run: ScenarioRun;
  readonly summary: RunSummary | null;
}

export interface Report {
  readonly meta: ReportMeta;
  readonly runs: readonly ReportRun[];
  readonly differences: ComparisonKpis | null;
  readonly monteCarlo: MonteCarloSummary | null;
  readonly uncertain: readonly UncertainParameter[];
}

/** Every metric of every run, in order of first appearance (runs may differ: own pipelines). */
export function metricUnion(runs: readonly ReportRun[]): MetricInfo[] {
  const seen = new Map<string, MetricInfo>();
  for (const r of runs) for (const m of r.run.metrics) if (!seen.has(m.name)) seen.set(m.name, m);
  return [...seen.values()];
}

const percentileRecord = (p: Record<string, KpiPercentiles>): JsonValue =>
  p as unknown as JsonValue;

function runJson(r: ReportRun): JsonValue {
  const metrics: Record<string, Float64Array> = {};
  for (const m of r.run.metrics) metrics[m.name] = metricSeries(r.run, m.name);
  const out: Record<string, JsonValue> = {
    name: r.name,
    scenario: r.run.scenario.name,
    time: r.run.series.time,
    metrics,
    kpis: r.run.kpis as unknown as JsonValue,
  };
  if (r.summary) {
    out.bands = r.summary.bands as unknown as JsonValue;
    out.kpiPercentiles = percentileRecord(r.summary.kpiPercentiles);
  }
  return out;
}

function monteCarloMeta(report: Report): JsonValue {
  const mc = report.monteCarlo!;
  return {
    draws: mc.draws,
    percentiles: [...PERCENTILE_KEYS],
    method:
      'Each draw has its own simulation seed and triangular draws of the uncertain parameters (same values for every run: ' +
      'common random numbers). KPI percentiles are exact (linear interpolation between order statistics); bands come from ' +
      "fixed-bin histograms over the pilot draws' range widened by 10% each side, within one bin width of the exact percentile.",
    bins: mc.bins,
    pilotDraws: mc.pilotDraws,
    outsideRangeShare: mc.outsideRangeShare,
    bandMetrics: [...mc.bandMetrics],
    uncertainParameters: report.uncertain.map((u) => ({
      name: u.name,
      min: u.lo,
      mode: u.mode,
      max: u.hi,
    })),
  };
}

export function writeReportJson(report: Report, write: (chunk: string) => void): void {
  const value: Record<string, JsonValue> = {
    meta: { ...report.meta, ...(report.monteCarlo ? { monteCarlo: monteCarloMeta(report) } : {}) },
    metrics: metricUnion(report.runs).map((m) => ({
      name: m.name,
      label: m.label,
      unit: m.unit,
      description: m.description,
    })),
    runs: report.runs.map(runJson),
    differences: report.differences as unknown as JsonValue,
  };
  if (report.monteCarlo)
    value.differencePercentiles = report.monteCarlo.differencePercentiles as unknown as JsonValue;
  writeJson(value, write);
  write('\n');
}

/** Column name of a band: `activeUsers.p50`. */
export const bandColumn = (metric: string, key: string): string => `${metric}.${key}`;

export function writeReportCsv(report: Report, write: (chunk: string) => void): void {
  const metrics = metricUnion(report.runs).map((m) => m.name);
  const bandMetrics = report.monteCarlo?.bandMetrics ?? [];
  const bandColumns = bandMetrics.flatMap((m) => PERCENTILE_KEYS.map((k) => bandColumn(m, k)));
  write(csvRecord(['run', 'week', ...metrics, ...bandColumns].map(csvText)) + CSV_EOL);
  for (const r of report.runs) {
    const points = r.run.series.points;
    const time = r.run.series.time;
    const own = new Set(r.run.metrics.map((m) => m.name));
    const columns = metrics.map((m) => (own.has(m) ? metricSeries(r.run, m) : null));
    const bands = bandMetrics.flatMap((m) =>
      PERCENTILE_KEYS.map((k) => r.summary?.bands[m]?.[k] ?? null),
    );
    const name = csvText(r.name);
    for (let k = 0; k < points; k++) {
      const cells: string[] = [name, csvNumber(time[k]!)];
      for (const c of columns) cells.push(c ? csvNumber(c[k]!) : '');
      for (const b of bands) cells.push(b ? csvNumber(b[k]!) : '');
      write(csvRecord(cells) + CSV_EOL);
    }
  }
}
