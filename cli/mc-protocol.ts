/** Messages between the Monte Carlo pool (cli/pool.ts) and its worker threads (cli/mc-worker.ts). */
import type {
  BandRows,
  HistogramPart,
  MonteCarloShape,
  MonteCarloSpec,
} from '../simulation/analysis/montecarlo';
import type { SharedLaneLoop, SharedRunLoop } from '../simulation/analysis/model-cache';
import type { Backend } from '../simulation/engine/compile';

/** The worker's `workerData`: every worker compiles the same job. */
export interface WorkerSetup {
  readonly spec: MonteCarloSpec;
  /** The engine backend (default: the fastest available; the numbers do not depend on it). */
  readonly backend?: Backend;
  /**
   * The job's run loops are made from the translations of a 'models' message (with run loops to
   * reuse, or none): the worker is ready when it has come.
   */
  readonly awaitModels?: boolean;
  /**
   * The loops for pairs of runs come in a 'lanes' message (the pool's thread translates them);
   * else the worker makes its own once its pilot is done.
   */
  readonly awaitLanes?: boolean;
  /**
   * Which of the pool's `count` workers this is: once ready, it runs its part of the pilot draws
   * (splitRange(pilotDraws, count)[index]) and sends their ranges without being asked.
   */
  readonly share: { readonly index: number; readonly count: number };
}

/** Splits [0, n) into `parts` contiguous ranges (some may be empty). */
export function splitRange(n: number, parts: number): [number, number][] {
  return Array.from({ length: parts }, (_, i) => [
    Math.floor((n * i) / parts),
    Math.floor((n * (i + 1)) / parts),
  ]);
}

export type ToWorker =
  /** Run loops the pool's thread translated, to reuse for the job's models (see awaitModels). */
  | { readonly type: 'models'; readonly loops: readonly SharedRunLoop[] }
  /**
   * Run loops for pairs of runs the pool's thread translated (see DrawRunner.enablePairs): the
   * worker runs two draws at once from then on.
   */
  | { readonly type: 'lanes'; readonly loops: readonly SharedLaneLoop[] }
  /** The bins every worker counts into (from the merged pilot ranges). */
  | {
      readonly type: 'layout';
      readonly lo: Float64Array;
      readonly width: Float64Array;
      readonly bins: number;
    }
  /** Pass 2: count draws [start, end) and return their KPIs. */
  | { readonly type: 'draws'; readonly start: number; readonly end: number }
  /** Return the histogram of every draw counted so far. */
  | { readonly type: 'collect' }
  /**
   * The band quantiles of rows [start, end) of the total of `parts` (every worker's histogram:
   * their counts in shared memory, see cli/pool.ts).
   */
  | {
      readonly type: 'bands';
      readonly parts: readonly HistogramPart[];
      readonly start: number;
      readonly end: number;
    };

export type FromWorker =
  | { readonly type: 'ready'; readonly shape: MonteCarloShape }
  /** Pass 1, sent after 'ready': the ranges of the worker's part of the pilot draws. */
  | { readonly type: 'pilot'; readonly min: Float64Array; readonly max: Float64Array }
  | {
      readonly type: 'draws';
      readonly start: number;
      readonly count: number;
      readonly runs: Float64Array[];
      readonly differences: Float64Array | null;
    }
  | {
      readonly type: 'histogram';
      readonly counts: Uint32Array;
      readonly min: Float64Array;
      readonly max: Float64Array;
    }
  | ({ readonly type: 'bands' } & BandRows)
  | { readonly type: 'error'; readonly message: string };
