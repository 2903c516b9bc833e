/**
 * The geometry of a fit chart (data as dots, the model as a line, period by period), as pure
 * numbers so that the app's "Your data" view and the report draw the same picture and a test can
 * check it: scales, the model's path, the data points, and the y and x ticks (x ticks are the
 * periods' own labels: dates, months or week numbers, a handful spread evenly).
 */
import { scaleLinear } from 'd3';
import type { SeriesFit } from '../../simulation';

export const FIT_CHART = { width: 360, height: 160, top: 10, right: 12, bottom: 30, left: 54 };

export interface FitChartGeometry {
  /** The model's line ('' when it has no finite value). */
  readonly path: string;
  readonly points: readonly { readonly period: number; readonly x: number; readonly y: number }[];
  readonly yTicks: readonly { readonly value: number; readonly y: number }[];
  readonly xTicks: readonly { readonly label: string; readonly x: number }[];
}

/** About `count` indexes from 0 to n - 1, evenly spread, first and last included. */
export function spreadIndexes(n: number, count: number): number[] {
  if (n <= 0) return [];
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (count - 1);
  return [...new Set(Array.from({ length: count }, (_, i) => Math.round(i * step)))];
}

/** Ticks the x axis has room for: labels of 9px text (about 5.5px a character) with a gap. */
function xTickCount(series: SeriesFit): number {
  const { width, left, right } = FIT_CHART;
  const chars = Math.max(1, ...series.periods.map((p) => p.label.length));
  return Math.max(2, Math.min(6, Math.floor((width - left - right) / (chars * 5.5 + 20))));
}

export function fitChartGeometry(series: SeriesFit): FitChartGeometry {
  const { width: W, height: H, top, right, bottom, left } = FIT_CHART;
  const xs = series.periods.map((p) => (p.fromWeek + p.toWeek) / 2);
  const values = [...series.model, ...series.data.filter((v): v is number => v !== null)].filter(
    Number.isFinite,
  );
  const lo = values.length > 0 ? Math.min(...values) : 0;
  const hi = values.length > 0 ? Math.max(...values) : 1;
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  const x = scaleLinear()
    .domain(xs.length > 1 ? [xs[0]!, xs[xs.length - 1]!] : [(xs[0] ?? 0) - 1, (xs[0] ?? 0) + 1])
    .range([left, W - right]);
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .nice(4)
    .range([H - bottom, top]);
  let path = '';
  let pen = false;
  series.model.forEach((v, i) => {
    if (!Number.isFinite(v)) {
      pen = false;
      return;
    }
    path += `${pen ? 'L' : 'M'}${x(xs[i]!).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  const points = series.data.flatMap((v, i) =>
    v === null ? [] : [{ period: i, x: x(xs[i]!), y: y(v) }],
  );
  return {
    path,
    points,
    yTicks: y.ticks(4).map((value) => ({ value, y: y(value) })),
    xTicks: spreadIndexes(series.periods.length, xTickCount(series)).map((i) => ({
      label: series.periods[i]!.label,
      x: x(xs[i]!),
    })),
  };
}
