/**
 * A model's translated run loop (WasmRunArtifact) is reused instead of translating again: by
 * another compilation of the same model in this thread, or in a worker that received it (here a
 * structured clone, as postMessage makes). The reused module gives the interpreter's bits; an
 * artifact made for another model is not used; a loop that imports a function only this thread
 * has is not offered.
 */
import { describe, expect, it } from 'vitest';
import { compileModel, type ModelDecl, type PositionalFn } from '../../simulation';
import { wasmArtifactOf, wasmModelKey, wasmStatsOf } from '../../simulation/engine/wasm/backend';
import {
  aux,
  auxList,
  calledFn,
  calledList,
  expectInterpreterBits,
  flow,
  param,
  stock,
} from './backend-models';
import { sourced } from './js-emit-helpers';

const eq = sourced(`
export const grown = (s: number, a: number) => pow(s / 100 + 1, a) + Math.exp(a / 10);
export const inflow = (p: number, c: number) => p * 0.01 + c * 0.001;
export const outflow = (s: number) => s * 0.02;
const counted = (x: number) => { let n = 0; while (n < x) n = n + 1; return n; };
export const viaHelper = (s: number) => counted(s / 50) + s;
`) as Record<string, PositionalFn>;

const decl: ModelDecl = {
  variables: [
    param('a'),
    param('b'),
    aux('grown', ['S', 'a'], eq.grown!),
    aux('ratio', ['grown', 'b'], calledFn),
    auxList('spread', ['grown', 'ratio', 'S'], calledList),
    flow('in', ['grown', 'spread'], eq.inflow!, { type: 'poisson' }),
    flow('out', ['S'], eq.outflow!, { type: 'poisson' }),
    stock('S', { inputs: ['a'], fn: (a) => 40 + a }, ['in'], ['out']),
  ],
};
const parameters = [Float64Array.of(0.8, 1.1), Float64Array.of(1.7, 0.4)];

describe('wasm: a translated run loop reused', () => {
  it('runs the module of another compilation of the same model, with the interpreter bits', () => {
    const first = compileModel(decl, { backend: 'wasm' });
    const artifact = wasmArtifactOf(first.runLoop);
    expect(artifact).not.toBeNull();
    // Math.exp, an equation and a list equation called (and dmath's sin and cos, for the normal
    // deviates): each bound by the model that runs it.
    expect(new Set(artifact!.imports.map((w) => w.kind))).toEqual(
      new Set(['dmath', 'equation', 'list', 'math']),
    );
    // As a worker receives it.
    const received = structuredClone(artifact!);
    const second = compileModel(decl, { backend: 'wasm', wasm: received });
    expect(wasmArtifactOf(second.runLoop)).toBe(received);
    expect(wasmStatsOf(second.runLoop)).toEqual(wasmStatsOf(first.runLoop));
    for (const p of parameters) expectInterpreterBits(decl, second, p);
  });

  it('waits for a translation until the first run when asked to (CompileOptions.wasm as a function)', () => {
    const artifact = structuredClone(
      wasmArtifactOf(compileModel(decl, { backend: 'wasm' }).runLoop)!,
    );
    let asked = 0;
    let given: typeof artifact | null = null;
    const deferred = compileModel(decl, {
      backend: 'wasm',
      wasm: () => {
        asked++;
        return given;
      },
    });
    expect(asked).toBe(0);
    expect(wasmArtifactOf(deferred.runLoop)).toBeNull(); // nothing made yet
    given = artifact; // comes after the model was compiled
    for (const p of parameters) expectInterpreterBits(decl, deferred, p);
    expect(asked).toBe(1);
    expect(wasmArtifactOf(deferred.runLoop)).toBe(artifact);
    // None given by the first run: it translates its own.
    const alone = compileModel(decl, { backend: 'wasm', wasm: () => null });
    for (const p of parameters) expectInterpreterBits(decl, alone, p);
    expect(wasmArtifactOf(alone.runLoop)).not.toBe(artifact);
    expect(wasmStatsOf(alone.runLoop)).toEqual(wasmStatsOf(deferred.runLoop));
  });

  it("translates again rather than use another model's module", () => {
    const artifact = wasmArtifactOf(compileModel(decl, { backend: 'wasm' }).runLoop)!;
    const other: ModelDecl = {
      variables: decl.variables.map((v) =>
        v.name === 'out' ? flow('out', ['grown'], eq.outflow!, { type: 'poisson' }) : v,
      ),
    };
    const compiled = compileModel(other, { backend: 'wasm', wasm: artifact });
    expect(wasmModelKey(compiled)).not.toBe(artifact.key);
    expect(wasmArtifactOf(compiled.runLoop)).not.toBe(artifact);
    for (const p of parameters) expectInterpreterBits(other, compiled, p);
  });

  it('does not offer a loop that calls a function only this thread has', () => {
    const withHelper: ModelDecl = {
      variables: [...decl.variables, aux('helped', ['S'], eq.viaHelper!)],
    };
    const compiled = compileModel(withHelper, { backend: 'wasm' });
    expect(wasmStatsOf(compiled.runLoop)?.translated).toBeGreaterThan(0);
    expect(wasmArtifactOf(compiled.runLoop)).toBeNull();
    for (const p of parameters) expectInterpreterBits(withHelper, compiled, p);
  });
});
