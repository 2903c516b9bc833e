/**
 * Messages between the page and its analysis workers (one per core). Every request carries an id
 * and every answer names it; a worker answers its requests in order. Numbers travel as typed
 * arrays whose buffers are transferred, errors as plain objects.
 */
import type {
  EvalPoint,
  GlobalSensitivityResult,
  KpiSelector,
  KpiTables,
  MonteCarloShape,
  MonteCarloSpec,
  RunSettings,
  Scenario,
} from '../../simulation';
import type { Backend } from '../../simulation/engine/compile';
import type { SerializedError } from '../engine/protocol';
import type { PackedOutcomes } from './eval-job';
import type { DrawChunk, HistogramCounts } from './mc-worker-job';

export type AnalysisRequest =
  /** Compile a Monte Carlo job (replacing any earlier one on this worker). */
  | { readonly type: 'mc-init'; readonly id: number; readonly spec: MonteCarloSpec }
  /** Pass 1 on draws [start, end). */
  | { readonly type: 'mc-pilot'; readonly id: number; readonly start: number; readonly end: number }
  /** The agreed bins; the answer holds the counts of this worker's pilot draws. */
  | {
      readonly type: 'mc-layout';
      readonly id: number;
      readonly lo: Float64Array;
      readonly width: Float64Array;
      readonly bins: number;
    }
  /** Pass 2 on draws [start, end). */
  | {
      readonly type: 'mc-draws';
      readonly id: number;
      readonly start: number;
      readonly end: number;
    }
  /** Prepare the evaluator of an analysis (sensitivity, sweep, goal seek). */
  | {
      readonly type: 'eval-init';
      readonly id: number;
      readonly scenario: Scenario;
      readonly settings: RunSettings;
    }
  /** Evaluate points with the prepared evaluator. */
  | { readonly type: 'eval'; readonly id: number; readonly points: readonly EvalPoint[] }
  /** The global ranking of a Monte Carlo's draws for one KPI. */
  | {
      readonly type: 'global';
      readonly id: number;
      readonly scenario: Scenario;
      readonly settings: RunSettings;
      readonly kpis: KpiTables;
      readonly kpi: KpiSelector;
    };

export type AnalysisResponse =
  | {
      readonly type: 'mc-ready';
      readonly id: number;
      readonly shape: MonteCarloShape;
      /** The uncertain parameters' names, in the order of each draw's parameter values. */
      readonly parameters: readonly string[];
      /** The engine backend the worker computes the draws with (renderer/engine/backend.ts). */
      readonly backend: Backend;
    }
  | {
      readonly type: 'mc-pilot';
      readonly id: number;
      readonly min: Float64Array;
      readonly max: Float64Array;
      readonly chunk: DrawChunk;
    }
  | { readonly type: 'mc-counts'; readonly id: number; readonly counts: HistogramCounts }
  | { readonly type: 'mc-chunk'; readonly id: number; readonly chunk: DrawChunk }
  | { readonly type: 'eval-ready'; readonly id: number }
  | { readonly type: 'eval-done'; readonly id: number; readonly outcomes: PackedOutcomes }
  | { readonly type: 'global-done'; readonly id: number; readonly result: GlobalSensitivityResult }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

/** The answer each request gets. */
interface Answers {
  'mc-init': 'mc-ready';
  'mc-pilot': 'mc-pilot';
  'mc-layout': 'mc-counts';
  'mc-draws': 'mc-chunk';
  'eval-init': 'eval-ready';
  eval: 'eval-done';
  global: 'global-done';
}

export type ResponseOf<R extends AnalysisRequest['type']> = Extract<
  AnalysisResponse,
  { type: Answers[R] }
>;

const REQUEST_TYPES = new Set([
  'mc-init',
  'mc-pilot',
  'mc-layout',
  'mc-draws',
  'eval-init',
  'eval',
  'global',
]);
const RESPONSE_TYPES = new Set([
  'mc-ready',
  'mc-pilot',
  'mc-counts',
  'mc-chunk',
  'eval-ready',
  'eval-done',
  'global-done',
  'error',
]);

/** Narrows a message to a request (the worker trusts its page, but checks the shape). */
export function isAnalysisRequest(value: unknown): value is AnalysisRequest {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { type?: unknown; id?: unknown };
  return typeof v.type === 'string' && REQUEST_TYPES.has(v.type) && typeof v.id === 'number';
}

export function isAnalysisResponse(value: unknown): value is AnalysisResponse {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { type?: unknown; id?: unknown };
  return typeof v.type === 'string' && RESPONSE_TYPES.has(v.type) && typeof v.id === 'number';
}
