/**
 * From a table of cells to a KPI history the model can be fitted to: the time column read as
 * numbered weeks or dates (weekly or monthly figures), each mapped column read as numbers, and
 * what a user should look at flagged (missing weeks or months, empty cells, outliers). Mistakes
 * that make the history unusable (text in a number column, a week twice, daily figures) are
 * errors naming the row and column.
 */
import type { Aggregate, HistoryPeriod, HistorySeries, KpiHistory } from '../scenario/types';
import {
  detectDateOrder,
  isoOfDay,
  parseDateCell,
  parseNumberCell,
  partsOfDay,
  usesDecimalComma,
  dayNumber,
  type DateOrder,
} from './cells';
import { findOutliers } from './outliers';
import type { RawTable } from './read-table';

/** The longest history the model can run over (its horizon limit). */
export const MAX_HISTORY_WEEKS = 520;

/** A model metric a column can be mapped to (from the status quo model's metric list). */
export interface MetricChoice {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
}

export interface ColumnMapping {
  readonly column: number;
  readonly metric: string;
  readonly aggregate: Aggregate;
  readonly weight: number;
}

export interface HistoryMapping {
  readonly time: { readonly column: number; readonly kind: 'week' | 'date' };
  readonly dateOrder: 'auto' | DateOrder;
  readonly series: readonly ColumnMapping[];
  /** Leave the flagged outliers out of the fit. */
  readonly excludeOutliers: boolean;
}

export interface HistoryFlag {
  readonly kind: 'gap' | 'missing' | 'outlier' | 'dateOrder';
  readonly message: string;
  /** The series (metric) it concerns, or null for the whole history. */
  readonly metric: string | null;
  /** Indexes into the history's periods it concerns. */
  readonly periods: readonly number[];
}

export type HistoryResult =
  | { readonly ok: true; readonly history: KpiHistory; readonly flags: readonly HistoryFlag[] }
  | { readonly ok: false; readonly errors: readonly string[] };

/** True when a metric's unit is per week: a period's figure can be its total over the period. */
export function isRateUnit(unit: string): boolean {
  return /\/\s*week\b/.test(unit) || /\/week\)?$/.test(unit);
}

/** The aggregate a column gets unless the user chooses: totals for flows over months. */
export function defaultAggregate(frequency: KpiHistory['frequency'], unit: string): Aggregate {
  if (frequency === 'weekly') return 'point';
  return isRateUnit(unit) ? 'total' : 'average';
}

const fmt = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 4 });

/** "weeks 4-6, 9" from sorted numbers. */
export function describeRuns(nums: readonly number[], word: string, plural: string): string {
  const parts: string[] = [];
  for (let i = 0; i < nums.length;) {
    let j = i;
    while (j + 1 < nums.length && nums[j + 1] === nums[j]! + 1) j++;
    parts.push(j === i ? `${nums[i]}` : `${nums[i]}-${nums[j]}`);
    i = j + 1;
  }
  const shown =
    parts.slice(0, 8).join(', ') + (parts.length > 8 ? `, ... (${nums.length} in all)` : '');
  return `${nums.length === 1 ? word : plural} ${shown}`;
}

interface TimeAxis {
  readonly frequency: KpiHistory['frequency'];
  readonly startDate: string | null;
  readonly periods: HistoryPeriod[];
  /** For each period, the table row it came from. */
  readonly rowOf: number[];
  readonly flags: HistoryFlag[];
}

type Axis = { ok: true; axis: TimeAxis } | { ok: false; errors: string[] };

function weekAxis(table: RawTable, column: number): Axis {
  const errors: string[] = [];
  const byWeek = new Map<number, number>();
  const name = table.headers[column]!;
  table.rows.forEach((row, r) => {
    const cell = row[column] ?? null;
    const n = parseNumberCell(cell);
    if (!n.ok || n.value === null || !Number.isInteger(n.value) || n.value < 0) {
      if (errors.length < 10)
        errors.push(
          `row ${r + 2}, column '${name}': expected a week number (0, 1, 2, ...), got ${JSON.stringify(String(cell ?? ''))}`,
        );
      return;
    }
    if (n.value > MAX_HISTORY_WEEKS) {
      if (errors.length < 10)
        errors.push(
          `row ${r + 2}: week ${n.value} is past the model's horizon of ${MAX_HISTORY_WEEKS} weeks`,
        );
      return;
    }
    const before = byWeek.get(n.value);
    if (before !== undefined) {
      if (errors.length < 10)
        errors.push(`week ${n.value} appears twice (rows ${before + 2} and ${r + 2})`);
      return;
    }
    byWeek.set(n.value, r);
  });
  if (errors.length > 0) return { ok: false, errors };
  const weeks = [...byWeek.keys()].sort((a, b) => a - b);
  const flags: HistoryFlag[] = [];
  const missing: number[] = [];
  for (let i = 1; i < weeks.length; i++)
    for (let w = weeks[i - 1]! + 1; w < weeks[i]!; w++) missing.push(w);
  if (missing.length > 0)
    flags.push({
      kind: 'gap',
      metric: null,
      periods: [],
      message: `no row for ${describeRuns(missing, 'week', 'weeks')}: the fit skips them`,
    });
  return {
    ok: true,
    axis: {
      frequency: 'weekly',
      startDate: null,
      periods: weeks.map((w) => ({ label: `week ${w}`, fromWeek: w, toWeek: w + 1 })),
      rowOf: weeks.map((w) => byWeek.get(w)!),
      flags,
    },
  };
}

function dateAxis(table: RawTable, column: number, order: HistoryMapping['dateOrder']): Axis {
  const errors: string[] = [];
  const flags: HistoryFlag[] = [];
  const name = table.headers[column]!;
  const cells = table.rows.map((r) => r[column] ?? null);
  let dateOrder: DateOrder;
  if (order === 'auto') {
    const found = detectDateOrder(cells);
    dateOrder = found ?? 'dmy';
    const ambiguous = cells.some(
      (c) => typeof c === 'string' && /^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(c.trim()),
    );
    if (found === null && ambiguous)
      flags.push({
        kind: 'dateOrder',
        metric: null,
        periods: [],
        message:
          'dates like 03/04/2024 could be day/month or month/day: read as day/month/year (choose the order if that is wrong)',
      });
  } else dateOrder = order;
  const days: { day: number; row: number }[] = [];
  cells.forEach((c, r) => {
    const d = parseDateCell(c, dateOrder);
    if (d === null) {
      if (errors.length < 10)
        errors.push(
          `row ${r + 2}, column '${name}': expected a date (2024-01-31, 31/01/2024, Jan 2024, ...), got ${JSON.stringify(c instanceof Date ? 'an invalid date' : String(c ?? ''))}`,
        );
      return;
    }
    days.push({ day: d.day, row: r });
  });
  if (errors.length > 0) return { ok: false, errors };
  days.sort((a, b) => a.day - b.day);
  for (let i = 1; i < days.length; i++)
    if (days[i]!.day === days[i - 1]!.day)
      return {
        ok: false,
        errors: [
          `the date ${isoOfDay(days[i]!.day)} appears twice (rows ${days[i - 1]!.row + 2} and ${days[i]!.row + 2})`,
        ],
      };
  if (days.length < 2) return { ok: false, errors: ['a history needs at least two dated rows'] };
  const gaps = days
    .slice(1)
    .map((d, i) => d.day - days[i]!.day)
    .sort((a, b) => a - b);
  const median = gaps[Math.floor(gaps.length / 2)]!;
  if (median >= 6 && median <= 8) return weeklyDates(days, flags);
  if (median >= 28 && median <= 31) return monthlyDates(days, flags);
  return {
    ok: false,
    errors: [
      median < 6
        ? `rows are about ${median} day${median === 1 ? '' : 's'} apart: Flywheel Lab reads weekly or monthly figures (sum daily figures to weeks first)`
        : `rows are about ${median} days apart: Flywheel Lab reads weekly or monthly figures`,
    ],
  };
}

function weeklyDates(days: { day: number; row: number }[], flags: HistoryFlag[]): Axis {
  const start = days[0]!.day;
  const byWeek = new Map<number, number>();
  for (const d of days) {
    const w = Math.round((d.day - start) / 7);
    const before = byWeek.get(w);
    if (before !== undefined)
      return {
        ok: false,
        errors: [
          `rows ${before + 2} and ${d.row + 2} fall in the same week (${isoOfDay(start + 7 * w)})`,
        ],
      };
    if (w > MAX_HISTORY_WEEKS - 1)
      return {
        ok: false,
        errors: [`the history spans more than the model's ${MAX_HISTORY_WEEKS} weeks`],
      };
    byWeek.set(w, d.row);
  }
  const weeks = [...byWeek.keys()].sort((a, b) => a - b);
  const missing: number[] = [];
  for (let i = 1; i < weeks.length; i++)
    for (let w = weeks[i - 1]! + 1; w < weeks[i]!; w++) missing.push(w);
  if (missing.length > 0)
    flags.push({
      kind: 'gap',
      metric: null,
      periods: [],
      message: `no row for ${missing.length === 1 ? 'the week of' : 'the weeks of'} ${missing
        .slice(0, 6)
        .map((w) => isoOfDay(start + 7 * w))
        .join(
          ', ',
        )}${missing.length > 6 ? `, ... (${missing.length} in all)` : ''}: the fit skips them`,
    });
  return {
    ok: true,
    axis: {
      frequency: 'weekly',
      startDate: isoOfDay(start),
      periods: weeks.map((w) => ({ label: isoOfDay(start + 7 * w), fromWeek: w, toWeek: w + 1 })),
      rowOf: weeks.map((w) => byWeek.get(w)!),
      flags,
    },
  };
}

function monthlyDates(days: { day: number; row: number }[], flags: HistoryFlag[]): Axis {
  const first = partsOfDay(days[0]!.day);
  const origin = first.y * 12 + (first.m - 1);
  const startDay = dayNumber(first.y, first.m, 1)!;
  const byMonth = new Map<number, number>();
  for (const d of days) {
    const p = partsOfDay(d.day);
    const k = p.y * 12 + (p.m - 1) - origin;
    const before = byMonth.get(k);
    if (before !== undefined)
      return {
        ok: false,
        errors: [
          `rows ${before + 2} and ${d.row + 2} fall in the same month (${p.y}-${String(p.m).padStart(2, '0')})`,
        ],
      };
    byMonth.set(k, d.row);
  }
  const months = [...byMonth.keys()].sort((a, b) => a - b);
  const monthStart = (k: number): number => {
    const y = Math.floor((origin + k) / 12);
    const m = ((origin + k) % 12) + 1;
    return dayNumber(y, m, 1)!;
  };
  const label = (k: number): string => isoOfDay(monthStart(k)).slice(0, 7);
  const lastEnd = (monthStart(months[months.length - 1]! + 1) - startDay) / 7;
  if (lastEnd > MAX_HISTORY_WEEKS)
    return {
      ok: false,
      errors: [
        `the history spans ${Math.ceil(lastEnd)} weeks; the model runs at most ${MAX_HISTORY_WEEKS} (ten years)`,
      ],
    };
  const missing: number[] = [];
  for (let i = 1; i < months.length; i++)
    for (let k = months[i - 1]! + 1; k < months[i]!; k++) missing.push(k);
  if (missing.length > 0)
    flags.push({
      kind: 'gap',
      metric: null,
      periods: [],
      message: `no row for ${missing.length === 1 ? 'the month' : 'the months'} ${missing
        .slice(0, 6)
        .map(label)
        .join(
          ', ',
        )}${missing.length > 6 ? `, ... (${missing.length} in all)` : ''}: the fit skips them`,
    });
  return {
    ok: true,
    axis: {
      frequency: 'monthly',
      startDate: isoOfDay(startDay),
      periods: months.map((k) => ({
        label: label(k),
        fromWeek: (monthStart(k) - startDay) / 7,
        toWeek: (monthStart(k + 1) - startDay) / 7,
      })),
      rowOf: months.map((k) => byMonth.get(k)!),
      flags,
    },
  };
}

/** Reads the mapped columns of a table into a KPI history, or says what is wrong with it. */
export function buildHistory(
  table: RawTable,
  mapping: HistoryMapping,
  metrics: readonly MetricChoice[],
): HistoryResult {
  const errors: string[] = [];
  const width = table.headers.length;
  const inRange = (c: number): boolean => Number.isInteger(c) && c >= 0 && c < width;
  if (!inRange(mapping.time.column)) return { ok: false, errors: ['choose the time column'] };
  if (mapping.series.length === 0)
    return { ok: false, errors: ['map at least one column to a model metric'] };
  const metricOf = new Map(metrics.map((m) => [m.name, m]));
  const usedMetrics = new Set<string>();
  for (const s of mapping.series) {
    if (!inRange(s.column) || s.column === mapping.time.column)
      errors.push(`column ${s.column + 1} cannot be a series`);
    const m = metricOf.get(s.metric);
    if (!m) errors.push(`'${s.metric}' is not a metric of the model`);
    else if (s.aggregate === 'total' && !isRateUnit(m.unit))
      errors.push(
        `${s.metric} (${m.unit}) has no total over a period: use its average or its value at each point`,
      );
    if (usedMetrics.has(s.metric)) errors.push(`two columns are mapped to ${s.metric}`);
    usedMetrics.add(s.metric);
    if (!(s.weight >= 0 && s.weight <= 1000))
      errors.push(`${s.metric}: weight ${s.weight} is outside 0 to 1000`);
  }
  if (errors.length > 0) return { ok: false, errors };
  const axisResult =
    mapping.time.kind === 'week'
      ? weekAxis(table, mapping.time.column)
      : dateAxis(table, mapping.time.column, mapping.dateOrder);
  if (!axisResult.ok) return axisResult;
  const axis = axisResult.axis;
  const flags = [...axis.flags];
  const series: HistorySeries[] = [];
  for (const s of mapping.series) {
    const metric = metricOf.get(s.metric)!;
    const header = table.headers[s.column]!;
    const cells = axis.rowOf.map((r) => table.rows[r]![s.column] ?? null);
    const comma = table.delimiter !== ',' && usesDecimalComma(cells);
    const values: (number | null)[] = [];
    let columnErrors = 0;
    cells.forEach((cell, i) => {
      const n = parseNumberCell(cell, comma);
      const row = axis.rowOf[i]! + 2;
      if (!n.ok) {
        if (columnErrors++ < 5)
          errors.push(
            `row ${row}, column '${header}': ${n.reason} (${JSON.stringify(String(cell).slice(0, 40))})`,
          );
        values.push(null);
        return;
      }
      if (n.value !== null && n.value < 0 && !/usd/.test(metric.unit)) {
        if (columnErrors++ < 5)
          errors.push(
            `row ${row}, column '${header}': ${s.metric} cannot be negative (${fmt(n.value)})`,
          );
      } else if (n.value !== null && metric.unit === 'fraction' && n.value > 1) {
        if (columnErrors++ < 5)
          errors.push(
            `row ${row}, column '${header}': ${s.metric} is a fraction (write 2.5% as 0.025 or "2.5%"), got ${fmt(n.value)}`,
          );
      }
      values.push(n.value);
    });
    if (columnErrors > 5) errors.push(`... and ${columnErrors - 5} more in column '${header}'`);
    const empty = values.flatMap((v, i) => (v === null ? [i] : []));
    if (empty.length === values.length) errors.push(`column '${header}' has no figures`);
    else if (empty.length > 0)
      flags.push({
        kind: 'missing',
        metric: s.metric,
        periods: empty,
        message: `${s.metric}: no figure for ${empty
          .slice(0, 6)
          .map((i) => axis.periods[i]!.label)
          .join(
            ', ',
          )}${empty.length > 6 ? `, ... (${empty.length} in all)` : ''}: the fit skips them`,
      });
    const outliers = findOutliers(values);
    if (outliers.length > 0) {
      flags.push({
        kind: 'outlier',
        metric: s.metric,
        periods: outliers.map((o) => o.index),
        message: `${s.metric}: ${outliers
          .slice(0, 4)
          .map(
            (o) =>
              `${fmt(values[o.index]!)} in ${axis.periods[o.index]!.label} (neighbours about ${fmt(o.typical)})`,
          )
          .join('; ')}${outliers.length > 4 ? `; ... (${outliers.length} in all)` : ''} ${
          mapping.excludeOutliers ? 'left out of the fit' : 'far from the figures around it'
        }`,
      });
      if (mapping.excludeOutliers) for (const o of outliers) values[o.index] = null;
    }
    series.push({ metric: s.metric, aggregate: s.aggregate, weight: s.weight, values });
  }
  if (errors.length > 0) return { ok: false, errors };
  const usable = axis.periods.filter((_, i) => series.some((s) => s.values[i] !== null)).length;
  if (usable < 3)
    return {
      ok: false,
      errors: [`the history has ${usable} period(s) with figures; at least 3 are needed`],
    };
  return {
    ok: true,
    history: {
      frequency: axis.frequency,
      startDate: axis.startDate,
      periods: axis.periods,
      series,
    },
    flags,
  };
}
