/**
 * The analysis workers' warm-up when the Analyse view opens (renderer/analysis/warm.ts): each
 * worker gets a small Monte Carlo job and runs its draws, once; a pool an analysis already uses is
 * left alone; and an analysis started right after the warm-up gives exactly the numbers it gives
 * without one (the warm-up's draws run on its own job).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runMonteCarlo, withPreset, type MonteCarloSpec } from '../../simulation';
import { runMonteCarloSession } from '../../renderer/analysis/mc-session';
import { snapshotOf } from '../../renderer/analysis/mc-snapshot';
import { AnalysisPool, inPagePort, type AnalysisPort } from '../../renderer/analysis/pool';
import type { AnalysisRequest } from '../../renderer/analysis/protocol';

const scenario = withPreset();
const settings = { ...scenario.simulation, weeks: 20, seed: 5 };
const analysed = { ...scenario, simulation: settings };

/** In-page ports that record the requests they get. */
function recording(): { port: () => AnalysisPort; seen: AnalysisRequest['type'][][] } {
  const seen: AnalysisRequest['type'][][] = [];
  return {
    seen,
    port: () => {
      const mine: AnalysisRequest['type'][] = [];
      seen.push(mine);
      const inner = inPagePort();
      return {
        ...inner,
        addEventListener: inner.addEventListener.bind(inner),
        postMessage(message, transfer) {
          mine.push(message.type);
          inner.postMessage(message, transfer);
        },
      };
    },
  };
}

describe('warming up the analysis workers', () => {
  beforeEach(() => {
    vi.resetModules(); // warm.ts warms once per page: a fresh module per test
    vi.stubGlobal('Worker', function Worker() {});
  });
  afterEach(() => vi.unstubAllGlobals());

  const load = () => import('../../renderer/analysis/warm');

  it('starts every worker with a small job and a few draws, once', async () => {
    const { warmAnalysisWorkers } = await load();
    const r = recording();
    const pool = new AnalysisPool(r.port, 2);
    warmAnalysisWorkers(() => pool, analysed);
    warmAnalysisWorkers(() => pool, analysed);
    expect(r.seen).toEqual([
      ['mc-init', 'mc-pilot'],
      ['mc-init', 'mc-pilot'],
    ]);
    pool.dispose();
  });

  it('leaves alone a pool an analysis already uses, and pages without workers', async () => {
    const { warmAnalysisWorkers } = await load();
    const r = recording();
    const pool = new AnalysisPool(r.port, 2);
    pool.workers(1);
    warmAnalysisWorkers(() => pool, analysed);
    expect(r.seen).toEqual([[]]);
    pool.dispose();

    vi.resetModules();
    vi.unstubAllGlobals();
    const fresh = await load();
    const other = recording();
    fresh.warmAnalysisWorkers(() => new AnalysisPool(other.port, 2), analysed);
    expect(other.seen).toEqual([]);
  });

  it('an analysis started at once after it gives the numbers it gives without', async () => {
    const { warmAnalysisWorkers } = await load();
    const spec: MonteCarloSpec = {
      scenario: analysed,
      settings,
      draws: 120,
      pilotDraws: 40,
      bins: 50,
      bandMetrics: ['activeUsers', 'netValue'],
    };
    const pool = new AnalysisPool(() => inPagePort(), 2);
    warmAnalysisWorkers(() => pool, analysed);
    const out = await runMonteCarloSession(pool, spec, new AbortController().signal);
    pool.dispose();
    const snapshot = await snapshotOf(out.merge!, settings.stepWeeks);
    const reference = runMonteCarlo(spec, { backend: 'interpreter' });
    expect(snapshot.draws).toBe(reference.draws);
    expect(snapshot.bands).toEqual(reference.runs.map((r) => r.bands));
    expect(snapshot.kpiPercentiles).toEqual(reference.runs.map((r) => r.kpiPercentiles));
  });
});
