/**
 * The wasm backend's three paths for a list equation in one model: inline (known inputs), the
 * fallback's translated helper over a scratch copy (an index not known while translating), and
 * a call back into JavaScript (no source, or outside the subset). A run must match the
 * interpreter to the bit whichever path each takes, with noise, at any step length, with a
 * boolean equation read by later ones of the same step (stored, and held, as 1).
 */
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  runModel,
  type ListFn,
  type ModelDecl,
  type PositionalFn,
  type RunSettings,
  type VariableDecl,
} from '../../simulation';
import { wasmStatsOf } from '../../simulation/engine/wasm/backend';
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

// Test files do not go through the transform: this has no source and is called.
const calledList = (v: Float64Array): number => v[0]! - v[v.length - 1]!;

const variable = (
  kind: 'auxiliary' | 'flow',
  name: string,
  equation: object,
  extra = {},
): VariableDecl => ({ kind, name, unit: '', description: '', equation, ...extra }) as VariableDecl;
const param = (name: string): VariableDecl =>
  ({ kind: 'parameter', name, unit: '', description: '' }) as VariableDecl;

const decl: ModelDecl = {
  variables: [
    param('p'),
    param('g'),
    param('sigma'),
    param('m1'),
    param('m2'),
    variable('auxiliary', 'live', { inputs: ['time', 'p'], fn: eq.live! }),
    variable(
      'flow',
      'grow',
      { inputs: ['S', 'g', 'live'], fn: eq.growth! },
      { noise: { type: 'lognormal', sigma: 'sigma' } },
    ),
    variable('flow', 'leave', { inputs: ['S'], fn: eq.events! }, { noise: { type: 'poisson' } }),
    variable('auxiliary', 'total', { inputs: ['m1', 'm2', 'grow', 'live'], listFn: eq.total! }),
    variable('auxiliary', 'average', { inputs: ['m1', 'grow', 'live'], listFn: eq.mean! }),
    variable('auxiliary', 'picked', { inputs: ['live', 'grow', 'total'], listFn: eq.pick! }),
    variable('auxiliary', 'refused', { inputs: ['m1', 'grow'], listFn: eq.refused! }),
    variable('auxiliary', 'difference', { inputs: ['grow', 'total'], listFn: calledList }),
    {
      kind: 'stock',
      name: 'S',
      unit: '',
      description: '',
      initial: { inputs: [], fn: () => 100 },
      inflows: ['grow'],
      outflows: ['leave'],
    },
  ],
};
const parameters = Float64Array.of(3, 0.1, 0.2, 1.5, -2);

describe('wasm list equations: inline, helper over a copy, or called', () => {
  it('match the interpreter to the bit, each path taken', () => {
    const interpreted = compileModel(decl, { backend: 'interpreter' });
    const wasm = compileModel(decl, { backend: 'wasm' });
    // total and average inline; picked (index not known) on its helper, refused (`??`) and
    // difference (no source) called: three copied to the scratch area.
    expect(wasmStatsOf(wasm.runLoop)).toMatchObject({ inlineLists: 2, copiedLists: 3, called: 2 });
    for (const mode of ['expected', 'stochastic'] as const) {
      for (const stepWeeks of [1, 0.25]) {
        const settings: RunSettings = { mode, stepWeeks, weeks: 26, seed: 7 };
        const a = runModel(interpreted, parameters, settings).values;
        const b = runModel(wasm, parameters, settings).values;
        expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
      }
    }
  });
});
