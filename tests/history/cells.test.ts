import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber, isoOfDay, parseDateCell, parseNumberCell } from '../../simulation';

describe('cells', () => {
  it('numbers written with grouping, currency and percent read back (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.constantFrom('', '$', '€ '),
        (x, cur) => {
          const grouped = x.toLocaleString('en-US', { maximumFractionDigits: 6 });
          const r = parseNumberCell(`${cur}${grouped}`);
          expect(r.ok).toBe(true);
          if (r.ok) expect(r.value).toBeCloseTo(Number(x.toFixed(6)), 5);
          const pct = parseNumberCell(`${(x / 1e10).toFixed(4)}%`);
          if (pct.ok) expect(pct.value).toBeCloseTo(Number((x / 1e10).toFixed(4)) / 100, 10);
          const comma = parseNumberCell(
            x.toLocaleString('de-DE', { maximumFractionDigits: 6 }).replace(/\u2212/, '-'),
            true,
          );
          expect(comma.ok && comma.value).toBeCloseTo(Number(x.toFixed(6)), 5);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws, and text is never a number (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (s, comma) => {
        const r = parseNumberCell(s, comma);
        if (r.ok && r.value !== null) expect(Number.isFinite(r.value)).toBe(true);
        if (/[a-df-z]/i.test(s.replace(/usd|eur|gbp|n\/?a|null|none|nan/gi, '')))
          expect(r.ok && r.value !== null).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('dates in every accepted spelling read back to the same day (property)', () => {
    const months = [
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: 1950, max: 2150 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        (y, m, d) => {
          const day = dayNumber(y, m, d)!;
          const p2 = (n: number) => String(n).padStart(2, '0');
          expect(parseDateCell(isoOfDay(day))?.day).toBe(day);
          expect(parseDateCell(`${p2(d)}/${p2(m)}/${y}`, 'dmy')?.day).toBe(day);
          expect(parseDateCell(`${p2(m)}/${p2(d)}/${y}`, 'mdy')?.day).toBe(day);
          expect(parseDateCell(`${d} ${months[m - 1]} ${y}`)?.day).toBe(day);
          expect(parseDateCell(`${months[m - 1]} ${y}`)).toEqual({
            day: dayNumber(y, m, 1),
            monthOnly: true,
          });
          expect(parseDateCell(new Date(Date.UTC(y, m - 1, d)))?.day).toBe(day);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('impossible dates and other text are not dates', () => {
    for (const t of ['2024-02-30', '31/04/2024', 'Smarch 2024', '2024', 'week 3', '', '12.5'])
      expect(parseDateCell(t), t).toBeNull();
    expect(parseDateCell(45292)?.day).toBe(dayNumber(2024, 1, 1));
  });
});
