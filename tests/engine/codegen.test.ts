/**
 * The codegen backend writes equations inline (simulation/engine/js-emit.ts) where it can and
 * calls the others; a run must match the interpreter to the bit either way, with noise, at any
 * step length, including a boolean equation read later in the same generated chunk (a stored
 * value is a number) and list equations. On the presets every equation must be written.
 */
import { describe, expect, it } from 'vitest';
import {
  PRESETS,
  codegenStatsOf,
  compileModel,
  prepareModel,
  runModel,
  type ListFn,
  type ModelDecl,
  type PositionalFn,
  type PresetName,
} from '../../simulation';
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

/** An equation usable as either kind (the test picks). */
type Fn = PositionalFn & ListFn;
const eq = sourced(`
const sum = (v: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
};
export const live = (t: number, p: number) => t >= p;
export const twice = (live: number) => (live === 1 ? 2 : 3);
export const growth = (s: number, g: number, k: number) => g * s * k * 0.01;
export const events = (s: number) => s * 0.01;
export const total = sum;
export const mean = (v: Float64Array) => (v.length === 0 ? 0 : sum(v) / v.length);
export const doubled = (g: number) => g * 2;
export const initial = (c: number) => c * 100;
export const refused = (v: Float64Array) => v[Math.floor(v[0]!)] ?? 0;
`) as Record<string, Fn>;

const decl: ModelDecl = {
  variables: [
    param('p'),
    param('g'),
    param('sigma'),
    param('m1'),
    param('m2'),
    aux('c1', ['g'], eq.doubled!),
    aux('c2', ['g', 'm1'], calledFn),
    aux('live', ['time', 'p'], eq.live!),
    aux('twice', ['live'], eq.twice!),
    flow('grow', ['S', 'g', 'twice'], eq.growth!, { type: 'lognormal', sigma: 'sigma' }),
    flow('leave', ['S'], eq.events!, { type: 'poisson' }),
    auxList('total', ['m1', 'm2', 'grow', 'twice'], eq.total!),
    auxList('average', ['m1', 'grow', 'live'], eq.mean!),
    aux('ratio', ['total', 'average'], calledFn),
    auxList('difference', ['grow', 'total', 'm2'], calledList),
    auxList('picked', ['live', 'grow', 'total'], eq.refused!),
    stock('S', { inputs: ['c1'], fn: eq.initial! }, ['grow'], ['leave']),
  ],
};
const parameters = Float64Array.of(3, 0.1, 0.2, 1.5, -2);

describe('codegen writes equations inline', () => {
  it('matches the interpreter to the bit, written and called equations mixed', () => {
    const generated = compileModel(decl, { backend: 'codegen' });
    // live, twice, grow, leave, total, average written; ratio, difference, picked called.
    expect(codegenStatsOf(generated.runLoop)).toEqual({ written: 6, called: 3 });
    // c1 and S's initial value written, c2 called.
    expect(codegenStatsOf(generated.start)).toEqual({ written: 2, called: 1 });
    expectInterpreterBits(decl, generated, parameters);
    const twice = generated.slotOf.get('twice')!;
    const run = runModel(generated, parameters, {
      mode: 'expected',
      stepWeeks: 1,
      weeks: 6,
      seed: 1,
    });
    const n = generated.variables.length;
    // Week 3 onwards live is true, stored as 1: twice reads 1 (=== 1), not true.
    expect([0, 3, 6].map((k) => run.values[k * n + twice])).toEqual([3, 2, 2]);
  });

  it('writes every equation of the presets (none called)', () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      const { compiled } = prepareModel(PRESETS[name](), 'codegen');
      expect(codegenStatsOf(compiled.runLoop)).toEqual({
        written: compiled.program.length,
        called: 0,
      });
      expect(codegenStatsOf(compiled.start)).toEqual({
        written: compiled.startEquations.length,
        called: 0,
      });
    }
  });
});
