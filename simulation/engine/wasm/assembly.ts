/**
 * The WebAssembly module being built for a compiled model (see backend.ts) and the JavaScript
 * functions it imports; the module implementations of dmath's functions that equations call.
 */
import * as dmath from '../dmath';
import { emitDmath, type DmathFunctions } from './dmath-wasm';
import { splitExponent } from './table-pow-wasm';
import { FunctionBody, ModuleBuilder, type FnRef } from './encode';
import { emitRound } from './rng-wasm';
import { emitTrig, type TrigFunctions } from './trig-wasm';
import type { Builtin, ModuleContext } from './translate';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
const builtins = new Map<Function, (m: ModuleContext) => Builtin>();

/**
 * dmath's exp, log, pow and cbrt run in the module (dmath-wasm.ts, the same bits); its sin and
 * cos, which only the normal deviates call, too (trig-wasm.ts, see `math`).
 */
const DMATH_IN_MODULE: readonly [
  (...args: number[]) => number,
  Exclude<keyof DmathFunctions, 'powSplitPair'>,
  number,
][] = [
  [dmath.exp, 'exp', 1],
  [dmath.log, 'log', 1],
  [dmath.pow, 'pow', 2],
  [dmath.cbrt, 'cbrt', 1],
];

/**
 * Registers a module implementation of a JavaScript function (the deterministic math): where an
 * equation calls `fn`, the module calls its own function instead, which must give the same bits.
 */
export function registerWasmBuiltin(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  fn: Function,
  emit: (m: ModuleContext) => Builtin,
): void {
  builtins.set(fn, emit);
}

/**
 * What an import of a run loop's module is, so that another instance of the module (in this
 * thread or another one) can bind it: dmath's or Math's function of that name, equation `index`
 * of the model's program (called with its inputs), list equation `index` (reading the scratch
 * area), or a function only this thread has (then the module is not shared).
 */
export type WasmImport =
  | { readonly kind: 'dmath'; readonly name: 'sin' | 'cos' | 'log' | 'exp' }
  | { readonly kind: 'math'; readonly name: string }
  | { readonly kind: 'equation'; readonly index: number }
  | { readonly kind: 'list'; readonly index: number }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any JS function
  | { readonly kind: 'function'; readonly fn: Function };

/** The function an import is bound to, for the kinds that are not a model's own equations. */
export function hostFunction(w: WasmImport): unknown {
  switch (w.kind) {
    case 'dmath':
      return dmath[w.name];
    case 'math':
      return (Math as unknown as Record<string, unknown>)[w.name];
    case 'function':
      return w.fn;
    default:
      throw new Error(`an import of the model's ${w.kind} ${w.index} needs the model`);
  }
}

/** The module being built and what it imports (f0, f1, ... in this order). */
export class Assembly implements ModuleContext {
  readonly builder = new ModuleBuilder();
  readonly imports: WasmImport[] = [];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  private readonly importRefs = new Map<Function, Map<number, FnRef>>();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  private readonly builtinRefs = new Map<Function, Builtin>();
  readonly round: FnRef;

  /** `pairs`: the module runs pairs of runs (backend-lanes.ts): dmath's pair functions too. */
  constructor(readonly pairs = false) {
    this.round = emitRound(this);
  }

  declareFunction(
    params: readonly ('i32' | 'i64' | 'f64')[],
    results: readonly ('i32' | 'i64' | 'f64')[],
  ): FnRef {
    return this.builder.declareFunction(params, results);
  }

  define(fn: FnRef, body: FunctionBody): void {
    this.builder.define(fn, body);
  }

  data(bytes: Uint8Array): number {
    return this.builder.data(bytes);
  }

  /**
   * An import of `fn`, taking `arity` numbers and returning a number; `what` says what it is (by
   * default a function of this thread's, see WasmImport).
   */
  importCall(
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any JS function
    fn: Function,
    arity: number,
    what: WasmImport = { kind: 'function', fn },
  ): FnRef {
    let byArity = this.importRefs.get(fn);
    if (!byArity) this.importRefs.set(fn, (byArity = new Map()));
    let ref = byArity.get(arity);
    if (!ref) {
      ref = this.builder.importFunction(`f${this.imports.length}`, new Array(arity).fill('f64'), [
        'f64',
      ]);
      this.imports.push(what);
      byArity.set(arity, ref);
    }
    return ref;
  }

  /** An import of list equation `index`, without arguments (it reads the scratch area). */
  importList(index: number): FnRef {
    const ref = this.builder.importFunction(`f${this.imports.length}`, [], ['f64']);
    this.imports.push({ kind: 'list', index });
    return ref;
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- looked up by identity
  builtin(fn: Function): Builtin | undefined {
    let b = this.builtinRefs.get(fn);
    if (!b) {
      const inModule = DMATH_IN_MODULE.find(([f]) => f === fn);
      if (inModule) {
        const fns = (this.dmath ??= emitDmath(this, this.pairs));
        b = { fn: fns[inModule[1]], arity: inModule[2] };
        // pow's exponent, when it does not change during a run, is split once (pow-wasm.ts).
        if (inModule[1] === 'pow')
          b = {
            ...b,
            invariantLast: {
              fn: fns.powSplit,
              prepare: [(into) => splitExponent(into, false), (into) => splitExponent(into, true)],
            },
          };
      } else {
        const emit = builtins.get(fn);
        if (!emit) return undefined;
        b = emit(this);
      }
      this.builtinRefs.set(fn, b);
    }
    return b;
  }

  private dmath: DmathFunctions | null = null;

  /** The two-lane version of a module function (v128 parameters and result), where it has one. */
  pairVersion(fn: FnRef): FnRef | undefined {
    return this.dmath && fn === this.dmath.powSplit ? this.dmath.powSplitPair : undefined;
  }

  private trig: TrigFunctions | null = null;

  /** dmath's <name> for the generators (as rng.ts calls it): in the module, else imported. */
  math(name: 'log' | 'sin' | 'cos' | 'exp'): FnRef {
    if (name === 'sin' || name === 'cos') {
      this.trig ??= emitTrig(
        this,
        this.round,
        this.importCall(dmath.sin, 1, { kind: 'dmath', name: 'sin' }),
        this.importCall(dmath.cos, 1, { kind: 'dmath', name: 'cos' }),
      );
      return this.trig[name];
    }
    return (
      this.builtin(dmath[name])?.fn ?? this.importCall(dmath[name], 1, { kind: 'dmath', name })
    );
  }
}
