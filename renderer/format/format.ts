/**
 * Numbers as people read them, with their units: "$1.24M", "1.01M people", "55.4%", "week 80".
 * Units are the model's own unit strings (`usd`, `usd/week`, `people`, `fraction`, `weeks`, ...).
 */

const MINUS = '\u2212';

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

function trimZeros(text: string): string {
  if (text.includes('e')) return String(Number(text));
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** Percent with one decimal for fractions: 0.5542 -> "55.4%". */
export function formatPercent(fraction: number, decimals = 1): string {
  if (!Number.isFinite(fraction)) return String(fraction);
  const text = (fraction * 100).toFixed(decimals);
  return `${text.replace('-', MINUS)}%`;
}

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
 * A value with its unit, for cards and readouts. `withUnit: false` leaves out a count unit's
 * word (the card's label names it); symbols ($, %, /week) stay. Null reads "not reached".
 */
export function formatValue(value: number | null, unit: string, withUnit = true): string {
  if (value === null) return 'not reached';
  if (!Number.isFinite(value)) return String(value);
  if (unit === 'week' || unit === 'weeks') return `week ${formatWeek(value)}`;
  if (unit.startsWith('fraction')) return `${formatPercent(value)}${suffixFor(unit)}`;
  if (unit === 'relative change') {
    const text = formatPercent(Math.abs(value));
    return value > 0 ? `+${text}` : value < 0 ? `${MINUS}${text}` : text;
  }
  if (unit.startsWith('usd')) {
    const sign = value < 0 ? MINUS : '';
    return `${sign}$${formatCompact(Math.abs(value))}${suffixFor(unit)}`;
  }
  if (unit === 'flag') return value > 0 ? 'yes' : 'no';
  if (unit === 'dimensionless') return formatCompact(value);
  return `${formatCompact(value)}${withUnit ? suffixFor(unit) : ''}`;
}

/** Weeks as whole numbers when whole, else one decimal (half-week steps). */
export function formatWeek(week: number): string {
  return Number.isInteger(week) ? String(week) : week.toFixed(1);
}

/**
 * The difference of two values, signed, in the unit's terms: "+$11.1M", "−3.2 pp" for fractions
 * (percentage points, not percent), "−12 weeks" for weeks. Null when either side is missing.
 */
export function formatDelta(delta: number | null, unit: string): string {
  if (delta === null || !Number.isFinite(delta)) return '–';
  const sign = delta > 0 ? '+' : delta < 0 ? MINUS : '±';
  const abs = Math.abs(delta);
  if (unit === 'week' || unit === 'weeks')
    return `${sign}${formatWeek(abs)} ${abs === 1 ? 'week' : 'weeks'}`;
  if (unit.startsWith('fraction') || unit === 'relative change')
    return `${sign}${(abs * 100).toFixed(1)} pp`;
  if (unit.startsWith('usd')) return `${sign}$${formatCompact(abs)}${suffixFor(unit)}`;
  if (unit === 'dimensionless') return `${sign}${formatCompact(abs)}`;
  return `${sign}${formatCompact(abs)}${suffixFor(unit)}`;
}

/** Short tick labels for an axis in this unit ("$2M", "40%", "1.1M"). */
export function formatTick(value: number, unit: string): string {
  if (unit.startsWith('fraction') || unit === 'relative change')
    return formatPercent(value, Math.abs(value) < 0.1 && value !== 0 ? 1 : 0);
  if (unit.startsWith('usd')) {
    const sign = value < 0 ? MINUS : '';
    return `${sign}$${formatCompact(Math.abs(value))}`;
  }
  return formatCompact(value);
}

/** Axis title: the label with its unit in words ("Revenue (USD per week)"). */
export function axisUnitLabel(unit: string): string {
  const words: Record<string, string> = {
    usd: 'USD',
    'usd/week': 'USD per week',
    people: 'people',
    fraction: '%',
    'fraction/week': '% per week',
    dimensionless: 'index',
    'incidents/week': 'incidents per week',
    'sessions/week': 'sessions per week',
    'people/week': 'people per week',
    events: 'events',
  };
  return words[unit] ?? unit;
}

/** A field's raw value for its number box: full precision, no grouping, as a user would type it. */
export function formatInputValue(value: number): string {
  if (!Number.isFinite(value)) return '';
  return String(Number(value.toPrecision(12)));
}
