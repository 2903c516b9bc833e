/**
 * Small models for the backends' tests (codegen.test.ts, wasm-backend-lists.test.ts): their
 * declarations, and the check that a backend's run has the interpreter's bits.
 */
import { expect } from 'vitest';
import {
  compileModel,
  runModel,
  type CompiledModel,
  type ListFn,
  type ModelDecl,
  type PositionalFn,
  type RunSettings,
  type VariableDecl,
} from '../../simulation';

type Noise = { type: 'poisson' } | { type: 'lognormal'; sigma: string };

// Test files do not go through the transform: these equations have no source, so every backend
// calls them (a translating backend imports them).
export const calledFn = (a: number, b: number): number => a / (b + 1);
export const calledList = (v: Float64Array): number => v[0]! - v[v.length - 1]!;

export const param = (name: string): VariableDecl => ({
  kind: 'parameter',
  name,
  unit: '',
  description: '',
});

export const aux = (name: string, inputs: string[], fn: PositionalFn): VariableDecl => ({
  kind: 'auxiliary',
  name,
  unit: '',
  description: '',
  equation: { inputs, fn },
});

export const auxList = (name: string, inputs: string[], listFn: ListFn): VariableDecl => ({
  kind: 'auxiliary',
  name,
  unit: '',
  description: '',
  equation: { inputs, listFn },
});

export const flow = (
  name: string,
  inputs: string[],
  fn: PositionalFn,
  noise: Noise,
): VariableDecl => ({
  kind: 'flow',
  name,
  unit: '',
  description: '',
  equation: { inputs, fn },
  noise,
});

export const stock = (
  name: string,
  initial: { inputs: string[]; fn: PositionalFn },
  inflows: string[],
  outflows: string[],
): VariableDecl => ({ kind: 'stock', name, unit: '', description: '', initial, inflows, outflows });

/**
 * Runs `compiled` and the interpreter's compilation of `decl` over 26 weeks in both modes, at
 * steps of 1 and 0.25 weeks: every value must have the same bits.
 */
export function expectInterpreterBits(
  decl: ModelDecl,
  compiled: CompiledModel,
  parameters: Float64Array,
): void {
  const interpreted = compileModel(decl, { backend: 'interpreter' });
  for (const mode of ['expected', 'stochastic'] as const) {
    for (const stepWeeks of [1, 0.25]) {
      const settings: RunSettings = { mode, stepWeeks, weeks: 26, seed: 7 };
      const a = runModel(interpreted, parameters, settings).values;
      const b = runModel(compiled, parameters, settings).values;
      expect(Buffer.from(b.buffer).equals(Buffer.from(a.buffer))).toBe(true);
    }
  }
}
