/**
 * What the equation translator's parts share (translate.ts, translate-emitter.ts): the value
 * types, scopes of names, the module context and small helpers over syntax trees.
 */
import { assignedNames, isTag } from '../equation-ast';
import { type AstNode, type EquationSource } from '../equation-source';
import { Op, type FnRef, type FunctionBody, type ValType } from './encode';

export class Untranslatable extends Error {}

export type Ty = 'f64' | 'bool' | 'mixed';

export type Binding =
  | { readonly k: 'local'; readonly index: number; readonly decl: object | null; ty: Ty }
  | { readonly k: 'list'; readonly ptr: number; readonly len: number }
  /** A list of inputs known while translating (an inlined list equation): code for each item. */
  | { readonly k: 'items'; readonly items: readonly Item[] }
  | { readonly k: 'const'; readonly value: number | boolean }
  /** A value that does not change during a run (a parameter, a constant): `item` pushes it. */
  | { readonly k: 'invariant'; readonly item: Item }
  | { readonly k: 'math' }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a bound JS function
  | { readonly k: 'fn'; readonly fn: Function }
  | { readonly k: 'bad'; readonly what: string };

/** Pushes one item of a list of known inputs (an f64) onto the stack of `body`. */
export type Item = (body: FunctionBody) => void;

/**
 * Where run-invariant expressions go (see ExprEmitter.expr): `hoist` takes code that computes
 * one (emitting into the body it is given), has it computed once before a run's first step, and
 * returns code that reads the value; null when it cannot take it.
 */
export interface Hoister {
  hoist(compute: (into: FunctionBody) => void): Item | null;
}

export class Scope {
  private readonly names = new Map<string, Binding>();
  constructor(readonly parent: Scope | null) {}

  get(name: string): Binding {
    const b = this.lookup(name);
    if (b) return b;
    throw new Untranslatable(`unbound name ${name}`);
  }

  lookup(name: string): Binding | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }

  set(name: string, b: Binding): void {
    this.names.set(name, b);
  }
}

/** A function implemented in the module (deterministic math): its parameters are f64. */
export interface Builtin {
  readonly fn: FnRef;
  readonly arity: number;
  /**
   * A faster form where the last argument does not change during a run (pow's exponent): each of
   * `prepare` turns that argument's value on the stack into one value computed once per run, and
   * `fn` takes the arguments, then those values (the same results as the builtin's).
   */
  readonly invariantLast?: {
    readonly fn: FnRef;
    readonly prepare: readonly ((into: FunctionBody) => void)[];
  };
}

/** A translated helper: its wasm function, parameter kinds and result type. */
export interface Helper {
  readonly fn: FnRef;
  readonly params: readonly ('f64' | 'list')[];
  readonly result: Ty;
}

/** What the emitter needs from the module being built. */
export interface ModuleContext {
  declareFunction(params: readonly ValType[], results: readonly ValType[]): FnRef;
  define(fn: FnRef, body: FunctionBody): void;
  /**
   * An imported JavaScript function taking `arity` numbers and returning a number; `math` names
   * it when it is Math's (another thread binds its own).
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any JS function
  importCall(fn: Function, arity: number, what?: { kind: 'math'; name: string }): FnRef;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- looked up by identity
  builtin(fn: Function): Builtin | undefined;
  /** Math.round with JavaScript's rounding (half up, -0 kept). */
  readonly round: FnRef;
}

export const ARITH: Record<string, number> = {
  '+': Op.f64_add,
  '-': Op.f64_sub,
  '*': Op.f64_mul,
  '/': Op.f64_div,
};
export const COMPARE: Record<string, number> = {
  '<': Op.f64_lt,
  '<=': Op.f64_le,
  '>': Op.f64_gt,
  '>=': Op.f64_ge,
};
export const MATH_UNARY: Record<string, number> = {
  abs: Op.f64_abs,
  sqrt: Op.f64_sqrt,
  floor: Op.f64_floor,
  ceil: Op.f64_ceil,
  trunc: Op.f64_trunc,
};

export const wasmType = (t: Ty): ValType => (t === 'bool' ? 'i32' : 'f64');
export const join = (a: Ty, b: Ty): Ty => (a === b ? a : 'mixed');
export { assignedNames, isTag };

/** The free names of a source bound to what they are. */
export function freeScope(src: EquationSource): Scope {
  const scope = new Scope(null);
  const values = src.values();
  src.free.forEach((name, i) => {
    const v = values[i];
    if (typeof v === 'number' || typeof v === 'boolean') scope.set(name, { k: 'const', value: v });
    else if (v === Math) scope.set(name, { k: 'math' });
    else if (typeof v === 'function') scope.set(name, { k: 'fn', fn: v });
    else scope.set(name, { k: 'bad', what: `${name} is ${typeof v}` });
  });
  return scope;
}

/** True when the statements cannot complete without returning. */
export function alwaysReturns(stmts: readonly AstNode[]): boolean {
  const last = stmts[stmts.length - 1];
  if (last === undefined) return false;
  if (isTag(last, 'return')) return true;
  if (isTag(last, 'block')) return alwaysReturns(last[1] as AstNode[]);
  if (isTag(last, 'if'))
    return alwaysReturns(last[2] as AstNode[]) && alwaysReturns(last[3] as AstNode[]);
  return false;
}

/** Parameters used as lists (`p.length`, `p[i]`) in a body. */
export function listParams(params: readonly string[], body: unknown): Set<string> {
  const found = new Set<string>();
  const visit = (n: unknown): void => {
    if (!Array.isArray(n)) return;
    if ((n[0] === '.' || n[0] === '[]') && typeof n[1] === 'string' && params.includes(n[1]))
      found.add(n[1]);
    for (const c of n) visit(c);
  };
  visit(body);
  return found;
}

/**
 * Operators whose value depends only on their operands' (no effects, no reads of state): those
 * the emitter writes (ExprEmitter.expr) but indexing and calls.
 */
const PURE_OPERATORS = new Set([
  ...['lit', 'neg', 'pos', 'not', '&&', '||', '?'],
  ...Object.keys(ARITH),
  ...Object.keys(COMPARE),
  ...['===', '!==', '==', '!='],
]);

/**
 * True when `node` has the same value in every step of a run: literals, names bound to
 * run-invariant inputs or known values, and pure operators and functions (Math's but random,
 * the module's deterministic maths) of such.
 */
export function runInvariant(
  node: AstNode,
  scope: Scope,
  module: Pick<ModuleContext, 'builtin'>,
): boolean {
  if (typeof node === 'number') return true;
  if (typeof node === 'string') {
    const b = scope.lookup(node);
    return b?.k === 'invariant' || b?.k === 'const';
  }
  if (!Array.isArray(node)) return false;
  const [tag, ...rest] = node as unknown as [string, ...AstNode[]];
  if (PURE_OPERATORS.has(tag)) return rest.every((r) => runInvariant(r, scope, module));
  if (tag === '.') {
    const [obj] = rest;
    return typeof obj === 'string' && scope.lookup(obj)?.k === 'math';
  }
  if (tag !== 'call') return false;
  const [callee, ...args] = rest;
  let pure = false;
  if (isTag(callee, '.')) {
    const [, obj, prop] = callee as unknown as [string, AstNode, string];
    pure = typeof obj === 'string' && scope.lookup(obj)?.k === 'math' && prop !== 'random';
  } else if (typeof callee === 'string') {
    const f = scope.lookup(callee);
    pure = f?.k === 'fn' && module.builtin(f.fn) !== undefined;
  }
  return pure && args.every((a) => runInvariant(a!, scope, module));
}
