/**
 * What one analysis worker does for sensitivity, sweeps and goal seek (pure: a Web Worker and
 * Node): it compiles the scenario, its `without` variant and its status quo once per analysis
 * (simulation/analysis/evaluate.ts's ScenarioEvaluator, with the worker's backend) and evaluates the
 * points it is sent, returning their KPIs packed in one array for transfer. Also computes the
 * global ranking of a finished Monte Carlo, which is too heavy for the page's thread.
 */
import {
  CompiledModelCache,
  globalSensitivity,
  OUTCOME_WIDTH,
  ScenarioEvaluator,
  type EvalOutcome,
  type EvalPoint,
  type GlobalSensitivityResult,
  type KpiSelector,
  type KpiTables,
  type RunSettings,
  type Scenario,
} from '../../simulation';
import type { Backend } from '../../simulation/engine/compile';

/** Outcomes as they cross threads: `kpis[i * OUTCOME_WIDTH ...]` and one error per point. */
export interface PackedOutcomes {
  readonly kpis: Float64Array;
  readonly errors: readonly (string | null)[];
}

export function packOutcomes(outcomes: readonly EvalOutcome[]): PackedOutcomes {
  const kpis = new Float64Array(outcomes.length * OUTCOME_WIDTH);
  outcomes.forEach((o, i) => kpis.set(o.kpis, i * OUTCOME_WIDTH));
  return { kpis, errors: outcomes.map((o) => o.error) };
}

export function unpackOutcomes(packed: PackedOutcomes): EvalOutcome[] {
  return packed.errors.map((error, i) => ({
    kpis: packed.kpis.slice(i * OUTCOME_WIDTH, (i + 1) * OUTCOME_WIDTH),
    error,
  }));
}

export class EvaluationWorkerJob {
  /** Compiled models by structure, kept across analyses (a new analysis of the same scenario compiles nothing). */
  private readonly models: CompiledModelCache;

  /** `backend`: the worker's (renderer/engine/backend.ts); the interpreter in the page's thread. */
  constructor(backend: Backend = 'interpreter') {
    this.models = new CompiledModelCache(backend);
  }
  private evaluator: ScenarioEvaluator | null = null;

  /** Prepares the evaluator of a scenario with these run settings (by week W: weeks = W). */
  init(scenario: Scenario, settings: RunSettings): void {
    this.evaluator = null;
    this.evaluator = new ScenarioEvaluator(scenario, settings, { models: this.models });
  }

  evaluate(points: readonly EvalPoint[]): PackedOutcomes {
    const e = this.evaluator;
    if (!e) throw new Error('no analysis prepared on this worker');
    return packOutcomes(points.map((p) => e.evaluate(p)));
  }

  global(
    scenario: Scenario,
    settings: RunSettings,
    kpis: KpiTables,
    kpi: KpiSelector,
  ): GlobalSensitivityResult {
    return globalSensitivity(scenario, settings, kpis, kpi);
  }
}
