/**
 * The weekly table's columns and cells: the metrics of the runs in the readable CSV's order (the
 * business as a whole first, then each data product, AI consumer and own pipeline), headed by
 * label and unit in words, each number rounded as the readable CSV rounds it (what the table
 * shows is what Export > Series as CSV writes). Pure.
 */
import type { MetricInfo, ScenarioRun } from '../../simulation';
import { readableHeader, readableNumber } from '../export/readable-csv';
import { metricUnion } from '../export/series';
import { cachedSeries } from '../state/selectors';
import type { TableRun } from './store';

export interface TableColumn {
  readonly name: string;
  readonly header: string;
  readonly unit: string;
  readonly description: string;
}

/** Every metric of the runs, business-wide first, in the model's order within each group. */
export function tableColumns(runs: readonly ScenarioRun[]): TableColumn[] {
  const all: MetricInfo[] = metricUnion(
    runs.map((run, i) => ({ name: String(i), run, summary: null })),
  );
  return [
    ...all.filter((m) => !m.name.includes('.')),
    ...all.filter((m) => m.name.includes('.')),
  ].map((m) => ({
    name: m.name,
    header: readableHeader(m),
    unit: m.unit,
    description: m.description,
  }));
}

/** Columns whose header or name contains every word of `filter` (any case). */
export function filterColumns(columns: readonly TableColumn[], filter: string): TableColumn[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...columns];
  return columns.filter((c) => {
    const text = `${c.header} ${c.name}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}

/**
 * A column's values for the table's choice of run: the with run's, the without run's, or with
 * minus without; null where the run does not have the metric (a data product exists only with).
 */
export function columnValues(
  runs: readonly ScenarioRun[],
  choice: TableRun,
  name: string,
): Float64Array | null {
  const of = (run: ScenarioRun | undefined): Float64Array | null =>
    run && run.metrics.some((m) => m.name === name) ? cachedSeries(run, name) : null;
  if (choice === 'with') return of(runs[0]);
  if (choice === 'without') return of(runs[1]);
  const a = of(runs[0]);
  const b = of(runs[1]);
  if (!a || !b) return null;
  return a.map((v, i) => v - b[i]!);
}

/** A cell as the table shows it (and the readable CSV writes it); '–' for no value. */
export function cellText(value: number | undefined, unit: string, difference: boolean): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  const text = readableNumber(value, unit);
  if (!difference) return text;
  if (unit === 'flag') return value === 0 ? 'same' : value > 0 ? 'with only' : 'without only';
  return value > 0 && text !== '0' ? `+${text}` : text;
}
