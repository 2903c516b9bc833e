import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvNumber, csvRecord, csvText, CSV_EOL, parseCsv } from '../../renderer/export/csv';

const cellText = fc.string({
  unit: fc.constantFrom('a', 'Z', '1', ',', '"', '\r', '\n', '=', '+', '-', '@', ' ', 'é'),
});

describe('CSV cells', () => {
  it('reads back every text cell and number exactly', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.oneof(cellText, fc.double({ noNaN: true, noDefaultInfinity: true })), {
            minLength: 1,
            maxLength: 5,
          }),
          { minLength: 1, maxLength: 5 },
        ),
        (rows) => {
          const text = rows
            .map(
              (r) =>
                csvRecord(r.map((c) => (typeof c === 'number' ? csvNumber(c) : csvText(c)))) +
                CSV_EOL,
            )
            .join('');
          const back = parseCsv(text);
          expect(back.length).toBe(rows.length);
          rows.forEach((r, i) =>
            r.forEach((c, j) => {
              const cell = back[i]![j]!;
              if (typeof c === 'number')
                expect(Object.is(Number(cell), c === 0 ? 0 : c) || Number(cell) === c).toBe(true);
              else expect(cell).toBe(/^[=+\-@\t\r]/.test(c) ? `'${c}` : c);
            }),
          );
        },
      ),
    );
  });

  it('neutralises formulas but keeps negative numbers numeric', () => {
    expect(csvText('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvNumber(-12.5)).toBe('-12.5');
    expect(parseCsv('a,"b,c"\r\n1,2')).toEqual([
      ['a', 'b,c'],
      ['1', '2'],
    ]);
  });
});
