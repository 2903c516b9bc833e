/**
 * Monte Carlo across worker threads. Every worker compiles the same job and runs its part of the
 * pilot draws; the pool merges their ranges into one bin layout, hands out the draws in chunks as
 * workers become free and merges their KPI rows; at the end the workers compute the bands, each a
 * share of the rows over every worker's counts, while the pool computes the KPIs' percentiles.
 * Draw i depends only on the seed and i, and merging is exact (integer counts, min/max, KPI rows
 * by index), so the summary is bit-identical whatever the number of workers, including one (which
 * runs on this thread).
 */
import { fastestBackend, type Backend } from '../simulation/engine/compile';
import { Worker } from 'node:worker_threads';
import {
  BAND_FRACTIONS,
  bandRows,
  layoutFromRanges,
  mergeKpiTables,
  mergeRanges,
  newKpiTables,
  newRangeSketch,
  runMonteCarloWithKpis,
  summarise,
  summariseKpis,
  validateSpec,
  type BandRows,
  type BinLayout,
  type HistogramPart,
  type MonteCarloResult,
  type MonteCarloShape,
  type MonteCarloSpec,
  type MonteCarloSummary,
} from '../simulation/analysis/montecarlo';
import type { SharedLaneLoop, SharedRunLoop } from '../simulation/analysis/model-cache';
import type { Handoff } from './handoff';
import { onInterrupt } from './interrupt';
import { splitRange, type FromWorker, type ToWorker, type WorkerSetup } from './mc-protocol';

/** Draws per request in pass 2: small enough to balance, large enough that messages cost nothing. */
export const CHUNK_DRAWS = 64;

export interface PoolOptions {
  /** Worker threads; 1 runs everything on this thread. Capped at one per chunk of draws. */
  readonly workers: number;
  /** The bundled worker script (dist/cli/mc-worker.mjs). */
  readonly workerUrl: URL;
  readonly onProgress?: (done: number, total: number) => void;
  /** The engine backend (default: the fastest available; the numbers do not depend on it). */
  readonly backend?: Backend;
  /** Stops the workers and rejects with the signal's reason (the caller failed meanwhile). */
  readonly signal?: AbortSignal;
  /**
   * Run loops this thread is translating for the same models (the caller's comparison): the
   * workers wait for them instead of translating their own, and V8 shares the compiled code
   * between the threads. An empty list lets each worker translate its own.
   */
  readonly models?: Handoff<readonly SharedRunLoop[]>;
  /**
   * Run loops for pairs of runs this thread translates for the same models, after `models`: the
   * workers run two draws at once from when they have them (the same numbers, sooner).
   */
  readonly lanes?: Handoff<readonly SharedLaneLoop[]>;
}

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/** One worker thread with at most one request in flight; its messages are taken in order. */
class WorkerHandle {
  private readonly worker: Worker;
  private waiting: {
    type: string;
    resolve: (m: FromWorker) => void;
    reject: (e: Error) => void;
  } | null = null;
  private failure: Error | null = null;
  private stopping = false;
  /** Messages that came before they were waited for (a worker may send without being asked). */
  private readonly inbox: FromWorker[] = [];

  /** Unregisters the Ctrl+C cleanup that terminates this worker. */
  private readonly release: () => void;

  constructor(url: URL, setup: WorkerSetup) {
    this.worker = new Worker(url, { workerData: setup });
    this.release = onInterrupt(() => {
      this.stopping = true;
      void this.worker.terminate();
    });
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'error') this.fail(new Error(m.message));
      else this.settle(m);
    });
    this.worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
    this.worker.on('exit', (code) => {
      if (!this.stopping)
        this.fail(new Error(`a Monte Carlo worker stopped unexpectedly (exit code ${code})`));
    });
  }

  private settle(m: FromWorker): void {
    const w = this.waiting;
    this.waiting = null;
    if (!w) {
      this.inbox.push(m);
      return;
    }
    if (w.type !== m.type)
      return w.reject(new Error(`expected '${w.type}' from a worker, got '${m.type}'`));
    w.resolve(m);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.failure);
  }

  /** Waits for the next message, which must be of type `type`. */
  expect<T extends FromWorker['type']>(type: T): Promise<Reply<T>> {
    const early = this.inbox.shift();
    if (early)
      return early.type === type
        ? Promise.resolve(early as Reply<T>)
        : Promise.reject(new Error(`expected '${type}' from a worker, got '${early.type}'`));
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error('a worker request is already in flight'));
    return new Promise((resolve, reject) => {
      this.waiting = { type, resolve: resolve as (m: FromWorker) => void, reject };
    });
  }

  send(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  request<T extends FromWorker['type']>(message: ToWorker, type: T): Promise<Reply<T>> {
    const reply = this.expect(type);
    this.send(message);
    return reply;
  }

  /** Stops the worker now: the request in flight, and any later, fails with `reason`. */
  cancel(reason: Error): void {
    this.stopping = true;
    this.fail(reason);
    void this.worker.terminate();
  }

  async stop(): Promise<void> {
    this.release();
    this.stopping = true;
    await this.worker.terminate();
  }
}

/**
 * The band quantiles of the workers' histograms (`parts`, one each): where every part's counts are
 * in shared memory, each worker reads all of them for its share of the rows (nothing merged, no
 * copy); else this thread does every row.
 */
async function bandsOf(
  handles: readonly WorkerHandle[],
  layout: BinLayout,
  parts: readonly HistogramPart[],
): Promise<BandRows[]> {
  const shared = parts.every((p) => p.counts.buffer instanceof SharedArrayBuffer);
  if (handles.length < 2 || !shared)
    return [bandRows(layout, parts, BAND_FRACTIONS, 0, layout.rows)];
  return Promise.all(
    splitRange(layout.rows, handles.length).map(([start, end], i) =>
      handles[i]!.request({ type: 'bands', parts, start, end }, 'bands'),
    ),
  );
}

export async function runMonteCarloPool(
  spec: MonteCarloSpec,
  options: PoolOptions,
): Promise<MonteCarloSummary> {
  return (await runMonteCarloPoolWithKpis(spec, options)).summary;
}

/** runMonteCarloPool, keeping every draw's KPIs too (rows by draw index). */
export async function runMonteCarloPoolWithKpis(
  spec: MonteCarloSpec,
  options: PoolOptions,
): Promise<MonteCarloResult> {
  validateSpec(spec);
  options.onProgress?.(0, spec.draws);
  // One chunk or less runs on this thread; anything longer runs on worker threads (one at least),
  // so that this thread stays free to answer Ctrl+C (cli/interrupt.ts).
  if (spec.draws <= CHUNK_DRAWS)
    return runMonteCarloWithKpis(spec, {
      backend: options.backend ?? fastestBackend(),
      onProgress: options.onProgress,
    });
  const count = Math.max(1, Math.min(options.workers, Math.ceil(spec.draws / CHUNK_DRAWS)));
  const handles: WorkerHandle[] = [];
  const signal = options.signal;
  const cancel = (): void => {
    const reason = signal?.reason instanceof Error ? signal.reason : new Error('cancelled');
    for (const h of handles) h.cancel(reason);
  };
  signal?.throwIfAborted();
  signal?.addEventListener('abort', cancel);
  try {
    const awaitModels = options.models !== undefined;
    for (let i = 0; i < count; i++)
      handles.push(
        new WorkerHandle(options.workerUrl, {
          spec,
          backend: options.backend,
          awaitModels,
          awaitLanes: options.lanes !== undefined,
          share: { index: i, count },
        }),
      );
    options.models?.take((loops) => {
      for (const h of handles) h.send({ type: 'models', loops });
    });
    options.lanes?.take((loops) => {
      for (const h of handles) h.send({ type: 'lanes', loops });
    });
    const ready = await Promise.all(handles.map((h) => h.expect('ready')));
    const shape: MonteCarloShape = ready[0]!.shape;

    // Pass 1: the pilot's ranges, split evenly (each worker runs its part once ready).
    const ranges = newRangeSketch(shape.rows);
    const pilotSplit = splitRange(shape.pilotDraws, count);
    const pilots = await Promise.all(handles.map((h) => h.expect('pilot')));
    for (const p of pilots) mergeRanges(ranges, { rows: shape.rows, min: p.min, max: p.max });
    const layout = layoutFromRanges(ranges, shape.bins);
    for (const h of handles)
      h.send({ type: 'layout', lo: layout.lo, width: layout.width, bins: layout.bins });

    // Pass 2: each worker first counts its own pilot draws (kept in memory, not run again),
    // then chunks go to whichever worker is free.
    const kpis = newKpiTables(shape.runCount, 0, spec.draws);
    let next = shape.pilotDraws;
    let done = 0;
    // Chunks shrink towards the end (to a quarter of what each worker has left, at least 8
    // draws) so that the workers finish together instead of one waiting for the other's last
    // 64 draws.
    const take = (): [number, number] => {
      const left = spec.draws - next;
      const size = Math.min(CHUNK_DRAWS, Math.max(8, Math.ceil(left / (4 * count))));
      const start = next;
      next = Math.min(spec.draws, next + size);
      return [start, next];
    };
    const work = async (h: WorkerHandle, i: number): Promise<void> => {
      let [start, end] = pilotSplit[i]!;
      if (start === end) [start, end] = take();
      while (start < end) {
        const r = await h.request({ type: 'draws', start, end }, 'draws');
        mergeKpiTables(kpis, {
          start: r.start,
          count: r.count,
          runs: r.runs,
          differences: r.differences,
        });
        done += r.count;
        options.onProgress?.(done, spec.draws);
        [start, end] = take();
      }
    };
    await Promise.all(handles.map(work));

    const parts: HistogramPart[] = await Promise.all(
      handles.map((h) => h.request({ type: 'collect' }, 'histogram')),
    );
    // The workers compute the bands while this thread computes the KPIs' percentiles.
    const bands = bandsOf(handles, layout, parts);
    bands.catch(() => undefined); // awaited below
    const kpiSummary = summariseKpis(kpis);
    return { summary: summarise(shape, await bands, kpis, kpiSummary), kpis };
  } finally {
    signal?.removeEventListener('abort', cancel);
    await Promise.all(handles.map((h) => h.stop()));
  }
}
