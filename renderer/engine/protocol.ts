/**
 * The typed messages between the page and the engine's Web Worker. Requests carry an id; every
 * response names the request it answers. Series travel as Float64Arrays whose buffers are
 * transferred (not copied); errors travel as plain objects.
 */
import type { ComparisonKpis, Kpis, RunSettings, Scenario } from '../../simulation';
import type { Headline } from '../../simulation/analysis/headline';
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

/** Runs to compute side by side (pinned runs, variants): each against its own status quo. */
export interface RunsRequest {
  readonly type: 'runs';
  readonly id: number;
  readonly scenarios: readonly { readonly name: string; readonly scenario: Scenario }[];
}

/**
 * The headline results of the scenario (simulation/analysis/headline.ts): the break-even maturity
 * gap and the probability that with wins. Hundreds of runs: the app asks a worker of its own.
 */
export interface HeadlineRequest {
  readonly type: 'headline';
  readonly id: number;
  readonly scenario: Scenario;
}

export type EngineRequest = CompareRequest | LoopsRequest | RunsRequest | HeadlineRequest;

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

export interface RunsResponse {
  readonly type: 'runs-result';
  readonly id: number;
  /** One per requested scenario, in order, named as requested. */
  readonly runs: readonly TransferredRun[];
  /** Engine runs made (one per scenario, plus the status quo runs they do not share). */
  readonly engineRuns: number;
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

export interface HeadlineResponse {
  readonly type: 'headline-result';
  readonly id: number;
  readonly headline: Headline;
  readonly computeMs: number;
}

export type EngineResponse =
  CompareResponse | LoopsResponse | RunsResponse | HeadlineResponse | FailureResponse;

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
    (v.type === 'result' ||
      v.type === 'loops-result' ||
      v.type === 'headline-result' ||
      v.type === 'runs-result' ||
      v.type === 'error') &&
    typeof v.id === 'number'
  );
}

export function isEngineRequest(value: unknown): value is EngineRequest {
  if (value === null || typeof value !== 'object') return false;
  const v = value as { type?: unknown; id?: unknown; scenario?: unknown; scenarios?: unknown };
  if (v.type === 'runs')
    return (
      typeof v.id === 'number' &&
      Array.isArray(v.scenarios) &&
      v.scenarios.every(
        (x: unknown) =>
          x !== null &&
          typeof x === 'object' &&
          typeof (x as { name?: unknown }).name === 'string' &&
          typeof (x as { scenario?: unknown }).scenario === 'object' &&
          (x as { scenario?: unknown }).scenario !== null,
      )
    );
  return (
    (v.type === 'compare' || v.type === 'loops' || v.type === 'headline') &&
    typeof v.id === 'number' &&
    typeof v.scenario === 'object' &&
    v.scenario !== null
  );
}
