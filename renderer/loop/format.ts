/** Number formatting for the loop view: compact, with units, signed changes with a real minus. */
import type { Tone } from './types';

const MINUS = '\u2212';

function roundSignificant(value: number, digits: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(digits));
}

function fixedSignificant(value: number, digits: number): string {
  if (value === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  return value.toFixed(Math.max(0, digits - 1 - magnitude));
}

const SUFFIXES = ['', 'k', 'M', 'B', 'T'] as const;

/** 950, 81.2k, 1.02M, 3.40B (three significant digits; below 0.001 reads 0). */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '–';
  const sign = value < 0 ? MINUS : '';
  // Round once, on the value itself, so 1,015,000 reads 1.02M and 999,950 reads 1.00M.
  const rounded = roundSignificant(Math.abs(value), 3);
  if (rounded < 0.001) return '0';
  let i = 0;
  while (rounded >= 1000 ** (i + 1) && i < SUFFIXES.length - 1) i++;
  const scaled = rounded / 1000 ** i;
  if (i === 0 && scaled >= 100) return `${sign}${Math.round(scaled)}`;
  return `${sign}${fixedSignificant(scaled, 3)}${SUFFIXES[i]}`;
}

/** 0.647 -> "64.7%" (digits after the point). */
export function formatPercent(fraction: number, digits = 0): string {
  if (!Number.isFinite(fraction)) return '–';
  const text = (fraction * 100).toFixed(digits);
  return `${text.startsWith('-') ? MINUS + text.slice(1) : text}%`;
}

export function formatUsd(value: number): string {
  if (!Number.isFinite(value)) return '–';
  if (Math.abs(value) < 1000) return `${value < 0 ? MINUS : ''}$${Math.abs(value).toFixed(0)}`;
  const compact = formatCount(Math.abs(value));
  return `${value < 0 ? MINUS : ''}$${compact}`;
}

function signed(text: string, value: number): string {
  if (value > 0) return `+${text}`;
  if (value < 0) return `${MINUS}${text}`;
  return `±${text}`;
}

/** Relative change now/start - 1 as "+4.1%" ("±0%" when unchanged, "–" without a start). */
export function formatRelativeChange(now: number, start: number, digits = 1): string {
  if (!(Number.isFinite(now) && Number.isFinite(start)) || start === 0) return '–';
  const change = now / start - 1;
  const rounded = Number((Math.abs(change) * 100).toFixed(digits));
  if (rounded === 0) return '±0%';
  return signed(`${rounded.toFixed(digits)}%`, change);
}

/** Change of a fraction in percentage points: "+4.7 pts". */
export function formatPointChange(now: number, start: number, digits = 1): string {
  if (!(Number.isFinite(now) && Number.isFinite(start))) return '–';
  const change = (now - start) * 100;
  const rounded = Number(Math.abs(change).toFixed(digits));
  if (rounded === 0) return '±0 pts';
  return signed(`${rounded.toFixed(digits)} pts`, change);
}

/** The tone of a change, given which direction is good; tiny changes are neutral. */
export function toneOfChange(
  now: number,
  start: number,
  upIsGood: boolean,
  epsilon = 0.0005,
): Tone {
  if (!(Number.isFinite(now) && Number.isFinite(start)) || start === 0) return 'neutral';
  const change = now / start - 1;
  if (Math.abs(change) < epsilon) return 'neutral';
  return change > 0 === upIsGood ? 'good' : 'bad';
}
