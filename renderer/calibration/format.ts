/**
 * How calibration numbers are written, in the "Your data" view and the report alike: estimates
 * to four significant figures, percentages to one decimal, Theil shares to two, R² to three.
 * A missing value (null, not finite) is an en dash.
 */
const DASH = '–';

export const fitNumber = (x: number | null): string =>
  x === null || !Number.isFinite(x)
    ? DASH
    : Number(x.toPrecision(4)).toLocaleString('en-US', { maximumFractionDigits: 8 });

export const fitPercent = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? DASH : `${(100 * x).toFixed(1)}%`;

export const fitShare = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? DASH : x.toFixed(2);

export const fitR2 = (x: number | null): string =>
  x === null || !Number.isFinite(x) ? DASH : x.toFixed(3);

/** "0.0142 to 0.0171", or 'not identified'. */
export const fitInterval = (low: number | null, high: number | null): string =>
  low === null || high === null ? 'not identified' : `${fitNumber(low)} to ${fitNumber(high)}`;

/** How a series' figures are read: "monthly totals", "monthly averages", "weekly values". */
export function aggregateWords(aggregate: string, frequency: 'weekly' | 'monthly'): string {
  if (aggregate === 'total') return `${frequency} totals`;
  if (aggregate === 'average') return `${frequency} averages`;
  return frequency === 'weekly' ? 'weekly values' : 'values at the start of each month';
}
