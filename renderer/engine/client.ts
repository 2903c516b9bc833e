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
import { loopDominance, type LoopDominance } from '../../simulation/analysis/loop-dominance';

interface WaitingLoops {
  readonly id: number;
  readonly scenario: Scenario;
  readonly resolve: (outcome: LoopsOutcome) => void;
}

export interface ComparisonResult {
  /** The scenario first, then (when it has data products) the same business without them. */
  readonly runs: readonly ScenarioRun[];
  readonly differences: ComparisonKpis | null;
}

export type EngineOutcome =
  | { readonly kind: 'result'; readonly comparison: ComparisonResult; readonly computeMs: number }
  | { readonly kind: 'superseded' }
  | { readonly kind: 'error'; readonly error: SerializedError };

export type LoopsOutcome =
  | { readonly kind: 'result'; readonly dominance: LoopDominance; readonly computeMs: number }
  | { readonly kind: 'superseded' }
  | { readonly kind: 'error'; readonly error: SerializedError };

export interface EngineClient {
  compare(scenario: Scenario): Promise<EngineOutcome>;
  /**
   * Loop dominance of the scenario (simulation/analysis/loop-dominance.ts). Off the chart path: it
   * is sent only while no comparison is in flight or waiting, and a newer request replaces a
   * waiting one.
   */
  loops(scenario: Scenario): Promise<LoopsOutcome>;
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
  let loopsInFlight: WaitingLoops | null = null;
  let loopsQueued: WaitingLoops | null = null;
  let disposed = false;

  const send = (w: Waiting): void => {
    inFlight = w;
    port.postMessage({ type: 'compare', id: w.id, scenario: w.scenario });
  };

  /** Sends the waiting loops request when the comparisons leave the worker free. */
  const sendLoops = (): void => {
    if (disposed || inFlight !== null || queued !== null || loopsInFlight !== null) return;
    if (loopsQueued === null) return;
    loopsInFlight = loopsQueued;
    loopsQueued = null;
    port.postMessage({ type: 'loops', id: loopsInFlight.id, scenario: loopsInFlight.scenario });
  };

  const settleLoops = (response: EngineResponse): void => {
    const current = loopsInFlight;
    if (current === null || response.id !== current.id) return;
    loopsInFlight = null;
    if (response.type === 'loops-result')
      current.resolve({
        kind: 'result',
        dominance: response.dominance,
        computeMs: response.computeMs,
      });
    else if (response.type === 'error') current.resolve({ kind: 'error', error: response.error });
    if (queued !== null && inFlight === null && !disposed) {
      const next = queued;
      queued = null;
      send(next);
    }
    sendLoops();
  };

  const settle = (response: EngineResponse): void => {
    if (loopsInFlight !== null && response.id === loopsInFlight.id) {
      settleLoops(response);
      return;
    }
    const current = inFlight;
    if (current === null || response.id !== current.id) return; // not ours, or already settled
    inFlight = null;
    if (response.type === 'error') {
      current.resolve({ kind: 'error', error: response.error });
    } else if (response.type === 'result') {
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
    if (queued !== null && !disposed && loopsInFlight === null) {
      const next = queued;
      queued = null;
      send(next);
    }
    sendLoops();
  };

  port.addEventListener('message', (event) => {
    if (isEngineResponse(event.data)) settle(event.data);
  });
  port.addEventListener('error', (event) => {
    const current = inFlight ?? loopsInFlight;
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
        if (inFlight === null && loopsInFlight === null) {
          send(w);
        } else {
          queued?.resolve({ kind: 'superseded' });
          queued = w;
        }
      });
    },
    loops(scenario) {
      return new Promise<LoopsOutcome>((resolve) => {
        if (disposed) {
          resolve({ kind: 'error', error: { name: 'Error', message: 'engine disposed' } });
          return;
        }
        loopsQueued?.resolve({ kind: 'superseded' });
        loopsQueued = { id: nextId++, scenario, resolve };
        sendLoops();
      });
    },
    dispose() {
      disposed = true;
      queued?.resolve({ kind: 'superseded' });
      queued = null;
      inFlight?.resolve({ kind: 'superseded' });
      inFlight = null;
      loopsQueued?.resolve({ kind: 'superseded' });
      loopsQueued = null;
      loopsInFlight?.resolve({ kind: 'superseded' });
      loopsInFlight = null;
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

  let loopsQueued: WaitingLoops | null = null;
  return {
    compare(scenario) {
      return new Promise<EngineOutcome>((resolve) => {
        queued?.resolve({ kind: 'superseded' });
        queued = { id: nextId++, scenario, resolve };
        if (!running) void drain();
      });
    },
    loops(scenario) {
      return new Promise<LoopsOutcome>((resolve) => {
        loopsQueued?.resolve({ kind: 'superseded' });
        const w: WaitingLoops = { id: nextId++, scenario, resolve };
        loopsQueued = w;
        // After the comparisons waiting now (a macrotask later), unless a newer request came.
        setTimeout(() => {
          if (loopsQueued !== w) return;
          loopsQueued = null;
          const started = now();
          try {
            const dominance = loopDominance(scenario, { models, settings: { mode: 'expected' } });
            resolve({ kind: 'result', dominance, computeMs: now() - started });
          } catch (error) {
            resolve({ kind: 'error', error: serializeError(error) });
          }
        }, 0);
      });
    },
    dispose() {
      queued?.resolve({ kind: 'superseded' });
      queued = null;
      loopsQueued?.resolve({ kind: 'superseded' });
      loopsQueued = null;
    },
  };
}
