/**
 * Models kept by structure. A model's variables and equations depend only on the scenario's
 * entities and their wiring (products, consumers, what each uses, own pipelines); every number is
 * a parameter value passed to the run. So a change of values reuses the declaration and the
 * compiled model (the app's engine worker: a slider step declares and compiles nothing) and only a
 * change of structure builds new ones.
 */
import { compileModel, nameSalt, type Backend, type CompiledModel } from '../engine/compile';
import { wasmArtifactOf, type WasmRunArtifact } from '../engine/wasm/backend';
import {
  laneArtifactOf,
  laneLoopOf,
  type LaneArtifact,
  type LaneRunLoop,
} from '../engine/wasm/backend-lanes';
import { buildFlywheelModel, parameterValuesOf, type BuiltModel } from '../model/flywheel';
import type { Scenario } from '../scenario/types';
import { prunedModel } from './prune';

/** What decides the model's variable layout and equations: the entities and their wiring. */
export function structureKey(s: Scenario): string {
  return JSON.stringify([
    s.dataProducts.map((p) => [p.id, p.name]),
    s.aiConsumers.map((c) => [c.id, c.name, c.uses, c.ownPipelines]),
  ]);
}

const layoutKeys = new WeakMap<CompiledModel, string>();

/**
 * A short key of a compiled model's variable layout (how many variables, and a hash of their names
 * in slot order): two threads that compiled the same structure agree on it, so a run's values can
 * cross between them without the list of names.
 */
export function layoutKey(model: CompiledModel): string {
  let key = layoutKeys.get(model);
  if (key === undefined) {
    key = `${model.variables.length}:${nameSalt(model.variables.map((v) => v.name).join('\n'))}`;
    layoutKeys.set(model, key);
  }
  return key;
}

export interface PreparedModel {
  readonly scenario: Scenario;
  readonly built: BuiltModel;
  readonly compiled: CompiledModel;
}

/** A structure's translated run loop, for another thread's cache (see CompiledModelCache.adopt). */
export interface SharedRunLoop {
  readonly structure: string;
  readonly artifact: WasmRunArtifact;
}

/** A structure's run loop for pairs of runs, for another thread's cache (see adoptLanes). */
export interface SharedLaneLoop {
  readonly structure: string;
  readonly artifact: LaneArtifact;
}

/**
 * The most recently used models of one backend, by structure: each declaration and its compiled
 * model. Models share their evaluation state, so runs of the same model must not interleave (one
 * cache per thread).
 */
export class CompiledModelCache {
  private readonly models = new Map<string, { built: BuiltModel; compiled: CompiledModel }>();
  /** Translations made by another thread, by structure (used when this one compiles it). */
  private readonly adopted = new Map<string, WasmRunArtifact>();
  private readonly adoptedLanes = new Map<string, LaneArtifact>();
  /** Each compiled model's key in `models`. */
  private readonly keys = new WeakMap<CompiledModel, string>();

  /**
   * `deferWasm`: a model's WebAssembly run loop is made at its first run (see CompileOptions.wasm),
   * so translations adopted after the model was compiled are still used.
   */
  constructor(
    readonly backend: Backend = 'interpreter',
    private readonly capacity = 8,
    private readonly deferWasm = false,
  ) {}

  /** `keep`: the model cut down to what these variables need (prune.ts), null for all of it. */
  private entry(
    scenario: Scenario,
    keep: readonly string[] | null = null,
  ): {
    built: BuiltModel;
    compiled: CompiledModel;
    fresh: boolean;
  } {
    const structure = structureKey(scenario);
    const key = keep === null ? structure : JSON.stringify([structure, keep]);
    const cached = this.models.get(key);
    if (cached) {
      this.models.delete(key); // most recently used last
      this.models.set(key, cached);
      return { ...cached, fresh: false };
    }
    const whole = buildFlywheelModel(scenario);
    const built = keep === null ? whole : { ...whole, decl: prunedModel(whole.decl, keep) };
    const adopted = (): WasmRunArtifact | null => this.adopted.get(key) ?? null;
    const compiled = compileModel(built.decl, {
      backend: this.backend,
      wasm: this.deferWasm ? adopted : adopted(),
    });
    if (this.models.size >= this.capacity) this.models.delete(this.models.keys().next().value!);
    this.models.set(key, { built, compiled });
    this.keys.set(compiled, key);
    return { built, compiled, fresh: true };
  }

  /**
   * The WebAssembly run loops of the structures this cache holds, for another thread's cache to
   * adopt (wasm backend; a loop that calls functions only this thread has is left out).
   */
  sharedRunLoops(): SharedRunLoop[] {
    return [...this.models].flatMap(([structure, { compiled }]) => {
      const artifact = compiled.backend === 'wasm' ? wasmArtifactOf(compiled.runLoop) : null;
      return artifact ? [{ structure, artifact }] : [];
    });
  }

  /**
   * Run loops another thread translated: a structure compiled here later uses its module instead
   * of translating (it is checked to be for the same model; the numbers are the same either way).
   */
  adopt(loops: readonly SharedRunLoop[]): void {
    for (const l of loops) this.adopted.set(l.structure, l.artifact);
  }

  /**
   * The run loop for pairs of runs of a model this cache compiled (backend-lanes.ts): another
   * thread's translation where one was adopted for its structure, else made here; null where the
   * backend is not wasm or the model's code has no two-lane form.
   */
  laneLoop(compiled: CompiledModel): LaneRunLoop | null {
    const key = this.keys.get(compiled);
    return laneLoopOf(compiled, (key !== undefined && this.adoptedLanes.get(key)) || null);
  }

  /** The lane loops made here (see laneLoop), for another thread's cache to adopt. */
  sharedLaneLoops(): SharedLaneLoop[] {
    return [...this.models].flatMap(([structure, { compiled }]) => {
      const artifact = laneArtifactOf(compiled);
      return artifact ? [{ structure, artifact }] : [];
    });
  }

  /** Lane loops another thread translated (see adopt). */
  adoptLanes(loops: readonly SharedLaneLoop[]): void {
    for (const l of loops) this.adoptedLanes.set(l.structure, l.artifact);
  }

  /** The compiled model of a scenario's structure. */
  compiledFor(scenario: Scenario): CompiledModel {
    return this.entry(scenario).compiled;
  }

  /**
   * The scenario's model: its structure's declaration and compiled model, with this scenario's
   * parameter values (the only part of a model that depends on values).
   */
  prepare(scenario: Scenario): PreparedModel {
    return this.prepared(scenario, null);
  }

  /**
   * The scenario's model cut down to what the variables `keep` need (prune.ts: the same values
   * of those, computing nothing else), cached as prepare's.
   */
  preparePruned(scenario: Scenario, keep: readonly string[]): PreparedModel {
    return this.prepared(scenario, keep);
  }

  private prepared(scenario: Scenario, keep: readonly string[] | null): PreparedModel {
    const { built, compiled, fresh } = this.entry(scenario, keep);
    return {
      scenario,
      built: fresh ? built : { ...built, parameterValues: parameterValuesOf(scenario) },
      compiled,
    };
  }
}
