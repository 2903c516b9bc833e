/**
 * The typed messages between the page and the engine's Web Worker. Requests carry an id; every
 * response names the request it answers. Series travel as Float64Arrays whose buffers are
 * transferred (not copied); errors travel as plain objects.
 */
import type { ComparisonKpis, Kpis, RunSettings, Scenario } from '../../simulation';
import type { LoopDominance } from '../../simulation/analysis/loop-dominance';

export interface CompareRequest {
  readonly type: 'compare';
  readonly id: number;
  readonly scenario: Scenario;
}

/** Loop dominance of the scenario and of the business without data products (off the chart path). */
export interface LoopsRequest {
  readonly type: 'loops';
  readonly id: number;
  readonly scenario: Scenario;
}

export type EngineRequest = CompareRequest | LoopsRequest;

/**
 * One run as it crosses the worker boundary: a ScenarioRun without what the page's own compiled
 * model of the same structure gives (the model, its metrics and variable names), so that little
 * besides the transferred buffers is copied.
 */
export interface TransferredRun {
  readonly name: string;
  readonly scenario: Scenario;
  readonly kpis: Kpis;
  readonly settings: RunSettings;
  readonly points: number;
  /** layoutKey of the worker's model: the page checks that its own model has the same layout. */
  readonly layout: string;
  readonly time: Float64Array;
  /** Point-major values: `values[k * variableNames.length + slot]`. */
  readonly values: Float64Array;
}

export interface CompareResponse {
  readonly type: 'result';
  readonly id: number;
  readonly runs: readonly TransferredRun[];
  readonly differences: ComparisonKpis | null;
  /** Time the worker spent computing (ms). */
  readonly computeMs: number;
}

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export interface FailureResponse {
  readonly type: 'error';
  readonly id: number;
  readonly error: SerializedError;
}

export interface LoopsResponse {
  readonly type: 'loops-result';
  readonly id: number;
  readonly dominance: LoopDominance;
  readonly computeMs: number;
}

export type EngineResponse = CompareResponse | LoopsResponse | FailureResponse;

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    return error.stack === undefined
      ? { name: error.name, message: error.message }
      : { name: error.name, message: error.message, stack: error.stack };
  }
  return { name: 'Error', message: String(error) };
}

/** Narrows an incoming message to a response (the page trusts its own worker, but checks shape). */
export function isEngineResponse(value: unknown): value is EngineResponse {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { type?: unknown; id?: unknown };
  return (
    (v.type === 'result' || v.type === 'loops-result' || v.type === 'error') &&
    typeof v.id === 'number'
  );
}

export function isEngineRequest(value: unknown): value is EngineRequest {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { type?: unknown; id?: unknown; scenario?: unknown };
  return (
    (v.type === 'compare' || v.type === 'loops') &&
    typeof v.id === 'number' &&
    typeof v.scenario === 'object' &&
    v.scenario !== null
  );
}
