/**
 * What the JavaScript writer's parts share (js-emit.ts, js-writer.ts): names and their bindings,
 * values known while writing, and JavaScript's operators applied to them.
 */
import { foldOperator, type Known } from './equation-ast';
import type { EquationSource } from './equation-source';

export class JsUnsupported extends Error {}

export { assignedNames, isTag, type Known } from './equation-ast';
/** What a name stands for while writing. `code`: a JavaScript expression without side effects. */
export type Binding =
  | { readonly k: 'code'; readonly js: string; readonly mutable: boolean }
  | { readonly k: 'known'; readonly v: Known }
  | { readonly k: 'list'; readonly items: readonly string[] }
  | { readonly k: 'math' }
  /** A captured object: its properties are read when the code runs, as the closure reads them. */
  | { readonly k: 'object'; readonly value: object }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a bound JS function
  | { readonly k: 'fn'; readonly fn: Function }
  | { readonly k: 'unusable'; readonly what: string };

/** An emitted value: its code, and its value when known while writing. */
export interface Val {
  readonly js: string;
  readonly known?: Known;
}

export class Scope {
  private readonly names = new Map<string, Binding>();
  constructor(private readonly parent: Scope | null) {}
  get(name: string): Binding {
    const b = this.names.get(name) ?? this.parent?.get(name);
    if (!b) throw new JsUnsupported(`unbound name ${name}`);
    if (b.k === 'unusable') throw new JsUnsupported(b.what);
    return b;
  }
  set(name: string, b: Binding): void {
    this.names.set(name, b);
  }
}

export const fail = (what: string): never => {
  throw new JsUnsupported(what);
};

/** JavaScript source of a number or boolean that reads back as exactly that value. */
export function literal(v: Known): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Object.is(v, -0)) return '(-0)';
  if (Number.isNaN(v)) return '(0 / 0)';
  if (!Number.isFinite(v)) return v > 0 ? '(1 / 0)' : '(-1 / 0)';
  return v < 0 ? `(${String(v)})` : String(v);
}
export const known = (v: Known): Val => ({ js: literal(v), known: v });

/** JavaScript's operators, applied while writing to values known then. */
export function fold(op: string, a: Known, b: Known): Known {
  return foldOperator(op, a, b) ?? fail(`operator ${op}`);
}
export const BINARY = new Set([
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '<=',
  '>',
  '>=',
  '===',
  '!==',
  '==',
  '!=',
]);
export const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const freeScopes = new WeakMap<EquationSource, Scope>();

/**
 * The free names of a source, bound to what they are. Kept per source: the names are bound once
 * and for all (see equation-source.ts), and a captured object's properties are read by the code.
 */
export function freeScope(src: EquationSource): Scope {
  const kept = freeScopes.get(src);
  if (kept) return kept;
  const scope = new Scope(null);
  let values: readonly unknown[];
  try {
    values = src.values();
  } catch {
    return fail('free names not readable');
  }
  src.free.forEach((name, i) => {
    const v = values[i];
    if (typeof v === 'number' || typeof v === 'boolean') scope.set(name, { k: 'known', v });
    else if (v === Math) scope.set(name, { k: 'math' });
    else if (typeof v === 'function') scope.set(name, { k: 'fn', fn: v });
    else if (typeof v === 'object' && v !== null) scope.set(name, { k: 'object', value: v });
    else scope.set(name, { k: 'unusable', what: `${name} is ${typeof v}` });
  });
  freeScopes.set(src, scope);
  return scope;
}

/** An argument of a block helper: a value, or a list of a known length. */
export type ArgShape = 'v' | number;
