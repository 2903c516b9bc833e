/**
 * Equations with their syntax trees for the JavaScript writer's tests: TypeScript source goes
 * through the build's transform (scripts/equation-sources.mjs), exactly as the model's files do,
 * and is then evaluated, so each function carries the source a real model equation would.
 */
import ts from 'typescript';
import { registerEquationSources } from '../../scripts/equation-sources.mjs';
import { exp, pow } from '../../simulation/engine/dmath';
import { registerEquationSource } from '../../simulation/engine/equation-source';
import { JsModule, Writer, emitEquation } from '../../simulation/engine/js-emit';

/**
 * Evaluates TypeScript `code` (which may read `exp` and `pow`, dmath's) as a model file after the
 * transform and returns its exports.
 */
export function sourced(code: string): Record<string, unknown> {
  const transformed = registerEquationSources(code, '/virtual/simulation/model/test-equations.ts');
  if (!transformed) throw new Error('the transform registered nothing');
  const js = ts.transpileModule(transformed.code, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const exports: Record<string, unknown> = {};
  const require = (): unknown => ({ registerEquationSource });
  new Function('exports', 'require', 'exp', 'pow', js)(exports, require, exp, pow);
  return exports;
}

/**
 * How block bodies are written: `inline` as statements before the equation's expression (as the
 * run loop's chunks write them), `functions` as generated functions called from it (where a
 * body may not be evaluated, in a branch).
 */
export type BlockMode = 'inline' | 'functions';
export const BLOCK_MODES: readonly BlockMode[] = ['inline', 'functions'];

/**
 * The writer's code for an equation over `n` inputs (a list of n when `list`), as a function of
 * the state vector `x` (inputs in x[0..n-1]). Throws JsUnsupported where the writer refuses.
 */
export function written(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any equation
  fn: Function,
  n: number,
  list = false,
  mode: BlockMode = 'inline',
): { code: string; pre: readonly string[]; evaluate: (x: Float64Array) => unknown } {
  const m = new JsModule();
  const w = new Writer(m, new Set(), 't');
  const inputs = Array.from({ length: n }, (_, i) => `x[${i}]`);
  const { pre, value: code } =
    mode === 'inline'
      ? w.capture(() => emitEquation(m, w, fn, inputs, list))
      : { pre: [], value: emitEquation(m, w, fn, inputs, list) };
  const temps = w.temps.length > 0 ? `let ${w.temps.join(', ')};` : '';
  const source = `"use strict";\n${m.prelude()}\nreturn (x) => { ${temps}\n${pre.join('\n')}\nreturn ${code}; };`;
  const evaluate = new Function('K', source)(m.bound()) as (x: Float64Array) => unknown;
  return { code, pre, evaluate };
}

/** Arguments worth trying: signed zeros, infinities, NaN, integers, fractions, huge and tiny. */
export const SPECIAL = [
  0,
  -0,
  1,
  -1,
  2,
  3,
  0.5,
  -2.5,
  7.25,
  20,
  1e308,
  -1e-310,
  NaN,
  Infinity,
  -Infinity,
];
