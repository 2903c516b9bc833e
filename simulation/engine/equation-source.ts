/**
 * The source of an equation function, for backends that translate equations instead of calling
 * them (the WebAssembly backend). JavaScript cannot show a backend what a closure's free names
 * are bound to, and a minified bundle renames them, so the build does it: a transform
 * (`scripts/equation-sources.mjs`, run by the CLI's esbuild build, Vite and Vitest on
 * `simulation/model/`) wraps every arrow function whose body is in a small subset of JavaScript in
 * `registerEquationSource(fn, params, kind, body, free, values)`. The body is the arrow's syntax
 * tree (types removed), `free` names the identifiers it reads from outside (helpers, `Math`,
 * captured constants) and `values()` returns what they are bound to, read when a backend
 * compiles the equation. The function itself is returned unchanged: every other backend calls it
 * as before. A function without a source (code that did not go through the transform, such as
 * scripts run with tsx) is simply called.
 *
 * Syntax tree: a number is a literal, a string an identifier; arrays are `[tag, ...operands]`:
 * unary `neg` `pos` `not`; binary `+ - * / % < <= > >= === !== == !=`; logical `&& || ??`;
 * `?` (condition, then, else); `call` (callee, ...arguments); `.` (object, property name);
 * `[]` (object, index); `lit` (true or false). Statements: `let` (name, value), `set` (operator,
 * name, value; `i++` is `['set', '+=', 'i', 1]`), `if` (condition, then, else), `for` (initial
 * statements, condition or null, update statements, body), `return` (value), `block`
 * (statements).
 */

export type AstNode = number | string | readonly [string, ...unknown[]];

export interface EquationSource {
  readonly params: readonly string[];
  /** `expr`: the body is an expression; `block`: a list of statements. */
  readonly kind: 'expr' | 'block';
  readonly body: AstNode | readonly AstNode[];
  /** The free identifiers the body reads, in the order of `values()`. */
  readonly free: readonly string[];
  /** What the free identifiers are bound to (read lazily: after every module has loaded). */
  readonly values: () => readonly unknown[];
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any function may be registered
const sources = new WeakMap<Function, EquationSource>();

/** Called by the transformed model code; returns `fn` unchanged. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any function may be registered
export function registerEquationSource<F extends Function>(
  fn: F,
  params: readonly string[],
  kind: 'expr' | 'block',
  body: AstNode | readonly AstNode[],
  free: readonly string[],
  values: () => readonly unknown[],
): F {
  sources.set(fn, { params, kind, body, free, values });
  return fn;
}

/** The registered source of a function, if the build attached one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any function may be looked up
export function equationSourceOf(fn: Function): EquationSource | undefined {
  return sources.get(fn);
}
