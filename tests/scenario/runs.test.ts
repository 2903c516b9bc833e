/**
 * Several runs side by side: the same KPIs as `runScenario` and the app's with/without run, to
 * the bit; one engine run per scenario plus one per distinct status quo; and the comparison table
 * (deltas against the baseline, the best marked, weeks never reached ranked last).
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  CompiledModelCache,
  kpiFingerprint,
  KPI_KEYS,
  parseScenarioText,
  pinScenario,
  runInputsOf,
  runScenario,
  runScenarios,
  serializeScenario,
  runTable,
  withAssumption,
  withPreset,
  removeDataProductFrom,
  type Kpis,
} from '../../simulation';

describe('runScenarios', () => {
  it('gives each scenario the KPIs runScenario gives it, to the bit', () => {
    const base = withPreset();
    const better = withAssumption(base, 'dataProduct.customer-360.maturity.quality', 0.95);
    const twoOnly = structuredClone(base);
    removeDataProductFrom(twoOnly, 'inventory-prediction');
    removeDataProductFrom(twoOnly, 'recommendation-feature-store');
    const churn = withAssumption(base, 'baseChurnPerWeek', 0.02);
    const list = [base, better, twoOnly, churn].map((scenario, i) => ({ name: `r${i}`, scenario }));
    const { runs, engineRuns, statusQuoRuns } = runScenarios(list, { backend: 'codegen' });
    // The status quo depends on the parameters only: churn changes it, products do not.
    expect(statusQuoRuns).toBe(2);
    expect(engineRuns).toBe(6);
    runs.forEach((run, i) => {
      expect(run.name).toBe(`r${i}`);
      expect(kpiFingerprint(run.kpis)).toBe(kpiFingerprint(runScenario(list[i]!.scenario).kpis));
    });
    expect(kpiFingerprint(runs[0]!.kpis)).toBe(
      kpiFingerprint(compareWithWithout(base).runs[0]!.kpis),
    );
  });

  it('eight runs of one structure: eight runs and one status quo, one compiled model each', () => {
    const models = new CompiledModelCache('interpreter');
    const list = Array.from({ length: 8 }, (_, i) => ({
      name: `q${i}`,
      scenario: withAssumption(withPreset(), 'dataProduct.*.maturity.quality', 0.5 + i / 20),
    }));
    const { engineRuns } = runScenarios(list, { models });
    expect(engineRuns).toBe(9);
  });

  it('pinned runs saved in a file and recomputed on open give their KPIs to the bit, with either backend', () => {
    const base = withPreset();
    const expected = structuredClone(base);
    expected.simulation.mode = 'expected';
    const fewer = structuredClone(withAssumption(base, 'dataProduct.*.maturity.governance', 0));
    removeDataProductFrom(fewer, 'inventory-prediction');
    const seeded = structuredClone(withAssumption(base, 'baseChurnPerWeek', 0.013));
    seeded.simulation.seed = 987654321;
    seeded.simulation.weeks = 104;
    const pinned = [base, expected, fewer, seeded].map((scenario, i) => ({
      name: `Run ${i + 1}`,
      pinnedAt: '2026-12-06T19:00:00.000Z',
      kpiFingerprint: kpiFingerprint(runScenario(scenario, { backend: 'interpreter' }).kpis),
      inputs: runInputsOf(scenario),
    }));
    const parsed = parseScenarioText(serializeScenario({ ...base, pinnedRuns: pinned }));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const doc = parsed.scenario;
    for (const backend of ['interpreter', 'codegen'] as const) {
      const { runs } = runScenarios(
        doc.pinnedRuns!.map((p) => ({ name: p.name, scenario: pinScenario(doc, p) })),
        { backend },
      );
      expect(runs.map((r) => kpiFingerprint(r.kpis))).toEqual(pinned.map((p) => p.kpiFingerprint));
    }
  });

  it('the fingerprint changes with any KPI bit', () => {
    const k = runScenario(withPreset()).kpis;
    const nudged: Kpis = { ...k, finalTrust: k.finalTrust + Number.EPSILON * k.finalTrust };
    expect(kpiFingerprint(nudged)).not.toBe(kpiFingerprint(k));
    expect(kpiFingerprint({ ...k })).toBe(kpiFingerprint(k));
  });
});

describe('runTable', () => {
  const kpis = (over: Partial<Kpis>): Kpis => ({ ...runScenario(withPreset()).kpis, ...over });

  it('deltas against the baseline, the best marked in the better direction', () => {
    const table = runTable(
      [
        kpis({ paybackWeek: 80, cumulativeNetValueUsd: 10, totalIncidents: 5 }),
        kpis({ paybackWeek: 74, cumulativeNetValueUsd: 12, totalIncidents: 7 }),
        kpis({ paybackWeek: null, cumulativeNetValueUsd: 12, totalIncidents: 5 }),
      ],
      0,
    );
    expect(table.map((r) => r.key)).toEqual(KPI_KEYS);
    const row = (key: keyof Kpis) => table.find((r) => r.key === key)!;
    expect(row('paybackWeek').deltas).toEqual([null, -6, null]);
    expect(row('paybackWeek').best).toEqual([1]); // never paying back ranks last
    expect(row('cumulativeNetValueUsd').best).toEqual([1, 2]); // ties are all best
    expect(row('totalIncidents').best).toEqual([0, 2]); // fewer is better
    expect(row('finalTrust').best).toEqual([]); // all equal: nothing to mark
    expect(() => runTable([kpis({})], 1)).toThrow(RangeError);
  });
});
