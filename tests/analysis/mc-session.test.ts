/**
 * The app's Monte Carlo across workers (in-page stand-ins running the worker's own handler) gives
 * bit for bit what the simulation's single-thread Monte Carlo (and so `flywheel run --runs N`)
 * gives: bands, KPI percentiles and difference percentiles, for 1, 2 and 3 workers and any chunk
 * order. A cancelled job keeps the first k draws, equal to a job of k draws.
 */
import { describe, expect, it } from 'vitest';
import {
  runMonteCarlo,
  withPreset,
  type MonteCarloSpec,
  type MonteCarloSummary,
} from '../../simulation';
import { AnalysisHandler } from '../../renderer/analysis/handler';
import { MonteCarloMerge } from '../../renderer/analysis/mc-merge';
import { runMonteCarloSession } from '../../renderer/analysis/mc-session';
import { snapshotOf, type UncertaintySnapshot } from '../../renderer/analysis/mc-snapshot';
import { AnalysisPool, inPagePort, type AnalysisPort } from '../../renderer/analysis/pool';

const scenario = withPreset();
const settings = { ...scenario.simulation, weeks: 20, seed: 11 };
const BAND_METRICS = ['activeUsers', 'netValue', 'cumulativeNetValue', 'meanAiPerformance'];
const spec: MonteCarloSpec = {
  scenario: { ...scenario, simulation: settings },
  settings,
  draws: 150,
  pilotDraws: 40,
  bins: 50,
  bandMetrics: BAND_METRICS,
};

/** Bytes of every number, for bit-for-bit comparison. */
const hex = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x instanceof Float64Array
      ? Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')
      : typeof x === 'number' && Object.is(x, -0)
        ? '-0'
        : x,
  );

function expectSame(snapshot: UncertaintySnapshot, summary: MonteCarloSummary): void {
  expect(snapshot.draws).toBe(summary.draws);
  expect(hex(snapshot.bands)).toBe(hex(summary.runs.map((r) => r.bands)));
  expect(hex(snapshot.kpiPercentiles)).toBe(hex(summary.runs.map((r) => r.kpiPercentiles)));
  expect(hex(snapshot.differencePercentiles)).toBe(hex(summary.differencePercentiles));
}

async function session(
  workers: number,
  s: MonteCarloSpec = spec,
  port: () => AnalysisPort = () => inPagePort(),
) {
  const pool = new AnalysisPool(port, workers);
  const out = await runMonteCarloSession(pool, s, new AbortController().signal);
  pool.dispose();
  return out;
}

describe('Monte Carlo in the app', () => {
  const reference = runMonteCarlo(spec, { backend: 'interpreter' });

  it.each([1, 2, 3])('with %i worker(s) equals the single-thread summary', async (n) => {
    const out = await session(n);
    expect(out.status).toBe('done');
    expect(out.merge!.merged).toBe(spec.draws);
    expectSame(await snapshotOf(out.merge!, settings.stepWeeks), reference);
  });

  it("on the workers' WebAssembly backend equals the interpreter, bit for bit", async () => {
    const out = await session(2, spec, () => inPagePort(new AnalysisHandler('wasm')));
    expect(out.backends).toEqual(['wasm', 'wasm']);
    expectSame(await snapshotOf(out.merge!, settings.stepWeeks), reference);
    // The draws' KPIs and parameters too (the global ranking and the draws CSV read them).
    const interpreted = await session(2);
    expect(interpreted.backends).toEqual(['interpreter', 'interpreter']);
    expect(hex(out.merge!.kpis)).toBe(hex(interpreted.merge!.kpis));
    expect(hex(out.merge!.parameters)).toBe(hex(interpreted.merge!.parameters));
  });

  it('merges chunks that come back in any order into the same numbers', async () => {
    // Each worker answers after a delay that depends on the draws it ran: chunks overtake.
    const slow = (): AnalysisPort => {
      const handler = new AnalysisHandler();
      const listeners: ((e: { data: unknown }) => void)[] = [];
      return {
        postMessage(message) {
          const wait = message.type === 'mc-draws' ? ((message.start * 7) % 5) * 3 : 0;
          setTimeout(() => {
            const { response } = handler.handle(message);
            for (const l of listeners) l({ data: response });
          }, wait);
        },
        addEventListener(type: string, l: (e: never) => void) {
          if (type === 'message') listeners.push(l as (e: { data: unknown }) => void);
        },
        terminate() {},
      };
    };
    const out = await session(3, spec, slow);
    expectSame(await snapshotOf(out.merge!, settings.stepWeeks), reference);
  });

  it('a cancelled job keeps its first k draws, the same numbers as a job of k draws', async () => {
    const pool = new AnalysisPool(() => inPagePort(), 2);
    const controller = new AbortController();
    const seen: number[] = [];
    const out = await runMonteCarloSession(pool, spec, controller.signal, {
      onProgress: (m, phase) => {
        seen.push(m.merged);
        if (phase === 'draws' && m.merged >= 100) controller.abort();
      },
    });
    pool.dispose();
    expect(out.status).toBe('cancelled');
    const k = out.merge!.merged;
    expect(k).toBeGreaterThanOrEqual(100);
    expect(k).toBeLessThan(spec.draws);
    // Merged draws only move forward while the job runs.
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    const shorter = runMonteCarlo({ ...spec, draws: k }, { backend: 'interpreter' });
    expectSame(await snapshotOf(out.merge!, settings.stepWeeks), shorter);
  });

  it('a failing worker fails the job with its message', async () => {
    const bad = { ...spec, bandMetrics: ['noSuchMetric'] };
    await expect(session(2, bad)).rejects.toThrow(/no variable named 'noSuchMetric'/);
  });
});

describe('MonteCarloMerge', () => {
  const shape = {
    runCount: 1,
    points: 1,
    bandMetrics: ['x'],
    rows: 1,
    bins: 4,
    pilotDraws: 2,
  };
  const chunk = (start: number, count: number, value: number) => ({
    start,
    count,
    runs: [new Float64Array(count * 14).fill(value)],
    differences: null,
    parameters: new Float64Array(count),
    histogram: {
      slots: Uint32Array.of(1),
      counts: Uint32Array.of(count),
      min: Float64Array.of(value),
      max: Float64Array.of(value),
    },
  });

  it('refuses chunks twice, outside the job, or before the pilot is complete', () => {
    const m = new MonteCarloMerge(shape, 6, 1);
    expect(() => m.add(chunk(2, 2, 1))).toThrow(/pilot/);
    m.addPilot(Float64Array.of(0), Float64Array.of(1), { ...chunk(0, 2, 0), histogram: null });
    m.fixLayout();
    m.addPilotCounts(chunk(0, 2, 0).histogram);
    m.completePilot();
    expect(m.merged).toBe(2);
    expect(m.add(chunk(4, 2, 1))).toBe(false); // waits for draws 2..3
    expect(m.merged).toBe(2);
    expect(m.received).toBe(4);
    expect(() => m.add(chunk(4, 2, 1))).toThrow(/already/);
    expect(() => m.add(chunk(6, 1, 1))).toThrow(/outside/);
    expect(m.add(chunk(2, 2, 1))).toBe(true);
    expect(m.merged).toBe(6);
    expect(() => m.add(chunk(0, 2, 1))).toThrow(/already/);
  });
});
