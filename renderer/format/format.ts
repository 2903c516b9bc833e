/**
 * Numbers as people read them on screen, with their units: "$1.24M", "1.01M people", "55.4%",
 * "week 80". The formatting itself is the simulation's one formatter (simulation/narrative/
 * format.ts, display style), re-exported here under the names the views use; this module adds
 * what only a screen needs: axis ticks and titles, and values for number boxes.
 */
import { formatCompact, formatPercent, MINUS } from '../../simulation/narrative/format';

export {
  formatCompact,
  formatDisplayDelta as formatDelta,
  formatDisplayValue as formatValue,
  formatDisplayValues as formatValues,
  formatPercent,
  formatWeek,
  isCountUnit,
} from '../../simulation/narrative/format';

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

/**
 * A field's value for its number box: full precision, thousands grouped with commas
 * ("10,000,000", "0.012"), which the box reads back (parseNumberText ignores the commas).
 */
export function formatInputValue(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(Number(value.toPrecision(12)));
  if (text.includes('e')) return text;
  const [whole, fraction] = text.split('.') as [string, string | undefined];
  const sign = whole.startsWith('-') ? '-' : '';
  const grouped = whole.slice(sign.length).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}
