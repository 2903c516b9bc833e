/**
 * Global sensitivity from Monte Carlo draws: on a toy KPI of the drawn values the ranking and
 * signs are the known ones, an interaction shows as R² and first-order shares below 1; on the
 * model, draws split over runners give the same KPI tables and the same ranking.
 */
import { describe, expect, it } from 'vitest';
import {
  drawKpis,
  drawnParameterTable,
  DrawRunner,
  globalSensitivity,
  KPI_KEYS,
  mergeKpiTables,
  newKpiTables,
  ranks,
  uncertainParameters,
  withPreset,
  type KpiSelector,
} from '../../simulation';

const scenario = withPreset();
const settings = { ...scenario.simulation, seed: 11 };
const kpi: KpiSelector = { kpi: 'cumulativeNetValueUsd', of: 'scenario' };
const uncertain = uncertainParameters(scenario);

function toyTables(n: number, f: (z: (name: string) => number) => number) {
  const { names, values } = drawnParameterTable(scenario, settings.seed, 0, n);
  const tables = newKpiTables(2, 0, n);
  const col = KPI_KEYS.indexOf('cumulativeNetValueUsd');
  for (let i = 0; i < n; i++) {
    const z = (name: string): number => {
      const j = names.indexOf(name);
      const u = uncertain[j]!;
      return (values[i * names.length + j]! - u.lo) / (u.hi - u.lo);
    };
    tables.runs[0]![i * KPI_KEYS.length + col] = f(z);
  }
  return tables;
}

describe('global sensitivity', () => {
  it('ranks an additive toy by its coefficients, with signs', () => {
    const r = globalSensitivity(
      scenario,
      settings,
      toyTables(
        2000,
        (z) => 3 * z('baseChurnPerWeek') - 1.5 * z('grossMargin') + 0.3 * z('baseConversion'),
      ),
      kpi,
    );
    expect(r.factors.slice(0, 3).map((f) => f.name)).toEqual([
      'baseChurnPerWeek',
      'grossMargin',
      'baseConversion',
    ]);
    expect(r.factors[0]!.srrc!).toBeGreaterThan(0.7);
    expect(r.factors[1]!.srrc!).toBeLessThan(-0.3);
    expect(r.factors[2]!.srrc!).toBeGreaterThan(0);
    expect(Math.abs(r.factors[3]!.srrc!)).toBeLessThan(0.05);
    expect(r.rSquared!).toBeGreaterThan(0.95);
    expect(r.factors[0]!.firstOrder!).toBeGreaterThan(r.factors[1]!.firstOrder!);
    expect(r.firstOrderSum).toBeGreaterThan(0.85);
    expect(r.factors.map((f) => f.rank)).toEqual(r.factors.map((_, i) => i + 1));
  });

  it('shows an interaction as explained shares well below 1', () => {
    const r = globalSensitivity(
      scenario,
      settings,
      // Enough draws that the first-order estimates of the ~130 drawn assumptions, each a little
      // noise, do not add up to a share of their own.
      toyTables(6000, (z) => (z('baseChurnPerWeek') - 0.5) * (z('grossMargin') - 0.5)),
      kpi,
    );
    expect(r.rSquared!).toBeLessThan(0.3);
    expect(r.firstOrderSum).toBeLessThan(0.3);
  });

  it('needs more draws than factors', () => {
    expect(() =>
      globalSensitivity(
        scenario,
        settings,
        toyTables(10, () => 1),
        kpi,
      ),
    ).toThrow(new RegExp(`needs at least ${uncertain.length + 3} draws`));
  });

  it('ranks ties by their average rank', () => {
    expect([...ranks([3, 1, 3, 2])]).toEqual([3.5, 1, 3.5, 2]);
  });

  it('on the model: any split of the draws gives the same tables and ranking', () => {
    const s = { ...scenario, simulation: { ...settings, weeks: 26 } };
    const runner = new DrawRunner(s, s.simulation, 'interpreter');
    runner.keepOnly([]);
    const n = uncertain.length + 10; // a ranking needs more draws than drawn assumptions
    const whole = drawKpis(runner, 0, n);
    const parts = newKpiTables(runner.runCount, 0, n);
    const other = new DrawRunner(s, s.simulation, 'codegen');
    other.keepOnly([]);
    for (const [a, b, r] of [
      [40, n, other],
      [0, 17, runner],
      [17, 40, other],
    ] as const)
      mergeKpiTables(parts, drawKpis(r, a, b));
    expect(parts).toEqual(whole);
    const sel: KpiSelector = { kpi: 'cumulativeNetValueUsd', of: 'difference' };
    expect(globalSensitivity(s, s.simulation, parts, sel)).toEqual(
      globalSensitivity(s, s.simulation, whole, sel),
    );
  });
});
