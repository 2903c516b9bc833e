/**
 * The headline results in the app: the engine client's headline lane gives exactly
 * computeHeadline's numbers (worker and direct clients, the interpreter the app runs), waits
 * behind comparisons and drops a waiting request for a newer one; the headline store follows the
 * results on screen and keeps only newer answers.
 */
import { describe, expect, it, vi } from 'vitest';
import { compareWithWithout, computeHeadline, withPreset, type Scenario } from '../../simulation';
import {
  createDirectEngineClient,
  createWorkerEngineClient,
  type EngineClient,
  type EnginePort,
} from '../../renderer/engine/client';
import { handleRequest } from '../../renderer/engine/compute';
import type { EngineRequest } from '../../renderer/engine/protocol';
import { connectHeadline, createHeadlineStore } from '../../renderer/state/headline';
import { createResultsStore } from '../../renderer/state/results';

/** A worker stand-in that answers each message on a later macrotask, recording the order. */
function fakeWorker(): EnginePort & { order: string[] } {
  const listeners: ((event: { data: unknown }) => void)[] = [];
  const order: string[] = [];
  return {
    order,
    postMessage(message: EngineRequest) {
      order.push(message.type);
      const request = structuredClone(message);
      setTimeout(() => {
        const { response } = handleRequest(request);
        const data = structuredClone(response);
        for (const l of listeners) l({ data });
      }, 0);
    },
    addEventListener(type: string, listener: (event: { data: unknown }) => void) {
      if (type === 'message') listeners.push(listener);
    },
    terminate() {},
  } as EnginePort & { order: string[] };
}

/** One year: draws of both signs, and quick. */
const year = (seed = 1): Scenario => {
  const s = withPreset();
  return { ...s, simulation: { ...s.simulation, weeks: 52, seed } };
};

describe('the headline through the engine client', () => {
  const direct = computeHeadline(year(), { backend: 'interpreter' });

  it('equals computeHeadline, through a worker and in the page', async () => {
    expect(direct.win!.wins).toBeGreaterThan(0);
    for (const client of [createWorkerEngineClient(fakeWorker()), createDirectEngineClient()]) {
      const outcome = await client.headline(year());
      expect(outcome.kind).toBe('result');
      if (outcome.kind === 'result') expect(outcome.headline).toEqual(direct);
      client.dispose();
    }
  });

  it('waits for the comparison, and a newer request replaces a waiting one', async () => {
    const port = fakeWorker();
    const client = createWorkerEngineClient(port);
    const compared = client.compare(year());
    const first = client.headline(year());
    const second = client.headline(year(2));
    expect(port.order).toEqual(['compare']);
    expect((await first).kind).toBe('superseded');
    expect((await compared).kind).toBe('result');
    const answer = await second;
    expect(port.order).toEqual(['compare', 'headline']);
    if (answer.kind === 'result') expect(answer.headline.win).not.toEqual(direct.win);
    client.dispose();
  });
});

describe('the headline store', () => {
  it('asks for each new result on screen and keeps only newer answers', async () => {
    const results = createResultsStore();
    const store = createHeadlineStore();
    const asked: number[] = [];
    const engine = createDirectEngineClient();
    const counting: EngineClient = {
      ...engine,
      headline: (s) => {
        asked.push(s.simulation.seed);
        return engine.headline(s);
      },
    };
    const stop = connectHeadline(results, store, counting);
    expect(asked).toEqual([]);
    const comparison = compareWithWithout(year(3));
    results.getState().received(1, comparison, 1);
    expect(store.getState().asked).toBe(1);
    expect(store.getState().revision).toBe(-1);
    await vi.waitFor(() => expect(store.getState().revision).toBe(1), { timeout: 60_000 });
    expect(asked).toEqual([3]);
    expect(store.getState().headline).toEqual(computeHeadline(year(3)));
    expect(store.getState().received(1, computeHeadline(year(4)), 1)).toBe(false);
    expect(store.getState().headline).toEqual(computeHeadline(year(3)));
    stop();
    engine.dispose();
  });
});
