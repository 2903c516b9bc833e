/**
 * The wasm backend's three paths for a list equation in one model: inline (known inputs), the
 * fallback's translated helper over a scratch copy (an index not known while translating), and
 * a call back into JavaScript (no source, or outside the subset). A run must match the
 * interpreter to the bit whichever path each takes, with noise, at any step length, with a
 * boolean equation read by later ones of the same step (stored, and held, as 1).
 */
import { describe, expect, it } from 'vitest';
import { compileModel, type ListFn, type ModelDecl, type PositionalFn } from '../../simulation';
import { wasmStatsOf } from '../../simulation/engine/wasm/backend';
import {
  aux,
  auxList,
  calledList,
  expectInterpreterBits,
  flow,
  param,
  stock,
} from './backend-models';
import { sourced } from './js-emit-helpers';

type Fn = PositionalFn & ListFn;
const eq = sourced(`
const sum = (v: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
};
export const live = (t: number, p: number) => t >= p;
export const growth = (s: number, g: number, k: number) => g * s * k * 0.01;
export const events = (s: number) => s * 0.01;
export const total = sum;
export const mean = (v: Float64Array) => (v.length === 0 ? 0 : sum(v) / v.length);
export const pick = (v: Float64Array) => v[Math.floor(Math.abs(v[0]!))]! + 1;
export const refused = (v: Float64Array) => v[Math.floor(v[0]!)] ?? 0;
`) as Record<string, Fn>;

const decl: ModelDecl = {
  variables: [
    param('p'),
    param('g'),
    param('sigma'),
    param('m1'),
    param('m2'),
    aux('live', ['time', 'p'], eq.live!),
    flow('grow', ['S', 'g', 'live'], eq.growth!, { type: 'lognormal', sigma: 'sigma' }),
    flow('leave', ['S'], eq.events!, { type: 'poisson' }),
    auxList('total', ['m1', 'm2', 'grow', 'live'], eq.total!),
    auxList('average', ['m1', 'grow', 'live'], eq.mean!),
    auxList('picked', ['live', 'grow', 'total'], eq.pick!),
    auxList('refused', ['m1', 'grow'], eq.refused!),
    auxList('difference', ['grow', 'total'], calledList),
    stock('S', { inputs: [], fn: () => 100 }, ['grow'], ['leave']),
  ],
};
const parameters = Float64Array.of(3, 0.1, 0.2, 1.5, -2);

describe('wasm list equations: inline, helper over a copy, or called', () => {
  it('match the interpreter to the bit, each path taken', () => {
    const wasm = compileModel(decl, { backend: 'wasm' });
    // total and average inline; picked (index not known) on its helper, refused (`??`) and
    // difference (no source) called: three copied to the scratch area.
    expect(wasmStatsOf(wasm.runLoop)).toMatchObject({ inlineLists: 2, copiedLists: 3, called: 2 });
    expectInterpreterBits(decl, wasm, parameters);
  });
});
