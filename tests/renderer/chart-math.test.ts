import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chartLayout,
  chartScales,
  extentOf,
  linePath,
  nearestIndex,
  ticksOf,
  yDomain,
} from '../../renderer/charts/chart-math';

const layout = chartLayout(360, 232, { top: 30, right: 14, bottom: 38, left: 58 });

describe('chart math', () => {
  it('lays out the plot area inside the margins', () => {
    expect(layout.plotWidth).toBe(288);
    expect(layout.plotHeight).toBe(164);
    expect(chartLayout(10, 10).plotWidth).toBe(1); // never zero or negative
  });

  it('chooses y domains: fractions 0-100%, near-zero data from zero, flat data padded', () => {
    expect(yDomain([new Float64Array([0.2, 0.55])], 'fraction')).toEqual([0, 1]);
    expect(yDomain([new Float64Array([0.2, 1.3])], 'fraction')).toEqual([0, 1.3]);
    expect(yDomain([new Float64Array([10, 100])], 'usd')).toEqual([0, 100]);
    expect(yDomain([new Float64Array([930_000, 1_010_000])], 'people')).toEqual([
      930_000, 1_010_000,
    ]);
    expect(yDomain([new Float64Array([-5, 10])], 'usd')).toEqual([-5, 10]);
    expect(yDomain([new Float64Array([50, 50])], 'people')).toEqual([45, 55]);
    expect(yDomain([new Float64Array([0, 0])], 'people')).toEqual([-1, 1]);
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
});
