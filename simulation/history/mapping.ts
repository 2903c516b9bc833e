/**
 * The mapping a history starts with: the time column and each other column's metric guessed from
 * the headers (the app shows it for the user to change), or read strictly as the command line
 * requires (first column `week` or `date`, the others named exactly as the model's metrics).
 */
import type { Aggregate, KpiHistory } from '../scenario/types';
import { parseDateCell, parseNumberCell } from './cells';
import {
  defaultAggregate,
  type ColumnMapping,
  type HistoryMapping,
  type MetricChoice,
} from './history';
import type { RawTable } from './read-table';

/** Header words people use for the model's metrics (only metrics the model has are used). */
const ALIASES: readonly (readonly [RegExp, string])[] = [
  [/^(active ?(users|customers)|customers|users|active)$/, 'activeUsers'],
  [/^(sessions|visits|traffic)$/, 'sessions'],
  [/^(orders|transactions|purchases)$/, 'orders'],
  [/^(revenue|sales|turnover|gmv)$/, 'revenue'],
  [/^(conversion|conversion ?rate|cr)$/, 'conversionRate'],
  [/^(churn ?rate)$/, 'churnRate'],
  [/^(churn|churned|lapsed|lost customers)$/, 'churn'],
  [/^(aov|average ?order ?value|basket)$/, 'averageOrderValue'],
  [/^(searches|site ?searches)$/, 'searches'],
];

const normal = (h: string): string =>
  h
    .toLowerCase()
    .replace(/\(.*?\)/g, '')
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The metric a header names, or null. */
export function metricForHeader(header: string, metrics: readonly MetricChoice[]): string | null {
  const exact = metrics.find((m) => m.name.toLowerCase() === header.trim().toLowerCase());
  if (exact) return exact.name;
  const h = normal(header);
  const byLabel = metrics.find((m) => normal(m.label) === h);
  if (byLabel) return byLabel.name;
  for (const [re, name] of ALIASES)
    if (re.test(h) && metrics.some((m) => m.name === name)) return name;
  return null;
}

/** How the first rows of a column read: as week numbers, as dates, or neither. */
function timeKind(table: RawTable, column: number): 'week' | 'date' | null {
  const cells = table.rows.slice(0, 20).map((r) => r[column] ?? null);
  if (cells.every((c) => parseDateCell(c) !== null && !(typeof c === 'number'))) return 'date';
  if (
    cells.every((c) => {
      const n = parseNumberCell(c);
      return n.ok && n.value !== null && Number.isInteger(n.value) && n.value >= 0;
    })
  )
    return 'week';
  return null;
}

/** The frequency the time column suggests (dated rows about a month apart are monthly). */
function guessFrequency(
  table: RawTable,
  column: number,
  kind: 'week' | 'date',
): KpiHistory['frequency'] {
  if (kind === 'week') return 'weekly';
  const days = table.rows
    .slice(0, 20)
    .map((r) => parseDateCell(r[column] ?? null)?.day)
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b);
  const gaps = days
    .slice(1)
    .map((d, i) => d - days[i]!)
    .sort((a, b) => a - b);
  return (gaps[gaps.length >> 1] ?? 7) >= 20 ? 'monthly' : 'weekly';
}

/** A first mapping for the app: the time column, and every column whose header names a metric. */
export function guessMapping(table: RawTable, metrics: readonly MetricChoice[]): HistoryMapping {
  const named = table.headers.findIndex((h) =>
    /^(week|wk|week ?no|date|month|period|time)$/i.test(h.trim()),
  );
  let column = named;
  let kind = named === -1 ? null : timeKind(table, named);
  if (kind === null) {
    column = table.headers.findIndex((_, i) => timeKind(table, i) !== null);
    kind = column === -1 ? 'week' : timeKind(table, column)!;
    if (column === -1) column = 0;
  }
  const frequency = guessFrequency(table, column, kind);
  const used = new Set<string>();
  const series: ColumnMapping[] = [];
  table.headers.forEach((h, i) => {
    if (i === column) return;
    const metric = metricForHeader(h, metrics);
    if (metric === null || used.has(metric)) return;
    used.add(metric);
    const unit = metrics.find((m) => m.name === metric)!.unit;
    series.push({ column: i, metric, aggregate: defaultAggregate(frequency, unit), weight: 1 });
  });
  return { time: { column, kind }, dateOrder: 'auto', series, excludeOutliers: false };
}

export type StrictMapping =
  | { readonly ok: true; readonly mapping: HistoryMapping }
  | { readonly ok: false; readonly message: string };

/**
 * The command line's mapping: the first column is `week` or `date`, every other column is named
 * exactly as a model metric. `monthly` chooses how monthly figures of per-week metrics are read.
 */
export function strictMapping(
  table: RawTable,
  metrics: readonly MetricChoice[],
  options: {
    readonly monthly?: Exclude<Aggregate, 'point'>;
    readonly weights?: Readonly<Record<string, number>>;
  } = {},
): StrictMapping {
  const first = table.headers[0]!.trim().toLowerCase();
  if (first !== 'week' && first !== 'date')
    return {
      ok: false,
      message: `the first column must be 'week' (0, 1, 2, ...) or 'date', got ${JSON.stringify(table.headers[0])}`,
    };
  const kind = first as 'week' | 'date';
  const names = new Set(metrics.map((m) => m.name));
  const unknown = table.headers.slice(1).filter((h) => !names.has(h.trim()));
  if (unknown.length > 0)
    return {
      ok: false,
      message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown
        .slice(0, 5)
        .map((u) => JSON.stringify(u))
        .join(', ')}: columns after the first are named as the model's metrics (${metrics
        .slice(0, 12)
        .map((m) => m.name)
        .join(', ')}, ...; 'flywheel calibrate --help' lists them)`,
    };
  const frequency = guessFrequency(table, 0, kind);
  const weights = options.weights ?? {};
  for (const w of Object.keys(weights))
    if (!table.headers.slice(1).some((h) => h.trim() === w))
      return { ok: false, message: `--weights: the data has no column '${w}'` };
  const series = table.headers.slice(1).map((h, i): ColumnMapping => {
    const metric = h.trim();
    const unit = metrics.find((m) => m.name === metric)!.unit;
    let aggregate = defaultAggregate(frequency, unit);
    if (aggregate === 'total' && options.monthly) aggregate = options.monthly;
    return { column: i + 1, metric, aggregate, weight: weights[metric] ?? 1 };
  });
  return {
    ok: true,
    mapping: { time: { column: 0, kind }, dateOrder: 'auto', series, excludeOutliers: false },
  };
}
