import {
  DT,
  ModelError,
  TIME,
  type Equation,
  type ModelDecl,
  type VariableDecl,
  type VariableKind,
  type FlowDecl,
  type AuxiliaryDecl,
  type PositionalFn,
  type ListFn,
} from './types';
import { Rng } from './rng';
import { codegenAvailable, generateRunLoop, generateStart, type RunLoop } from './codegen';
import { interpretRunLoop } from './interpreter';
import { generateWasmRunLoop, wasmAvailable, type WasmRunArtifact } from './wasm/backend';

/** Mutable state shared by a compiled model's evaluators. One per compiled model; not re-entrant. */
export interface EvalContext {
  readonly x: Float64Array;
}

/** A variable after compilation: its slot, kind and declaration. */
export interface CompiledVariable {
  readonly slot: number;
  readonly decl: VariableDecl | null;
  readonly name: string;
  readonly kind: VariableKind | 'builtin';
  readonly unit: string;
  /** Slots this variable's equation reads (initial equation for stocks). */
  readonly inputSlots: readonly number[];
  /** True when the value depends on parameters only: computed once per run. */
  readonly constant: boolean;
}

export interface CompiledModel {
  readonly variables: readonly CompiledVariable[];
  readonly slotOf: ReadonlyMap<string, number>;
  readonly parameterNames: readonly string[];
  readonly parameterSlots: Int32Array;
  readonly stockSlots: Int32Array;
  readonly metricNames: readonly string[];
  /**
   * Internal: what a run evaluates once, before its first step: the constants in dependency order,
   * then the stocks' initial values.
   */
  readonly startEquations: readonly StartEquation[];
  /** Evaluates the start equations into the state vector (the chosen backend's way). */
  readonly start: () => void;
  /** Internal: the per-step program, a flat instruction list (see run.ts). */
  readonly program: Program;
  /** Internal: for stock k, inflows are flowSlots[inStart[k]..inStart[k+1]) etc. */
  readonly inflowSlots: Int32Array;
  readonly inflowStart: Int32Array;
  readonly outflowSlots: Int32Array;
  readonly outflowStart: Int32Array;
  readonly context: EvalContext;
  /** The per-step loop of the chosen backend. */
  readonly runLoop: RunLoop;
  readonly backend: Backend;
}

/** An equation evaluated once per run (a constant or a stock's initial value). */
export interface StartEquation {
  readonly slot: number;
  readonly equation: Equation;
  readonly inputSlots: readonly number[];
  /** Writes the equation's value into its slot (calls the equation). */
  readonly evaluate: () => void;
}

/**
 * `interpreter` evaluates the program table; `codegen` generates one function for the run loop
 * (faster; needs `new Function`); `wasm` translates the run loop to a WebAssembly module (fastest;
 * needs WebAssembly compilation, allowed by a CSP with 'wasm-unsafe-eval'). All give
 * bit-identical results.
 */
export type Backend = 'interpreter' | 'codegen' | 'wasm';

/**
 * The fastest backend this JavaScript engine allows, for work of many runs (Monte Carlo, the
 * analyses): wasm, else codegen, else the interpreter. A single run compiles faster with codegen.
 */
export function fastestBackend(): Backend {
  if (wasmAvailable()) return 'wasm';
  return codegenAvailable() ? 'codegen' : 'interpreter';
}
export interface CompileOptions {
  readonly backend?: Backend;
  /**
   * wasm: a translation of this model's run loop made before (here or in another thread; see
   * wasmArtifactOf), used instead of translating again when it was made for the same model. A
   * function defers the run loop to the model's first run, which uses the translation it returns
   * then (or translates): a thread may compile the rest of a model before the translation it will
   * reuse has come.
   */
  readonly wasm?: WasmRunArtifact | null | (() => WasmRunArtifact | null);
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.\-:]*$/;

function equationOf(d: VariableDecl): Equation | null {
  if (d.kind === 'stock') return d.initial;
  if (d.kind === 'flow' || d.kind === 'auxiliary') return d.equation;
  return null;
}

/** Builds an evaluator that writes `fn(inputs...)` into slot `out`, specialised by arity. */
function makeEvaluator(
  ctx: EvalContext,
  out: number,
  eq: Equation,
  slots: readonly number[],
): () => number {
  const x = ctx.x;
  if ('listFn' in eq) {
    const buf = new Float64Array(slots.length);
    const idx = Int32Array.from(slots);
    const f = eq.listFn;
    const n = idx.length;
    return () => {
      for (let i = 0; i < n; i++) buf[i] = x[idx[i]!]!;
      return f(buf);
    };
  }
  const f = eq.fn;
  const [a = 0, b = 0, c = 0, d = 0, e = 0, g = 0, h = 0, k = 0] = slots;
  switch (slots.length) {
    case 0:
      return () => f();
    case 1:
      return () => f(x[a]!);
    case 2:
      return () => f(x[a]!, x[b]!);
    case 3:
      return () => f(x[a]!, x[b]!, x[c]!);
    case 4:
      return () => f(x[a]!, x[b]!, x[c]!, x[d]!);
    case 5:
      return () => f(x[a]!, x[b]!, x[c]!, x[d]!, x[e]!);
    case 6:
      return () => f(x[a]!, x[b]!, x[c]!, x[d]!, x[e]!, x[g]!);
    case 7:
      return () => f(x[a]!, x[b]!, x[c]!, x[d]!, x[e]!, x[g]!, x[h]!);
    case 8:
      return () => f(x[a]!, x[b]!, x[c]!, x[d]!, x[e]!, x[g]!, x[h]!, x[k]!);
    default:
      throw new ModelError(
        `variable in slot ${out} has ${slots.length} positional inputs; use listFn for more than 8`,
      );
  }
}

/**
 * Resolves names to slots, checks the declaration (unknown inputs, duplicates, cycles among
 * auxiliaries and flows, stock initial values that depend on the running state) and orders the
 * equations. Throws ModelError with the offending names.
 */
export function compileModel(model: ModelDecl, options: CompileOptions = {}): CompiledModel {
  const decls = model.variables;
  const slotOf = new Map<string, number>([
    [TIME, 0],
    [DT, 1],
  ]);
  decls.forEach((d, i) => {
    if (!NAME_PATTERN.test(d.name)) throw new ModelError(`invalid variable name '${d.name}'`);
    if (slotOf.has(d.name)) throw new ModelError(`variable '${d.name}' is declared twice`);
    slotOf.set(d.name, i + 2);
  });
  const nSlots = decls.length + 2;
  const declAt = (slot: number): VariableDecl | null => (slot >= 2 ? decls[slot - 2]! : null);
  const resolve = (owner: string, name: string): number => {
    const s = slotOf.get(name);
    if (s === undefined) throw new ModelError(`'${owner}' reads '${name}', which is not declared`);
    return s;
  };

  const inputSlots: number[][] = new Array<number[]>(nSlots);
  inputSlots[0] = [];
  inputSlots[1] = [];
  decls.forEach((d, i) => {
    const eq = equationOf(d);
    inputSlots[i + 2] = eq ? eq.inputs.map((n) => resolve(d.name, n)) : [];
    if (d.kind === 'stock') {
      for (const f of [...d.inflows, ...d.outflows]) {
        const s = resolve(d.name, f);
        if (declAt(s)?.kind !== 'flow')
          throw new ModelError(`stock '${d.name}' lists '${f}', which is not a flow`);
      }
    }
    if ((d.kind === 'flow' || d.kind === 'auxiliary') && d.noise?.type === 'lognormal') {
      inputSlots[i + 2]!.push(resolve(d.name, d.noise.sigma));
    }
  });

  // Topological order of auxiliaries and flows (stocks, parameters and built-ins are sources).
  const isComputed = (s: number): boolean => {
    const k = declAt(s)?.kind;
    return k === 'flow' || k === 'auxiliary';
  };
  const order: number[] = [];
  const state = new Uint8Array(nSlots); // 0 new, 1 visiting, 2 done
  const visit = (s: number, path: number[]): void => {
    if (state[s] === 2) return;
    if (state[s] === 1) {
      const cycle = path
        .slice(path.indexOf(s))
        .concat(s)
        .map((k) => declAt(k)!.name);
      throw new ModelError(`equations form a cycle without a stock: ${cycle.join(' -> ')}`);
    }
    state[s] = 1;
    path.push(s);
    for (const dep of inputSlots[s]!) if (isComputed(dep)) visit(dep, path);
    path.pop();
    state[s] = 2;
    order.push(s);
  };
  for (let s = 2; s < nSlots; s++) if (isComputed(s)) visit(s, []);

  // Constant: parameters, dt, and computed variables without noise whose inputs are all constant.
  const constant = new Uint8Array(nSlots);
  constant[1] = 1;
  for (let s = 2; s < nSlots; s++) if (declAt(s)!.kind === 'parameter') constant[s] = 1;
  for (const s of order) {
    const d = declAt(s)!;
    const noisy = (d.kind === 'flow' || d.kind === 'auxiliary') && d.noise !== undefined;
    if (!noisy && inputSlots[s]!.every((k) => constant[k] === 1)) constant[s] = 1;
  }

  const context: EvalContext = { x: new Float64Array(nSlots) };
  const startEquations: StartEquation[] = [];
  const startEquation = (slot: number, equation: Equation, inputSlots: readonly number[]): void => {
    const value = makeEvaluator(context, slot, equation, inputSlots);
    const x = context.x;
    const evaluate = (): void => {
      x[slot] = value();
    };
    startEquations.push({ slot, equation, inputSlots, evaluate });
  };
  const dynamicOrder: number[] = [];
  for (const s of order) {
    const d = declAt(s)!;
    if (d.kind !== 'flow' && d.kind !== 'auxiliary') continue;
    if (constant[s] === 1) {
      startEquation(
        s,
        d.equation,
        d.equation.inputs.map((n) => slotOf.get(n)!),
      );
    } else {
      dynamicOrder.push(s);
    }
  }
  const program = buildProgram(
    dynamicOrder.map((s) => declAt(s) as FlowDecl | AuxiliaryDecl),
    dynamicOrder,
    slotOf,
  );

  const stocks: number[] = [];
  const inflowSlots: number[] = [];
  const outflowSlots: number[] = [];
  const inflowStart: number[] = [0];
  const outflowStart: number[] = [0];
  for (let s = 2; s < nSlots; s++) {
    const d = declAt(s)!;
    if (d.kind !== 'stock') continue;
    for (const k of inputSlots[s]!) {
      if (constant[k] !== 1) {
        throw new ModelError(
          `initial value of stock '${d.name}' reads '${declAt(k)?.name ?? 'time'}', which changes over time`,
        );
      }
    }
    stocks.push(s);
    startEquation(s, d.initial, inputSlots[s]!);
    for (const f of d.inflows) inflowSlots.push(slotOf.get(f)!);
    for (const f of d.outflows) outflowSlots.push(slotOf.get(f)!);
    inflowStart.push(inflowSlots.length);
    outflowStart.push(outflowSlots.length);
  }

  const variables: CompiledVariable[] = [];
  for (let s = 0; s < nSlots; s++) {
    const d = declAt(s);
    variables.push({
      slot: s,
      decl: d,
      name: d ? d.name : s === 0 ? TIME : DT,
      kind: d ? d.kind : 'builtin',
      unit: d ? d.unit : 'weeks',
      inputSlots: inputSlots[s]!,
      constant: constant[s] === 1,
    });
  }
  const parameters = decls.filter((d) => d.kind === 'parameter');
  const compiled: Omit<CompiledModel, 'runLoop' | 'start' | 'backend'> = {
    variables,
    slotOf,
    parameterNames: parameters.map((d) => d.name),
    parameterSlots: Int32Array.from(parameters.map((d) => slotOf.get(d.name)!)),
    stockSlots: Int32Array.from(stocks),
    metricNames: decls.filter((d) => d.metric === true).map((d) => d.name),
    startEquations,
    program,
    inflowSlots: Int32Array.from(inflowSlots),
    inflowStart: Int32Array.from(inflowStart),
    outflowSlots: Int32Array.from(outflowSlots),
    outflowStart: Int32Array.from(outflowStart),
    context,
  };
  const backend = options.backend ?? 'interpreter';
  const start = (): void => {
    for (const e of startEquations) e.evaluate();
  };
  const withLoop = {
    ...compiled,
    backend,
    start,
    runLoop: interpretRunLoop(compiled as CompiledModel),
  };
  if (backend === 'codegen') {
    withLoop.runLoop = generateRunLoop(withLoop);
    withLoop.start = generateStart(withLoop);
  }
  if (backend === 'wasm') {
    const reuse = options.wasm ?? null;
    if (typeof reuse === 'function') {
      withLoop.runLoop = (...args) => {
        withLoop.runLoop = generateWasmRunLoop(withLoop, reuse());
        return withLoop.runLoop(...args);
      };
    } else withLoop.runLoop = generateWasmRunLoop(withLoop, reuse);
    // A run's start (constants, initial values) as one generated function where JavaScript may
    // be generated (as codegen's, the same bits): Monte Carlo starts thousands of runs.
    if (codegenAvailable()) withLoop.start = generateStart(withLoop);
  }
  return withLoop;
}

/**
 * The per-step program: for instruction i, `fns[i]` is called with the values of
 * `inputs[inputStart[i]..inputStart[i+1])` (positionally, or as one list for list functions)
 * and the result, after noise, is written to `outputs[i]`. A flat table instead of a closure per
 * variable keeps the hot loop to one indirect call per variable.
 */
export interface Program {
  readonly length: number;
  readonly fns: readonly PositionalFn[];
  readonly listFns: readonly (ListFn | null)[];
  readonly listBuffers: readonly (Float64Array | null)[];
  readonly outputs: Int32Array;
  readonly inputs: Int32Array;
  readonly inputStart: Int32Array;
  /** 0 none, 1 poisson, 2 lognormal (sigma slot in noiseSigma). */
  readonly noise: Uint8Array;
  readonly noiseSigma: Int32Array;
  /**
   * One random stream per noisy variable (null elsewhere), reseeded each run from the run's seed
   * and the variable's name. Streams per variable make the noise of a variable independent of how
   * many other noisy variables a scenario has: `with` and `without` see the same demand noise
   * (common random numbers), so their difference is the data products' effect, not luck.
   */
  readonly streams: readonly (Rng | null)[];
  readonly streamSalt: Uint32Array;
}

/** FNV-1a over a variable name: the salt of its random stream. */
export function nameSalt(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Seed of a variable's stream for a run. */
export function streamSeed(seed: number, salt: number): number {
  return ((seed >>> 0) ^ Math.imul(salt, 0x9e3779b1)) >>> 0;
}

const unused: PositionalFn = () => 0;

function buildProgram(
  decls: readonly (FlowDecl | AuxiliaryDecl)[],
  slots: readonly number[],
  slotOf: ReadonlyMap<string, number>,
): Program {
  const fns: PositionalFn[] = [];
  const listFns: (ListFn | null)[] = [];
  const listBuffers: (Float64Array | null)[] = [];
  const inputs: number[] = [];
  const inputStart: number[] = [0];
  const noise = new Uint8Array(decls.length);
  const noiseSigma = new Int32Array(decls.length);
  const streams: (Rng | null)[] = [];
  const streamSalt = new Uint32Array(decls.length);
  decls.forEach((d, i) => {
    const eq = d.equation;
    if (!('listFn' in eq) && eq.inputs.length > 8) {
      throw new ModelError(
        `'${d.name}' has ${eq.inputs.length} positional inputs; use a list function for more than 8`,
      );
    }
    for (const n of eq.inputs) inputs.push(slotOf.get(n)!);
    inputStart.push(inputs.length);
    if ('listFn' in eq) {
      fns.push(unused);
      listFns.push(eq.listFn);
      listBuffers.push(new Float64Array(eq.inputs.length));
    } else {
      fns.push(eq.fn);
      listFns.push(null);
      listBuffers.push(null);
    }
    streams.push(d.noise ? new Rng(0) : null);
    streamSalt[i] = nameSalt(d.name);
    if (d.noise?.type === 'poisson') noise[i] = 1;
    if (d.noise?.type === 'lognormal') {
      noise[i] = 2;
      noiseSigma[i] = slotOf.get(d.noise.sigma)!;
    }
  });
  return {
    length: decls.length,
    fns,
    listFns,
    listBuffers,
    outputs: Int32Array.from(slots),
    inputs: Int32Array.from(inputs),
    inputStart: Int32Array.from(inputStart),
    noise,
    noiseSigma,
    streams,
    streamSalt,
  };
}
