/**
 * Turns runs that crossed the worker boundary back into ScenarioRuns the rest of the page (and the
 * loop view) can read with metricSeries. The compiled model is not transferable, so the page
 * compiles its own copy of the same declaration (the interpreter backend: cheap, CSP-safe) and
 * keeps it while the scenario's structure (products, consumers, pipelines) is unchanged; the run's
 * metrics come from that model, and its layout key must match the worker's.
 */
import {
  CompiledModelCache,
  layoutKey,
  metricInfos,
  type CompiledModel,
  type ScenarioRun,
} from '../../simulation';
import type { TransferredRun } from './protocol';

/** The page's compiled models, by structure (the same cache the worker computes with). */
export class ModelCache {
  private readonly models: CompiledModelCache;
  constructor(capacity = 16) {
    this.models = new CompiledModelCache('interpreter', capacity);
  }

  modelFor(run: TransferredRun): CompiledModel {
    const model = this.models.compiledFor(run.scenario);
    if (layoutKey(model) !== run.layout) {
      throw new Error(
        'the page and the engine worker compiled different models for the same scenario',
      );
    }
    return model;
  }
}

export function rehydrateRun(run: TransferredRun, cache: ModelCache): ScenarioRun {
  const model = cache.modelFor(run);
  return {
    name: run.name,
    scenario: run.scenario,
    metrics: metricInfos(model),
    kpis: run.kpis,
    series: {
      model,
      settings: run.settings,
      points: run.points,
      time: run.time,
      values: run.values,
    },
  };
}
