/**
 * The report's sentences (summary) and its tables (KPI rows) come from one formatter, so they
 * write the same number the same way: a week reached between whole weeks (half-week steps) reads
 * "week 37.5" in both, never "week 38" in one and "week 37.5" in the other.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  formatDisplayDelta,
  formatDisplayValue,
  formatValue,
  MINUS,
  withPreset,
  type Comparison,
} from '../../simulation';
import { kpiRows } from '../../renderer/report/kpi-rows';
import { summarize } from '../../renderer/report/summary';
import { formatDelta, formatValue as formatCard } from '../../renderer/format/format';

/** The with-preset on half-week steps, at the first seed whose overtake week is not whole. */
function halfWeekComparison(): Comparison {
  const base = withPreset();
  for (let seed = 1; seed <= 40; seed++) {
    const c = compareWithWithout(
      { ...base, simulation: { ...base.simulation, stepWeeks: 0.5, weeks: 104, seed } },
      { backend: 'codegen' },
    );
    const week = c.differences?.overtakeWeek;
    if (week !== null && week !== undefined && !Number.isInteger(week)) return c;
  }
  throw new Error('no seed from 1 to 40 overtakes between whole weeks');
}

describe('one formatter for sentences and tables', () => {
  it('writes a half week the same way in the summary and in the KPI table', () => {
    const c = halfWeekComparison();
    const week = c.differences!.overtakeWeek!;
    const text = `week ${week.toFixed(1)}`;
    const row = kpiRows(c.runs, c.differences).find((r) => r.key === 'overtakeWeek')!;
    expect(row.withText).toBe(text);
    const overtake = summarize(c).find((s) => s.id === 'overtake')!;
    expect(overtake.text).toContain(`in ${text}`);
  });

  it('the screen formatter is the simulation formatter, with the same minus sign', () => {
    expect(formatCard).toBe(formatDisplayValue);
    expect(formatDelta).toBe(formatDisplayDelta);
    expect(formatValue(-2_500_000, 'usd')).toBe(`${MINUS}$2.5 million`);
    expect(formatDisplayValue(-2_500_000, 'usd')).toBe(`${MINUS}$2.5M`);
    expect(formatValue(75.5, 'week')).toBe(formatDisplayValue(75.5, 'week'));
    expect(formatValue(76, 'week')).toBe('week 76');
  });
});
