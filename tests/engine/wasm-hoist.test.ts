/**
 * The wasm backend computes an equation's run-invariant expressions (of parameters and
 * constants only) once per run, before the first step, and the steps read them. The operations
 * are the same, on the same values, so every value keeps the interpreter's bits; an expression
 * that reads anything computed in a step (a stock, a flow, time) must stay in the step.
 */
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  runModel,
  type ModelDecl,
  type PositionalFn,
  type RunSettings,
} from '../../simulation';
import { pow } from '../../simulation/engine/dmath';
import { wasmStatsOf } from '../../simulation/engine/wasm/backend';
import { aux, expectInterpreterBits, flow, param, stock } from './backend-models';
import { sourced } from './js-emit-helpers';

// pow is dmath's (sourced() binds it), a builtin of the module: pure, so hoisted too.
const eq = sourced(`
export const scaled = (a: number, b: number, s: number) => (a + b) * s + Math.max(a, b) / (a - b);
export const gated = (s: number, a: number, b: number) => (s > 45 ? pow(a, b) * 0.01 : -(a * b));
export const timed = (t: number, a: number, k: number) => (t * a + k * 2) * 0.001;
export const inflow = (u: number, g: number, c: number) => u * 0.01 + g + c;
export const outflow = (s: number, b: number) => s * (b / (b + 1)) * 0.02;
export const twice = (a: number) => a + a;
export const powed = (s: number, b: number) => pow(Math.abs(s) / 40 + 0.5, b);
`) as Record<string, PositionalFn>;

const decl: ModelDecl = {
  variables: [
    param('a'),
    param('b'),
    param('sigma'),
    // A constant (parameters only): invariant like a parameter.
    aux('k', ['a'], eq.twice!),
    aux('u', ['a', 'b', 'S'], eq.scaled!),
    aux('g', ['S', 'a', 'b'], eq.gated!),
    aux('c', ['time', 'a', 'k'], eq.timed!),
    // A power of a stock to a parameter: its exponent is split once per run (powSplit).
    aux('p', ['S', 'b'], eq.powed!),
    flow('in', ['u', 'g', 'c'], eq.inflow!, { type: 'lognormal', sigma: 'sigma' }),
    flow('out', ['S', 'b'], eq.outflow!, { type: 'poisson' }),
    stock('S', { inputs: ['a'], fn: (a) => 40 + a }, ['in'], ['out']),
  ],
};

describe('wasm: run-invariant expressions hoisted out of the steps', () => {
  it('keeps the interpreter bits, in both modes and at every step length', () => {
    const wasm = compileModel(decl, { backend: 'wasm' });
    // (a + b), max(a, b) / (a - b), pow(a, b) * 0.01, -(a * b), k * 2, b / (b + 1): six; and
    // the two halves of p's exponent b.
    expect(wasmStatsOf(wasm.runLoop)?.hoisted).toBe(8);
    // The stock crosses 45 both ways in these runs: both branches of `gated` are taken.
    for (const parameters of [Float64Array.of(3, 1.5, 0.2), Float64Array.of(-1, 0.5, 0.3)])
      expectInterpreterBits(decl, wasm, parameters);
    expect(pow(3, 1.5) * 0.01).toBeGreaterThan(0.05);
  });

  it('stops a run made non-finite by a hoisted expression, as the interpreter does', () => {
    // a = b: max(a, b) / (a - b) is infinite (computed once, before the first step).
    const parameters = Float64Array.of(2, 2, 0.1);
    const settings: RunSettings = { mode: 'stochastic', stepWeeks: 1, weeks: 26, seed: 7 };
    const message = (backend: 'interpreter' | 'wasm'): string => {
      try {
        runModel(compileModel(decl, { backend }), parameters, settings);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message('interpreter')).toBe("'u' became Infinity at week 0");
    expect(message('wasm')).toBe(message('interpreter'));
  });
});
