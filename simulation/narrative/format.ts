/**
 * The one formatter of simulated numbers (one place, so a number reads the same everywhere). Two
 * styles built on the same primitives (U+2212 minus, three significant digits, weeks):
 * - sentences (captions, the report's summary): `formatValue` writes words, "$10.8 million",
 *   "930,700 people", "12 weeks";
 * - displays (KPI cards, tables, chart readouts): `formatDisplayValue` and `formatDisplayDelta`
 *   write compact figures, "$10.8M", "931k people", "+24.9 pp", in the model's own unit strings.
 * renderer/format re-exports the display style and adds axis ticks and input boxes. Pure; en-US.
 */

export const MINUS = '\u2212';

// ---- primitives ---------------------------------------------------------------------------------

function trimZeros(text: string): string {
  if (text.includes('e')) return String(Number(text));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Compact magnitude: 1 234 -> "1.23k", 1 234 567 -> "1.23M" (three significant digits). */
export function formatCompact(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : '';
  const units: readonly [number, string][] = [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size * 0.9995)
      return `${sign}${trimZeros((abs / size).toPrecision(digits))}${suffix}`;
  }
  if (abs === 0) return '0';
  if (abs >= 1) return `${sign}${trimZeros(abs.toPrecision(digits))}`;
  return `${sign}${trimZeros(abs.toPrecision(Math.max(1, digits - 1)))}`;
}

/** Percent with fixed decimals for fractions: 0.5542 -> "55.4%". */
export function formatPercent(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const text = (fraction * 100).toFixed(decimals);
  return `${text.replace('-', MINUS)}%`;
}

/** Weeks as whole numbers when whole, else one decimal (half-week steps). */
export function formatWeek(week: number): string {
  return Number.isInteger(week) ? String(week) : week.toFixed(1);
}

/** "+", the minus sign or "" before a number. */
const signOf = (value: number): string => (value > 0 ? '+' : value < 0 ? MINUS : '');

// ---- sentences ----------------------------------------------------------------------------------

export type ValueUnit =
  | 'people'
  | 'usd'
  | 'usd/week'
  | 'fraction'
  | 'change'
  | 'week'
  | 'weeks'
  | 'events'
  | 'events/week'
  | 'incidents'
  | 'incidents/week'
  | 'index'
  | 'number';

/** Significant digits with thousands separators: 930 712 -> "931,000" (3 digits). */
function sig(value: number, digits = 3): string {
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits }).format(value);
}

/** A magnitude in words: "1.05 billion", "10.8 million", "930,700", "512". */
function scaled(abs: number): string {
  if (abs >= 1e9) return `${sig(abs / 1e9)} billion`;
  if (abs >= 1e6) return `${sig(abs / 1e6)} million`;
  if (abs >= 1e4)
    return new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(
      Math.round(abs / 100) * 100,
    );
  return sig(abs);
}

function signed(value: number, body: (abs: number) => string): string {
  return value < 0 ? `${MINUS}${body(-value)}` : body(value);
}

/** Formats a value in its unit for a sentence; `null` reads as "not reached". */
export function formatValue(value: number | null, unit: ValueUnit): string {
  if (value === null) return 'not reached';
  if (!Number.isFinite(value)) return 'n/a';
  switch (unit) {
    case 'people':
      return `${signed(value, scaled)} ${Math.abs(value) === 1 ? 'person' : 'people'}`;
    case 'usd':
      return signed(value, (a) => `$${scaled(a)}`);
    case 'usd/week':
      return `${signed(value, (a) => `$${scaled(a)}`)} a week`;
    case 'fraction':
      return `${signed(value * 100, (a) => sig(a, a >= 10 ? 3 : 2))}%`;
    case 'change': {
      const pct = value * 100;
      return `${signOf(pct)}${sig(Math.abs(pct), Math.abs(pct) >= 10 ? 3 : 2)}%`;
    }
    case 'week':
      // As the cards write it: a half-week step reads "week 12.5", never a rounded week.
      return `week ${formatWeek(value)}`;
    case 'weeks':
      return `${sig(value)} ${value === 1 ? 'week' : 'weeks'}`;
    case 'events':
      return `${signed(value, scaled)} events`;
    case 'events/week':
      return `${signed(value, scaled)} events a week`;
    case 'incidents':
      return `${signed(value, (a) => sig(a))} incidents`;
    case 'incidents/week':
      return `${signed(value, (a) => sig(a, 2))} incidents a week`;
    case 'index':
      return signed(value, (a) => a.toFixed(2));
    case 'number':
      return signed(value, scaled);
  }
}

// ---- displays (cards, tables, readouts) ---------------------------------------------------------

/** Unit shown after a number ("people", "/week"), or '' when the number carries it ("$", "%"). */
function suffixFor(unit: string): string {
  if (unit === 'fraction' || unit === 'usd' || unit === 'dimensionless' || unit === '') return '';
  if (unit.startsWith('usd/')) return `/${unit.slice(4)}`;
  if (unit.startsWith('fraction/')) return `/${unit.slice(9)}`;
  return ` ${unit}`;
}

/** Units whose name follows the number as a word ("people", "incidents"), not a symbol. */
export function isCountUnit(unit: string): boolean {
  if (unit === 'week' || unit === 'weeks' || unit === 'flag') return false;
  return suffixFor(unit).startsWith(' ');
}

/**
 * A value with its unit (the model's unit strings: `usd`, `usd/week`, `people`, `fraction`,
 * `week`, ...), for cards and readouts. `withUnit: false` leaves out a count unit's word (the
 * card's label names it); symbols ($, %, /week) stay. Null reads "not reached".
 */
export function formatDisplayValue(value: number | null, unit: string, withUnit = true): string {
  if (value === null) return 'not reached';
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'week' || unit === 'weeks') return `week ${formatWeek(value)}`;
  if (unit.startsWith('fraction')) return `${formatPercent(value)}${suffixFor(unit)}`;
  if (unit === 'relative change') {
    const text = formatPercent(Math.abs(value));
    return `${signOf(value)}${text}`;
  }
  if (unit.startsWith('usd')) {
    const sign = value < 0 ? MINUS : '';
    return `${sign}$${formatCompact(Math.abs(value))}${suffixFor(unit)}`;
  }
  if (unit === 'flag') return value > 0 ? 'yes' : 'no';
  if (unit === 'dimensionless') return formatCompact(value);
  return `${formatCompact(value)}${withUnit ? suffixFor(unit) : ''}`;
}

const COMPACT_SCALES: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'B'],
  [1e6, 'M'],
  [1e3, 'k'],
  [1, ''],
];

/** Units whose displays are compact magnitudes ("$120M", "931k people", "1.1"). */
function isCompactUnit(unit: string): boolean {
  if (unit === 'week' || unit === 'weeks' || unit === 'flag' || unit === 'relative change')
    return false;
  return !unit.startsWith('fraction');
}

/**
 * Values read side by side (a card's with and without, a readout's two lines), formatted on one
 * scale with enough decimals that their difference can be read off them: 1,005,312 and 930,996
 * people are "1.005M" and "0.931M" (not "1M" against "931k" beside a +74.3k difference). The
 * largest keeps at least three significant digits and the difference two (at most three
 * decimals). Units that are not compact magnitudes (percent, weeks) format as formatDisplayValue.
 */
export function formatDisplayValues(
  values: readonly (number | null)[],
  unit: string,
  withUnit = true,
): string[] {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!isCompactUnit(unit) || finite.length < 2)
    return values.map((v) => formatDisplayValue(v, unit, withUnit));
  const largest = Math.max(...finite.map(Math.abs));
  if (largest === 0) return values.map((v) => formatDisplayValue(v, unit, withUnit));
  const [scale, suffix] = COMPACT_SCALES.find(([size]) => largest >= size * 0.9995) ?? [1, ''];
  const span = (Math.max(...finite) - Math.min(...finite)) / scale;
  const lead = digitsBeforePoint(largest / scale);
  let decimals = Math.max(0, 3 - lead);
  // Rounding each value moves their difference by at most one unit of the last decimal: keep
  // that under a twentieth of the difference.
  if (span > 0) decimals = Math.max(decimals, decimalsBelow(span / 20));
  decimals = Math.min(decimals, 3);
  let bodies =
    finite.length > 0
      ? values.map((v) =>
          v === null || !Number.isFinite(v) ? null : (Math.abs(v) / scale).toFixed(decimals),
        )
      : [];
  // Zeros every value ends with say nothing ("5.00" and "7.00" people are 5 and 7).
  while (decimals > 0 && bodies.every((b) => b === null || b.endsWith('0'))) {
    decimals--;
    bodies = bodies.map((b) => (b === null ? null : b.slice(0, decimals === 0 ? -2 : -1)));
  }
  const unitText = unit.startsWith('usd') || withUnit ? suffixFor(unit) : '';
  return values.map((v, i) => {
    const body = bodies[i];
    if (v === null || body === null || body === undefined)
      return formatDisplayValue(v, unit, withUnit);
    const sign = v < 0 && Number(body) !== 0 ? MINUS : '';
    return unit.startsWith('usd')
      ? `${sign}$${body}${suffix}${unitText}`
      : `${sign}${body}${suffix}${unitText}`;
  });
}

/**
 * The difference of two values, signed, in the unit's terms: "+$11.1M", "−3.2 pp" for fractions
 * (percentage points, not percent), "−12 weeks" for weeks. "–" when either side is missing.
 */
export function formatDisplayDelta(delta: number | null, unit: string): string {
  if (delta === null || !Number.isFinite(delta)) return '–';
  const sign = delta === 0 ? '±' : signOf(delta);
  const abs = Math.abs(delta);
  if (unit === 'week' || unit === 'weeks')
    return `${sign}${formatWeek(abs)} ${abs === 1 ? 'week' : 'weeks'}`;
  if (unit.startsWith('fraction') || unit === 'relative change')
    return `${sign}${(abs * 100).toFixed(1)} pp`;
  if (unit.startsWith('usd')) return `${sign}$${formatCompact(abs)}${suffixFor(unit)}`;
  if (unit === 'dimensionless') return `${sign}${formatCompact(abs)}`;
  return `${sign}${formatCompact(abs)}${suffixFor(unit)}`;
}

/**
 * floor(log10(v)) + 1 for v > 0, by comparing with powers of ten (Math.log10's last bit differs
 * between JavaScript engines, and the app, the CLI and the report must write the same text).
 */
function digitsBeforePoint(v: number): number {
  let digits = 1;
  let p = 10;
  while (v >= p && digits < 400) {
    digits++;
    p *= 10;
  }
  p = 1;
  while (v < p && digits > -400) {
    digits--;
    p /= 10;
  }
  return digits;
}

/** ceil(log10(1 / u)) for u > 0: the decimals at which one unit of the last one is <= u. */
function decimalsBelow(u: number): number {
  let d = 0;
  let unit = 1;
  while (unit > u && d < 400) {
    d++;
    unit /= 10;
  }
  while (unit * 10 <= u && d > -400) {
    d--;
    unit *= 10;
  }
  return d;
}
