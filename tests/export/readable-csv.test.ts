/**
 * The readable CSV of the app's Export menu: every metric once, headed by its label and unit in
 * words, the business-wide metrics first, each number rounded for its unit and within that
 * rounding of the engine's value; and the report's loop week resolved from the menu's choice.
 */
import { describe, expect, it } from 'vitest';
import { compareWithWithout, withPreset, type Comparison } from '../../simulation';
import { resolveLoopWeek } from '../../renderer/export/choices';
import { parseCsv } from '../../renderer/export/csv';
import {
  readableHeader,
  readableNumber,
  writeReadableSeriesCsv,
} from '../../renderer/export/readable-csv';
import { collect, metricUnion, RUN_NAMES, type SeriesRun } from '../../renderer/export/series';

const runsOf = (c: Comparison): SeriesRun[] =>
  c.runs.map((run, i) => ({ name: RUN_NAMES[i]!, run, summary: null }));

describe('readable series CSV', () => {
  const base = withPreset();
  const c = compareWithWithout(
    { ...base, simulation: { ...base.simulation, weeks: 40 } },
    { backend: 'codegen' },
  );
  const runs = runsOf(c);
  const [header, ...rows] = parseCsv(collect((w) => writeReadableSeriesCsv(runs, w)));

  it('names columns by label and unit, business-wide metrics first', () => {
    expect(header!.slice(0, 2)).toEqual(['Scenario', 'Week']);
    const metrics = metricUnion(runs);
    expect(header!.length).toBe(2 + metrics.length);
    expect(new Set(header).size).toBe(header!.length);
    expect(header).toContain('Active users (people)');
    expect(header).toContain('AI performance (%)');
    expect(header).toContain('Revenue (USD per week)');
    expect(header).toContain('Customer 360 live (yes/no)');
    const firstEntity = header!.findIndex((h) => h.startsWith('Customer 360'));
    expect(header!.indexOf('Active users (people)')).toBeLessThan(firstEntity);
    // No machine name is left: every header has a space or is one word.
    expect(header!.filter((h) => /^[a-z]+[A-Z]/.test(h))).toEqual([]);
  });

  it('writes each number rounded for its unit, and within that rounding of the engine value', () => {
    expect(rows.length).toBe(runs.reduce((n, r) => n + r.run.series.points, 0));
    const withRows = rows.filter((r) => r[0] === 'With data products');
    expect(rows.filter((r) => r[0] === 'Without data products').length).toBe(withRows.length);
    const users = header!.indexOf('Active users (people)');
    const perf = header!.indexOf('AI performance (%)');
    const last = withRows.at(-1)!;
    const run = c.runs[0]!;
    const k = run.series.points - 1;
    const exactUsers = run.kpis.finalActiveUsers;
    expect(last[users]).toMatch(/^\d+$/);
    expect(Math.abs(Number(last[users]) - exactUsers)).toBeLessThanOrEqual(0.5);
    expect(last[perf]).toMatch(/^\d+(\.\d{1,2})?$/);
    expect(Math.abs(Number(last[perf]) - run.kpis.finalAiPerformance * 100)).toBeLessThanOrEqual(
      0.005,
    );
    expect(Number(last[1])).toBe(run.series.time[k]);
    // Nothing written with more than three decimals or in exponent form.
    for (const r of rows)
      for (const cell of r.slice(1)) expect(cell).toMatch(/^(yes|no|-?\d+(\.\d{1,4})?)?$/);
  });

  it('rounds by unit', () => {
    expect(readableNumber(0.55423, 'fraction')).toBe('55.42');
    expect(readableNumber(1_005_312.7, 'people')).toBe('1005313');
    expect(readableNumber(1, 'flag')).toBe('yes');
    expect(readableNumber(0, 'flag')).toBe('no');
    expect(readableNumber(63.1234, 'usd/order')).toBe('63.12');
    expect(readableNumber(0.5, 'fraction')).toBe('50');
    expect(readableNumber(-0.0000001, 'usd')).toBe('0');
    expect(readableNumber(Number.NaN, 'usd')).toBe('');
    expect(readableNumber(1234.5678, 'furlongs')).toBe('1235');
    expect(readableHeader({ label: 'Churn rate', unit: 'fraction/week' })).toBe(
      'Churn rate (% per week)',
    );
    expect(readableHeader({ label: 'Speed', unit: 'furlongs/fortnight' })).toBe(
      'Speed (furlongs per fortnight)',
    );
  });
});

describe("the report's loop week", () => {
  it('is the horizon by default, or the week chosen, on a reporting point within the run', () => {
    expect(resolveLoopWeek({ kind: 'horizon' }, 156, 1, 0)).toBe(156);
    expect(resolveLoopWeek({ kind: 'screen' }, 156, 1, 40)).toBe(40);
    expect(resolveLoopWeek({ kind: 'week', week: 80 }, 156, 1, 0)).toBe(80);
    expect(resolveLoopWeek({ kind: 'week', week: 900 }, 156, 1, 0)).toBe(156);
    expect(resolveLoopWeek({ kind: 'week', week: 37.3 }, 104, 0.5, 0)).toBe(37.5);
    expect(resolveLoopWeek({ kind: 'week', week: -3 }, 104, 1, 0)).toBe(0);
  });
});
