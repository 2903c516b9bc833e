/**
 * Turns runs that crossed the worker boundary back into ScenarioRuns the rest of the page (and the
 * loop view) can read with metricSeries. The compiled model is not transferable, so the page
 * compiles its own copy of the same declaration (the interpreter backend: cheap, CSP-safe) and
 * keeps it while the scenario's structure (products, consumers, pipelines) is unchanged.
 */
import {
  prepareModel,
  type CompiledModel,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';
import type { TransferredRun } from './protocol';

/** What decides the model's variable layout: the entities and their wiring, not the values. */
export function structureKey(s: Scenario): string {
  return JSON.stringify([
    s.dataProducts.map((p) => [p.id, p.name]),
    s.aiConsumers.map((c) => [c.id, c.name, c.uses, c.ownPipelines]),
  ]);
}

function sameLayout(model: CompiledModel, names: readonly string[]): boolean {
  if (model.variables.length !== names.length) return false;
  for (let i = 0; i < names.length; i++) if (model.variables[i]!.name !== names[i]) return false;
  return true;
}

export class ModelCache {
  private readonly models = new Map<string, CompiledModel>();
  constructor(private readonly capacity = 8) {}

  modelFor(run: TransferredRun): CompiledModel {
    const key = structureKey(run.scenario);
    let model = this.models.get(key);
    if (!model || !sameLayout(model, run.variableNames)) {
      model = prepareModel(run.scenario, 'interpreter').compiled;
      if (!sameLayout(model, run.variableNames)) {
        throw new Error(
          'the page and the engine worker compiled different models for the same scenario',
        );
      }
      this.models.delete(key);
      this.models.set(key, model);
      if (this.models.size > this.capacity) this.models.delete(this.models.keys().next().value!);
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
