/**
 * The comparison table and the baseline deltas as people read them, one formatter for the app's
 * comparison view, the KPI cards, the report and `flywheel compare`: a row's values on one scale
 * (formatDisplayValues), each run's difference from the baseline ("−1 week", "+$2.1M"), and the
 * same difference in words for a card ("1 week sooner than 'as is'"). Pure.
 */
import {
  formatDisplayDelta,
  formatDisplayValue,
  formatDisplayValues,
  formatWeek,
  isCountUnit,
} from '../narrative/format';
import type { RunTableRow } from './run-table';

export interface RunTableCell {
  /** The run's value ("$12.3M", "week 74", "2.49M", "not reached"); counts without their unit. */
  readonly value: string;
  /** Its difference from the baseline ("+$2.1M", "−1", "±0"); '' for the baseline, '–' when undefined. */
  readonly delta: string;
  readonly best: boolean;
}

/** A row's label with a count's unit, as the KPI cards write it: "Active users at horizon (people)". */
export function runTableLabel(row: Pick<RunTableRow, 'label' | 'unit'>): string {
  return isCounted(row.unit) && !row.label.toLowerCase().includes(row.unit)
    ? `${row.label} (${row.unit})`
    : row.label;
}

/** A count whose unit is a word after the number (people, incidents), not a symbol or a share. */
const isCounted = (unit: string): boolean => isCountUnit(unit) && unit !== 'relative change';

/** A difference in a table cell: no unit words (the row says them), zero as ±0. */
export function compactDelta(delta: number | null, unit: string): string {
  if (delta === 0) return '±0';
  const text = formatDisplayDelta(delta, unit);
  if (unit === 'week' || unit === 'weeks') return text.replace(/ weeks?$/, '');
  return isCounted(unit) ? text.replace(/ .*$/, '') : text;
}

/** The cells of a row: values on one scale, differences from the baseline, the best marked. */
export function runTableCells(row: RunTableRow, baseline: number): RunTableCell[] {
  const values = formatDisplayValues(row.values, row.unit, false);
  return row.values.map((_, i) => ({
    value: values[i]!,
    delta: i === baseline ? '' : compactDelta(row.deltas[i] ?? null, row.unit),
    best: row.best.includes(i),
  }));
}

export interface BaselineDelta {
  /** "1 week sooner than 'as is'", "$2.1M more than 'as is'", "same as 'as is'". */
  readonly text: string;
  /** True when the run does better than the baseline, false worse, null even or not comparable. */
  readonly improved: boolean | null;
}

const isWeeks = (unit: string): boolean => unit === 'week' || unit === 'weeks';

/**
 * A run's value against the baseline's, in words naming the baseline. Weeks read sooner/later,
 * amounts more/less, shares and relative changes in percentage points; a week reached by one
 * run only says so.
 */
export function baselineDelta(
  value: number | null,
  base: number | null,
  unit: string,
  better: 'higher' | 'lower',
  baselineName: string,
): BaselineDelta {
  const name = `'${baselineName}'`;
  if (value === null && base === null)
    return { text: `not reached, as in ${name}`, improved: null };
  if (value === null)
    return {
      text: `not reached (${name}: ${formatDisplayValue(base, unit)})`,
      improved: isWeeks(unit) ? better === 'higher' : null,
    };
  if (base === null)
    return {
      text: `${name} does not reach it`,
      improved: isWeeks(unit) ? better === 'lower' : null,
    };
  const delta = value - base;
  if (Math.abs(delta) < 1e-12 * Math.max(1, Math.abs(base)))
    return { text: `same as ${name}`, improved: null };
  const improved = better === 'higher' ? delta > 0 : delta < 0;
  const abs = Math.abs(delta);
  if (isWeeks(unit))
    return {
      text: `${formatWeek(abs)} ${abs === 1 ? 'week' : 'weeks'} ${delta < 0 ? 'sooner' : 'later'} than ${name}`,
      improved,
    };
  if (unit.startsWith('fraction') || unit === 'relative change')
    return {
      text: `${(abs * 100).toFixed(1)} pp ${delta > 0 ? 'higher' : 'lower'} than ${name}`,
      improved,
    };
  const amount = formatDisplayDelta(abs, unit).replace(/^\+/, '');
  return { text: `${amount} ${delta > 0 ? 'more' : 'less'} than ${name}`, improved };
}
