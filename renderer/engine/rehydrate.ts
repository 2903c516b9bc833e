/**
 * Turns runs that crossed the worker boundary back into ScenarioRuns the rest of the page (and the
 * loop view) can read with metricSeries. The compiled model is not transferable, so the page
 * compiles its own copy of the same declaration (the interpreter backend: cheap, CSP-safe) and
 * keeps it while the scenario's structure (products, consumers, pipelines) is unchanged.
 */
import { CompiledModelCache, type CompiledModel, type ScenarioRun } from '../../simulation';
import type { TransferredRun } from './protocol';

function sameLayout(model: CompiledModel, names: readonly string[]): boolean {
  if (model.variables.length !== names.length) return false;
  for (let i = 0; i < names.length; i++) if (model.variables[i]!.name !== names[i]) return false;
  return true;
}

/** The page's compiled models, by structure (the same cache the worker computes with). */
export class ModelCache {
  private readonly models: CompiledModelCache;
  constructor(capacity = 8) {
    this.models = new CompiledModelCache('interpreter', capacity);
  }

  modelFor(run: TransferredRun): CompiledModel {
    const model = this.models.compiledFor(run.scenario);
    if (!sameLayout(model, run.variableNames)) {
      throw new Error(
        'the page and the engine worker compiled different models for the same scenario',
      );
    }
    return model;
  }
}

export function rehydrateRun(run: TransferredRun, cache: ModelCache): ScenarioRun {
  return {
    name: run.name,
    scenario: run.scenario,
    metrics: run.metrics,
    kpis: run.kpis,
    series: {
      model: cache.modelFor(run),
      settings: run.settings,
      points: run.points,
      time: run.time,
      values: run.values,
    },
  };
}
