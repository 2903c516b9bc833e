/**
 * Plain-language formatting of simulated numbers, shared by the app, the report and the captions
 * (one place, so a number reads the same everywhere). en-US conventions; the minus sign is U+2212.
 */
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

const MINUS = '\u2212';

function sig(value: number, digits = 3): string {
  return new Intl.NumberFormat('en-US', { maximumSignificantDigits: digits }).format(value);
}

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

/** Formats a value in its unit; `null` reads as "not reached". */
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
      const body = sig(Math.abs(pct), Math.abs(pct) >= 10 ? 3 : 2);
      return `${pct > 0 ? '+' : pct < 0 ? MINUS : ''}${body}%`;
    }
    case 'week':
      return `week ${Math.round(value)}`;
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
