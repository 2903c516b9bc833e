/**
 * Surprise-behaviour flags (Sterman ch. 21, test 10; simulation/analysis/surprises.ts): no preset
 * raises one, in either mode, and each flag fires on a run that shows it (a real scenario where
 * the model can produce it, a run with one value altered where the model cannot).
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  PRESETS,
  surprisesOf,
  withPreset,
  zeroImpact,
  type Comparison,
  type PresetName,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';

const expected = (s: Scenario): Scenario => ({
  ...s,
  simulation: { ...s.simulation, mode: 'expected' },
});

/** Sets variable `name` of a run to `value` at point `k` (the run's own buffer). */
function alter(run: ScenarioRun, name: string, k: number, value: number): void {
  const slot = run.series.model.slotOf.get(name)!;
  run.series.values[k * run.series.model.variables.length + slot] = value;
}

const ids = (c: Comparison): string[] => surprisesOf(c).map((s) => s.id);

describe('no preset surprises', () => {
  for (const name of Object.keys(PRESETS) as PresetName[])
    for (const mode of ['expected', 'stochastic'] as const)
      it(`${name}, ${mode}`, () => {
        const s = PRESETS[name]();
        const c = compareWithWithout({ ...s, simulation: { ...s.simulation, mode } });
        expect(surprisesOf(c)).toEqual([]);
      });
});

describe('each flag fires where its behaviour shows', () => {
  it('status-quo-drifts: churn above what the stated acquisition replaces', () => {
    const s = expected(withPreset());
    s.parameters = { ...s.parameters, baseChurnPerWeek: 0.02 };
    const found = surprisesOf(compareWithWithout(s));
    expect(found.map((f) => f.id)).toEqual(['status-quo-drifts']);
    expect(found[0]!.run).toBe('status quo');
    expect(found[0]!.text).toMatch(/active users move -\d+\.\d%/);
  });

  it('with-wins-on-nothing: a net value gap beyond spending when no AI has any effect', () => {
    const s = expected(withPreset());
    s.aiConsumers = s.aiConsumers.map((a) => ({ ...a, impact: zeroImpact() }));
    const c = compareWithWithout(s);
    expect(ids(c)).toEqual([]);
    const d = {
      ...c.differences!,
      cumulativeNetValueUsd: c.differences!.cumulativeNetValueUsd! + 1e5,
    };
    expect(ids({ ...c, differences: d })).toEqual(['with-wins-on-nothing']);
  });

  const cases: readonly [string, (c: Comparison) => void][] = [
    ['users-beyond-market', (c) => alter(c.runs[0]!, 'activeUsers', 50, 2e7)],
    [
      'quality-without-data',
      (c) => {
        alter(c.runs[0]!, 'freshEvents', 60, 0);
        alter(c.runs[0]!, 'meanAiPerformance', 60, 0);
      },
    ],
    [
      'ai-without-data',
      (c) => {
        alter(c.runs[0]!, 'freshEvents', 60, 0);
        alter(c.runs[0]!, 'meanSourceQuality', 60, 0);
      },
    ],
    ['lift-beyond-ceiling', (c) => alter(c.runs[0]!, 'lever.conversion', 80, 0.9)],
    ['negative-spending', (c) => alter(c.runs[1]!, 'spending', 10, -1)],
  ];
  for (const [id, change] of cases)
    it(`${id}: a run with one value altered`, () => {
      const c = compareWithWithout(expected(withPreset()));
      change(c);
      expect(ids(c)).toEqual([id]);
    });

  it('pays-back-before-any-ai: payback before the first deployment', () => {
    const c = compareWithWithout(expected(withPreset()));
    const first = c.runs[0]!;
    const early = { ...first, kpis: { ...first.kpis, paybackWeek: 10 } };
    expect(ids({ ...c, runs: [early, c.runs[1]!] })).toEqual(['pays-back-before-any-ai']);
  });
});
