/**
 * Sensitivity, sweeps and goal seek on the app's analysis workers (in-page stand-ins running the
 * worker's own handler) give exactly what the same analysis gives on one thread (as the CLI runs
 * it): the batches are split in chunks over the workers and put back in order. A cancel rejects
 * at once; a worker's failure is the run's failure.
 */
import { describe, expect, it } from 'vitest';
import {
  cheapestSteps,
  gridSteps,
  runSteps,
  ScenarioEvaluator,
  seekSteps,
  sweepSteps,
  tornadoSteps,
  withPreset,
  type AnalysisSteps,
  type Scenario,
} from '../../simulation';
import { CancelledError } from '../../renderer/analysis/mc-session';
import { AnalysisPool, inPagePort } from '../../renderer/analysis/pool';
import { chunkSize, runStepsOnPool } from '../../renderer/analysis/steps';

const base = withPreset();
const scenario: Scenario = {
  ...base,
  simulation: { ...base.simulation, weeks: 26, mode: 'expected' },
};
const settings = scenario.simulation;
const gap = { kpi: 'cumulativeNetValueUsd', of: 'difference' } as const;

async function both<R>(make: () => AnalysisSteps<R>, workers = 3): Promise<[R, R]> {
  const here = runSteps(make(), new ScenarioEvaluator(scenario, settings));
  const pool = new AnalysisPool(() => inPagePort(), workers);
  const progress: number[] = [];
  const there = await runStepsOnPool(
    pool,
    scenario,
    settings,
    make(),
    new AbortController().signal,
    (p) => progress.push(p.evaluated),
  );
  pool.dispose();
  expect(progress).toEqual([...progress].sort((a, b) => a - b));
  return [here, there];
}

describe('analyses on the workers', () => {
  it('tornado: the same bars, ranks and numbers', async () => {
    const [a, b] = await both(() =>
      tornadoSteps(scenario, {
        kpi: gap,
        parameters: ['dataProduct.*.maturity.quality', 'baseChurnPerWeek'],
      }),
    );
    expect(b).toEqual(a);
    expect(b.bars.length).toBe(5);
  });

  it('one- and two-parameter sweeps, crossings and contours included', async () => {
    const [s1, s2] = await both(() =>
      sweepSteps(scenario, { parameter: 'ownPipelineTemplate.maturity.*', kpi: gap, steps: 8 }),
    );
    expect(s2).toEqual(s1);
    const [g1, g2] = await both(
      () =>
        gridSteps(scenario, {
          kpi: gap,
          x: { parameter: 'dataProduct.*.maturity.*', from: 0, to: 1 },
          y: { parameter: 'ownPipelineTemplate.maturity.*', from: 0, to: 1 },
          steps: 5,
        }),
      2,
    );
    expect(g2).toEqual(g1);
  });

  it('goal seek and the cheapest combination (several batches)', async () => {
    const [a, b] = await both(() =>
      seekSteps(scenario, {
        parameter: 'dataProduct.*.maturity.quality',
        kpi: { kpi: 'cumulativeNetValueUsd', of: 'scenario' },
        target: 0,
        scanSteps: 6,
      }),
    );
    expect(b).toEqual(a);
    const [c, d] = await both(() =>
      cheapestSteps(scenario, {
        kpi: gap,
        target: 0,
        parameters: [
          { parameter: 'dataProduct.*.maturity.quality' },
          { parameter: 'baseChurnPerWeek' },
        ],
        iterations: 3,
        maxEvaluations: 40,
      }),
    );
    expect(d).toEqual(c);
  });

  it('a cancel rejects at once with CancelledError; a bad point fails the run', async () => {
    const pool = new AnalysisPool(() => inPagePort(), 2);
    const controller = new AbortController();
    const run = runStepsOnPool(
      pool,
      scenario,
      settings,
      tornadoSteps(scenario, { kpi: gap }),
      controller.signal,
      (p) => {
        if (p.evaluated >= 4) controller.abort();
      },
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    const bad = runStepsOnPool(
      pool,
      scenario,
      settings,
      (function* () {
        yield [{ changes: [['noSuchParameter', 1]] }];
        return 0;
      })(),
      new AbortController().signal,
    );
    await expect(bad).rejects.toThrow(/no parameter 'noSuchParameter'/);
    pool.dispose();
  });

  it('chunks a batch so every worker gets several', () => {
    expect(chunkSize(1, 2)).toBe(1);
    expect(chunkSize(263, 2)).toBe(16);
    expect(chunkSize(24, 2)).toBe(2);
  });
});
