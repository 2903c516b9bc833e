/**
 * columnPercentiles is percentilesOf to the bit (nulls, ties, -0 and +0 included), and winShares
 * counts wins, losses and ties with a null week as the worst.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnPercentiles, percentilesOf, winShares } from '../../simulation';

const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(a, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v)) ===
  JSON.stringify(b, (_k, v: unknown) => (Object.is(v, -0) ? '-0' : v));

const cell = fc.oneof(
  fc.constant(null),
  fc.constantFrom(0, -0, 1, -1, 2.5),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
);

describe('columnPercentiles', () => {
  it('equals percentilesOf on any column of a draws table', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 2 }),
        (rows, column) => {
          const table = Float64Array.from(rows.flat().map((v) => (v === null ? NaN : v)));
          const expected = percentilesOf(rows.map((r) => r[column]!));
          const actual = columnPercentiles(table, column, 3, rows.length);
          return same(actual, expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equals percentilesOf on long columns, with many ties and zeros of both signs', () => {
    const tied = fc.oneof(
      { arbitrary: fc.constantFrom<number | null>(null, 0, -0, 1, -1, 2.5, 1e9), weight: 3 },
      { arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(tied, { minLength: 17, maxLength: 5000 }), (column) => {
        const table = Float64Array.from(column.map((v) => (v === null ? NaN : v)));
        return same(columnPercentiles(table, 0, 1, column.length), percentilesOf(column));
      }),
      { numRuns: 200 },
    );
  });

  it('reads only the draws asked for', () => {
    const table = Float64Array.of(1, 2, 3, 1000);
    expect(columnPercentiles(table, 0, 1, 3).p95).toBeCloseTo(2.9, 12);
  });
});

describe('winShares', () => {
  const a = Float64Array.of(5, 1, NaN, 3, NaN);
  const b = Float64Array.of(4, 2, 7, 3, NaN);

  it('higher is better: a number beats a null, equal values and two nulls are even', () => {
    expect(winShares(a, b, 0, 1, 5, 'higher')).toEqual({
      draws: 5,
      withBetter: 1 / 5,
      withoutBetter: 2 / 5,
      even: 2 / 5,
    });
  });

  it('lower is better (weeks): a week never reached is the worst', () => {
    expect(winShares(a, b, 0, 1, 5, 'lower')).toEqual({
      draws: 5,
      withBetter: 1 / 5, // draw 1: week 1 before week 2
      withoutBetter: 2 / 5, // draw 0 (5 after 4), draw 2 (never against week 7)
      even: 2 / 5,
    });
  });
});
