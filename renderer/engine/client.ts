/**
 * The one interface the page uses to run the engine, with two implementations: a Web Worker
 * client (the app: the page never blocks while the engine computes) and a direct in-thread one
 * (unit tests, and a fallback where workers are unavailable).
 *
 * Stale work is dropped: at most one request is in flight; a request made while another is in
 * flight waits, and a newer request replaces it (the replaced one is answered `superseded` and
 * never computed). Results arrive in request order, so a result is never older than the last one.
 */
import {
  compareWithWithout,
  CompiledModelCache,
  type ComparisonKpis,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';
import {
  isEngineResponse,
  serializeError,
  type EngineRequest,
  type EngineResponse,
  type SerializedError,
} from './protocol';
import { ModelCache, rehydrateRun } from './rehydrate';

export interface ComparisonResult {
  /** The scenario first, then (when it has data products) the same business without them. */
  readonly runs: readonly ScenarioRun[];
  readonly differences: ComparisonKpis | null;
}

export type EngineOutcome =
  | { readonly kind: 'result'; readonly comparison: ComparisonResult; readonly computeMs: number }
  | { readonly kind: 'superseded' }
  | { readonly kind: 'error'; readonly error: SerializedError };

export interface EngineClient {
  compare(scenario: Scenario): Promise<EngineOutcome>;
  dispose(): void;
}

/** The part of a Worker the client uses (a fake in tests). */
export interface EnginePort {
  postMessage(message: EngineRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

interface Waiting {
  readonly id: number;
  readonly scenario: Scenario;
  readonly resolve: (outcome: EngineOutcome) => void;
}

export function createWorkerEngineClient(port: EnginePort): EngineClient {
  const cache = new ModelCache();
  let nextId = 1;
  let inFlight: Waiting | null = null;
  let queued: Waiting | null = null;
  let disposed = false;

  const send = (w: Waiting): void => {
    inFlight = w;
    port.postMessage({ type: 'compare', id: w.id, scenario: w.scenario });
  };

  const settle = (response: EngineResponse): void => {
    const current = inFlight;
    if (current === null || response.id !== current.id) return; // not ours, or already settled
    inFlight = null;
    if (response.type === 'error') {
      current.resolve({ kind: 'error', error: response.error });
    } else {
      try {
        const runs = response.runs.map((r) => rehydrateRun(r, cache));
        current.resolve({
          kind: 'result',
          comparison: { runs, differences: response.differences },
          computeMs: response.computeMs,
        });
      } catch (error) {
        current.resolve({ kind: 'error', error: serializeError(error) });
      }
    }
    if (queued !== null && !disposed) {
      const next = queued;
      queued = null;
      send(next);
    }
  };

  port.addEventListener('message', (event) => {
    if (isEngineResponse(event.data)) settle(event.data);
  });
  port.addEventListener('error', (event) => {
    const current = inFlight;
    if (current === null) return;
    settle({
      type: 'error',
      id: current.id,
      error: { name: 'WorkerError', message: event.message ?? 'the engine worker failed' },
    });
  });

  return {
    compare(scenario) {
      return new Promise<EngineOutcome>((resolve) => {
        if (disposed) {
          resolve({ kind: 'error', error: { name: 'Error', message: 'engine disposed' } });
          return;
        }
        const w: Waiting = { id: nextId++, scenario, resolve };
        if (inFlight === null) {
          send(w);
        } else {
          queued?.resolve({ kind: 'superseded' });
          queued = w;
        }
      });
    },
    dispose() {
      disposed = true;
      queued?.resolve({ kind: 'superseded' });
      queued = null;
      inFlight?.resolve({ kind: 'superseded' });
      inFlight = null;
      port.terminate();
    },
  };
}

/**
 * Runs the engine in this thread, with the same queueing as the worker client (a request made
 * while one is pending replaces any waiting one) and, like the worker, models kept by structure.
 * Used by unit tests and where Worker is missing.
 */
export function createDirectEngineClient(
  backend: 'interpreter' | 'codegen' = 'interpreter',
  now: () => number = () => performance.now(),
): EngineClient {
  let queued: Waiting | null = null;
  let running = false;
  let nextId = 1;
  const models = new CompiledModelCache(backend);

  const drain = async (): Promise<void> => {
    running = true;
    while (queued !== null) {
      // Yield first, so that requests made in the same turn replace each other before computing.
      await Promise.resolve();
      const w = queued;
      if (w === null) break;
      queued = null;
      const started = now();
      try {
        const c = compareWithWithout(w.scenario, { models });
        w.resolve({
          kind: 'result',
          comparison: { runs: c.runs, differences: c.differences },
          computeMs: now() - started,
        });
      } catch (error) {
        w.resolve({ kind: 'error', error: serializeError(error) });
      }
    }
    running = false;
  };

  return {
    compare(scenario) {
      return new Promise<EngineOutcome>((resolve) => {
        queued?.resolve({ kind: 'superseded' });
        queued = { id: nextId++, scenario, resolve };
        if (!running) void drain();
      });
    },
    dispose() {
      queued?.resolve({ kind: 'superseded' });
      queued = null;
    },
  };
}
