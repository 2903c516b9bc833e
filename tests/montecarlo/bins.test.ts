/**
 * The staged band counter (montecarlo-bins.ts), in WebAssembly and in JavaScript, against the
 * plain one (observeHistogram, binOf): the same counts and extremes for any values, including
 * values exactly on bin edges and on the top edge, under and over the range, zero-width rows and
 * NaN, in any batch size, for odd and even numbers of rows and every width of staged slot.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gatherRows, type MonteCarloJob } from '../../simulation/analysis/montecarlo';
import { BinCounter } from '../../simulation/analysis/montecarlo-bins';
import {
  newHistogram,
  newRangeSketch,
  observeHistogram,
  observeRange,
  type BinLayout,
} from '../../simulation/analysis/montecarlo-summary';

/** More than two blocks of rows of the WebAssembly count (64, 32 or 16 rows by slot width). */
const MAX_ROWS = 140;

/** The first index where two arrays differ (Object.is: -0 is not 0), or null. */
function firstDifference(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { at: number; got: number; expected: number } | null {
  if (a.length !== b.length) return { at: -1, got: a.length, expected: b.length };
  for (let i = 0; i < a.length; i++)
    if (!Object.is(a[i], b[i])) return { at: i, got: a[i]!, expected: b[i]! };
  return null;
}

/** A row's layout (lo, width) and values that probe its edges. */
const rowArb = fc
  .record({
    lo: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    width: fc.oneof(fc.constantFrom(0, -0), fc.double({ min: 1e-12, max: 1e6, noNaN: true })),
  })
  .filter(({ lo, width }) => lo + 300 * width > lo || width === 0);

describe.each([
  ['WebAssembly', true],
  ['JavaScript', false],
])('BinCounter in %s', (_, wasm) => {
  it('counts where it is asked to', () => {
    expect(new BinCounter(3, 10, 2, { wasm }).wasm).toBe(wasm);
  });

  it('counts any values exactly as observeHistogram does (slots, minimum, maximum)', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: MAX_ROWS, size: 'max' }),
        // Bytes (up to 254 bins), 16-bit slots (up to 65534) and 32-bit slots.
        fc.oneof(
          { arbitrary: fc.integer({ min: 1, max: 300 }), weight: 12 },
          { arbitrary: fc.constantFrom(65534, 65535, 70000), weight: 1 },
        ),
        fc.integer({ min: 1, max: 9 }),
        fc.array(
          fc.array(
            fc.oneof(
              fc.integer({ min: -3, max: 305 }), // k: the edge lo + k * width
              fc.double({ min: -2, max: 2 }), // a fraction of the range, or NaN
              fc.constantFrom(Infinity, -Infinity),
            ),
            { minLength: MAX_ROWS, maxLength: MAX_ROWS },
          ),
          { minLength: 1, maxLength: 25 },
        ),
        (rows, bins, batch, draws) => {
          const ROWS = rows.length;
          const layout: BinLayout = {
            rows: ROWS,
            bins,
            lo: Float64Array.from(rows, (r) => r.lo),
            width: Float64Array.from(rows, (r) => r.width),
          };
          const values = draws.map((draw) =>
            Float64Array.from(draw.slice(0, ROWS), (x, r) => {
              const { lo, width } = rows[r]!;
              if (Number.isInteger(x)) return lo + x * width;
              if (!Number.isFinite(x) || Number.isNaN(x)) return x;
              return lo + x * bins * Math.max(width, 1e-9);
            }),
          );
          const staged = newHistogram(layout);
          const counter = new BinCounter(ROWS, bins, batch, { wasm });
          counter.begin(staged);
          // Row vectors at an offset in a longer array, as the pilot's kept draws are.
          values.forEach((v) => {
            const padded = new Float64Array(ROWS + 3).fill(-7);
            padded.set(v, 2);
            counter.stageRows(padded, 2);
          });
          counter.end();
          const plain = newHistogram(layout);
          values.forEach((v) => observeHistogram(plain, v, 1));
          expect(firstDifference(staged.counts, plain.counts)).toBeNull();
          expect(firstDifference(staged.min, plain.min)).toBeNull();
          expect(firstDifference(staged.max, plain.max)).toBeNull();
        },
      ),
      { numRuns: 300 },
    );
  });

  it('counts more draws into one bin than a 16-bit count holds, across begin and end', () => {
    const layout: BinLayout = {
      rows: 3,
      bins: 10,
      lo: Float64Array.of(0, 0, 0),
      width: Float64Array.of(1, 1, 0),
    };
    const h = newHistogram(layout);
    const counter = new BinCounter(3, 10, 256, { wasm });
    const draw = Float64Array.of(4.5, 12, 0);
    counter.begin(h);
    for (let i = 0; i < 70_001; i++) counter.stageRows(draw, 0);
    counter.end();
    counter.begin(h);
    for (let i = 0; i < 65_536; i++) counter.stageRows(draw, 0);
    counter.end();
    const n = 70_001 + 65_536;
    expect(h.counts[5]).toBe(n); // row 0: bin 4 (slot 5)
    expect(h.counts[12 + 11]).toBe(n); // row 1: over the range
    expect(h.counts[24 + 1]).toBe(n); // row 2: zero width, at lo
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3 * n);
  });

  it('continues a histogram that another counter counted into, and lends the counts end() gives', () => {
    const layout: BinLayout = {
      rows: 3,
      bins: 20,
      lo: Float64Array.of(0, -5, 100),
      width: Float64Array.of(1, 0.5, 2),
    };
    const draws = Array.from({ length: 300 }, (_, i) =>
      Float64Array.of((i * 7) % 23, -6 + ((i * 3) % 13), 99 + ((i * 11) % 45)),
    );
    const plain = newHistogram(layout);
    draws.forEach((d) => observeHistogram(plain, d, 1));
    const h = newHistogram(layout);
    const first = new BinCounter(3, 20, 16, { wasm });
    first.begin(h);
    draws.slice(0, 120).forEach((d) => first.stageRows(d, 0));
    first.end();
    // A new counter (nothing counted in it yet) begins a histogram that has counts: it goes on
    // from them.
    const second = new BinCounter(3, 20, 16, { wasm });
    second.begin(h);
    draws.slice(120).forEach((d) => second.stageRows(d, 0));
    const lent = second.lendCounts();
    expect(firstDifference(lent, plain.counts)).toBeNull();
    expect(firstDifference(h.min, plain.min)).toBeNull();
    expect(firstDifference(h.max, plain.max)).toBeNull();
    // WebAssembly in Node counts in shared memory, and lends it (no copy): it counts no more.
    expect(lent.buffer instanceof SharedArrayBuffer).toBe(wasm);
    if (wasm) expect(() => second.begin(newHistogram(layout))).toThrow(/lent its counts/);
    else expect(lent).toBe(h.counts);
  });

  it('refuses a histogram it was not made for', () => {
    const layout: BinLayout = {
      rows: 2,
      bins: 300,
      lo: new Float64Array(2),
      width: new Float64Array(2),
    };
    expect(() => new BinCounter(3, 300, 4, { wasm }).begin(newHistogram(layout))).toThrow(/2 rows/);
    expect(() => new BinCounter(2, 300, 4, { wasm }).begin(newHistogram(layout))).not.toThrow();
    // 200 bins stage in bytes: no room for 300 bins' slots.
    expect(() => new BinCounter(2, 200, 4, { wasm }).begin(newHistogram(layout))).toThrow(
      /300 bins/,
    );
  });
});

/**
 * The runs' series of a job as far as reading its rows goes (gatherRows and the counter): run r's
 * values at point k, slot j are values[r][k * width + slots[j]].
 */
function seriesJob(points: number, runs: { width: number; slots: Int32Array }[]) {
  const values = runs.map((r) => new Float64Array(points * r.width));
  const job = {
    slots: runs.map((r) => r.slots),
    runner: {
      runCount: runs.length,
      points,
      values: (r: number) => values[r]!,
      slotCount: (r: number) => runs[r]!.width,
    },
  } as unknown as MonteCarloJob;
  return { job, values };
}

describe("the pilot's reading of draws in WebAssembly (BinCounter.rangeReader)", () => {
  const value = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 5e-324, -Number.MAX_VALUE),
  );
  it('reads rows as gatherRows does and widens the ranges as observeRange does, to the bit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.array(
          fc.integer({ min: 1, max: 6 }).chain((width) =>
            fc.record({
              width: fc.constant(width),
              slots: fc.array(fc.integer({ min: 0, max: width - 1 }), {
                minLength: 1,
                maxLength: 5,
              }),
            }),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        fc.array(fc.array(value, { minLength: 200, maxLength: 200 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.array(fc.tuple(value, value), { minLength: 200, maxLength: 200 }),
        (points, runSpecs, draws, start) => {
          const runs = runSpecs.map((r) => ({ width: r.width, slots: Int32Array.from(r.slots) }));
          const rows = points * runs.reduce((n, r) => n + r.slots.length, 0);
          const counter = new BinCounter(rows, 10, 4, { series: { points, runs } });
          const { job, values } = seriesJob(points, runs);
          // Ranges that start from any extremes (a sketch other draws widened).
          const wasm = newRangeSketch(rows);
          for (let r = 0; r < rows; r++) [wasm.min[r], wasm.max[r]] = start[r % 200]!;
          const plain = { ...wasm, min: wasm.min.slice(), max: wasm.max.slice() };
          const reader = counter.rangeReader(job, wasm)!;
          expect(reader).not.toBeNull();
          for (const draw of draws) {
            let q = 0;
            for (const v of values) for (let i = 0; i < v.length; i++) v[i] = draw[q++ % 200]!;
            const got = new Float64Array(rows).fill(7);
            const want = new Float64Array(rows);
            reader.read(got);
            gatherRows(job, want);
            observeRange(plain, want);
            expect(firstDifference(got, want)).toBeNull();
          }
          reader.end();
          expect(firstDifference(wasm.min, plain.min)).toBeNull();
          expect(firstDifference(wasm.max, plain.max)).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is not had while a histogram is begun, or in JavaScript', () => {
    const runs = [{ width: 2, slots: Int32Array.of(1) }];
    const { job } = seriesJob(3, runs);
    const layout: BinLayout = {
      rows: 3,
      bins: 10,
      lo: new Float64Array(3),
      width: new Float64Array(3),
    };
    const counter = new BinCounter(3, 10, 4, { series: { points: 3, runs } });
    counter.begin(newHistogram(layout));
    expect(counter.rangeReader(job, newRangeSketch(3))).toBeNull();
    counter.end();
    expect(counter.rangeReader(job, newRangeSketch(3))).not.toBeNull();
    const js = new BinCounter(3, 10, 4, { series: { points: 3, runs }, wasm: false });
    expect(js.rangeReader(job, newRangeSketch(3))).toBeNull();
  });
});
