/**
 * A thread's cache of compiled models shared by Monte Carlo runners (the app's analysis workers
 * keep one, so a second Uncertainty run compiles nothing): a runner on the cache reuses the
 * compiled models of a structure it has seen, yet runs its own scenario's values, and gives the
 * draws, KPIs and band values of a runner that compiled its own models, to the bit, whatever
 * other runners did with the same models in between.
 */
import { describe, expect, it } from 'vitest';
import { DrawRunner, KPI_KEYS } from '../../simulation/analysis/montecarlo-draws';
import { CompiledModelCache } from '../../simulation/analysis/model-cache';
import { withPreset } from '../../simulation/scenario/presets';
import type { Scenario } from '../../simulation/scenario/types';

const settingsOf = (s: Scenario) => ({ ...s.simulation, weeks: 52 });

/** Every KPI and the band values of both runs for draws 0..n-1. */
function draws(runner: DrawRunner, n: number): number[] {
  const out: number[] = [];
  const kpis = new Float64Array(KPI_KEYS.length);
  for (let d = 0; d < n; d++) {
    runner.run(d);
    for (let r = 0; r < runner.runCount; r++) {
      runner.writeKpis(r, kpis, 0);
      out.push(...kpis, ...runner.values(r));
    }
  }
  return out;
}

const same = (a: number[], b: number[]): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('Monte Carlo runners on a shared model cache', () => {
  it('reuse compiled models across scenarios of one structure and give their own numbers', () => {
    const base = withPreset();
    const market = base.parameters.marketSize!;
    const bigger: Scenario = {
      ...base,
      parameters: { ...base.parameters, marketSize: market * 2 },
      simulation: { ...base.simulation, seed: 11 },
    };
    const cache = new CompiledModelCache('interpreter');
    const first = new DrawRunner(base, settingsOf(base), cache);
    first.keepOnly(['activeUsers', 'revenue']);
    const firstDraws = draws(first, 3);
    const second = new DrawRunner(bigger, settingsOf(bigger), cache);
    second.keepOnly(['activeUsers', 'revenue']);
    // The same compiled models (nothing compiled again) ...
    expect(second.metricNames(0)).toBe(first.metricNames(0));
    // ... running the second scenario's values, as a runner with models of its own does.
    const own = new DrawRunner(bigger, settingsOf(bigger), 'interpreter');
    own.keepOnly(['activeUsers', 'revenue']);
    const expected = draws(own, 3);
    expect(same(draws(second, 3), expected)).toBe(true);
    expect(same(expected, firstDraws)).toBe(false);
    // The first runner again, after the second ran the shared models: its own numbers still.
    expect(same(draws(first, 3), firstDraws)).toBe(true);
    expect(second.parameterValue(0, 'marketSize')).toBe(market * 2);
  });
});
