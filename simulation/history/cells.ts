/**
 * Reading one cell of a KPI history: a number as people write them in spreadsheets and CSV
 * exports ("1,234.5", "$99", "2.5%", "(120)", "1.234,5" with a decimal comma), and a calendar date
 * (ISO dates and months, day/month/year or month/day/year, "Jan 2024", Excel dates).
 */

/** What a table cell can hold: text from CSV, or typed values from a spreadsheet. */
export type CellValue = string | number | boolean | Date | null;

/** Texts that mean "no figure" rather than a mistake. */
const MISSING = new Set(['', 'na', 'n/a', '#n/a', 'null', 'none', '-', '--', '.', 'nan', '?']);

export type NumberCell =
  | { readonly ok: true; readonly value: number | null }
  | { readonly ok: false; readonly reason: string };

const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$/;
const GROUPED_DOT = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const GROUPED_COMMA = /^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$/;

/** A cell as a number, null for an empty or "n/a" cell, or the reason it is not a number. */
export function parseNumberCell(cell: CellValue, decimalComma = false): NumberCell {
  if (cell === null || cell === undefined) return { ok: true, value: null };
  if (typeof cell === 'number')
    return Number.isFinite(cell)
      ? { ok: true, value: cell }
      : { ok: false, reason: 'not a finite number' };
  if (typeof cell === 'boolean') return { ok: false, reason: 'a true/false value' };
  if (cell instanceof Date) return { ok: false, reason: 'a date' };
  let t = cell.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
  if (MISSING.has(t.toLowerCase())) return { ok: true, value: null };
  let sign = 1;
  if (/^\(.*\)$/.test(t)) {
    sign = -1;
    t = t.slice(1, -1).trim();
  }
  t = t.replace(/^[$€£¥]\s*/, '').replace(/\s*[$€£¥]$/, '');
  t = t.replace(/^(usd|eur|gbp)\s+/i, '').replace(/\s+(usd|eur|gbp)$/i, '');
  let scale = 1;
  if (t.endsWith('%')) {
    scale = 0.01;
    t = t.slice(0, -1).trim();
  }
  t = t.replace(/(\d) (?=\d{3}\b)/g, '$1');
  let normal: string;
  if (decimalComma) {
    if (GROUPED_COMMA.test(t)) normal = t.replace(/\./g, '').replace(',', '.');
    else normal = t.replace(',', '.');
  } else if (GROUPED_DOT.test(t)) normal = t.replace(/,/g, '');
  else normal = t;
  if (!PLAIN.test(normal)) return { ok: false, reason: 'text where a number belongs' };
  const value = sign * Number(normal) * scale;
  return Number.isFinite(value)
    ? { ok: true, value }
    : { ok: false, reason: 'a number too large to use' };
}

/** True when numbers in these cells use a decimal comma ("1.234,5", "0,025"). */
export function usesDecimalComma(cells: readonly CellValue[]): boolean {
  let comma = 0;
  let dot = 0;
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    const t = c.trim();
    if (/^[+-]?\d+,\d+%?$/.test(t) || GROUPED_COMMA.test(t)) comma++;
    else if (/^[+-]?\d+\.\d+%?$/.test(t) || GROUPED_DOT.test(t)) dot++;
  }
  return comma > dot;
}

/** A calendar date as whole days since 1970-01-01 (UTC), or null. */
export type DayNumber = number;

export type DateOrder = 'dmy' | 'mdy';

const MONTHS = [
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
] as const;

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => w.startsWith(m) && ('' + fullMonth(m)).startsWith(w));
  return i === -1 ? null : i + 1;
}

function fullMonth(m: (typeof MONTHS)[number]): string {
  return {
    jan: 'january',
    feb: 'february',
    mar: 'march',
    apr: 'april',
    may: 'may',
    jun: 'june',
    jul: 'july',
    aug: 'august',
    sep: 'september',
    oct: 'october',
    nov: 'november',
    dec: 'december',
  }[m];
}

/** Days since 1970-01-01 of a calendar date, or null when it does not exist (31 April). */
export function dayNumber(y: number, m: number, d: number): DayNumber | null {
  if (!(y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const t = Date.UTC(y, m - 1, d);
  const check = new Date(t);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return Math.round(t / 86_400_000);
}

/** The ISO text (YYYY-MM-DD) of a day number. */
export function isoOfDay(day: DayNumber): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Year, month (1-12) and day of a day number. */
export function partsOfDay(day: DayNumber): { y: number; m: number; d: number } {
  const t = new Date(day * 86_400_000);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export interface DateCell {
  readonly day: DayNumber;
  /** True when the text named a month only ("2024-03", "Mar 2024"): the first day is meant. */
  readonly monthOnly: boolean;
}

/** Excel's day 0 (serial dates count from 1899-12-30 in the 1900 date system). */
const EXCEL_EPOCH = -25569;

/**
 * A cell as a calendar date, or null when it is not one. `order` decides two-number dates like
 * 03/04/2024 (day first or month first); dates with a day above 12 are read either way.
 */
export function parseDateCell(cell: CellValue, order: DateOrder = 'dmy'): DateCell | null {
  if (cell instanceof Date) {
    const t = cell.getTime();
    if (!Number.isFinite(t)) return null;
    const day = Math.round(t / 86_400_000);
    return day >= dayNumber(1900, 1, 1)! && day <= dayNumber(2200, 12, 31)!
      ? { day, monthOnly: false }
      : null;
  }
  if (typeof cell === 'number') {
    // A spreadsheet date that lost its date format: a serial day number from 1955 to 2119.
    if (Number.isInteger(cell) && cell >= 20_000 && cell <= 80_000)
      return { day: cell + EXCEL_EPOCH, monthOnly: false };
    return null;
  }
  if (typeof cell !== 'string') return null;
  const t = cell.trim();
  let m: RegExpExecArray | null;
  if (
    (m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t))
  ) {
    const day = dayNumber(+m[1]!, +m[2]!, +m[3]!);
    return day === null ? null : { day, monthOnly: false };
  }
  if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(t))) {
    const day = dayNumber(+m[1]!, +m[2]!, 1);
    return day === null ? null : { day, monthOnly: true };
  }
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(t))) {
    const a = +m[1]!;
    const b = +m[2]!;
    const y = +m[3]!;
    const [d, mo] = a > 12 ? [a, b] : b > 12 ? [b, a] : order === 'dmy' ? [a, b] : [b, a];
    const day = dayNumber(y, mo, d);
    return day === null ? null : { day, monthOnly: false };
  }
  if ((m = /^([A-Za-z]{3,9}\.?)[\s,-]+(\d{4})$/.exec(t))) {
    const mo = monthOf(m[1]!);
    const day = mo === null ? null : dayNumber(+m[2]!, mo, 1);
    return day === null ? null : { day, monthOnly: true };
  }
  if ((m = /^(\d{1,2})[\s-]+([A-Za-z]{3,9}\.?)[\s,-]+(\d{4})$/.exec(t))) {
    const mo = monthOf(m[2]!);
    const day = mo === null ? null : dayNumber(+m[3]!, mo, +m[1]!);
    return day === null ? null : { day, monthOnly: false };
  }
  if ((m = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(t))) {
    const mo = monthOf(m[1]!);
    const day = mo === null ? null : dayNumber(+m[3]!, mo, +m[2]!);
    return day === null ? null : { day, monthOnly: false };
  }
  return null;
}

/**
 * The date order two-number dates in these cells must have been written in: 'dmy' or 'mdy' when a
 * day above 12 decides it, null when every such date could be read either way.
 */
export function detectDateOrder(cells: readonly CellValue[]): DateOrder | null {
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    const m = /^(\d{1,2})[-/.](\d{1,2})[-/.]\d{4}$/.exec(c.trim());
    if (!m) continue;
    if (+m[1]! > 12) return 'dmy';
    if (+m[2]! > 12) return 'mdy';
  }
  return null;
}
