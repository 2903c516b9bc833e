/**
 * Writes equations as JavaScript source from their syntax trees (see equation-source.ts), for the
 * codegen backend: an equation's body is emitted where the equation is evaluated, its inputs read
 * from the state vector (`x[slot]`), instead of being called. JavaScript written from JavaScript
 * keeps every operation, its order and its conversions, so the value is the closure's to the bit.
 *
 * What is emitted, and what is not:
 * - An expression body is inlined as one expression. A block body (statements) is written as
 *   statements before the expression that uses it (Writer.capture: a labelled block whose
 *   `return` sets a temporary), where it is surely evaluated; in a branch of `?:`, the right of
 *   `&&`/`||`/`??` or a loop's condition it becomes a generated function of its own, called with
 *   the inputs (one per shape of arguments). Inline, V8 need not inline calls to optimise them:
 *   its inlining budget per function ran out in the run loop's chunks, and a call that is not
 *   inlined boxes its numbers (measured: a run of both presets about 11% faster).
 * - Helpers with a registered source are inlined the same way (expression helpers as a comma
 *   expression binding each argument once, in order, or as statements before it where block
 *   bodies are). Other functions (dmath's pow) are called, `Math.*` is `Math.*`.
 * - A list parameter (a list equation's inputs) is known element by element: `v.length` is a
 *   number, `v[i]` at a known index is that input's read. A `for` loop whose counter is known at
 *   each step (a literal start, a literal step, a condition that folds) is unrolled, so a sum over
 *   three inputs becomes three additions. Values known while writing (literals, captured
 *   constants, a list's length, unrolled counters, locals never assigned) are folded with
 *   JavaScript's own operators, so folding computes what the code would have. A captured
 *   object's property is read when the code runs, as the closure reads it.
 * - Anything else (an index not known, a list passed where it cannot be, a name bound to
 *   `undefined` or a string, a method other than `Math`'s) throws JsUnsupported: the caller then
 *   calls the closure, as before.
 */
import { equationSourceOf, type AstNode, type EquationSource } from './equation-source';
import { assignedNames, fail, freeScope, Scope, type ArgShape } from './js-emit-common';
import { Writer } from './js-writer';

export { JsUnsupported, literal } from './js-emit-common';
export { Writer } from './js-writer';

/**
 * The generated code shared by the equations of one run loop: bound values (functions called
 * from the code) and generated functions (block bodies). `prelude()` declares them; `bound()`
 * the values to pass as `K`.
 */
export class JsModule {
  private readonly values: unknown[] = [];
  private readonly valueNames = new Map<unknown, string>();
  private readonly functions: string[] = [];
  private names = 0;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  private readonly generated = new Map<Function, Map<string, string | 'pending'>>();

  /** The name under which the generated code reads `value` (`K[i]`, read once). */
  bind(value: unknown): string {
    let name = this.valueNames.get(value);
    if (name === undefined) {
      name = `k${this.values.length}`;
      this.valueNames.set(value, name);
      this.values.push(value);
    }
    return name;
  }

  bound(): readonly unknown[] {
    return this.values;
  }

  /** Declarations of the bound values and the generated functions. */
  prelude(): string {
    const lines = this.values.map((_, i) => `const k${i} = K[${i}];`);
    return [...lines, ...this.functions].join('\n');
  }

  /**
   * A generated function for a block body taking arguments of these shapes (a list is passed as
   * its elements, one parameter each). Throws JsUnsupported when the body cannot be written.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- keyed by identity
  blockFunction(fn: Function, src: EquationSource, shapes: readonly ArgShape[]): string {
    let byShape = this.generated.get(fn);
    if (!byShape) this.generated.set(fn, (byShape = new Map()));
    const key = shapes.join(',');
    const done = byShape.get(key);
    if (done === 'pending') return fail('recursive helper');
    if (done !== undefined) return done;
    byShape.set(key, 'pending');
    try {
      const name = `g${this.names++}`;
      const params: string[] = [];
      const scope = new Scope(freeScope(src));
      src.params.forEach((p, i) => {
        const shape = shapes[i] ?? 'v';
        if (shape === 'v') {
          params.push(`p${i}`);
          scope.set(p, { k: 'code', js: `p${i}`, mutable: true });
        } else {
          const items = Array.from({ length: shape }, (_, j) => `p${i}_${j}`);
          params.push(...items);
          scope.set(p, { k: 'list', items });
        }
      });
      const w = new Writer(this, assignedNames(src.body));
      const body =
        src.kind === 'block'
          ? w.statements(src.body as AstNode[], scope)
          : `return ${w.expr(src.body as AstNode, scope).js};`;
      const temps = w.temps.length > 0 ? `let ${w.temps.join(', ')};\n` : '';
      this.functions.push(`function ${name}(${params.join(', ')}) {\n${temps}${body}\n}`);
      byShape.set(key, name);
      return name;
    } catch (e) {
      byShape.delete(key);
      throw e;
    }
  }
}

/** The scope of an equation whose parameters read these expressions (inputs) or this list. */
export function equationScope(
  src: EquationSource,
  inputs: readonly string[],
  list: boolean,
): Scope {
  const scope = new Scope(freeScope(src));
  if (list) {
    if (src.params.length !== 1) return fail('list equation parameters');
    scope.set(src.params[0]!, { k: 'list', items: inputs });
  } else {
    if (src.params.length > inputs.length) return fail('missing arguments');
    src.params.forEach((p, i) => scope.set(p, { k: 'code', js: inputs[i]!, mutable: false }));
  }
  return scope;
}

/**
 * The JavaScript expression computing an equation (a function with a registered source) from
 * the expressions of its inputs (`x[slot]` reads): the body inline, or a call of a generated
 * function for a block body. Throws JsUnsupported when it cannot be written exactly.
 */
export function emitEquation(
  m: JsModule,
  w: Writer,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- an equation closure
  fn: Function,
  inputs: readonly string[],
  list: boolean,
): string {
  const src = equationSourceOf(fn);
  if (!src) return fail('no source');
  if (src.kind === 'block') {
    if (w.inlining)
      return w.inlineBlock(
        src,
        list ? [{ k: 'list', items: inputs }] : inputs.map((js) => ({ js })),
      ).js;
    const name = m.blockFunction(fn, src, list ? [inputs.length] : inputs.map(() => 'v'));
    return `${name}(${inputs.join(', ')})`;
  }
  return w.expr(src.body as AstNode, equationScope(src, inputs, list)).js;
}
