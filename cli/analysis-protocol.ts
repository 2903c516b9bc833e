/** Messages between the analysis pool (cli/analysis-pool.ts) and its worker threads. */
import type { EvalOutcome, EvalPoint } from '../simulation/analysis/evaluate';
import type { KpiTables } from '../simulation/analysis/montecarlo';
import type { RunSettings } from '../simulation/engine/types';
import type { Scenario } from '../simulation/scenario/types';

/** The worker's `workerData`: every worker compiles the same comparison. */
export interface AnalysisWorkerSetup {
  readonly scenario: Scenario;
  readonly settings: RunSettings;
}

export type ToAnalysisWorker =
  /** Evaluate these points (in order). */
  | { readonly type: 'points'; readonly points: readonly EvalPoint[] }
  /** The KPIs of Monte Carlo draws [start, end) (for the global ranking). */
  | { readonly type: 'draws'; readonly start: number; readonly end: number };

export type FromAnalysisWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'points'; readonly outcomes: readonly EvalOutcome[] }
  | { readonly type: 'draws'; readonly tables: KpiTables }
  | { readonly type: 'error'; readonly message: string };
