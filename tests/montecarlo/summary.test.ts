/**
 * The percentile summariser: histogram percentiles against exact percentiles, exact merging, band
 * ordering. Resolution stated and checked: an estimate is within one bin width of the exact type-7
 * percentile, where a bin is (pilot range widened by 10% each side) / bins for values inside the
 * widened range, and the span from the exact min (max) to the range's edge for values outside.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bandRows,
  exactQuantile,
  histogramQuantiles,
  layoutFromRanges,
  mergeHistograms,
  newHistogram,
  newRangeSketch,
  observeHistogram,
  observeRange,
  percentilesOf,
  sortWithNullsLast,
  binOf,
  type HistogramSketch,
} from '../../simulation/analysis/montecarlo';

const FRACTIONS = [0.05, 0.25, 0.5, 0.75, 0.95];

/** Plain type-7 quantile by sorting (the reference). */
function reference(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = q * (s.length - 1);
  const j = Math.floor(h);
  return j + 1 < s.length ? s[j]! + (h - j) * (s[j + 1]! - s[j]!) : s[j]!;
}

/** One row: pilot on the first `pilot` values, then every value counted (in batches of `batch`). */
function summarise(
  values: readonly number[],
  pilot: number,
  bins: number,
  batch = 7,
): HistogramSketch {
  const ranges = newRangeSketch(1);
  for (const v of values.slice(0, Math.max(1, pilot))) observeRange(ranges, Float64Array.of(v));
  const h = newHistogram(layoutFromRanges(ranges, bins));
  for (let i = 0; i < values.length; i += batch) {
    const part = Float64Array.from(values.slice(i, i + batch));
    observeHistogram(h, part, part.length);
  }
  return h;
}

/** The width of the bin (or under/overflow interval) that holds value v. */
function binSpan(h: HistogramSketch, v: number): number {
  const { lo, width, bins } = h.layout;
  const slot = binOf(h.layout, 0, v);
  if (slot === 0) return lo[0]! - h.min[0]!;
  if (slot === bins + 1) return h.max[0]! - (lo[0]! + bins * width[0]!);
  return width[0]!;
}

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const sample = fc.array(finite, { minLength: 1, maxLength: 300 });

/**
 * histogramQuantiles as first written (an order statistic found from the row's first slot each
 * time it is asked for), kept as the oracle of the one-pass version's bits.
 */
function slotByQuantile(h: HistogramSketch, row: number, fractions: readonly number[]): number[] {
  const { layout, counts } = h;
  const bins = layout.bins;
  const base = row * (bins + 2);
  let n = 0;
  for (let i = base; i < base + bins + 2; i++) n += counts[i]!;
  if (n === 0) return fractions.map(() => NaN);
  const lo = layout.lo[row]!;
  const w = layout.width[row]!;
  const mn = h.min[row]!;
  const mx = h.max[row]!;
  const orderStat = (r: number): number => {
    let slot = 0;
    let before = 0;
    while (before + counts[base + slot]! <= r) before += counts[base + slot++]!;
    let a = slot === 0 ? mn : slot === bins + 1 ? lo + bins * w : lo + (slot - 1) * w;
    let b = slot === 0 ? lo : slot === bins + 1 ? mx : w === 0 ? lo : lo + slot * w;
    a = a < mn ? mn : a > mx ? mx : a;
    b = b < mn ? mn : b > mx ? mx : b;
    if (b < a) b = a;
    return a + ((r - before + 0.5) / counts[base + slot]!) * (b - a);
  };
  return fractions.map((f) => {
    const hq = f * (n - 1);
    const j = Math.floor(hq);
    const x = orderStat(j);
    return hq - j > 0 && j + 1 < n ? x + (hq - j) * (orderStat(j + 1) - x) : x;
  });
}

describe('histogram percentiles', () => {
  it('are, to the bit, each order statistic found from the first slot (any rows, any fractions)', () => {
    const draws = fc
      .integer({ min: 1, max: 4 })
      .chain((rows) =>
        fc.array(fc.array(finite, { minLength: rows, maxLength: rows }), { maxLength: 80 }),
      );
    fc.assert(
      fc.property(
        draws,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 60 }),
        fc
          .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 9 })
          .map((f) => f.sort((a, b) => a - b)),
        (values, pilot, bins, fractions) => {
          const rows = values[0]?.length ?? 1;
          const ranges = newRangeSketch(rows);
          values.slice(0, pilot).forEach((d) => observeRange(ranges, Float64Array.from(d)));
          const h = newHistogram(layoutFromRanges(ranges, bins));
          values.forEach((d) => observeHistogram(h, Float64Array.from(d), 1));
          const out = new Float64Array(fractions.length);
          for (let row = 0; row < rows; row++) {
            histogramQuantiles(h, row, fractions, out);
            expect(Array.from(out)).toEqual(slotByQuantile(h, row, fractions));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('are within one bin of the exact percentiles (all values in the pilot range)', () => {
    fc.assert(
      fc.property(sample, fc.integer({ min: 1, max: 400 }), (values, bins) => {
        const h = summarise(values, values.length, bins);
        const out = new Float64Array(FRACTIONS.length);
        histogramQuantiles(h, 0, FRACTIONS, out);
        FRACTIONS.forEach((q, i) => {
          const exact = reference(values, q);
          const tolerance = h.layout.width[0]! + 1e-9 * Math.max(1, Math.abs(exact));
          expect(Math.abs(out[i]! - exact)).toBeLessThanOrEqual(tolerance);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('are within the bin holding the order statistics when later values fall outside the pilot range', () => {
    fc.assert(
      fc.property(
        sample,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 200 }),
        (values, pilot, bins) => {
          const h = summarise(values, pilot, bins);
          const out = new Float64Array(FRACTIONS.length);
          histogramQuantiles(h, 0, FRACTIONS, out);
          const sorted = [...values].sort((a, b) => a - b);
          FRACTIONS.forEach((q, i) => {
            const exact = reference(values, q);
            const hq = q * (values.length - 1);
            const j = Math.floor(hq);
            const a = sorted[j]!;
            const b = sorted[Math.min(j + 1, sorted.length - 1)]!;
            const tolerance =
              Math.max(binSpan(h, a), binSpan(h, b)) + 1e-9 * Math.max(1, Math.abs(exact));
            expect(Math.abs(out[i]! - exact)).toBeLessThanOrEqual(tolerance);
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stay inside the exact range when bin edges round past it (found by fast-check)', () => {
    const h = summarise([0, 0, -1.3758284783205282e-252], 3, 300);
    const out = new Float64Array(FRACTIONS.length);
    histogramQuantiles(h, 0, FRACTIONS, out);
    for (const v of out) {
      expect(v).toBeLessThanOrEqual(0);
      expect(v).toBeGreaterThanOrEqual(-1.3758284783205282e-252);
    }
  });

  it('are exact when every value is the same', () => {
    const h = summarise([3.25, 3.25, 3.25, 3.25], 4, 50);
    const out = new Float64Array(FRACTIONS.length);
    histogramQuantiles(h, 0, FRACTIONS, out);
    expect([...out]).toEqual(FRACTIONS.map(() => 3.25));
  });

  it('stay inside [min, max] and are ordered p5 <= p25 <= p50 <= p75 <= p95', () => {
    fc.assert(
      fc.property(
        sample,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 300 }),
        (values, pilot, bins) => {
          const h = summarise(values, pilot, bins);
          const out = new Float64Array(FRACTIONS.length);
          histogramQuantiles(h, 0, FRACTIONS, out);
          for (let i = 0; i < out.length; i++) {
            expect(out[i]!).toBeGreaterThanOrEqual(Math.min(...values));
            expect(out[i]!).toBeLessThanOrEqual(Math.max(...values));
            if (i > 0) expect(out[i]!).toBeGreaterThanOrEqual(out[i - 1]!);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('an estimate with 200 bins is within 0.6% of the pilot span on a realistic sample', () => {
    // Lognormal-ish values, pilot of 128 out of 5000 (as the CLI does).
    let x = 12345;
    const next = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 4294967296;
    };
    const values = Array.from({ length: 5000 }, () =>
      Math.exp(Math.sqrt(-2 * Math.log(next() || 1e-12)) * Math.cos(2 * Math.PI * next())),
    );
    const h = summarise(values, 128, 200, 32);
    const span = h.layout.width[0]! * 200;
    const out = new Float64Array(FRACTIONS.length);
    histogramQuantiles(h, 0, FRACTIONS, out);
    FRACTIONS.forEach((q, i) =>
      expect(Math.abs(out[i]! - reference(values, q))).toBeLessThanOrEqual(span * 0.006),
    );
  });
});

describe('merging histograms', () => {
  it('gives bit-identical counts and percentiles however the values are split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(finite, { minLength: 0, maxLength: 60 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 1, max: 100 }),
        (parts, bins) => {
          const all = parts.flat();
          fc.pre(all.length > 0);
          const ranges = newRangeSketch(1);
          for (const v of all.slice(0, 10)) observeRange(ranges, Float64Array.of(v));
          const layout = layoutFromRanges(ranges, bins);
          const whole = newHistogram(layout);
          observeHistogram(whole, Float64Array.from(all), all.length);
          const merged = newHistogram(layout);
          for (const p of [...parts].reverse()) {
            const h = newHistogram(layout);
            observeHistogram(h, Float64Array.from(p), p.length);
            mergeHistograms(merged, h);
          }
          expect(merged.counts).toEqual(whole.counts);
          expect(merged.min).toEqual(whole.min);
          expect(merged.max).toEqual(whole.max);
          const a = new Float64Array(5);
          const b = new Float64Array(5);
          histogramQuantiles(whole, 0, FRACTIONS, a);
          histogramQuantiles(merged, 0, FRACTIONS, b);
          expect(Buffer.from(b.buffer)).toEqual(Buffer.from(a.buffer));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses histograms with different layouts', () => {
    const r = newRangeSketch(1);
    observeRange(r, Float64Array.of(0));
    observeRange(r, Float64Array.of(1));
    expect(() =>
      mergeHistograms(newHistogram(layoutFromRanges(r, 10)), newHistogram(layoutFromRanges(r, 20))),
    ).toThrow(/layouts/);
  });

  it('reads a batch laid out row-major with a stride', () => {
    const r = newRangeSketch(2);
    observeRange(r, Float64Array.of(0, 100));
    observeRange(r, Float64Array.of(10, 200));
    const h = newHistogram(layoutFromRanges(r, 10, 0));
    // Two rows, stride 4, three draws used: row 0 = 1, 2, 3; row 1 = 150, 150, 190.
    observeHistogram(h, Float64Array.of(1, 2, 3, 999, 150, 150, 190, 999), 3, 4);
    expect([...h.min]).toEqual([1, 150]);
    expect([...h.max]).toEqual([3, 190]);
    const stride = 12;
    expect(h.counts.slice(0, stride).reduce((a, b) => a + b, 0)).toBe(3);
    expect(h.counts[stride + binOf(h.layout, 1, 150)]).toBe(2);
  });
});

describe('band rows', () => {
  /** Histograms of `rows` rows over one layout, each counting its own draws (rows x draws). */
  const histograms = (rows: number, bins: number, parts: readonly number[][][]) => {
    const ranges = newRangeSketch(rows);
    for (const part of parts)
      for (const draw of part.slice(0, 3)) observeRange(ranges, Float64Array.from(draw));
    const layout = layoutFromRanges(ranges, bins);
    const each = parts.map((part) => {
      const h = newHistogram(layout);
      for (const draw of part) observeHistogram(h, Float64Array.from(draw), 1);
      return h;
    });
    return { layout, each };
  };
  const draws = (rows: number) =>
    fc.array(fc.array(finite, { minLength: rows, maxLength: rows }), { maxLength: 12 });

  it("are the merged histogram's quantiles, to the bit, read from the parts row by row (any split of the rows)", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 6 })
          .chain((rows) =>
            fc.tuple(
              fc.constant(rows),
              fc.array(draws(rows), { minLength: 1, maxLength: 4 }),
              fc.integer({ min: 1, max: 40 }),
              fc.integer({ min: 0, max: rows }),
            ),
          ),
        ([rows, parts, bins, cut]) => {
          fc.pre(parts.some((p) => p.length > 0));
          const { layout, each } = histograms(rows, bins, parts);
          const merged = newHistogram(layout);
          for (const h of each) mergeHistograms(merged, h);
          const a = bandRows(layout, each, FRACTIONS, 0, cut);
          const b = bandRows(layout, each, FRACTIONS, cut, rows);
          const alone = bandRows(layout, [merged], FRACTIONS, 0, rows);
          const q = new Float64Array(FRACTIONS.length);
          let total = 0;
          let outside = 0;
          const stride = bins + 2;
          for (let row = 0; row < rows; row++) {
            total += histogramQuantiles(merged, row, FRACTIONS, q);
            outside += merged.counts[row * stride]! + merged.counts[row * stride + stride - 1]!;
            const from = row < cut ? a : b;
            const got = from.quantiles.subarray((row - from.start) * 5, (row - from.start + 1) * 5);
            expect(Buffer.from(got.slice().buffer)).toEqual(Buffer.from(q.buffer));
            expect(alone.quantiles.subarray(row * 5, row * 5 + 5)).toEqual(q);
          }
          expect(a.total + b.total).toBe(total);
          expect(a.outside + b.outside).toBe(outside);
          expect([alone.total, alone.outside]).toEqual([total, outside]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuse rows outside the layout, and no histogram at all', () => {
    const { layout, each } = histograms(2, 10, [[[1, 2]]]);
    expect(() => bandRows(layout, each, FRACTIONS, 1, 3)).toThrow(/rows 1..3 outside 0..2/);
    expect(() => bandRows(layout, each, FRACTIONS, 2, 1)).toThrow(/outside/);
    expect(() => bandRows(layout, [], FRACTIONS, 0, 2)).toThrow(/no histogram/);
  });

  it('give a known row: values 1..9 in three parts, bins of width 1', () => {
    const r = newRangeSketch(1);
    observeRange(r, Float64Array.of(0));
    observeRange(r, Float64Array.of(10));
    const layout = layoutFromRanges(r, 10, 0);
    const parts = [
      [1, 2, 3],
      [4, 5, 6],
      [7, 8, 9],
    ].map((values) => {
      const h = newHistogram(layout);
      observeHistogram(h, Float64Array.from(values), values.length);
      return h;
    });
    const b = bandRows(layout, parts, [0, 0.5, 1], 0, 1);
    // Each value alone in its bin [v, v + 1), estimated at the bin's middle clipped to [1, 9]:
    // 1.5 for 1, 5.5 for 5, and 9 for 9 (its bin [9, 10) clipped to [9, 9]).
    expect([...b.quantiles]).toEqual([1.5, 5.5, 9]);
    expect([b.total, b.outside]).toEqual([9, 0]);
  });
});

describe('exact KPI percentiles', () => {
  it('match the reference for numbers and treat null (not reached) as after every number', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(finite, { nil: null }), { minLength: 1, maxLength: 100 }),
        (values) => {
          const p = percentilesOf(values);
          const numbers = values.filter((v): v is number => v !== null);
          const nulls = values.length - numbers.length;
          expect(p.nullShare).toBeCloseTo(nulls / values.length, 12);
          const sorted = sortWithNullsLast(values);
          for (const [k, q] of [
            ['p5', 0.05],
            ['p50', 0.5],
            ['p95', 0.95],
          ] as const) {
            const h = q * (values.length - 1);
            const needsNull =
              sorted[Math.floor(h)] === null ||
              (h > Math.floor(h) && sorted[Math.floor(h) + 1] === null);
            if (needsNull) expect(p[k]).toBeNull();
            else if (nulls === 0) expect(p[k]).toBeCloseTo(reference(numbers, q), 6);
            else expect(p[k]).toBe(exactQuantile(sorted, q));
          }
        },
      ),
    );
  });

  it('interpolates between order statistics (type 7)', () => {
    expect(exactQuantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(exactQuantile([10, 20], 0.05)).toBeCloseTo(10.5, 12);
    expect(exactQuantile([10, null], 0.5)).toBeNull();
    expect(exactQuantile([10, null], 0)).toBe(10);
    expect(percentilesOf([null, 5, 1])).toMatchObject({ p5: 1.4, nullShare: 1 / 3 });
  });
});
