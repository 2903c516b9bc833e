/**
 * Second backend for the per-step program: generates one JavaScript function for the whole run
 * loop (and one for the start of a run: constants and initial values). Each equation is written
 * inline from its syntax tree (js-emit.ts), its inputs read from the state vector; an equation
 * without a source (scripts run without the build's transform) or outside what the writer handles
 * is called from its own call site, so that the JIT can inline it. Either way it performs exactly
 * the interpreter's arithmetic in the same order, so results are bit-identical (tests check this).
 * It needs `new Function`, which a strict Content-Security-Policy forbids: the app's Web Worker
 * uses the interpreter; Node (CLI, Monte Carlo workers, tests) uses this.
 */
import type { CompiledModel, Program } from './compile';
import { exp } from './dmath';
import { emitEquation, JsModule, JsUnsupported, Writer } from './js-emit';

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
 * Size of a generated chunk function, in equations written inline; an equation called instead
 * counts as three. V8 inlines callees only up to a cumulative bytecode budget per optimised
 * function: small chunks each get their own budget, so nearly every called equation is inlined
 * (no call, no boxed return value). Equations written inline need no inlining, and a value
 * computed earlier in the same chunk is read from a local instead of the state vector, so their
 * chunks are larger. Measured (CPU per run of both presets, 156 weeks, before the start was
 * generated): calls in chunks of 16, 494 us; written inline, chunks of 16, 436 us, of 24-32,
 * 413-427 us, of 48, 406-415 us, of 64-400, 441-452 us (one big function of calls was ~1.5x
 * chunks of 16 calls). See docs/ARCHITECTURE.md "Performance".
 */
const CHUNK_BUDGET = 48;
const CALLED_COST = 3;

/** How many equations a generated function writes inline and how many it calls. */
export interface CodegenStats {
  readonly written: number;
  readonly called: number;
}
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
const statsOf = new WeakMap<Function, CodegenStats>();

/** The statistics of a generated run loop or start function (undefined for other backends'). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- looked up by identity
export function codegenStatsOf(fn: Function): CodegenStats | undefined {
  return statsOf.get(fn);
}

/** The expression of an equation written inline (temporaries from `w`), or null to call it. */
function written(
  js: JsModule,
  w: Writer,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- an equation closure
  fn: Function,
  inputs: readonly string[],
  list: boolean,
): { pre: string[]; code: string } | null {
  try {
    const { pre, value } = w.capture(() => emitEquation(js, w, fn, inputs, list));
    return { pre, code: value };
  } catch (e) {
    if (!(e instanceof JsUnsupported)) throw e;
    return null;
  }
}

/**
 * The chunk functions of a run loop, filled equation by equation: a chunk ends when its budget is
 * spent. Within a chunk a value computed earlier is read from its local (`y<i>`).
 */
class Chunks {
  readonly names: string[] = [];
  readonly lines: string[] = [];
  private body: string[] = [];
  private temps: string[] = [];
  private local = new Map<number, string>();
  private used = 0;

  /** The expression reading a slot's current value. */
  read(slot: number): string {
    return this.local.get(slot) ?? `x[${slot}]`;
  }

  /**
   * Opens a new chunk when an equation of this cost does not fit in the one being filled; true
   * when it did (the equation's inputs from the previous chunk are then read from the state).
   */
  makeRoom(cost: number): boolean {
    if (this.names.length > 0 && this.used + cost <= CHUNK_BUDGET) return false;
    if (this.names.length > 0) this.close();
    this.names.push(`chunk${this.names.length}`);
    this.body = [];
    this.temps = [];
    this.local = new Map();
    this.used = 0;
    return true;
  }

  /** Adds an equation's lines (its value computed into `v`), its temporaries and its output. */
  add(
    cost: number,
    temps: readonly string[],
    body: readonly string[],
    index: number,
    out: number,
  ): void {
    this.used += cost;
    this.temps.push(...temps);
    this.body.push(...body);
    // The state vector holds numbers: a value read later in this chunk is converted as a store
    // into it converts (a boolean to 0 or 1), once.
    this.body.push(`const y${index} = +v;`, `x[${out}] = y${index};`, `ck += y${index} * 0;`);
    this.local.set(out, `y${index}`);
  }

  /** Ends the chunk being filled. */
  close(): void {
    const name = this.names[this.names.length - 1];
    if (name === undefined) return;
    this.lines.push(`function ${name}(x, dt, stochastic) {`);
    this.lines.push(`let v = 0, ck = 0${this.temps.map((t) => `, ${t}`).join('')};`);
    this.lines.push(...this.body, 'CK[0] += ck;', '}');
  }
}

export function generateRunLoop(model: CompiledModel): RunLoop {
  const p: Program = model.program;
  const js = new JsModule();
  const chunks = new Chunks();
  let called = 0;
  for (let i = 0; i < p.length; i++) {
    const fn = p.listFns[i] ?? p.fns[i]!;
    const list = p.listFns[i] !== null;
    const inputs = (): string[] => {
      const out: string[] = [];
      for (let j = p.inputStart[i]!; j < p.inputStart[i + 1]!; j++)
        out.push(chunks.read(p.inputs[j]!));
      return out;
    };
    const w = new Writer(js, new Set(), `t${i}_`);
    let code = written(js, w, fn, inputs(), list);
    const cost = code === null ? CALLED_COST : 1;
    if (chunks.makeRoom(cost) && code !== null) code = written(js, w, fn, inputs(), list);
    const body: string[] = [];
    if (code !== null) {
      body.push(...code.pre, `v = ${code.code};`);
    } else if (list) {
      called++;
      const buffer = js.bind(p.listBuffers[i]);
      inputs().forEach((arg, j) => body.push(`${buffer}[${j}] = ${arg};`));
      body.push(`v = ${js.bind(fn)}(${buffer});`);
    } else {
      called++;
      body.push(`v = ${js.bind(fn)}(${inputs().join(', ')});`);
    }
    const rng = p.noise[i] === 0 ? '' : js.bind(p.streams[i]);
    if (p.noise[i] === 1) body.push(`if (stochastic) v = ${rng}.poisson(v * dt) / dt;`);
    if (p.noise[i] === 2) {
      const sg = chunks.read(p.noiseSigma[i]!);
      body.push(`if (stochastic) v = v * EXP(${sg} * ${rng}.normal() - 0.5 * ${sg} * ${sg});`);
    }
    chunks.add(cost, w.temps, body, i, p.outputs[i]!);
  }
  chunks.close();
  const lines = chunks.lines;
  const chunkNames = chunks.names;
  lines.push('return function run(x, values, points, dt, stochastic, record) {');
  lines.push('const steps = points - 1;');
  lines.push('CK[0] = 0;');
  lines.push('for (let k = 0; k < points; k++) {');
  lines.push('x[0] = k * dt;');
  for (const c of chunkNames) lines.push(`${c}(x, dt, stochastic);`);
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
  lines.push('return CK[0];');
  lines.push('};');
  const source = ['"use strict";', 'const CK = new Float64Array(1);', js.prelude(), ...lines].join(
    '\n',
  );
  const factory = new Function('EXP', 'K', source) as (
    EXP: (x: number) => number,
    K: readonly unknown[],
  ) => RunLoop;
  // The deterministic exp (dmath.ts), as the interpreter uses: the same bits in every engine.
  const run = factory(exp, js.bound());
  statsOf.set(run, { written: p.length - called, called });
  return run;
}

/**
 * The start of a run as one generated function: each start equation (constants, then initial
 * values) written inline into its slot, or its evaluator called.
 */
export function generateStart(model: CompiledModel): () => void {
  const js = new JsModule();
  const lines: string[] = [];
  const temps: string[] = [];
  let called = 0;
  model.startEquations.forEach((e, i) => {
    const eq = e.equation;
    const w = new Writer(js, new Set(), `t${i}_`);
    const inputs = e.inputSlots.map((s) => `x[${s}]`);
    const code = written(js, w, 'listFn' in eq ? eq.listFn : eq.fn, inputs, 'listFn' in eq);
    temps.push(...w.temps);
    if (code === null) lines.push(`${js.bind(e.evaluate)}();`);
    else lines.push(...code.pre, `x[${e.slot}] = ${code.code};`);
    called += code === null ? 1 : 0;
  });
  const source = [
    '"use strict";',
    js.prelude(),
    'return function start() {',
    temps.length > 0 ? `let ${temps.join(', ')};` : '',
    ...lines,
    '};',
  ].join('\n');
  const factory = new Function('x', 'K', source) as (
    x: Float64Array,
    K: readonly unknown[],
  ) => () => void;
  const start = factory(model.context.x, js.bound());
  statsOf.set(start, { written: model.startEquations.length - called, called });
  return start;
}
