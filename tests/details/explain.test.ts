/** What the details panel says about a result: read off the model's declarations and the catalogue. */
import { describe, expect, it } from 'vitest';
import {
  assumptionsOf,
  compareWithWithout,
  meshPreset,
  withPreset,
  type ScenarioRun,
} from '../../simulation';
import { explainVariable, wordsOfName } from '../../renderer/details/explain';
import { STEP_METRICS } from '../../renderer/details/store';

const comparison = compareWithWithout(withPreset(), {
  backend: 'interpreter',
  settings: { weeks: 8 },
});
const run = comparison.runs[0]!;
const metricsOf = (r: ScenarioRun) => new Set(r.metrics.map((m) => m.name));
const isMetric = (names: Set<string>) => (n: string) => names.has(n);

describe('explainVariable', () => {
  it('explains active users as a running total of adoption and churn, from the market assumptions', () => {
    const e = explainVariable(run.scenario, 'activeUsers', isMetric(metricsOf(run)))!;
    expect(e.kind).toBe('stock');
    expect(e.label).toBe('Active users');
    expect(e.meaning).toBe(run.metrics.find((m) => m.name === 'activeUsers')!.description);
    expect(e.computed).toMatch(/^A running total\./);
    expect(e.computed).toContain('each week adds Adoption');
    expect(e.computed).toContain('takes away Churn');
    expect(e.reads.map((r) => r.name)).toEqual(['adoption', 'churn']);
    expect(e.reads.every((r) => r.metric)).toBe(true);
    const catalogue = new Map(assumptionsOf(run.scenario).map((a) => [a.name, a]));
    expect(e.sources.map((s) => s.name).sort()).toEqual(['initialActiveUsers', 'marketSize']);
    for (const s of e.sources) {
      expect(s.source).toBe(catalogue.get(s.name)!.source);
      expect(s.value).toBe(catalogue.get(s.name)!.value);
    }
  });

  it('finds the assumptions behind a flow through the steps between (churn: the base churn rate)', () => {
    const e = explainVariable(run.scenario, 'churn', isMetric(metricsOf(run)))!;
    expect(e.kind).toBe('flow');
    expect(e.computed).toContain('It is a flow');
    const all = [...e.sources.map((s) => s.name), ...e.reads.map((r) => r.name)];
    // Churn reads the churn rate (a result of its own) and active users (a stock).
    expect(all).toContain('activeUsers');
    const rate = explainVariable(run.scenario, 'churnRate', isMetric(metricsOf(run)))!;
    expect(rate.sources.map((s) => s.name)).toContain('baseChurnPerWeek');
    // A value the user sets appears with its own value: the scenario's, not the default's.
    const higher = withPreset();
    higher.parameters.baseChurnPerWeek = 0.02;
    const moved = explainVariable(higher, 'churnRate', () => false)!;
    expect(moved.sources.find((s) => s.name === 'baseChurnPerWeek')!.value).toBe(0.02);
  });

  it('explains every result of a run, with sources only from the catalogue, for any built-in scenario', () => {
    for (const scenario of [withPreset(), meshPreset()]) {
      const c = compareWithWithout(scenario, { backend: 'interpreter', settings: { weeks: 4 } });
      for (const r of c.runs) {
        const names = metricsOf(r);
        const catalogue = new Set(assumptionsOf(r.scenario).map((a) => a.name));
        for (const m of r.metrics) {
          const e = explainVariable(r.scenario, m.name, isMetric(names));
          expect(e, m.name).not.toBeNull();
          expect(e!.meaning).toBe(m.description);
          expect(e!.computed.length).toBeGreaterThan(10);
          for (const s of e!.sources) expect(catalogue.has(s.name), s.name).toBe(true);
          for (const read of e!.reads) expect(read.name).not.toBe(m.name);
          expect(new Set(e!.reads.map((x) => x.name)).size).toBe(e!.reads.length);
        }
      }
    }
  });

  it('explains an assumption itself as one, and knows nothing of a name the model lacks', () => {
    const e = explainVariable(run.scenario, 'baseChurnPerWeek', () => false)!;
    expect(e.kind).toBe('parameter');
    expect(e.computed).toMatch(/assumption of the scenario/);
    expect(e.sources.map((s) => s.name)).toEqual(['baseChurnPerWeek']);
    expect(explainVariable(run.scenario, 'noSuchThing', () => false)).toBeNull();
  });

  it('the loop steps stand for results every run has', () => {
    for (const r of comparison.runs)
      for (const metric of Object.values(STEP_METRICS)) expect(metricsOf(r).has(metric)).toBe(true);
  });

  it('writes names without a label in words', () => {
    expect(wordsOfName('weeklyInnovation')).toBe('weekly innovation');
    expect(wordsOfName('dataProduct.customer-360.effectiveMaturity.quality')).toBe('quality');
  });
});
