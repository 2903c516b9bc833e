import { describe, expect, it } from 'vitest';
import {
  adoptCalibration,
  calibrate,
  CalibrationError,
  fitStatistics,
  parseScenarioText,
  serializeScenario,
  sourceOf,
  assumptionNamed,
  tQuantile975,
  withPreset,
  type KpiHistory,
} from '../../simulation';
import { syntheticHistory } from './synthetic';

const scenario = withPreset();
const truth = { baseChurnPerWeek: 0.016, bassImitationPerYear: 0.5, sessionsPerUserPerWeek: 1.3 };
const history = syntheticHistory(scenario, {
  weeks: 156,
  metrics: ['activeUsers', 'sessions', 'orders'],
  noise: 0.02,
  seed: 7,
  truth,
});

describe('calibration recovers known parameters', () => {
  it('three parameters at once, each true value inside its 95% interval', () => {
    const r = calibrate({ scenario, history, fit: Object.keys(truth), seed: 1 });
    for (const f of r.fitted) {
      const t = truth[f.name as keyof typeof truth];
      expect(f.identified, f.name).toBe(true);
      expect(f.warning, f.name).toBeNull();
      expect(f.low!, f.name).toBeLessThanOrEqual(t);
      expect(f.high!, f.name).toBeGreaterThanOrEqual(t);
      // and the fit moved from the defaults toward the truth
      expect(Math.abs(f.value - t), f.name).toBeLessThan(Math.abs(f.before - t) / 3);
    }
    expect(r.overall.observations).toBe(468);
    expect(r.overall.residualSd).toBeGreaterThan(0.015);
    expect(r.overall.residualSd).toBeLessThan(0.025); // the 2% noise
    for (const s of r.series) {
      expect(s.statistics.mape!).toBeLessThan(0.03);
      expect(s.statistics.uc!).toBeGreaterThan(0.9); // the error is noise, not bias
      expect(s.statistics.um! + s.statistics.us! + s.statistics.uc!).toBeCloseTo(1, 9);
      expect(s.model).toHaveLength(156);
    }
    expect(r.scenario.parameters.baseChurnPerWeek).toBe(
      r.fitted.find((f) => f.name === 'baseChurnPerWeek')!.value,
    );
  });

  it('from monthly totals and averages too', () => {
    const weekly = syntheticHistory(scenario, {
      weeks: 156,
      metrics: ['orders'],
      noise: 0,
      seed: 1,
      truth,
    });
    // Four-week "months": totals of orders and the average of active users, with 1% noise.
    const months = 39;
    const users = syntheticHistory(scenario, {
      weeks: 156,
      metrics: ['activeUsers'],
      noise: 0,
      seed: 1,
      truth,
    });
    const wobble = (i: number) => 1 + 0.01 * Math.sin(i * 2.1);
    const monthly: KpiHistory = {
      frequency: 'monthly',
      startDate: '2023-01-01',
      periods: Array.from({ length: months }, (_, i) => ({
        label: `m${i}`,
        fromWeek: 4 * i,
        toWeek: 4 * i + 4,
      })),
      series: [
        {
          metric: 'orders',
          aggregate: 'total',
          weight: 1,
          values: Array.from(
            { length: months },
            (_, i) =>
              [0, 1, 2, 3].reduce((a, k) => a + weekly.series[0]!.values[4 * i + k]!, 0) *
              wobble(i),
          ),
        },
        {
          metric: 'activeUsers',
          aggregate: 'average',
          weight: 1,
          values: Array.from(
            { length: months },
            (_, i) =>
              ([0, 1, 2, 3].reduce((a, k) => a + users.series[0]!.values[4 * i + k]!, 0) / 4) *
              wobble(i + 5),
          ),
        },
      ],
    };
    const r = calibrate({
      scenario,
      history: monthly,
      fit: Object.keys(truth),
      seed: 3,
    });
    for (const f of r.fitted) {
      const t = truth[f.name as keyof typeof truth];
      expect(f.low!, f.name).toBeLessThanOrEqual(t);
      expect(f.high!, f.name).toBeGreaterThanOrEqual(t);
    }
  });

  it('is deterministic for a seed, and the same on both backends', () => {
    const a = calibrate({
      scenario,
      history,
      fit: ['baseChurnPerWeek', 'sessionsPerUserPerWeek'],
      seed: 5,
      starts: 3,
    });
    const b = calibrate({
      scenario,
      history,
      fit: ['baseChurnPerWeek', 'sessionsPerUserPerWeek'],
      seed: 5,
      starts: 3,
    });
    const c = calibrate(
      {
        scenario,
        history,
        fit: ['baseChurnPerWeek', 'sessionsPerUserPerWeek'],
        seed: 5,
        starts: 3,
      },
      { backend: 'codegen' },
    );
    expect(b).toEqual(a);
    expect(c.fitted).toEqual(a.fitted);
  });
});

describe('what the data cannot identify is reported', () => {
  it('a parameter the status quo does not read', () => {
    const r = calibrate({
      scenario,
      history,
      fit: ['baseChurnPerWeek', 'dataProduct.customer-360.maturity.quality'],
      seed: 1,
    });
    const q = r.fitted.find((f) => f.name.startsWith('dataProduct'))!;
    expect(q).toMatchObject({ identified: false, low: null, high: null, value: 0.75 });
    expect(q.warning).toMatch(/cannot be identified: the status quo .* does not use it/);
    expect(r.fitted[0]!.identified).toBe(true);
    expect(r.warnings).toHaveLength(1);
  });

  it('two parameters that only act through their product (orders alone)', () => {
    const ordersOnly = { ...history, series: [history.series[2]!] };
    const r = calibrate({
      scenario,
      history: ordersOnly,
      fit: ['sessionsPerUserPerWeek', 'baseConversion'],
      seed: 1,
    });
    for (const f of r.fitted) {
      expect(f.identified, f.name).toBe(false);
      expect(f.warning).toMatch(/cannot tell it apart from/);
    }
    expect(r.overall.conditionNumber).toBeGreaterThan(1e8);
  });

  it('a parameter the fitted series do not depend on (gross margin from users and orders)', () => {
    const r = calibrate({ scenario, history, fit: ['grossMargin', 'baseChurnPerWeek'], seed: 1 });
    expect(r.fitted[0]).toMatchObject({ name: 'baseChurnPerWeek', identified: true });
    expect(r.fitted[1]!.name).toBe('grossMargin');
    expect(r.fitted[1]!.warning).toBe(
      'cannot be identified: the fitted series do not depend on it',
    );
  });

  it('unknown names and metrics are errors that say so', () => {
    expect(() => calibrate({ scenario, history, fit: ['churn'] })).toThrow(
      new CalibrationError("no assumption named 'churn'"),
    );
    expect(() => calibrate({ scenario, history, fit: [] })).toThrow(/at least one/);
    const bad = {
      ...history,
      series: [{ ...history.series[0]!, metric: 'dataProduct.customer-360.quality' }],
    };
    expect(() => calibrate({ scenario, history: bad, fit: ['baseChurnPerWeek'] })).toThrow(
      /not a metric of the status quo/,
    );
  });
});

describe('adopting a fit', () => {
  it('sets the values with "calibrated to FILE on DATE", keeps the record, and survives save and open', () => {
    const r = calibrate({
      scenario,
      history,
      fit: ['baseChurnPerWeek', 'dataProduct.customer-360.maturity.quality'],
      seed: 1,
    });
    const adopted = adoptCalibration(scenario, r, {
      file: '/data/kpis.csv',
      date: '2026-12-01',
      history,
    });
    const back = parseScenarioText(serializeScenario(adopted));
    if (!back.ok) throw new Error(JSON.stringify(back.issues));
    const s = back.scenario;
    expect(s.parameters.baseChurnPerWeek).toBe(r.fitted[0]!.value);
    expect(sourceOf(s, assumptionNamed(s, 'baseChurnPerWeek')!)).toBe(
      'calibrated to kpis.csv on 2026-12-01',
    );
    // not identified: not marked as calibrated
    expect(s.provenance?.['dataProduct.customer-360.maturity.quality']).toBeUndefined();
    expect(s.calibration?.fitted.map((f) => f.name)).toEqual([
      'baseChurnPerWeek',
      'dataProduct.customer-360.maturity.quality',
    ]);
    expect(s.calibration?.history.series[0]!.values).toEqual(history.series[0]!.values);
    expect(s.name).toBe(scenario.name);
  });
});

describe('fit statistics', () => {
  it("Theil's split of the error: bias, variance and covariance", () => {
    const data = [10, 12, 14, 16, 18];
    const bias = fitStatistics(
      data,
      data.map((x) => x + 2),
    );
    expect(bias.um).toBeCloseTo(1, 12);
    expect(bias.us).toBeCloseTo(0, 12);
    expect(bias.uc).toBeCloseTo(0, 12);
    expect(bias.r2).toBeCloseTo(1, 12);
    expect(bias.rmse).toBeCloseTo(2, 12);
    const spread = fitStatistics(
      data,
      data.map((x) => 14 + 2 * (x - 14)),
    );
    expect(spread.um).toBeCloseTo(0, 12);
    expect(spread.us).toBeCloseTo(1, 12);
    const s = fitStatistics([1, 2, 3, 4], [2, 1, 4, 3]);
    expect(s.uc).toBeCloseTo(1, 12);
    expect(s.mape).toBeCloseTo((1 + 0.5 + 1 / 3 + 0.25) / 4, 12);
  });

  it('t quantiles for 95% intervals', () => {
    expect(tQuantile975(3)).toBeCloseTo(3.182, 2);
    expect(tQuantile975(10)).toBeCloseTo(2.228, 3);
    expect(tQuantile975(100)).toBeCloseTo(1.984, 3);
    expect(tQuantile975(1e6)).toBeCloseTo(1.96, 3);
  });
});
