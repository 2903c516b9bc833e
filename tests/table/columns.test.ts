/** The weekly table shows what Export > Series as CSV writes, in the same order and rounding. */
import { describe, expect, it } from 'vitest';
import { compareWithWithout, metricSeries, withPreset } from '../../simulation';
import { cellText, columnValues, filterColumns, tableColumns } from '../../renderer/table/columns';
import { writeReadableSeriesCsv } from '../../renderer/export/readable-csv';

const c = compareWithWithout(withPreset(), { backend: 'interpreter', settings: { weeks: 12 } });
const runs = c.runs;

function parseCsv(text: string): string[][] {
  // The readable CSV quotes only where needed; none of its cells holds a comma inside quotes
  // except headers, which the test reads from the first record with a small parser.
  const rows: string[][] = [];
  for (const line of text.trim().split('\r\n')) {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        cells.push(cell);
        cell = '';
      } else cell += ch;
    }
    cells.push(cell);
    rows.push(cells);
  }
  return rows;
}

describe('the weekly table', () => {
  it('has a column for every metric of either run, headed and ordered as the readable CSV', () => {
    let csv = '';
    writeReadableSeriesCsv(
      runs.map((run, i) => ({ name: i === 0 ? 'with' : 'without', run, summary: null })),
      (chunk) => (csv += chunk),
    );
    const rows = parseCsv(csv);
    const columns = tableColumns(runs);
    expect(columns.map((col) => col.header)).toEqual(rows[0]!.slice(2));
    const names = new Set([...runs[0]!.metrics, ...runs[1]!.metrics].map((m) => m.name));
    expect(new Set(columns.map((col) => col.name))).toEqual(names);
    expect(columns[0]!.name.includes('.')).toBe(false);

    // Every cell of the with run, and of the without run, is the CSV's cell ('' there is '–').
    for (const [r, choice] of [
      [0, 'with'],
      [1, 'without'],
    ] as const) {
      const points = runs[r]!.series.points;
      columns.forEach((col, j) => {
        const values = columnValues(runs, choice, col.name);
        for (let k = 0; k < points; k++) {
          const expected = rows[1 + r * points + k]![2 + j]!;
          expect(cellText(values?.[k], col.unit, false), `${choice} ${col.name} ${k}`).toBe(
            expected === '' ? '–' : expected,
          );
        }
      });
    }
  });

  it('shows the difference as with minus without, signed, and nothing where a run lacks the metric', () => {
    const users = columnValues(runs, 'difference', 'activeUsers')!;
    const a = metricSeries(runs[0]!, 'activeUsers');
    const b = metricSeries(runs[1]!, 'activeUsers');
    users.forEach((v, k) => expect(v).toBe(a[k]! - b[k]!));
    expect(cellText(1234.4, 'people', true)).toBe('+1234');
    expect(cellText(-0.01234, 'fraction', true)).toBe('-1.23');
    expect(cellText(0, 'people', true)).toBe('0');
    expect(cellText(1, 'flag', true)).toBe('with only');
    const productOnly = tableColumns(runs).find((col) => col.name.startsWith('dataProduct.'))!;
    expect(columnValues(runs, 'without', productOnly.name)).toBeNull();
    expect(columnValues(runs, 'difference', productOnly.name)).toBeNull();
    expect(cellText(undefined, 'people', false)).toBe('–');
  });

  it('filters columns by every word given, in header or name, in any case', () => {
    const columns = tableColumns(runs);
    expect(filterColumns(columns, '')).toHaveLength(columns.length);
    const users = filterColumns(columns, 'ACTIVE users');
    expect(users.map((col) => col.name)).toContain('activeUsers');
    expect(users.every((col) => /active/i.test(col.header + col.name))).toBe(true);
    const c360 = filterColumns(columns, 'customer-360 quality');
    expect(c360.length).toBeGreaterThan(0);
    expect(c360.every((col) => col.name.includes('customer-360'))).toBe(true);
    expect(filterColumns(columns, 'no such column at all')).toEqual([]);
  });
});
