/**
 * The staged band counter (montecarlo-bins.ts) against the plain one (observeHistogram, binOf):
 * the same counts and extremes for any values, including values exactly on bin edges and on the
 * top edge, under and over the range, zero-width rows and NaN, in any batch size.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BinCounter } from '../../simulation/analysis/montecarlo-bins';
import {
  newHistogram,
  observeHistogram,
  type BinLayout,
} from '../../simulation/analysis/montecarlo-summary';

const ROWS = 6;

/** A row's layout (lo, width) and values that probe its edges. */
const rowArb = fc
  .record({
    lo: fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    width: fc.oneof(fc.constant(0), fc.double({ min: 1e-12, max: 1e6, noNaN: true })),
  })
  .filter(({ lo, width }) => lo + 300 * width > lo || width === 0);

describe('BinCounter', () => {
  it('counts any values exactly as observeHistogram does (slots, minimum, maximum)', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: ROWS, maxLength: ROWS }),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 9 }),
        fc.array(
          fc.array(
            fc.oneof(
              fc.integer({ min: -3, max: 305 }), // k: the edge lo + k * width
              fc.double({ min: -2, max: 2 }), // a fraction of the range, or NaN
              fc.constantFrom(Infinity, -Infinity),
            ),
            { minLength: ROWS, maxLength: ROWS },
          ),
          { minLength: 1, maxLength: 25 },
        ),
        (rows, bins, batch, draws) => {
          const layout: BinLayout = {
            rows: ROWS,
            bins,
            lo: Float64Array.from(rows, (r) => r.lo),
            width: Float64Array.from(rows, (r) => r.width),
          };
          const values = draws.map((draw) =>
            Float64Array.from(draw, (x, r) => {
              const { lo, width } = rows[r]!;
              if (Number.isInteger(x)) return lo + x * width;
              if (!Number.isFinite(x) || Number.isNaN(x)) return x;
              return lo + x * bins * Math.max(width, 1e-9);
            }),
          );
          const staged = newHistogram(layout);
          const counter = new BinCounter(ROWS, bins, batch);
          counter.begin(staged);
          values.forEach((v) => counter.stageRows(v, 0));
          counter.end();
          const plain = newHistogram(layout);
          values.forEach((v) => observeHistogram(plain, v, 1));
          expect([...staged.counts]).toEqual([...plain.counts]);
          expect([...staged.min]).toEqual([...plain.min]);
          expect([...staged.max]).toEqual([...plain.max]);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('refuses a histogram it was not made for', () => {
    const layout: BinLayout = {
      rows: 2,
      bins: 300,
      lo: new Float64Array(2),
      width: new Float64Array(2),
    };
    expect(() => new BinCounter(3, 300, 4).begin(newHistogram(layout))).toThrow(/2 rows/);
    expect(() => new BinCounter(2, 300, 4).begin(newHistogram(layout))).not.toThrow();
    // 200 bins stage in bytes: no room for 300 bins' slots.
    expect(() => new BinCounter(2, 200, 4).begin(newHistogram(layout))).toThrow(/300 bins/);
  });
});
