/**
 * What an analysis worker does with a request, apart from the messaging (worker.ts posts the
 * answers; tests and the in-page fallback call this directly). Holds the worker's current job.
 */
import { CompiledModelCache } from '../../simulation/analysis/model-cache';
import type { Backend } from '../../simulation/engine/compile';
import { withWasmFallback } from '../engine/backend';
import { serializeError } from '../engine/protocol';
import { EvaluationWorkerJob } from './eval-job';
import { chunkBuffers, histogramBuffers, MonteCarloWorkerJob } from './mc-worker-job';
import type { AnalysisRequest, AnalysisResponse } from './protocol';

export interface Answer {
  readonly response: AnalysisResponse;
  readonly transfer: ArrayBuffer[];
}

export class AnalysisHandler {
  private monteCarlo: MonteCarloWorkerJob | null = null;
  private evaluation: EvaluationWorkerJob;

  /**
   * The Monte Carlo jobs' compiled models, by structure, on `backend`: the second run of an
   * analysis (new seed, more draws, a changed value) compiles nothing. Jobs run one at a time.
   */
  private models: CompiledModelCache;

  /** `backend`: the worker's (workerBackend()); the interpreter where it runs in the page. */
  constructor(private backend: Backend = 'interpreter') {
    this.evaluation = new EvaluationWorkerJob(backend);
    this.models = new CompiledModelCache(backend, 4);
  }

  /** WebAssembly refused a model after all: this worker computes on the interpreter from now on. */
  private readonly fallBack = (): void => {
    this.backend = 'interpreter';
    this.evaluation = new EvaluationWorkerJob('interpreter');
    this.models = new CompiledModelCache('interpreter', 4);
  };

  /** The cache of `backend`'s models (the fallback's first attempt may still name wasm). */
  private modelsOf(backend: Backend): CompiledModelCache | Backend {
    return backend === this.models.backend ? this.models : backend;
  }

  handle(request: AnalysisRequest): Answer {
    try {
      return this.answer(request);
    } catch (error) {
      return {
        response: { type: 'error', id: request.id, error: serializeError(error) },
        transfer: [],
      };
    }
  }

  private job(): MonteCarloWorkerJob {
    if (!this.monteCarlo) throw new Error('no Monte Carlo job on this worker');
    return this.monteCarlo;
  }

  private answer(request: AnalysisRequest): Answer {
    const id = request.id;
    switch (request.type) {
      case 'mc-init': {
        this.monteCarlo = null; // the old job's buffers can go before the new ones are made
        this.monteCarlo = withWasmFallback(
          this.backend,
          (backend) => new MonteCarloWorkerJob(request.spec, this.modelsOf(backend)),
          this.fallBack,
        );
        const { job } = this.monteCarlo;
        const { runCount, points, bandMetrics, rows, bins, pilotDraws } = job;
        return {
          response: {
            type: 'mc-ready',
            id,
            shape: { runCount, points, bandMetrics: [...bandMetrics], rows, bins, pilotDraws },
            parameters: job.runner.uncertain.map((u) => u.name),
            backend: this.backend,
          },
          transfer: [],
        };
      }
      case 'mc-pilot': {
        const { min, max, chunk } = this.job().pilot(request.start, request.end);
        return {
          response: { type: 'mc-pilot', id, min, max, chunk },
          transfer: [min.buffer as ArrayBuffer, max.buffer as ArrayBuffer, ...chunkBuffers(chunk)],
        };
      }
      case 'mc-layout': {
        const job = this.job();
        const counts = job.setLayout({
          rows: job.job.rows,
          bins: request.bins,
          lo: request.lo,
          width: request.width,
        });
        return { response: { type: 'mc-counts', id, counts }, transfer: histogramBuffers(counts) };
      }
      case 'mc-draws': {
        const chunk = this.job().draws(request.start, request.end);
        return { response: { type: 'mc-chunk', id, chunk }, transfer: chunkBuffers(chunk) };
      }
      case 'eval-init':
        withWasmFallback(
          this.backend,
          () => this.evaluation.init(request.scenario, request.settings),
          this.fallBack,
        );
        return { response: { type: 'eval-ready', id }, transfer: [] };
      case 'eval': {
        const outcomes = this.evaluation.evaluate(request.points);
        return {
          response: { type: 'eval-done', id, outcomes },
          transfer: [outcomes.kpis.buffer as ArrayBuffer],
        };
      }
      case 'global': {
        const { scenario, settings, kpis, kpi } = request;
        const result = this.evaluation.global(scenario, settings, kpis, kpi);
        return { response: { type: 'global-done', id, result }, transfer: [] };
      }
    }
  }
}
