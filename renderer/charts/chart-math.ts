/**
 * Chart math as pure functions (d3-scale, d3-shape, d3-array do the arithmetic; React draws):
 * the plot area, the scales, the ticks, the line paths and the point nearest to a pointer.
 */
import { bisectCenter, scaleLinear, type ScaleLinear } from 'd3';

export interface Margins {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly margin: Margins;
  /** Plot area inside the margins. */
  readonly plotWidth: number;
  readonly plotHeight: number;
}

export const DEFAULT_MARGINS: Margins = { top: 12, right: 14, bottom: 38, left: 58 };

export function chartLayout(
  width: number,
  height: number,
  margin: Margins = DEFAULT_MARGINS,
): ChartLayout {
  return {
    width,
    height,
    margin,
    plotWidth: Math.max(1, width - margin.left - margin.right),
    plotHeight: Math.max(1, height - margin.top - margin.bottom),
  };
}

/** Smallest and largest finite value over all series ([0, 1] when there is none). */
export function extentOf(series: readonly ArrayLike<number>[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (let i = 0; i < s.length; i++) {
      const v = s[i]!;
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo === Infinity ? [0, 1] : [lo, hi];
}

/** Units whose zero is not a natural floor: an index around 1, a relative change around 0. */
const FLOATING_UNITS = new Set(['dimensionless', 'relative change']);

/**
 * The y domain for a unit: fractions show their full 0-100% range and amounts (people, money,
 * events, incidents) start at zero when they are not negative, so scenarios compare honestly (a
 * 7% gap never looks like a collapse). An index or a relative change spans its data; when that
 * leaves zero off the axis the chart marks the break (yAxisBroken). Flat data get some room.
 */
export function yDomain(series: readonly ArrayLike<number>[], unit: string): [number, number] {
  let [lo, hi] = extentOf(series);
  if (unit === 'fraction') return [Math.min(0, lo), Math.max(1, hi)];
  if (!FLOATING_UNITS.has(unit) && lo >= 0) lo = 0;
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    const pad = Math.abs(hi) * 0.1 || 1;
    lo = lo === 0 && hi >= 0 && !FLOATING_UNITS.has(unit) ? 0 : lo - pad;
    hi += pad;
  }
  return [lo, hi];
}

/** True when a y scale's axis does not reach zero: the chart then marks the axis as broken. */
export function yAxisBroken(y: ScaleLinear<number, number>): boolean {
  const [lo, hi] = y.domain() as [number, number];
  return lo > 0 || hi < 0;
}

export interface Scales {
  readonly x: ScaleLinear<number, number>;
  readonly y: ScaleLinear<number, number>;
}

export const X_TICK_COUNT = 6;
export const Y_TICK_COUNT = 5;

/** x: weeks across the plot; y: the domain, niced to round ticks, upwards. */
export function chartScales(
  layout: ChartLayout,
  weeks: readonly [number, number],
  domain: readonly [number, number],
): Scales {
  const x = scaleLinear()
    .domain([weeks[0], weeks[1] > weeks[0] ? weeks[1] : weeks[0] + 1])
    .range([0, layout.plotWidth]);
  const y = scaleLinear()
    .domain([domain[0], domain[1]])
    .range([layout.plotHeight, 0])
    .nice(Y_TICK_COUNT);
  return { x, y };
}

export interface Tick {
  readonly value: number;
  /** Position along its axis in plot coordinates. */
  readonly offset: number;
}

/** Rounds a coordinate to 0.01 px: stable SVG text (golden files) at no visible cost. */
export const px = (v: number): number => Math.round(v * 100) / 100;

export function ticksOf(scale: ScaleLinear<number, number>, count: number): Tick[] {
  return scale.ticks(count).map((value) => ({ value, offset: px(scale(value)) }));
}

/**
 * A coordinate as d3-path writes it after px(): String(Math.round(v * 100) / 100), built from the
 * whole number of hundredths (turning small integers into text is much cheaper than a fraction,
 * and the fraction's shortest text is exactly its two decimals, trailing zero dropped).
 */
export function pathCoordinate(v: number): string {
  const hundredths = Math.round(v * 100);
  const abs = Math.abs(hundredths);
  if (!(abs < 1e12)) return String(hundredths / 100);
  const whole = Math.floor(abs / 100);
  const cents = abs - whole * 100;
  const sign = hundredths < 0 ? '-' : '';
  if (cents === 0) return `${sign}${whole}`;
  if (cents % 10 === 0) return `${sign}${whole}.${cents / 10}`;
  return `${sign}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * SVG path data of one series, in plot coordinates (non-finite points break the line). Numbers
 * are rounded to 0.01 px: stable output (golden SVGs) and shorter paths. The same string as
 * d3-shape's `line()` over these points (a lone point is `M x,yZ`), built in one pass: the charts
 * draw sixteen lines of up to 521 points on every parameter change.
 */
export function linePath(
  time: ArrayLike<number>,
  values: ArrayLike<number>,
  scales: Scales,
): string {
  const n = Math.min(time.length, values.length);
  const { x, y } = scales;
  let path = '';
  let run = 0; // points in the current unbroken segment
  for (let i = 0; i <= n; i++) {
    const v = i < n ? values[i]! : Number.NaN;
    if (!Number.isFinite(v)) {
      if (run === 1) path += 'Z';
      run = 0;
      continue;
    }
    path += `${run === 0 ? 'M' : 'L'}${pathCoordinate(x(time[i]!))},${pathCoordinate(y(v))}`;
    run++;
  }
  return path;
}

/** Index of the point nearest to an x position in plot coordinates (clamped to the series). */
export function nearestIndex(time: ArrayLike<number>, scales: Scales, plotX: number): number {
  if (time.length === 0) return 0;
  const week = scales.x.invert(plotX);
  const i = bisectCenter(time, week);
  return Math.min(Math.max(0, i), time.length - 1);
}

/**
 * SVG path data of the area between two series (a percentile band), in plot coordinates: along
 * `upper` forward, back along `lower`, closed; a point where either is not finite breaks the area
 * into separate pieces. Coordinates rounded as linePath rounds them.
 */
export function bandPath(
  time: ArrayLike<number>,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  scales: Scales,
): string {
  const n = Math.min(time.length, lower.length, upper.length);
  const { x, y } = scales;
  let path = '';
  let start = -1;
  const close = (end: number): void => {
    if (start < 0) return;
    let piece = '';
    for (let i = start; i < end; i++)
      piece += `${i === start ? 'M' : 'L'}${pathCoordinate(x(time[i]!))},${pathCoordinate(y(upper[i]!))}`;
    for (let i = end - 1; i >= start; i--)
      piece += `L${pathCoordinate(x(time[i]!))},${pathCoordinate(y(lower[i]!))}`;
    path += `${piece}Z`;
    start = -1;
  };
  for (let i = 0; i < n; i++) {
    const ok = Number.isFinite(lower[i]!) && Number.isFinite(upper[i]!);
    if (ok && start < 0) start = i;
    else if (!ok) close(i);
  }
  close(n);
  return path;
}
