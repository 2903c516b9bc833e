/**
 * The one layout of every metric's weekly series, written by `flywheel run --format csv|json`
 * and by the app's Export menu (so a file from either reads the same way):
 * - CSV: a header `run, week, <metric>…, <metric>.<percentile>…`, then one row per week per run;
 *   percentile band columns only for Monte Carlo runs.
 * - JSON: `meta` (what was run and the command that reproduces it), `metrics` (the registry:
 *   name, label, unit, description), `runs` (name, scenario, time, every metric's series, KPIs,
 *   and for Monte Carlo runs bands and KPI percentiles), `differences`, then any extra sections.
 * Both are written in chunks (a 520-week, 100-metric result never becomes one huge string).
 * Pure: no DOM, no Node.
 */
import {
  headlineDifferences,
  WIN_PROBABILITY_DRAWS,
  type Headline,
} from '../../simulation/analysis/headline';
import {
  metricSeries,
  type MetricInfo,
  type ScenarioRun,
} from '../../simulation/analysis/simulate';
import type { ComparisonKpis } from '../../simulation/analysis/kpis';
import type { RunSummary } from '../../simulation/analysis/montecarlo';
import { PERCENTILE_KEYS } from '../../simulation/analysis/montecarlo-summary';
import { csvNumber, csvRecord, csvText, CSV_EOL } from './csv';
import { writeJson, type JsonValue } from './json-writer';

/** One run of the series: its short name (with, without, a preset's name, scenario). */
export interface SeriesRun {
  readonly name: string;
  readonly run: ScenarioRun;
  /** Monte Carlo percentiles of this run, or null for a single simulation. */
  readonly summary: RunSummary | null;
}

/** What produced the series and how to produce them again. */
export interface SeriesMeta {
  readonly appVersion: string;
  readonly seed: number;
  readonly weeks: number;
  readonly stepWeeks: number;
  readonly mode: 'stochastic' | 'expected';
  /** Monte Carlo draws (1 when the run is a single simulation). */
  readonly runs: number;
  readonly scenarioHash: string;
  readonly scenarioName: string;
  /** `flywheel run` or `Flywheel Lab` (the app's Export menu). */
  readonly generatedBy: string;
  /** The flywheel command that reproduces these numbers. */
  readonly command: string;
}

export interface SeriesDocument {
  readonly meta: SeriesMeta;
  /** Sections added to `meta` after its fields (the CLI's Monte Carlo method). */
  readonly metaExtra?: Readonly<Record<string, JsonValue>>;
  readonly runs: readonly SeriesRun[];
  readonly differences: ComparisonKpis | null;
  /**
   * The headline results (simulation/analysis/headline.ts): their numbers join `differences`
   * (`maturityGap`, `breakEvenMaturityGap`, `winProbability`) and a `headline` section says how
   * they were found. Absent: not computed (the section is left out).
   */
  readonly headline?: Headline | null;
  /** Sections written after `differences` (the CLI's difference percentiles). */
  readonly extra?: Readonly<Record<string, JsonValue>>;
}

/** The `headline` section of the JSON: the numbers with their definitions. */
export function headlineJson(h: Headline): JsonValue {
  return {
    breakEven: h.breakEven as unknown as JsonValue,
    winProbability: h.win as unknown as JsonValue,
    definitions: {
      maturityGap:
        'How much more mature the data products are than the own pipelines: the mean maturity over every product and anatomy part minus the mean over the own-pipeline template parts (each with its common shift, within 0..1).',
      breakEvenMaturityGap:
        'The maturity gap at which with and without data products end the horizon with the same cumulative net value, moving every product maturity together (productMaturityShift, -1 to +1), expected values; null when not reachable (status never: products at full maturity still lose; always: they win even at maturity 0).',
      winProbability: `The share of ${WIN_PROBABILITY_DRAWS} Monte Carlo draws (seeds and every uncertain assumption) in which with ends with more cumulative net value than without, with a 95% Wilson interval.`,
    },
  };
}

/** Short run names of a with/without comparison, as the app and `flywheel run` name them. */
export const RUN_NAMES = ['with', 'without'] as const;

/** Every metric of every run, in order of first appearance (runs may differ: own pipelines). */
export function metricUnion(runs: readonly SeriesRun[]): MetricInfo[] {
  const seen = new Map<string, MetricInfo>();
  for (const r of runs) for (const m of r.run.metrics) if (!seen.has(m.name)) seen.set(m.name, m);
  return [...seen.values()];
}

/** Column name of a percentile band: `activeUsers.p50`. */
export const bandColumn = (metric: string, key: string): string => `${metric}.${key}`;

/** The series as CSV, one record per call of `write`. */
export function writeSeriesCsv(
  runs: readonly SeriesRun[],
  bandMetrics: readonly string[],
  write: (chunk: string) => void,
): void {
  const metrics = metricUnion(runs).map((m) => m.name);
  const bandColumns = bandMetrics.flatMap((m) => PERCENTILE_KEYS.map((k) => bandColumn(m, k)));
  write(csvRecord(['run', 'week', ...metrics, ...bandColumns].map(csvText)) + CSV_EOL);
  for (const r of runs) {
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

function runJson(r: SeriesRun): JsonValue {
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
    out.kpiPercentiles = r.summary.kpiPercentiles as unknown as JsonValue;
  }
  return out;
}

/** The series as JSON (non-finite numbers written as null), in chunks, ending with a newline. */
export function writeSeriesJson(doc: SeriesDocument, write: (chunk: string) => void): void {
  const value: Record<string, JsonValue> = {
    meta: { ...doc.meta, ...doc.metaExtra } as unknown as JsonValue,
    metrics: metricUnion(doc.runs).map(({ name, label, unit, description }) => ({
      name,
      label,
      unit,
      description,
    })),
    runs: doc.runs.map(runJson),
    differences: (doc.differences && doc.headline
      ? { ...doc.differences, ...headlineDifferences(doc.headline) }
      : doc.differences) as unknown as JsonValue,
    ...(doc.headline ? { headline: headlineJson(doc.headline) } : {}),
    ...doc.extra,
  };
  writeJson(value, write);
  write('\n');
}

/** What a writer wrote, as one string. */
export function collect(writeTo: (write: (chunk: string) => void) => void): string {
  const chunks: string[] = [];
  writeTo((chunk) => chunks.push(chunk));
  return chunks.join('');
}

/** The JSON file's shape, for readers (tests, imports). Numbers that were not finite are null. */
export interface SeriesJson {
  readonly meta: SeriesMeta;
  readonly metrics: readonly Pick<MetricInfo, 'name' | 'label' | 'unit' | 'description'>[];
  readonly runs: readonly {
    readonly name: string;
    readonly scenario: string;
    readonly time: readonly (number | null)[];
    readonly metrics: Readonly<Record<string, readonly (number | null)[]>>;
    readonly kpis: Readonly<Record<string, number | null>>;
  }[];
  readonly differences: ComparisonKpis | null;
}
