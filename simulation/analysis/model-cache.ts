/**
 * Compiled models kept by structure. A model's variables and equations depend only on the
 * scenario's entities and their wiring (products, consumers, what each uses, own pipelines);
 * every number is a parameter value passed to the run. So a change of values reuses the compiled
 * model (the app's engine worker: a slider step compiles nothing) and only a change of structure
 * compiles a new one.
 */
import { compileModel, type Backend, type CompiledModel } from '../engine/compile';
import { buildFlywheelModel, type BuiltModel } from '../model/flywheel';
import type { Scenario } from '../scenario/types';

/** What decides the model's variable layout and equations: the entities and their wiring. */
export function structureKey(s: Scenario): string {
  return JSON.stringify([
    s.dataProducts.map((p) => [p.id, p.name]),
    s.aiConsumers.map((c) => [c.id, c.name, c.uses, c.ownPipelines]),
  ]);
}

export interface PreparedModel {
  readonly scenario: Scenario;
  readonly built: BuiltModel;
  readonly compiled: CompiledModel;
}

/**
 * The most recently used compiled models of one backend, by structure. Models share their
 * evaluation state, so runs of the same model must not interleave (one cache per thread).
 */
export class CompiledModelCache {
  private readonly models = new Map<string, CompiledModel>();

  constructor(
    readonly backend: Backend = 'interpreter',
    private readonly capacity = 8,
  ) {}

  /** The compiled model of a scenario's structure (compiled from `built` when not cached). */
  compiledFor(scenario: Scenario, built?: BuiltModel): CompiledModel {
    const key = structureKey(scenario);
    let model = this.models.get(key);
    if (model) {
      this.models.delete(key); // most recently used last
    } else {
      model = compileModel((built ?? buildFlywheelModel(scenario)).decl, {
        backend: this.backend,
      });
      if (this.models.size >= this.capacity) this.models.delete(this.models.keys().next().value!);
    }
    this.models.set(key, model);
    return model;
  }

  /** The scenario's declaration and parameter values, with its structure's compiled model. */
  prepare(scenario: Scenario): PreparedModel {
    const built = buildFlywheelModel(scenario);
    return { scenario, built, compiled: this.compiledFor(scenario, built) };
  }
}
