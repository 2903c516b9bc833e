import { area, line } from 'd3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandPath,
  chartLayout,
  chartScales,
  extentOf,
  linePath,
  nearestIndex,
  pathCoordinate,
  px,
  ticksOf,
  yAxisBroken,
  yDomain,
} from '../../renderer/charts/chart-math';

const layout = chartLayout(360, 232, { top: 30, right: 14, bottom: 38, left: 58 });

describe('chart math', () => {
  it('lays out the plot area inside the margins', () => {
    expect(layout.plotWidth).toBe(288);
    expect(layout.plotHeight).toBe(164);
    expect(chartLayout(10, 10).plotWidth).toBe(1); // never zero or negative
  });

  it('chooses y domains: fractions 0-100%, amounts from zero, an index around its data, flat data padded', () => {
    expect(yDomain([new Float64Array([0.2, 0.55])], 'fraction')).toEqual([0, 1]);
    expect(yDomain([new Float64Array([0.2, 1.3])], 'fraction')).toEqual([0, 1.3]);
    expect(yDomain([new Float64Array([10, 100])], 'usd')).toEqual([0, 100]);
    // Active users 930k against 1.01M: from zero, so a 7% gap looks like 7%.
    expect(yDomain([new Float64Array([930_000, 1_010_000])], 'people')).toEqual([0, 1_010_000]);
    expect(yDomain([new Float64Array([-5, 10])], 'usd')).toEqual([-5, 10]);
    expect(yDomain([new Float64Array([50, 50])], 'people')).toEqual([0, 50]);
    expect(yDomain([new Float64Array([0, 0])], 'people')).toEqual([0, 1]);
    // An index spans its data (the axis is then marked broken).
    expect(yDomain([new Float64Array([1, 1.1])], 'dimensionless')).toEqual([1, 1.1]);
    expect(yDomain([new Float64Array([1, 1])], 'dimensionless')).toEqual([0.9, 1.1]);
    const index = chartScales(layout, [0, 156], [1, 1.1]);
    expect(yAxisBroken(index.y)).toBe(true);
    expect(yAxisBroken(chartScales(layout, [0, 156], [0, 1_010_000]).y)).toBe(false);
    expect(yAxisBroken(chartScales(layout, [0, 156], [-0.05, 0.07]).y)).toBe(false);
    expect(extentOf([new Float64Array([Number.NaN, 3, Infinity, -2])])).toEqual([-2, 3]);
    expect(extentOf([])).toEqual([0, 1]);
  });

  it('nices the y scale to round ticks that cover the data, x spans the weeks', () => {
    const s = chartScales(layout, [0, 156], [930_123, 1_012_345]);
    const [lo, hi] = s.y.domain() as [number, number];
    expect(lo).toBeLessThanOrEqual(930_123);
    expect(hi).toBeGreaterThanOrEqual(1_012_345);
    const ticks = ticksOf(s.y, 5);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    for (const t of ticks) expect(t.offset).toBeCloseTo(s.y(t.value));
    expect(s.y(lo)).toBe(layout.plotHeight); // y grows upwards
    expect(s.x(0)).toBe(0);
    expect(s.x(156)).toBe(layout.plotWidth);
    expect(chartScales(layout, [0, 0], [0, 1]).x.domain()).toEqual([0, 1]); // one point
  });

  it('draws a line path in plot coordinates, breaking at missing values', () => {
    const time = new Float64Array([0, 1, 2, 3]);
    const s = chartScales(layout, [0, 3], [0, 10]);
    const d = linePath(time, new Float64Array([0, 10, 5, 0]), s);
    expect(d).toBe('M0,164L96,0L192,82L288,164');
    const broken = linePath(time, new Float64Array([0, Number.NaN, 5, 0]), s);
    expect(broken.match(/M/g)).toHaveLength(2);
  });

  it('finds the point nearest to the pointer, clamped to the series', () => {
    const time = Float64Array.from({ length: 157 }, (_, i) => i);
    const s = chartScales(layout, [0, 156], [0, 1]);
    expect(nearestIndex(time, s, s.x(80))).toBe(80);
    expect(nearestIndex(time, s, s.x(80.4))).toBe(80);
    expect(nearestIndex(time, s, s.x(80.6))).toBe(81);
    expect(nearestIndex(time, s, -50)).toBe(0);
    expect(nearestIndex(time, s, 10_000)).toBe(156);
    expect(nearestIndex(new Float64Array(0), s, 10)).toBe(0);
  });

  it('maps every week to the index of that week (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 521 }),
        fc.constantFrom(0.25, 0.5, 1, 2),
        fc.nat(),
        (points, step, pick) => {
          const time = Float64Array.from({ length: points }, (_, i) => i * step);
          const s = chartScales(layout, [0, time[points - 1]!], [0, 1]);
          const k = pick % points;
          return nearestIndex(time, s, s.x(time[k]!)) === k;
        },
      ),
    );
  });

  /** d3-shape's line() as it drew the charts before linePath built its string itself. */
  const d3Path = (
    time: Float64Array,
    values: Float64Array,
    s: ReturnType<typeof chartScales>,
  ): string =>
    line<number>()
      .defined((i) => Number.isFinite(values[i]!))
      .x((i) => px(s.x(time[i]!)))
      .y((i) => px(s.y(values[i]!)))(Array.from({ length: time.length }, (_, i) => i)) ?? '';

  it('writes a coordinate as String() of its rounded value (property)', () => {
    for (const [v, text] of [
      [0, '0'],
      [-0.001, '0'],
      [0.05, '0.05'],
      [0.1, '0.1'],
      [-3.456, '-3.46'],
      [164, '164'],
      [12.3049, '12.3'],
      [1e15, '1000000000000000'],
    ] as const) {
      expect(pathCoordinate(v)).toBe(text);
    }
    // The oracle rounds twice in floating point, which is exact only while v x 1e5 stays well
    // inside 2^53: up to 1e9 px, far beyond any chart's coordinates (at 4.4e12 it wrote
    // '-4422608001624.099' for -4422608001624.096, its own error, not the writer's).
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (v) => {
        expect(pathCoordinate(v)).toBe(
          String(Math.round((Math.round(v * 100) / 100) * 1000) / 1000),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('draws the same path data as d3-shape, gaps and lone points included (property)', () => {
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.double({ min: -1e7, max: 1e7, noNaN: true }) },
      { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity) },
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 0, maxLength: 60 }),
        fc.constantFrom(0.25, 1, 7),
        (raw, step) => {
          const values = Float64Array.from(raw);
          const time = Float64Array.from(raw, (_, i) => i * step);
          const s = chartScales(
            layout,
            [0, Math.max(1, raw.length - 1) * step],
            yDomain([values], 'usd'),
          );
          expect(linePath(time, values, s)).toBe(d3Path(time, values, s));
        },
      ),
      { numRuns: 500 },
    );
    const time = new Float64Array([0, 1, 2, 3, 4]);
    const s = chartScales(layout, [0, 4], [0, 10]);
    const lone = linePath(time, new Float64Array([5, Number.NaN, 2, Number.NaN, Number.NaN]), s);
    expect(lone).toBe('M0,82ZM144,131.2Z');
    expect(lone).toBe(
      d3Path(time, new Float64Array([5, Number.NaN, 2, Number.NaN, Number.NaN]), s),
    );
  });

  it('draws a band as d3-shape draws the area between two series, gaps included (property)', () => {
    const d3Area = (
      time: Float64Array,
      lo: Float64Array,
      hi: Float64Array,
      s: ReturnType<typeof chartScales>,
    ): string =>
      area<number>()
        .defined((i) => Number.isFinite(lo[i]!) && Number.isFinite(hi[i]!))
        .x((i) => px(s.x(time[i]!)))
        .y0((i) => px(s.y(lo[i]!)))
        .y1((i) => px(s.y(hi[i]!)))(Array.from({ length: time.length }, (_, i) => i)) ?? '';
    const value = fc.oneof(
      { weight: 9, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 1, arbitrary: fc.constant(Number.NaN) },
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(value, value), { maxLength: 40 }), (pairs) => {
        const time = Float64Array.from(pairs, (_, i) => i);
        const lo = Float64Array.from(pairs, (p) => p[0]);
        const hi = Float64Array.from(pairs, (p) => p[1]);
        const s = chartScales(layout, [0, Math.max(1, pairs.length - 1)], [-1e6, 1e6]);
        expect(bandPath(time, lo, hi, s)).toBe(d3Area(time, lo, hi, s));
      }),
      { numRuns: 500 },
    );
  });
});
