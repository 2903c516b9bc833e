/**
 * The WebAssembly module being built for a compiled model (see backend.ts) and the JavaScript
 * functions it imports; the module implementations of dmath's functions that equations call.
 */
import * as dmath from '../dmath';
import { emitDmath, type DmathFunctions } from './dmath-wasm';
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
const DMATH_IN_MODULE: readonly [(...args: number[]) => number, keyof DmathFunctions, number][] = [
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

/** The module being built and the JavaScript functions it imports. */
export class Assembly implements ModuleContext {
  readonly builder = new ModuleBuilder();
  readonly imports: Record<string, unknown> = {};
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  private readonly importRefs = new Map<Function, Map<number, FnRef>>();
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  private readonly builtinRefs = new Map<Function, Builtin>();
  readonly round: FnRef;

  constructor() {
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

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any JS function
  importCall(fn: Function, arity: number): FnRef {
    let byArity = this.importRefs.get(fn);
    if (!byArity) this.importRefs.set(fn, (byArity = new Map()));
    let ref = byArity.get(arity);
    if (!ref) {
      const name = `f${Object.keys(this.imports).length}`;
      this.imports[name] = fn;
      ref = this.builder.importFunction(name, new Array(arity).fill('f64'), ['f64']);
      byArity.set(arity, ref);
    }
    return ref;
  }

  /** An import of a function without arguments (a list equation reading the scratch area). */
  importThunk(fn: () => number): FnRef {
    const name = `f${Object.keys(this.imports).length}`;
    this.imports[name] = fn;
    return this.builder.importFunction(name, [], ['f64']);
  }

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- looked up by identity
  builtin(fn: Function): Builtin | undefined {
    let b = this.builtinRefs.get(fn);
    if (!b) {
      const inModule = DMATH_IN_MODULE.find(([f]) => f === fn);
      if (inModule) {
        this.dmath ??= emitDmath(this);
        b = { fn: this.dmath[inModule[1]], arity: inModule[2] };
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

  private trig: TrigFunctions | null = null;

  /** dmath's <name> for the generators (as rng.ts calls it): in the module, else imported. */
  math(name: 'log' | 'sin' | 'cos' | 'exp'): FnRef {
    if (name === 'sin' || name === 'cos') {
      this.trig ??= emitTrig(
        this,
        this.round,
        this.importCall(dmath.sin, 1),
        this.importCall(dmath.cos, 1),
      );
      return this.trig[name];
    }
    return this.builtin(dmath[name])?.fn ?? this.importCall(dmath[name], 1);
  }
}
