/**
 * Translates equations (their syntax trees, see ../equation-source.ts) into WebAssembly with
 * exactly JavaScript's results: the same IEEE-754 operations in the same order (WebAssembly, like
 * JavaScript, rounds every operation and never fuses or reorders them), JavaScript's conversions
 * (a boolean in arithmetic is 0 or 1, a number in a condition is true unless 0 or NaN), and
 * `Math.min`/`max`/`abs`/`sqrt`/`floor`/`ceil`/`trunc`/`round` as JavaScript defines them. Other
 * functions are either translated in turn (helpers with a registered source), implemented in the
 * module (`builtins`: the deterministic math of ../dmath.ts), or imported and called (anything
 * else, `Math.pow` included: then the bits are the host's, as the other backends'). Whatever
 * cannot be translated exactly throws Untranslatable, and the backend calls that equation instead.
 *
 * A value is `f64`, `bool` (an i32 0 or 1) or `mixed` (an f64 that JavaScript may hold as a
 * boolean or `undefined`: fine in arithmetic and comparisons, refused in `===`). A list parameter
 * (a list equation's inputs) is either known while translating, when a list equation is inlined
 * into the run function (its items are the loads of its inputs' slots, its length a constant,
 * loops over it unrolled: translate-fold.ts, translate-statements.ts), or a pointer and a
 * length, in a helper function reading a copy of the inputs.
 */
import { type AstNode, type EquationSource, equationSourceOf } from '../equation-source';
import { FunctionBody, type FnRef, type ValType } from './encode';
import type { ExprEmitter } from './translate-emitter';
import { Emitter } from './translate-statements';
import {
  assignedNames,
  alwaysReturns,
  freeScope,
  join,
  listParams,
  Scope,
  Untranslatable,
  wasmType,
  type Helper,
  type Hoister,
  type Item,
  type ModuleContext,
  type Ty,
} from './translate-common';

export {
  Untranslatable,
  type Builtin,
  type Item,
  type ModuleContext,
  type Ty,
} from './translate-common';

/** Which inputs of an equation do not change during a run, and where to hoist what they decide. */
export interface RunInvariance {
  readonly invariant: readonly boolean[];
  readonly hoister: Hoister | null;
}

/**
 * Translates equations and their helpers into functions of one module. One per module being
 * built; helpers are translated once and shared.
 */
export class Translator {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  private readonly helpers = new Map<Function, Helper | null | 'pending'>();

  /** Helpers being inlined (a recursive one cannot be). */
  private readonly inlined = new Set<EquationSource>();

  constructor(readonly module: ModuleContext) {}

  /** Runs `f`, which inlines the helper `src`; refuses a helper inlined into itself. */
  inlining<T>(src: EquationSource, f: () => T): T {
    if (this.inlined.has(src)) throw new Untranslatable('recursive helper');
    this.inlined.add(src);
    try {
      return f();
    } finally {
      this.inlined.delete(src);
    }
  }

  /**
   * The type of an expression, found by emitting it into a scratch body (which is dropped):
   * helpers it calls are translated (and kept) on the way.
   */
  typeOf(node: AstNode, scope: Scope, from: ExprEmitter): Ty {
    // The locals' types of the pass: a block body inlined in the expression declares some.
    const scratch = new Emitter(this, new FunctionBody([]), 'mixed', from.knownLocalTypes);
    return scratch.expr(node, new Scope(scope));
  }

  /** A new emitter of expressions into `body`. */
  emitter(body: FunctionBody, knownLocalTypes: ReadonlyMap<object, Ty>): ExprEmitter {
    return new Emitter(this, body, 'mixed', knownLocalTypes);
  }

  /** A helper function translated on its own (null when it cannot be). */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  helper(fn: Function): Helper | null {
    const known = this.helpers.get(fn);
    if (known === 'pending') throw new Untranslatable('recursive helper');
    if (known !== undefined) return known;
    this.helpers.set(fn, 'pending');
    let result: Helper | null = null;
    try {
      result = this.translateHelper(equationSourceOf(fn)!);
    } catch (e) {
      if (!(e instanceof Untranslatable)) throw e;
    }
    this.helpers.set(fn, result);
    return result;
  }

  private translateHelper(src: EquationSource): Helper {
    const lists = listParams(src.params, src.body);
    const kinds = src.params.map((p) => (lists.has(p) ? 'list' : 'f64') as 'f64' | 'list');
    const wasmParams: ValType[] = kinds.flatMap((k) => (k === 'list' ? ['i32', 'i32'] : ['f64']));
    // Passes until the locals' types and the result type settle (a local assigned a value of
    // another type widens to 'mixed').
    let localTypes = new Map<object, Ty>();
    let result: Ty = 'f64';
    for (let pass = 0; pass < 4; pass++) {
      const { emitter } = this.emitFunction(src, kinds, wasmParams, result, localTypes);
      const next = this.resultOf(src, emitter);
      const settled =
        next === result &&
        [...emitter.localTypes].every(([decl, ty]) => localTypes.get(decl) === ty);
      result = next;
      localTypes = emitter.localTypes;
      if (settled) {
        const fn = this.module.declareFunction(wasmParams, [wasmType(result)]);
        const { body } = this.emitFunction(src, kinds, wasmParams, result, localTypes);
        this.module.define(fn, body);
        return { fn, params: kinds, result };
      }
    }
    throw new Untranslatable('types do not settle');
  }

  private resultOf(src: EquationSource, emitter: Emitter): Ty {
    if (src.kind === 'expr') return emitter.returns[0]!;
    const all = [...emitter.returns];
    if (!alwaysReturns(src.body as AstNode[])) all.push('mixed'); // falls through: undefined
    if (all.length === 0) return 'mixed';
    return all.reduce(join);
  }

  private emitFunction(
    src: EquationSource,
    kinds: readonly ('f64' | 'list')[],
    wasmParams: readonly ValType[],
    result: Ty,
    localTypes: ReadonlyMap<object, Ty>,
  ): { body: FunctionBody; emitter: Emitter } {
    const body = new FunctionBody(wasmParams);
    const scope = new Scope(freeScope(src));
    let at = 0;
    src.params.forEach((p, i) => {
      if (kinds[i] === 'list') {
        scope.set(p, { k: 'list', ptr: at, len: at + 1 });
        at += 2;
      } else {
        scope.set(p, { k: 'local', index: at++, decl: null, ty: 'f64' });
      }
    });
    const emitter = new Emitter(this, body, result, localTypes);
    if (src.kind === 'expr') {
      emitter.returns.push(this.typeOf(src.body as AstNode, scope, emitter));
      emitter.convertInto(src.body as AstNode, scope, result);
    } else {
      emitter.statements(src.body as AstNode[], scope);
      if (result === 'bool') body.i32(0);
      else body.f64(NaN); // JavaScript's undefined, as a number
    }
    return { body, emitter };
  }

  /**
   * Emits a positional equation inline into `body`: its parameters are set from `args` (which
   * push one f64 each), its value is left on the stack as an f64 (as the run loop stores it: a
   * boolean as 0 or 1, undefined as NaN); a block body is a wasm `block` (see inlineBody).
   * Throws Untranslatable, leaving nothing in `body`.
   */
  inlineEquation(
    src: EquationSource,
    body: FunctionBody,
    args: readonly Item[],
    run: RunInvariance | null = null,
  ): void {
    if (src.params.length > args.length) throw new Untranslatable('missing arguments');
    if (listParams(src.params, src.body).size > 0) throw new Untranslatable('list parameter');
    const assigned = assignedNames(src.body);
    this.inlineSettled(
      body,
      src,
      (into, scope) => {
        src.params.forEach((p, i) => {
          // A run-invariant input is read where it is used (its code is a load).
          if (run?.invariant[i] && !assigned.has(p))
            return scope.set(p, { k: 'invariant', item: args[i]! });
          const index = into.local('f64');
          args[i]!(into);
          into.set(index);
          scope.set(p, { k: 'local', index, decl: null, ty: 'f64' });
        });
      },
      run?.hoister ?? null,
    );
  }

  /**
   * Emits a list equation inline into `body`, its list bound to `items` (the code pushing each
   * input): `v.length` is a constant, `v[i]` at a known index the item itself, loops over the
   * list unrolled, a helper called on the list inlined. As inlineEquation otherwise.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  inlineListEquation(fn: Function, body: FunctionBody, items: readonly Item[]): void {
    const src = equationSourceOf(fn);
    if (!src || src.params.length !== 1) throw new Untranslatable('list function');
    this.inlineSettled(body, src, (_, scope) => {
      scope.set(src.params[0]!, { k: 'items', items });
    });
  }

  /**
   * Emits an equation inline: `bind` binds its parameters (emitting into the body it is given).
   * First into scratch bodies, until the locals' types settle (a local
   * assigned values of several types widens, see translateHelper), then into `body`: a failure
   * leaves nothing there.
   */
  private inlineSettled(
    body: FunctionBody,
    src: EquationSource,
    bind: (into: FunctionBody, scope: Scope) => void,
    hoister: Hoister | null = null,
  ): void {
    const emit = (into: FunctionBody, localTypes: ReadonlyMap<object, Ty>): Emitter => {
      const scope = new Scope(freeScope(src));
      bind(into, scope);
      const emitter = new Emitter(this, into, null, localTypes);
      // Hoisting only into the body kept (the scratch passes must leave no trace).
      if (into === body) emitter.hoister = hoister;
      if (src.kind === 'expr') emitter.as(src.body as AstNode, scope, 'f64');
      else emitter.inlineBody(src.body as AstNode[], scope, 'mixed');
      return emitter;
    };
    let localTypes: ReadonlyMap<object, Ty> = new Map();
    for (let pass = 0; pass < 4; pass++) {
      const next = emit(new FunctionBody([]), localTypes).localTypes;
      const settled = [...next].every(([decl, ty]) => localTypes.get(decl) === ty);
      localTypes = next;
      if (settled) {
        emit(body, localTypes);
        return;
      }
    }
    throw new Untranslatable('types do not settle');
  }

  /** A list equation: its helper, taking (pointer, length) of the inputs' copy. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  listEquation(fn: Function): FnRef {
    const src = equationSourceOf(fn);
    if (!src || src.params.length !== 1) throw new Untranslatable('list function');
    const h = this.helper(fn);
    if (!h || h.params[0] !== 'list') throw new Untranslatable('list function');
    if (h.result === 'bool') throw new Untranslatable('boolean list result');
    return h.fn;
  }

  /** A block-bodied positional equation as a function of f64 parameters. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  positionalFunction(fn: Function, arity: number): FnRef {
    const src = equationSourceOf(fn);
    if (!src || src.params.length > arity) throw new Untranslatable('positional function');
    const h = this.helper(fn);
    if (!h || h.params.some((k) => k !== 'f64') || h.result === 'bool')
      throw new Untranslatable('positional function');
    return h.fn;
  }
}
