/**
 * Second backend for the per-step program: generates one JavaScript function for the whole run
 * loop, with each equation called from its own call site so the JIT can inline it. It performs
 * exactly the interpreter's arithmetic in the same order, so results are bit-identical (a test
 * checks this). It needs `new Function`, which a strict Content-Security-Policy forbids: the app's
 * Web Worker uses the interpreter; Node (CLI, Monte Carlo workers, tests) uses this.
 */
import type { CompiledModel, Program } from './compile';
import { exp } from './dmath';

/**
 * Runs every step, copying the state vector into `values` at each point (only the slots listed in
 * `record`, in that order, when it is given: `values[k * record.length + j] = x[record[j]]`, for
 * callers that need a few series of a run). Returns 0 when every
 * value the equations computed was finite, NaN otherwise (the sum of `value * 0` over them): the
 * caller then looks for the first non-finite value. Stocks, parameters and constants are not
 * included; a non-finite stock stays non-finite to the end, so checking the final state covers them.
 */
export type RunLoop = (
  x: Float64Array,
  values: Float64Array,
  points: number,
  dt: number,
  stochastic: boolean,
  record: Int32Array | null,
) => number;

/** True where `new Function` is allowed (not under a CSP without unsafe-eval). */
export function codegenAvailable(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

/**
 * Equations per generated chunk function. V8 inlines callees only up to a cumulative bytecode
 * budget per optimised function; small chunks each get their own budget, so nearly every equation
 * is inlined (no call, no boxed return value). Measured on the default model: one big function
 * ~460 us per run, chunks of 16 about 300 us (see `npm run bench`).
 */
const CHUNK = 16;

export function generateRunLoop(model: CompiledModel): RunLoop {
  const p: Program = model.program;
  const lines: string[] = ['"use strict";'];
  for (let i = 0; i < p.length; i++) {
    if (p.listFns[i]) lines.push(`const l${i} = L[${i}], b${i} = B[${i}];`);
    else lines.push(`const f${i} = F[${i}];`);
    if (p.streams[i]) lines.push(`const r${i} = R[${i}];`);
  }
  const chunkNames: string[] = [];
  for (let start = 0; start < p.length; start += CHUNK) {
    const name = `chunk${chunkNames.length}`;
    chunkNames.push(name);
    lines.push(`function ${name}(x, dt, stochastic) {`);
    lines.push('let v = 0, sg = 0, ck = 0;');
    for (let i = start; i < Math.min(p.length, start + CHUNK); i++) {
      const a = p.inputStart[i]!;
      const b = p.inputStart[i + 1]!;
      const args: string[] = [];
      for (let j = a; j < b; j++) args.push(`x[${p.inputs[j]}]`);
      if (p.listFns[i]) {
        args.forEach((arg, j) => lines.push(`b${i}[${j}] = ${arg};`));
        lines.push(`v = l${i}(b${i});`);
      } else {
        lines.push(`v = f${i}(${args.join(', ')});`);
      }
      if (p.noise[i] === 1) lines.push(`if (stochastic) v = r${i}.poisson(v * dt) / dt;`);
      if (p.noise[i] === 2) {
        lines.push(
          `if (stochastic) { sg = x[${p.noiseSigma[i]}]; v = v * EXP(sg * r${i}.normal() - 0.5 * sg * sg); }`,
        );
      }
      lines.push(`x[${p.outputs[i]}] = v;`);
      lines.push('ck += v * 0;');
    }
    lines.push('return ck;');
    lines.push('}');
  }
  lines.push('return function run(x, values, points, dt, stochastic, record) {');
  lines.push('const steps = points - 1;');
  lines.push('let check = 0;');
  lines.push('for (let k = 0; k < points; k++) {');
  lines.push('x[0] = k * dt;');
  for (const c of chunkNames) lines.push(`check += ${c}(x, dt, stochastic);`);
  lines.push('if (record === null) values.set(x, k * x.length);');
  lines.push(
    'else for (let j = 0, b = k * record.length; j < record.length; j++) values[b + j] = x[record[j]];',
  );
  lines.push('if (k === steps) break;');
  model.stockSlots.forEach((s, j) => {
    const terms: string[] = [];
    for (let f = model.inflowStart[j]!; f < model.inflowStart[j + 1]!; f++)
      terms.push(` + x[${model.inflowSlots[f]}]`);
    for (let f = model.outflowStart[j]!; f < model.outflowStart[j + 1]!; f++)
      terms.push(` - x[${model.outflowSlots[f]}]`);
    // Same association as the interpreter: net = ((0 + in1) + in2) - out1 ...; x += dt * net.
    lines.push(`x[${s}] += dt * (0${terms.join('')});`);
  });
  lines.push('}');
  lines.push('return check;');
  lines.push('};');
  const factory = new Function('F', 'L', 'B', 'R', 'EXP', lines.join('\n')) as (
    F: readonly unknown[],
    L: readonly unknown[],
    B: readonly unknown[],
    R: readonly unknown[],
    EXP: (x: number) => number,
  ) => RunLoop;
  // The deterministic exp (dmath.ts), as the interpreter uses: the same bits in every engine.
  return factory(p.fns, p.listFns, p.listBuffers, p.streams, exp);
}
