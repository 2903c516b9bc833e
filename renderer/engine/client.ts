/**
 * The one interface the page uses to run the engine, with two implementations: a Web Worker
 * client (the app: the page never blocks while the engine computes) and a direct in-thread one
 * (unit tests, and a fallback where workers are unavailable).
 *
 * Four kinds of request, in order of priority: the with/without comparison of the scenario on
 * screen (the chart path), runs side by side (pinned runs, variants), loop dominance and the
 * headline results (break-even gap, win probability: the app gives them an engine of their own). One
 * request is in flight at a time; when the engine is free, the waiting request of the highest
 * priority goes next, so the other kinds never hold up a chart. Stale work is dropped per kind: a
 * newer request replaces a waiting one of its kind (answered `superseded`, never computed), so
 * results of a kind arrive in request order and are never older than the last one.
 */
import {
  compareWithWithout,
  CompiledModelCache,
  runScenarios,
  type ComparisonKpis,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';
import { computeHeadline, type Headline } from '../../simulation/analysis/headline';
import { loopDominance, type LoopDominance } from '../../simulation/analysis/loop-dominance';
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

type Failure = { readonly kind: 'error'; readonly error: SerializedError };
type Superseded = { readonly kind: 'superseded' };

export type EngineOutcome =
  | { readonly kind: 'result'; readonly comparison: ComparisonResult; readonly computeMs: number }
  | Superseded
  | Failure;

export type LoopsOutcome =
  | { readonly kind: 'result'; readonly dominance: LoopDominance; readonly computeMs: number }
  | Superseded
  | Failure;

export type HeadlineOutcome =
  | { readonly kind: 'result'; readonly headline: Headline; readonly computeMs: number }
  | Superseded
  | Failure;

/** A scenario to run side by side, under the name its run gets. */
export interface NamedScenario {
  readonly name: string;
  readonly scenario: Scenario;
}

export type RunsOutcome =
  | {
      readonly kind: 'result';
      /** One run per scenario asked for, in order. */
      readonly runs: readonly ScenarioRun[];
      readonly engineRuns: number;
      readonly computeMs: number;
    }
  | Superseded
  | Failure;

export interface EngineClient {
  compare(scenario: Scenario): Promise<EngineOutcome>;
  /** Runs scenarios side by side, each against its own status quo (runScenarios). */
  runs(scenarios: readonly NamedScenario[]): Promise<RunsOutcome>;
  /**
   * Loop dominance of the scenario (simulation/analysis/loop-dominance.ts). Off the chart path: it
   * is sent only while no comparison is in flight or waiting, and a newer request replaces a
   * waiting one.
   */
  loops(scenario: Scenario): Promise<LoopsOutcome>;
  /**
   * The headline results (simulation/analysis/headline.ts): hundreds of runs, the lowest
   * priority; the app sends them to an engine of their own so that they never hold up a chart.
   */
  headline(scenario: Scenario): Promise<HeadlineOutcome>;
  dispose(): void;
}

/** The part of a Worker the client uses (a fake in tests). */
export interface EnginePort {
  postMessage(message: EngineRequest): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
  terminate(): void;
}

/** The kinds of request, highest priority first. */
const LANES = ['compare', 'runs', 'loops', 'headline'] as const;
type Lane = (typeof LANES)[number];

const SUPERSEDED: Superseded = { kind: 'superseded' };
const unexpected = (): Failure => ({
  kind: 'error',
  error: { name: 'Error', message: 'unexpected answer from the engine' },
});

interface Job {
  /** The request's id, from the order of the calls (superseded requests use theirs up). */
  readonly id: number;
  readonly lane: Lane;
  /** Starts the work (the worker: posts it; in this thread: computes it). */
  readonly start: (id: number) => void;
  /** Settles the caller's promise with the answer, or superseded. */
  readonly finish: (response: EngineResponse | null) => void;
}

/**
 * One request in flight; the highest-priority waiting job next; a newer job replaces a waiting
 * one of its lane. `finish(null)` answers superseded.
 */
class Scheduler {
  private readonly waiting = new Map<Lane, Job>();
  private current: Job | null = null;
  private disposed = false;
  private picking = false;

  /** `defer`: when given, the next job is chosen that much later (requests of a turn settle first). */
  constructor(private readonly defer: ((fn: () => void) => void) | null = null) {}

  submit(job: Job): void {
    if (this.disposed) {
      job.finish({ type: 'error', id: -1, error: { name: 'Error', message: 'engine disposed' } });
      return;
    }
    this.waiting.get(job.lane)?.finish(null);
    this.waiting.set(job.lane, job);
    this.pump();
  }

  /** The answer to the request in flight (other ids are not ours, or already settled). */
  answer(response: EngineResponse): void {
    if (this.current === null || response.id !== this.current.id) return;
    const job = this.current;
    this.current = null;
    job.finish(response);
    this.pump();
  }

  /** The id in flight (a worker error settles it). */
  inFlight(): number | null {
    return this.current?.id ?? null;
  }

  private pump(): void {
    if (this.current !== null || this.disposed || this.picking) return;
    if (this.defer) {
      this.picking = true;
      this.defer(() => {
        this.picking = false;
        this.pick();
      });
    } else this.pick();
  }

  private pick(): void {
    if (this.current !== null || this.disposed) return;
    const lane = LANES.find((l) => this.waiting.has(l));
    if (lane === undefined) return;
    const job = this.waiting.get(lane)!;
    this.waiting.delete(lane);
    this.current = job;
    job.start(job.id);
  }

  dispose(): void {
    this.disposed = true;
    for (const job of this.waiting.values()) job.finish(null);
    this.waiting.clear();
    this.current?.finish(null);
    this.current = null;
  }
}

/** Turns answers into outcomes (shared by both clients). */
function outcomes(cache: ModelCache | null) {
  const guard = <T>(work: () => T): T | Failure => {
    try {
      return work();
    } catch (error) {
      return { kind: 'error', error: serializeError(error) };
    }
  };
  const rehydrate = (run: Parameters<typeof rehydrateRun>[0] | ScenarioRun): ScenarioRun =>
    cache === null
      ? (run as ScenarioRun)
      : rehydrateRun(run as Parameters<typeof rehydrateRun>[0], cache);
  return {
    compare(r: EngineResponse | null): EngineOutcome {
      if (r === null) return SUPERSEDED;
      if (r.type === 'error') return { kind: 'error', error: r.error };
      if (r.type !== 'result') return unexpected();
      return guard(() => ({
        kind: 'result' as const,
        comparison: { runs: r.runs.map(rehydrate), differences: r.differences },
        computeMs: r.computeMs,
      }));
    },
    runs(r: EngineResponse | null): RunsOutcome {
      if (r === null) return SUPERSEDED;
      if (r.type === 'error') return { kind: 'error', error: r.error };
      if (r.type !== 'runs-result') return unexpected();
      return guard(() => ({
        kind: 'result' as const,
        runs: r.runs.map(rehydrate),
        engineRuns: r.engineRuns,
        computeMs: r.computeMs,
      }));
    },
    loops(r: EngineResponse | null): LoopsOutcome {
      if (r === null) return SUPERSEDED;
      if (r.type === 'error') return { kind: 'error', error: r.error };
      if (r.type !== 'loops-result') return unexpected();
      return { kind: 'result', dominance: r.dominance, computeMs: r.computeMs };
    },
    headline(r: EngineResponse | null): HeadlineOutcome {
      if (r === null) return SUPERSEDED;
      if (r.type === 'error') return { kind: 'error', error: r.error };
      if (r.type !== 'headline-result') return unexpected();
      return { kind: 'result', headline: r.headline, computeMs: r.computeMs };
    },
  };
}

export function createWorkerEngineClient(port: EnginePort): EngineClient {
  const scheduler = new Scheduler();
  let nextId = 1;
  const read = outcomes(new ModelCache());

  port.addEventListener('message', (event) => {
    if (isEngineResponse(event.data)) scheduler.answer(event.data);
  });
  port.addEventListener('error', (event) => {
    const id = scheduler.inFlight();
    if (id === null) return;
    scheduler.answer({
      type: 'error',
      id,
      error: { name: 'WorkerError', message: event.message ?? 'the engine worker failed' },
    });
  });

  const ask = <T>(
    lane: Lane,
    request: (id: number) => EngineRequest,
    outcome: (r: EngineResponse | null) => T,
  ): Promise<T> =>
    new Promise<T>((resolve) =>
      scheduler.submit({
        id: nextId++,
        lane,
        start: (id) => port.postMessage(request(id)),
        finish: (r) => resolve(outcome(r)),
      }),
    );

  return {
    compare: (scenario) =>
      ask('compare', (id) => ({ type: 'compare', id, scenario }), read.compare),
    runs: (scenarios) => ask('runs', (id) => ({ type: 'runs', id, scenarios }), read.runs),
    loops: (scenario) => ask('loops', (id) => ({ type: 'loops', id, scenario }), read.loops),
    headline: (scenario) =>
      ask('headline', (id) => ({ type: 'headline', id, scenario }), read.headline),
    dispose() {
      scheduler.dispose();
      port.terminate();
    },
  };
}

/**
 * Runs the engine in this thread, with the same scheduling as the worker client and, like the
 * worker, models kept by structure. Each job starts a macrotask later, so requests made in the
 * same turn replace each other before any is computed. Used by unit tests and where Worker is
 * missing.
 */
export function createDirectEngineClient(
  backend: 'interpreter' | 'codegen' = 'interpreter',
  now: () => number = () => performance.now(),
): EngineClient {
  const models = new CompiledModelCache(backend, 16);
  const scheduler = new Scheduler((fn) => setTimeout(fn, 0));
  let nextId = 1;
  const read = outcomes(null);

  const compute = (id: number, request: EngineRequest): EngineResponse => {
    const started = now();
    try {
      switch (request.type) {
        case 'compare': {
          const c = compareWithWithout(request.scenario, { models });
          return {
            type: 'result',
            id,
            runs: c.runs as never,
            differences: c.differences,
            computeMs: now() - started,
          };
        }
        case 'runs': {
          const many = runScenarios(request.scenarios, { models });
          return {
            type: 'runs-result',
            id,
            runs: many.runs as never,
            engineRuns: many.engineRuns,
            computeMs: now() - started,
          };
        }
        case 'loops': {
          const dominance = loopDominance(request.scenario, {
            models,
            settings: { mode: 'expected' },
          });
          return { type: 'loops-result', id, dominance, computeMs: now() - started };
        }
        case 'headline': {
          const headline = computeHeadline(request.scenario, { models });
          return { type: 'headline-result', id, headline, computeMs: now() - started };
        }
      }
    } catch (error) {
      return { type: 'error', id, error: serializeError(error) };
    }
  };

  const ask = <T>(
    lane: Lane,
    request: (id: number) => EngineRequest,
    outcome: (r: EngineResponse | null) => T,
  ): Promise<T> =>
    new Promise<T>((resolve) =>
      scheduler.submit({
        id: nextId++,
        lane,
        start: (id) => setTimeout(() => scheduler.answer(compute(id, request(id))), 0),
        finish: (r) => resolve(outcome(r)),
      }),
    );

  return {
    compare: (scenario) =>
      ask('compare', (id) => ({ type: 'compare', id, scenario }), read.compare),
    runs: (scenarios) => ask('runs', (id) => ({ type: 'runs', id, scenarios }), read.runs),
    loops: (scenario) => ask('loops', (id) => ({ type: 'loops', id, scenario }), read.loops),
    headline: (scenario) =>
      ask('headline', (id) => ({ type: 'headline', id, scenario }), read.headline),
    dispose() {
      scheduler.dispose();
    },
  };
}
