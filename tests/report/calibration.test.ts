/**
 * The report's calibration section: absent without a calibration record; with one, the data
 * source, every series against the status quo (a dot per figure), the fit statistics equal to the
 * fit's own, the fitted values with intervals, and warnings that follow the numbers (parameters
 * that trade off, a value not identified, a fitted value changed since, a series the model misses).
 */
import { describe, expect, it } from 'vitest';
import {
  adoptCalibration,
  calibrate,
  reviewCalibration,
  withAssumptions,
  withPreset,
  type CalibrationResult,
  type KpiHistory,
  type Scenario,
} from '../../simulation';
import { fitChartGeometry, spreadIndexes } from '../../renderer/calibration/fit-chart';
import { reportHtml } from '../../renderer/report/html';
import { appStyles, reportProps } from './fixture';
import { syntheticHistory } from '../calibration/synthetic';

const base = withPreset();
const truth = { baseChurnPerWeek: 0.016, bassImitationPerYear: 0.5 };
const history: KpiHistory = (() => {
  const h = syntheticHistory(base, {
    weeks: 104,
    metrics: ['activeUsers', 'orders'],
    noise: 0.02,
    seed: 11,
    truth,
  });
  // Two gaps in orders, and dates as labels (as a dated history has).
  const start = Date.UTC(2024, 0, 1);
  return {
    ...h,
    startDate: '2024-01-01',
    periods: h.periods.map((p, i) => ({
      ...p,
      label: new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
    })),
    series: h.series.map((s) =>
      s.metric === 'orders'
        ? { ...s, values: s.values.map((v, i) => (i === 5 || i === 6 ? null : v)) }
        : s,
    ),
  };
})();

const fit = [...Object.keys(truth), 'dataProduct.customer-360.maturity.quality'];
const result: CalibrationResult = calibrate({ scenario: base, history, fit, seed: 2, starts: 2 });
const FILE = 'kpis <2024>.csv';
const adopted = adoptCalibration(base, result, {
  file: `/home/me/${FILE}`,
  date: '2026-12-01',
  history,
});

function html(s: Scenario): string {
  return reportHtml(reportProps(s), appStyles());
}
/** The markup of the calibration section. */
function section(markup: string): string {
  const m = /<section[^>]*data-testid="report-calibration"[\s\S]*?<\/section>/.exec(markup);
  return m ? m[0] : '';
}

describe('calibration review', () => {
  it('reproduces the fit: the same model and statistics for every series when nothing changed', () => {
    const r = reviewCalibration(adopted)!;
    expect(r.file).toBe(FILE);
    expect(r.date).toBe('2026-12-01');
    expect(r.periods).toBe(104);
    expect(r.firstPeriod).toBe('2024-01-01');
    expect(r.figures).toBe(104 + 102);
    expect(r.series.map((s) => s.metric)).toEqual(['activeUsers', 'orders']);
    r.series.forEach((s, j) => {
      const f = result.series[j]!;
      expect(s.model).toHaveLength(104);
      s.model.forEach((v, i) => expect(v).toBeCloseTo(f.model[i]!, 6));
      expect(s.statistics.n).toBe(f.statistics.n);
      expect(s.statistics.r2!).toBeCloseTo(f.statistics.r2!, 9);
      expect(s.statistics.mape!).toBeCloseTo(f.statistics.mape!, 9);
      expect(s.statistics.uc!).toBeCloseTo(f.statistics.uc!, 9);
    });
    expect(r.fitted.map((f) => [f.name, f.identified, f.differs])).toEqual([
      ['bassImitationPerYear', true, false],
      ['baseChurnPerWeek', true, false],
      ['dataProduct.customer-360.maturity.quality', false, false],
    ]);
  });

  it('warns: the trade-off the CLI reports, the value not identified, the gaps', () => {
    const r = reviewCalibration(adopted)!;
    expect(r.correlations).toHaveLength(result.correlations.length);
    expect(r.correlations[0]!.r).toBeCloseTo(result.correlations[0]!.r, 3);
    expect(r.warnings.join('\n')).toMatch(
      /Word of mouth \(Bass q\) and Churn of active users trade off against each other \(r (= 0\.9\d\d|> 0\.999)\)/,
    );
    expect(r.warnings).toContain(
      'Customer 360: Quality maturity could not be identified from the history: it kept its value (0.75)',
    );
    expect(r.warnings).toContain(
      'Orders: 2 of 104 weeks have no figure (gaps or outliers left out of the fit)',
    );
    expect(r.warnings.join('\n')).not.toMatch(/systematic|not the fitted value/);
  });

  it('names a fitted value changed since, and the systematic error it causes', () => {
    const edited = withAssumptions(adopted, [['baseChurnPerWeek', 0.03]]);
    const r = reviewCalibration(edited)!;
    const churn = r.fitted.find((f) => f.name === 'baseChurnPerWeek')!;
    expect(churn.differs).toBe(true);
    expect(churn.current).toBe(0.03);
    expect(r.warnings.join('\n')).toMatch(
      /Churn of active users is not the fitted value in this scenario \(fitted 0\.01\d+, here 0\.03\)/,
    );
    const users = r.series.find((s) => s.metric === 'activeUsers')!;
    expect(users.statistics.um!).toBeGreaterThan(0.5); // the model now runs far below the data
    expect(r.warnings.join('\n')).toMatch(
      /Active users: most of the error is systematic \(UM 0\.\d\d/,
    );
  });

  it('is null without a record, and identical on both backends', () => {
    expect(reviewCalibration(base)).toBeNull();
    const a = reviewCalibration(adopted, 'interpreter')!;
    const b = reviewCalibration(adopted, 'codegen')!;
    expect(b.series.map((s) => s.model)).toEqual(a.series.map((s) => s.model));
    expect(b.warnings).toEqual(a.warnings);
  });
});

describe('the report section', () => {
  it('is absent when the scenario was never calibrated', () => {
    const markup = html(base);
    expect(markup).not.toContain('data-testid="report-calibration"');
    expect(markup).not.toContain('class="fw-fitchart');
  });

  it('shows the source, a dot per figure, the statistics, the estimates and the warnings', () => {
    const markup = html(adopted);
    const s = section(markup);
    expect(s).toContain('Calibration to the KPI history');
    // The file name is user text: escaped, never markup.
    expect(s).toContain('kpis &lt;2024&gt;.csv');
    expect(s).not.toContain('<2024>');
    expect(s).toContain('104 weeks, 2024-01-01 to 2025-12-22 (week 0 = 2024-01-01)');
    const charts = s.match(/<svg[\s\S]*?<\/svg>/g)!;
    expect(charts).toHaveLength(2);
    expect(charts[0]!.match(/<circle/g)).toHaveLength(104);
    expect(charts[1]!.match(/<circle/g)).toHaveLength(102);
    expect(charts[1]).toMatch(/fw-fitchart__model" d="M|d="M[^"]+" class="fw-fitchart__model/);
    const stats = /data-testid="report-calibration-statistics"[\s\S]*?<\/table>/.exec(s)![0];
    const r = result.series[0]!.statistics;
    expect(stats).toContain(`<td>${r.r2!.toFixed(3)}</td><td>${(100 * r.mape!).toFixed(1)}%</td>`);
    const fitted = /data-testid="report-calibration-fitted"[\s\S]*?<\/table>/.exec(s)![0];
    const q = result.fitted.find((f) => f.name === 'bassImitationPerYear')!;
    expect(fitted).toContain(`<td>${Number(q.value.toPrecision(4))}</td>`);
    expect(fitted).toMatch(/data-identified="no"[\s\S]*?not identified/);
    expect(fitted).not.toContain('>This scenario<'); // nothing changed since
    expect(s).toContain('trade off against each other');
    // The styles the fit chart needs travel with the report.
    expect(markup).toMatch(/\.fw-fitchart__model\s*\{[^}]*stroke: var\(--fw-with\)/);
  });

  it('marks a value changed since the fit in the table', () => {
    const s = section(html(withAssumptions(adopted, [['baseChurnPerWeek', 0.03]])));
    const fitted = /data-testid="report-calibration-fitted"[\s\S]*?<\/table>/.exec(s)![0];
    expect(fitted).toContain('>This scenario<');
    expect(fitted).toMatch(/data-parameter="baseChurnPerWeek"[\s\S]*?<strong>0\.03<\/strong>/);
  });

  it('gives the calibrated values their provenance in the assumptions table', () => {
    const markup = html(adopted);
    const row = /<tr data-parameter="baseChurnPerWeek" data-changed[\s\S]*?<\/tr>/.exec(markup)![0];
    expect(row).toContain('calibrated to kpis &lt;2024&gt;.csv on 2026-12-01');
    expect(row).toContain('registry: Gupta, Lehmann');
    const untouched = /<tr data-parameter="baseConversion"[\s\S]*?<\/tr>/.exec(markup)![0];
    expect(untouched).not.toContain('calibrated to');
  });
});

describe('fit chart geometry', () => {
  it('spreads ticks evenly with both ends', () => {
    expect(spreadIndexes(156, 4)).toEqual([0, 52, 103, 155]);
    expect(spreadIndexes(3, 4)).toEqual([0, 1, 2]);
    expect(spreadIndexes(0, 4)).toEqual([]);
  });

  it('draws a dot per figure, breaks the line where the model has no value, and fits the ticks', () => {
    const s = result.series[1]!;
    const g = fitChartGeometry({ ...s, model: s.model.map((v, i) => (i === 50 ? NaN : v)) });
    expect(g.points).toHaveLength(102);
    expect(g.path.match(/M/g)).toHaveLength(2);
    expect(g.xTicks.map((t) => t.label)).toEqual(['2024-01-01', '2024-12-30', '2025-12-22']);
    const ys = g.points.map((p) => p.y);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...ys)).toBeLessThanOrEqual(130);
  });
});
