import { describe, expect, it } from 'vitest';
import { compareWithWithout, metricSeries, withPreset, type Scenario } from '../../simulation';
import {
  createDirectEngineClient,
  createWorkerEngineClient,
  type EngineOutcome,
  type EnginePort,
} from '../../renderer/engine/client';
import { engineBackend, handleRequest, setEngineBackend } from '../../renderer/engine/compute';
import type { EngineRequest } from '../../renderer/engine/protocol';

/** A worker stand-in: structured-clones messages both ways (with transfer), answers asynchronously. */
function fakeWorker(): EnginePort & { received: number[] } {
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const received: number[] = [];
  return {
    received,
    postMessage(message: EngineRequest) {
      const request = structuredClone(message);
      received.push(request.id);
      setTimeout(() => {
        const { response, transfer } = handleRequest(request);
        const data = structuredClone(response, { transfer });
        for (const l of listeners) l({ data });
      }, 1);
    },
    addEventListener(type: 'message' | 'error', listener: (event: never) => void) {
      if (type === 'message') listeners.push(listener as (event: { data: unknown }) => void);
    },
    terminate() {},
  };
}

const withQuality = (q: number): Scenario => {
  const s = withPreset();
  s.dataProducts[0]!.maturity.quality = q;
  return s;
};

describe('worker engine client', () => {
  it('returns the same numbers as compareWithWithout, readable with metricSeries', async () => {
    const client = createWorkerEngineClient(fakeWorker());
    const outcome = await client.compare(withPreset());
    expect(outcome.kind).toBe('result');
    if (outcome.kind !== 'result') return;
    const direct = compareWithWithout(withPreset(), { backend: 'interpreter' });
    expect(outcome.comparison.runs).toHaveLength(2);
    expect(outcome.comparison.runs[0]!.kpis).toEqual(direct.runs[0]!.kpis);
    expect(outcome.comparison.differences).toEqual(direct.differences);
    direct.runs.forEach((run, i) => {
      const received = outcome.comparison.runs[i]!;
      expect(received.metrics.map((m) => m.name)).toEqual(run.metrics.map((m) => m.name));
      for (const m of run.metrics) {
        expect(metricSeries(received, m.name)).toEqual(metricSeries(run, m.name));
      }
    });
  });

  it("on the WebAssembly backend (the worker's where its policy allows) answers the same bits", () => {
    const ask = (id: number, backend: 'wasm' | 'interpreter') => {
      setEngineBackend(backend);
      expect(engineBackend()).toBe(backend);
      const { response } = handleRequest({ type: 'compare', id, scenario: withQuality(0.85) });
      if (response.type !== 'result') throw new Error(`no result: ${response.type}`);
      return response;
    };
    try {
      const wasm = ask(1, 'wasm');
      const interpreted = ask(2, 'interpreter');
      expect(wasm.differences).toEqual(interpreted.differences);
      wasm.runs.forEach((run, i) => {
        const other = interpreted.runs[i]!;
        expect(run.kpis).toEqual(other.kpis);
        expect(run.layout).toBe(other.layout);
        expect(Buffer.from(run.values.buffer).equals(Buffer.from(other.values.buffer))).toBe(true);
      });
    } finally {
      setEngineBackend('interpreter');
    }
  });

  it('supersedes waiting requests: only the newest of a burst is computed', async () => {
    const port = fakeWorker();
    const client = createWorkerEngineClient(port);
    const outcomes: Promise<EngineOutcome>[] = [0.5, 0.6, 0.7, 0.8, 0.9].map((q) =>
      client.compare(withQuality(q)),
    );
    const settled = await Promise.all(outcomes);
    expect(settled.map((o) => o.kind)).toEqual([
      'result',
      'superseded',
      'superseded',
      'superseded',
      'result',
    ]);
    expect(port.received).toEqual([1, 5]);
    const last = settled[4]!;
    if (last.kind !== 'result') throw new Error('expected a result');
    expect(last.comparison.runs[0]!.scenario.dataProducts[0]!.maturity.quality).toBe(0.9);
  });

  it('reports engine failures as serialised errors and keeps working', async () => {
    const client = createWorkerEngineClient(fakeWorker());
    const broken = withPreset();
    broken.simulation.stepWeeks = 100; // outside what the engine accepts
    const failed = await client.compare(broken);
    expect(failed.kind).toBe('error');
    if (failed.kind === 'error') expect(failed.error.message).toMatch(/step length/);
    expect((await client.compare(withPreset())).kind).toBe('result');
  });
});

describe('direct engine client', () => {
  it('computes in this thread and supersedes requests made in the same turn', async () => {
    const client = createDirectEngineClient('codegen');
    const a = client.compare(withQuality(0.5));
    const b = client.compare(withQuality(0.95));
    expect((await a).kind).toBe('superseded');
    const result = await b;
    expect(result.kind).toBe('result');
    if (result.kind === 'result') expect(result.computeMs).toBeGreaterThan(0);
  });
});
