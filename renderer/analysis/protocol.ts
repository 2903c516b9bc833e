/**
 * Messages between the page and its analysis workers (one per core). Every request carries an id
 * and every answer names it; a worker answers its requests in order. Numbers travel as typed
 * arrays whose buffers are transferred, errors as plain objects.
 */
import type { MonteCarloShape, MonteCarloSpec } from '../../simulation';
import type { SerializedError } from '../engine/protocol';
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
    };

export type AnalysisResponse =
  | {
      readonly type: 'mc-ready';
      readonly id: number;
      readonly shape: MonteCarloShape;
      /** The uncertain parameters' names, in the order of each draw's parameter values. */
      readonly parameters: readonly string[];
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
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

export type ResponseOf<R extends AnalysisRequest['type']> = Extract<
  AnalysisResponse,
  {
    type: R extends 'mc-init'
      ? 'mc-ready'
      : R extends 'mc-pilot'
        ? 'mc-pilot'
        : R extends 'mc-layout'
          ? 'mc-counts'
          : 'mc-chunk';
  }
>;

const REQUEST_TYPES = new Set(['mc-init', 'mc-pilot', 'mc-layout', 'mc-draws']);
const RESPONSE_TYPES = new Set(['mc-ready', 'mc-pilot', 'mc-counts', 'mc-chunk', 'error']);

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
