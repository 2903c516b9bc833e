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
  | { readonly k: 'math' }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a bound JS function
  | { readonly k: 'fn'; readonly fn: Function }
  | { readonly k: 'bad'; readonly what: string };

/** Pushes one item of a list of known inputs (an f64) onto the stack of `body`. */
export type Item = (body: FunctionBody) => void;

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
  /** An imported JavaScript function taking `arity` numbers and returning a number. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any JS function
  importCall(fn: Function, arity: number): FnRef;
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
