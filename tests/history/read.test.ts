import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/universal';
import {
  buildHistory,
  guessMapping,
  MAX_HISTORY_ROWS,
  readTable,
  strictMapping,
  type MetricChoice,
  type RawTable,
} from '../../simulation';

const METRICS: MetricChoice[] = [
  { name: 'activeUsers', label: 'Active users', unit: 'people' },
  { name: 'orders', label: 'Orders', unit: 'orders/week' },
  { name: 'revenue', label: 'Revenue', unit: 'usd/week' },
  { name: 'conversionRate', label: 'Conversion rate', unit: 'fraction' },
  { name: 'churnRate', label: 'Churn rate', unit: 'fraction/week' },
];

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

async function table(text: string | Uint8Array): Promise<RawTable> {
  const r = await readTable(typeof text === 'string' ? bytes(text) : text);
  if (!r.ok) throw new Error(r.message);
  return r.table;
}

async function message(text: string | Uint8Array): Promise<string> {
  const r = await readTable(typeof text === 'string' ? bytes(text) : text);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.message;
}

describe('reading history files', () => {
  it('reads CSV with commas, semicolons or tabs, quoted cells and a byte-order mark', async () => {
    for (const d of [',', ';', '\t']) {
      const t = await table(
        `\ufeffweek${d}activeUsers${d}orders\n0${d}1000${d}"25"\n1${d}1010${d}26\n`,
      );
      expect(t.headers).toEqual(['week', 'activeUsers', 'orders']);
      expect(t.rows).toEqual([
        ['0', '1000', '25'],
        ['1', '1010', '26'],
      ]);
      expect(t.delimiter).toBe(d);
    }
  });

  it('reads an .xlsx workbook (dates as dates, numbers as numbers), whatever the file is called', async () => {
    const sheet = [
      [{ value: 'date' }, { value: 'orders' }],
      ...[0, 1, 2].map((i) => [
        { value: new Date(Date.UTC(2024, i, 1)), type: Date, format: 'yyyy-mm-dd' },
        { value: 40_000 + i },
      ]),
    ];
    const blob = await writeXlsxFile(sheet as never).toBlob();
    const t = await table(new Uint8Array(await blob.arrayBuffer()));
    expect(t.format).toBe('xlsx');
    expect(t.sheets).toEqual(['Sheet1']);
    expect(t.rows[2]).toEqual([new Date(Date.UTC(2024, 2, 1)), 40_002]);
  });

  it('gives a clear message for files that are not a history', async () => {
    expect(await message('')).toMatch(/empty/);
    expect(await message('\n\n  \n')).toMatch(/empty/);
    expect(await message('week:activeUsers\n0:1\n1:2\n')).toMatch(
      /only one column found .*separated by commas, semicolons or tabs/,
    );
    expect(await message('0,1\n1,2\n')).toMatch(/numbers, not column names/);
    expect(await message('week,orders\n')).toMatch(/no data rows/);
    expect(await message('week,orders,orders\n0,1,2\n')).toMatch(/two columns are named/);
    expect(await message('week,orders\n0,1,2,3\n')).toMatch(/row 2 has 4 cells/);
    expect(await message(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]))).toMatch(/PNG/);
    expect(
      await message(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0])),
    ).toMatch(/old Excel \.xls/);
    expect(await message(new Uint8Array([1, 2, 3, 0, 5, 6, 7]))).toMatch(/binary file/);
    expect(await message(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]))).toMatch(
      /not a readable \.xlsx/,
    );
  });

  it('stops at the row limit instead of reading a million rows', async () => {
    const rows = Array.from({ length: 1_000_000 }, (_, i) => `${i},${i}`).join('\n');
    const t0 = performance.now();
    expect(await message(`week,orders\n${rows}\n`)).toMatch(
      new RegExp(`more than ${MAX_HISTORY_ROWS.toLocaleString('en-US')} data rows`),
    );
    expect(performance.now() - t0).toBeLessThan(20_000);
  });

  it('never throws on arbitrary bytes (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), async (b) => {
        const r = await readTable(b);
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) expect(r.message.length).toBeGreaterThan(5);
      }),
      { numRuns: 300 },
    );
  });

  it('any table of numbers written as CSV reads back to the same numbers (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(',', ';', '\t'),
        fc.array(
          fc.tuple(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 1e7 })),
          {
            minLength: 3,
            maxLength: 60,
          },
        ),
        fc.boolean(),
        async (d, rows, quote) => {
          const q = (s: string) => (quote ? `"${s}"` : s);
          const text = [
            ['week', 'revenue', 'orders'].join(d),
            ...rows.map((r, i) => [String(i), q(String(r[0])), q(String(r[1]))].join(d)),
          ].join('\r\n');
          const t = await table(text);
          const m = strictMapping(t, METRICS);
          expect(m.ok).toBe(true);
          if (!m.ok) return;
          const h = buildHistory(t, m.mapping, METRICS);
          expect(h.ok).toBe(true);
          if (!h.ok) return;
          expect(h.history.series[0]!.values).toEqual(rows.map((r) => r[0]));
          expect(h.history.series[1]!.values).toEqual(rows.map((r) => r[1]));
          expect(h.history.periods.map((p) => p.fromWeek)).toEqual(rows.map((_, i) => i));
        },
      ),
      { numRuns: 200 },
    );
  });
});

function mappingOf(t: RawTable) {
  const m = strictMapping(t, METRICS);
  if (!m.ok) throw new Error(m.message);
  return m.mapping;
}

describe('from a table to a history', () => {
  const weekly = (body: string) => table(`week,activeUsers,orders\n${body}`);

  it('flags missing weeks and empty cells, and refuses text in numbers and duplicate weeks', async () => {
    const gap = await weekly('0,100,5\n1,101,\n4,104,6\n');
    const m = strictMapping(gap, METRICS);
    if (!m.ok) throw new Error(m.message);
    const h = buildHistory(gap, m.mapping, METRICS);
    expect(h.ok).toBe(true);
    if (h.ok) {
      expect(h.flags.map((f) => f.kind)).toEqual(['gap', 'missing']);
      expect(h.flags[0]!.message).toBe('no row for weeks 2-3: the fit skips them');
      expect(h.flags[1]!.message).toMatch(/orders: no figure for week 1/);
      expect(h.history.series[1]!.values).toEqual([5, null, 6]);
    }
    const text = await weekly('0,100,5\n1,lots,6\n2,102,7\n');
    const bad = buildHistory(text, mappingOf(text), METRICS);
    expect(bad).toEqual({
      ok: false,
      errors: [`row 3, column 'activeUsers': text where a number belongs ("lots")`],
    });
    const dup = await weekly('0,100,5\n1,101,6\n1,102,7\n');
    const d = buildHistory(dup, mappingOf(dup), METRICS);
    expect(d).toEqual({ ok: false, errors: ['week 1 appears twice (rows 3 and 4)'] });
  });

  it('reads spreadsheet-style numbers: thousands, currency, percent, decimal comma', async () => {
    const t = await table(
      'date;revenue;conversionRate\n2024-01-01;"1.234.567,5";2,5%\n2024-01-08;€ 1.300.000;2,4%\n2024-01-15;1.250.000,25;0,026\n',
    );
    const m = strictMapping(t, METRICS);
    if (!m.ok) throw new Error(m.message);
    const h = buildHistory(t, m.mapping, METRICS);
    if (!h.ok) throw new Error(h.errors.join());
    expect(h.history.series[0]!.values).toEqual([1234567.5, 1300000, 1250000.25]);
    expect(h.history.series[1]!.values.map((v) => Number(v!.toFixed(6)))).toEqual([
      0.025, 0.024, 0.026,
    ]);
    expect(h.history.startDate).toBe('2024-01-01');
    expect(h.history.frequency).toBe('weekly');
  });

  it('monthly figures: periods are calendar months in weeks, flows are totals unless chosen otherwise', async () => {
    const t = await table(
      'date,orders,activeUsers\nJan 2024,400,1000\nFeb 2024,380,1010\nMar 2024,420,1020\n',
    );
    const m = strictMapping(t, METRICS);
    if (!m.ok) throw new Error(m.message);
    expect(m.mapping.series.map((s) => s.aggregate)).toEqual(['total', 'average']);
    const h = buildHistory(t, m.mapping, METRICS);
    if (!h.ok) throw new Error(h.errors.join());
    expect(h.history.frequency).toBe('monthly');
    expect(h.history.periods).toEqual([
      { label: '2024-01', fromWeek: 0, toWeek: 31 / 7 },
      { label: '2024-02', fromWeek: 31 / 7, toWeek: 60 / 7 },
      { label: '2024-03', fromWeek: 60 / 7, toWeek: 91 / 7 },
    ]);
    const averages = strictMapping(t, METRICS, { monthly: 'average' });
    expect(averages.ok && averages.mapping.series[0]!.aggregate).toBe('average');
  });

  it('refuses daily figures and a total of a stock', async () => {
    const daily = await table('date,orders\n2024-01-01,1\n2024-01-02,2\n2024-01-03,3\n');
    const m = strictMapping(daily, METRICS);
    if (!m.ok) throw new Error(m.message);
    const h = buildHistory(daily, m.mapping, METRICS);
    expect(h.ok ? '' : h.errors[0]).toMatch(/1 day apart.*weekly or monthly/);
    const t = await weekly('0,1,2\n1,1,2\n2,1,2\n');
    const wrong = buildHistory(
      t,
      {
        time: { column: 0, kind: 'week' },
        dateOrder: 'auto',
        excludeOutliers: false,
        series: [{ column: 1, metric: 'activeUsers', aggregate: 'total', weight: 1 }],
      },
      METRICS,
    );
    expect(wrong.ok ? '' : wrong.errors[0]).toMatch(/activeUsers \(people\) has no total/);
  });

  it('flags an outlier, and leaves it out of the fit when asked', async () => {
    const values = [100, 101, 99, 102, 100, 180, 101, 100, 99, 101];
    const t = await weekly(values.map((v, i) => `${i},${v},5`).join('\n'));
    const m = strictMapping(t, METRICS);
    if (!m.ok) throw new Error(m.message);
    const h = buildHistory(t, m.mapping, METRICS);
    if (!h.ok) throw new Error('x');
    const flag = h.flags.find((f) => f.kind === 'outlier');
    expect(flag?.periods).toEqual([5]);
    expect(flag?.message).toMatch(/activeUsers: 180 in week 5 \(neighbours about 100/);
    const out = buildHistory(t, { ...m.mapping, excludeOutliers: true }, METRICS);
    expect(out.ok && out.history.series[0]!.values[5]).toBeNull();
  });

  it('the command line insists on week/date and metric names; the app guesses', async () => {
    const t = await table(
      'Month,Active customers,Sales (USD),Notes\n2024-01,1,2,x\n2024-02,1,2,y\n',
    );
    const strict = strictMapping(t, METRICS);
    expect(strict.ok ? '' : strict.message).toMatch(/first column must be 'week'/);
    const g = guessMapping(t, METRICS);
    expect(g.time).toEqual({ column: 0, kind: 'date' });
    expect(g.series.map((s) => [s.column, s.metric, s.aggregate])).toEqual([
      [1, 'activeUsers', 'average'],
      [2, 'revenue', 'total'],
    ]);
    const t2 = await table('week,activeUsers,visitors\n0,1,2\n');
    const s2 = strictMapping(t2, METRICS);
    expect(s2.ok ? '' : s2.message).toMatch(/unknown column "visitors"/);
  });
});
