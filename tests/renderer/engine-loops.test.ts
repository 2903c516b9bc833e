/**
 * The engine client's loop-dominance lane: results equal the analysis run directly, a loops
 * request waits while comparisons are in flight (off the chart path), and a newer loops request
 * replaces a waiting one.
 */
import { describe, expect, it } from 'vitest';
import { withPreset } from '../../simulation';
import { loopDominance } from '../../simulation/analysis/loop-dominance';
import {
  createDirectEngineClient,
  createWorkerEngineClient,
  type EnginePort,
} from '../../renderer/engine/client';
import { handleRequest } from '../../renderer/engine/compute';
import type { EngineRequest } from '../../renderer/engine/protocol';

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

describe('loop dominance through the engine client', () => {
  const direct = loopDominance(withPreset(), { settings: { mode: 'expected' } });

  it('gives the analysis of the expected-value run, leaders and scores alike', async () => {
    for (const client of [createWorkerEngineClient(fakeWorker()), createDirectEngineClient()]) {
      const outcome = await client.loops(withPreset());
      expect(outcome.kind).toBe('result');
      if (outcome.kind !== 'result') return;
      expect(outcome.dominance.runs.map((r) => r.loops.leader)).toEqual(
        direct.runs.map((r) => r.loops.leader),
      );
      expect([...outcome.dominance.runs[0]!.loops.groups[0]!.relativeScore]).toEqual([
        ...direct.runs[0]!.loops.groups[0]!.relativeScore,
      ]);
      client.dispose();
    }
  });

  it('waits for the comparisons, and a newer loops request replaces a waiting one', async () => {
    const port = fakeWorker();
    const client = createWorkerEngineClient(port);
    const compared = client.compare(withPreset());
    const first = client.loops(withPreset());
    const second = client.loops(withPreset());
    expect(port.order).toEqual(['compare']);
    expect((await first).kind).toBe('superseded');
    expect((await compared).kind).toBe('result');
    expect((await second).kind).toBe('result');
    expect(port.order).toEqual(['compare', 'loops']);
    client.dispose();
  });
});
