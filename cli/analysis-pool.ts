/**
 * Evaluates analysis batches and Monte Carlo KPI draws on worker threads. A batch is cut into
 * chunks handed to whichever worker is free; outcomes go back to their places in the batch, so
 * the analysis sees the same numbers whatever the number of workers. Small batches (a search's
 * single points) run on this thread, which has its own evaluator of the same comparison.
 */
import { fastestBackend } from '../simulation/engine/compile';
import { Worker } from 'node:worker_threads';
import {
  ScenarioEvaluator,
  type EvalOutcome,
  type EvalPoint,
} from '../simulation/analysis/evaluate';
import { drawKpis } from '../simulation/analysis/global';
import {
  DrawRunner,
  mergeKpiTables,
  newKpiTables,
  type KpiTables,
} from '../simulation/analysis/montecarlo';
import type {
  AnalysisWorkerSetup,
  FromAnalysisWorker,
  ToAnalysisWorker,
} from './analysis-protocol';

/** Points per chunk at most; a batch is cut into about four chunks per worker. */
const MAX_CHUNK = 32;
/** Batches smaller than this run on this thread (a worker's start-up costs more). */
const LOCAL_BELOW = 24;
const DRAW_CHUNK = 64;

class Handle {
  private readonly worker: Worker;
  private waiting: { resolve: (m: FromAnalysisWorker) => void; reject: (e: Error) => void } | null =
    null;
  private failure: Error | null = null;
  private stopping = false;
  readonly ready: Promise<void>;

  constructor(url: URL, setup: AnalysisWorkerSetup) {
    this.worker = new Worker(url, { workerData: setup });
    this.ready = this.next().then(() => undefined);
    this.worker.on('message', (m: FromAnalysisWorker) => {
      const w = this.waiting;
      this.waiting = null;
      if (m.type === 'error') this.fail(new Error(m.message));
      else w?.resolve(m);
    });
    this.worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
    this.worker.on('exit', (code) => {
      if (!this.stopping)
        this.fail(new Error(`an analysis worker stopped unexpectedly (exit code ${code})`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const w = this.waiting;
    this.waiting = null;
    w?.reject(this.failure);
  }

  private next(): Promise<FromAnalysisWorker> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  async request(m: ToAnalysisWorker): Promise<FromAnalysisWorker> {
    const reply = this.next();
    this.worker.postMessage(m);
    return reply;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.terminate();
  }
}

export interface AnalysisPoolOptions {
  /** Worker threads; 1 computes everything on this thread. */
  readonly workers: number;
  /** The bundled worker script (dist/cli/analysis-worker.mjs). */
  readonly workerUrl: URL;
}

export class AnalysisPool {
  private handles: Handle[] | null = null;
  private local: ScenarioEvaluator | null = null;
  private localRunner: DrawRunner | null = null;

  constructor(
    private readonly setup: AnalysisWorkerSetup,
    private readonly options: AnalysisPoolOptions,
  ) {}

  private async workers(): Promise<Handle[]> {
    if (!this.handles) {
      this.handles = Array.from(
        { length: this.options.workers },
        () => new Handle(this.options.workerUrl, this.setup),
      );
      await Promise.all(this.handles.map((h) => h.ready));
    }
    return this.handles;
  }

  private evaluateHere(points: readonly EvalPoint[]): EvalOutcome[] {
    this.local ??= new ScenarioEvaluator(this.setup.scenario, this.setup.settings, {
      backend: fastestBackend(),
    });
    return points.map((p) => this.local!.evaluate(p));
  }

  /** The outcomes of a batch, in its order. */
  async evaluate(
    points: readonly EvalPoint[],
    onProgress?: (done: number) => void,
  ): Promise<EvalOutcome[]> {
    if (this.options.workers <= 1 || points.length < LOCAL_BELOW) {
      const out = this.evaluateHere(points);
      onProgress?.(points.length);
      return out;
    }
    const handles = await this.workers();
    const chunk = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(points.length / (4 * handles.length))));
    const outcomes = new Array<EvalOutcome>(points.length);
    let next = 0;
    let done = 0;
    await Promise.all(
      handles.map(async (h) => {
        while (next < points.length) {
          const start = next;
          const end = Math.min(points.length, start + chunk);
          next = end;
          const r = await h.request({ type: 'points', points: points.slice(start, end) });
          if (r.type !== 'points')
            throw new Error(`expected outcomes from a worker, got '${r.type}'`);
          r.outcomes.forEach((o, k) => (outcomes[start + k] = o));
          done += end - start;
          onProgress?.(done);
        }
      }),
    );
    return outcomes;
  }

  /** The KPIs of Monte Carlo draws [0, draws), merged in draw order. */
  async drawKpis(draws: number, onProgress?: (done: number) => void): Promise<KpiTables> {
    if (this.options.workers <= 1) {
      this.localRunner ??= new DrawRunner(
        this.setup.scenario,
        this.setup.settings,
        fastestBackend(),
      );
      this.localRunner.keepOnly([]);
      const all = newKpiTables(this.localRunner.runCount, 0, draws);
      for (let start = 0; start < draws; start += DRAW_CHUNK) {
        const end = Math.min(draws, start + DRAW_CHUNK);
        drawKpis(this.localRunner, start, end, all);
        onProgress?.(end);
      }
      return all;
    }
    const handles = await this.workers();
    let all: KpiTables | null = null;
    let next = 0;
    let done = 0;
    await Promise.all(
      handles.map(async (h) => {
        while (next < draws) {
          const start = next;
          const end = Math.min(draws, start + DRAW_CHUNK);
          next = end;
          const r = await h.request({ type: 'draws', start, end });
          if (r.type !== 'draws') throw new Error(`expected draws from a worker, got '${r.type}'`);
          all ??= newKpiTables(r.tables.runs.length, 0, draws);
          mergeKpiTables(all, r.tables);
          done += end - start;
          onProgress?.(done);
        }
      }),
    );
    return all!;
  }

  async close(): Promise<void> {
    if (this.handles) await Promise.all(this.handles.map((h) => h.stop()));
    this.handles = null;
  }
}
