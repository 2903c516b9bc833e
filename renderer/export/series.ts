/**
 * Every metric's weekly series of a comparison, as CSV (one row per week per run, the layout of
 * `flywheel run --format csv`) or JSON (metadata, the metric registry, runs with their series
 * and KPIs, differences: the layout of `flywheel run --format json`). Pure: no DOM.
 */
import {
  metricSeries,
  scenarioHash,
  type ComparisonKpis,
  type MetricInfo,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';
import { csvNumber, csvRecord, csvText, CSV_EOL } from './csv';

export interface SeriesComparison {
  readonly runs: readonly ScenarioRun[];
  readonly differences: ComparisonKpis | null;
}

/** Short run names, as the CLI names them. */
export const RUN_NAMES = ['with', 'without'] as const;

/** Every metric of every run, in order of first appearance (runs may differ: own pipelines). */
export function metricUnion(runs: readonly ScenarioRun[]): MetricInfo[] {
  const seen = new Map<string, MetricInfo>();
  for (const r of runs) for (const m of r.metrics) if (!seen.has(m.name)) seen.set(m.name, m);
  return [...seen.values()];
}

export function seriesCsv(c: SeriesComparison): string {
  const metrics = metricUnion(c.runs).map((m) => m.name);
  const lines = [csvRecord(['run', 'week', ...metrics].map(csvText))];
  c.runs.forEach((run, i) => {
    const own = new Set(run.metrics.map((m) => m.name));
    const columns = metrics.map((m) => (own.has(m) ? metricSeries(run, m) : null));
    const name = csvText(RUN_NAMES[i] ?? run.name);
    for (let k = 0; k < run.series.points; k++) {
      const cells = [name, csvNumber(run.series.time[k]!)];
      for (const col of columns) cells.push(col ? csvNumber(col[k]!) : '');
      lines.push(csvRecord(cells));
    }
  });
  return lines.join(CSV_EOL) + CSV_EOL;
}

/** Numbers for JSON: non-finite values become null (JSON has no NaN or Infinity). */
const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface SeriesJson {
  readonly meta: {
    readonly appVersion: string;
    readonly scenarioName: string;
    readonly scenarioHash: string;
    readonly seed: number;
    readonly weeks: number;
    readonly stepWeeks: number;
    readonly mode: string;
  };
  readonly metrics: readonly MetricInfo[];
  readonly runs: readonly {
    readonly name: string;
    readonly scenario: string;
    readonly time: readonly (number | null)[];
    readonly metrics: Readonly<Record<string, readonly (number | null)[]>>;
    readonly kpis: Readonly<Record<string, number | null>>;
  }[];
  readonly differences: ComparisonKpis | null;
}

export function seriesJsonValue(
  c: SeriesComparison,
  scenario: Scenario,
  appVersion: string,
): SeriesJson {
  const s = scenario.simulation;
  return {
    meta: {
      appVersion,
      scenarioName: scenario.name,
      scenarioHash: scenarioHash(scenario),
      seed: s.seed,
      weeks: s.weeks,
      stepWeeks: s.stepWeeks,
      mode: s.mode,
    },
    metrics: metricUnion(c.runs).map(({ name, label, unit, description }) => ({
      name,
      label,
      unit,
      description,
    })),
    runs: c.runs.map((run, i) => ({
      name: RUN_NAMES[i] ?? run.name,
      scenario: run.scenario.name,
      time: Array.from(run.series.time, finite),
      metrics: Object.fromEntries(
        run.metrics.map((m) => [m.name, Array.from(metricSeries(run, m.name), finite)]),
      ),
      kpis: { ...run.kpis },
    })),
    differences: c.differences,
  };
}

export function seriesJson(c: SeriesComparison, scenario: Scenario, appVersion: string): string {
  return `${JSON.stringify(seriesJsonValue(c, scenario, appVersion), null, 1)}\n`;
}
