/**
 * The Uncertainty controller over in-page workers: the store follows a run (progress, snapshots
 * that only grow), ends with the snapshot of every merged draw (also after a cancel racing a
 * snapshot), refuses bad settings and jobs too large for memory with a message and nothing
 * started, and keeps the previous results when a run is cancelled before its first draws.
 */
import { describe, expect, it } from 'vitest';
import { withPreset, type Scenario } from '../../simulation';
import { AnalysisPool, inPagePort } from '../../renderer/analysis/pool';
import { createAnalysisStore, type UncertaintyRun } from '../../renderer/analysis/store';
import { UncertaintyController } from '../../renderer/analysis/uncertainty';

const base = withPreset();
const scenario: Scenario = { ...base, simulation: { ...base.simulation, weeks: 12 } };

function setUp(options: { memory?: number; refreshMs?: number } = {}) {
  const store = createAnalysisStore();
  const pool = new AnalysisPool(() => inPagePort(), 2);
  const controller = new UncertaintyController({
    store,
    pool: () => pool,
    memoryBudget: () => options.memory ?? 1e9,
    refreshMs: options.refreshMs ?? 0,
  });
  return { store, pool, controller };
}

function ended(store: ReturnType<typeof setUp>['store']): Promise<UncertaintyRun> {
  return new Promise((done) => {
    const check = (): boolean => {
      const run = store.getState().uncertainty;
      if (run && run.status !== 'running') {
        done(run);
        return true;
      }
      return false;
    };
    if (check()) return;
    const off = store.subscribe(() => {
      if (check()) off();
    });
  });
}

describe('UncertaintyController', () => {
  it('runs to the end: progress forward, snapshots growing, the last one of every draw', async () => {
    const { store, pool, controller } = setUp();
    store.getState().setUncertaintyForm({ draws: '200', seed: '3' });
    const seen: number[] = [];
    store.subscribe((s) => {
      const d = s.uncertainty?.snapshot?.draws;
      if (d !== undefined && d !== seen[seen.length - 1]) seen.push(d);
    });
    expect(controller.start(scenario, 4, 'a.flywheel.json')).toBeNull();
    expect(store.getState().uncertainty?.status).toBe('running');
    expect(controller.start(scenario, 4, 'a.flywheel.json')).toMatch(/running/);
    const run = await ended(store);
    pool.dispose();
    expect(run.status).toBe('done');
    expect(run.merged).toBe(200);
    expect(run.snapshot?.draws).toBe(200);
    expect(run.scenario.simulation.seed).toBe(3);
    expect(run.revision).toBe(4);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(run.snapshot?.wins?.cumulativeNetValueUsd.draws).toBe(200);
  });

  it('a cancel keeps the snapshot of exactly the draws merged', async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const { store, pool, controller } = setUp();
      store.getState().setUncertaintyForm({ draws: '2000', seed: '' });
      const off = store.subscribe((s) => {
        if ((s.uncertainty?.merged ?? 0) >= 160 + attempt * 32) {
          off();
          controller.cancel();
        }
      });
      controller.start(scenario, 1, 'a.flywheel.json');
      const run = await ended(store);
      pool.dispose();
      expect(run.status).toBe('cancelled');
      expect(run.merged).toBeLessThan(2000);
      expect(run.snapshot?.draws).toBe(run.merged);
    }
  });

  it('refuses bad settings and too many draws for memory, starting nothing', () => {
    const { store, pool, controller } = setUp({ memory: 2e6 });
    store.getState().setUncertaintyForm({ draws: '1.5' });
    expect(controller.start(scenario, 1, 'a.flywheel.json')).toMatch(/not a whole number/);
    store.getState().setUncertaintyForm({ draws: '1', seed: '' });
    expect(controller.start(scenario, 1, 'a.flywheel.json')).toMatch(/outside 2 to 100,000/);
    store.getState().setUncertaintyForm({ draws: '50000' });
    const message = controller.start(scenario, 1, 'a.flywheel.json');
    expect(message).toMatch(/50,000 draws need about .* MB, more than this window may use/);
    expect(message).toMatch(/Run at most [\d,]+ draws here/);
    expect(message).toContain('flywheel run --runs 50000');
    expect(store.getState().uncertainty).toBeNull();
    pool.dispose();
  });

  it('a run cancelled before its first draws gives the previous results back', async () => {
    const { store, pool, controller } = setUp();
    store.getState().setUncertaintyForm({ draws: '130', seed: '' });
    controller.start(scenario, 1, 'a.flywheel.json');
    const first = await ended(store);
    expect(first.status).toBe('done');
    store.getState().setUncertaintyForm({ draws: '5000' });
    controller.start(scenario, 2, 'a.flywheel.json');
    controller.cancel();
    const after = await ended(store);
    pool.dispose();
    expect(after).toBe(first);
  });
});
