/**
 * Writes equations as JavaScript source from their syntax trees (see equation-source.ts), for the
 * codegen backend: an equation's body is emitted where the equation is evaluated, its inputs read
 * from the state vector (`x[slot]`), instead of being called. JavaScript written from JavaScript
 * keeps every operation, its order and its conversions, so the value is the closure's to the bit.
 *
 * What is emitted, and what is not:
 * - An expression body is inlined as one expression; a block body (statements) becomes a
 *   generated function of its own, called with the inputs.
 * - Helpers with a registered source are inlined the same way (expression helpers as a comma
 *   expression binding each argument once, in order; block helpers as generated functions, one
 *   per shape of arguments). Other functions (dmath's pow) are called, `Math.*` is `Math.*`.
 * - A list parameter (a list equation's inputs) is known element by element: `v.length` is a
 *   number, `v[i]` at a known index is that input's read. A `for` loop whose counter is known at
 *   each step (a literal start, a literal step, a condition that folds) is unrolled, so a sum over
 *   three inputs becomes three additions. Values known while writing (literals, captured
 *   constants, a list's length, unrolled counters, locals never assigned) are folded with
 *   JavaScript's own operators, so folding computes what the code would have.
 * - Anything else (an index not known, a list passed where it cannot be, a name bound to an
 *   object) throws JsUnsupported: the caller then calls the closure, as before.
 */
import { equationSourceOf, type AstNode, type EquationSource } from './equation-source';

export class JsUnsupported extends Error {}

type Known = number | boolean;
/** What a name stands for while writing. `code`: a JavaScript expression without side effects. */
type Binding =
  | { readonly k: 'code'; readonly js: string; readonly mutable: boolean }
  | { readonly k: 'known'; readonly v: Known }
  | { readonly k: 'list'; readonly items: readonly string[] }
  | { readonly k: 'math' }
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a bound JS function
  | { readonly k: 'fn'; readonly fn: Function }
  | { readonly k: 'unusable'; readonly what: string };

/** An emitted value: its code, and its value when known while writing. */
interface Val {
  readonly js: string;
  readonly known?: Known;
}

class Scope {
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

const fail = (what: string): never => {
  throw new JsUnsupported(what);
};
const isTag = (n: unknown, tag: string): n is readonly [string, ...unknown[]] =>
  Array.isArray(n) && n[0] === tag;

/** JavaScript source of a number or boolean that reads back as exactly that value. */
export function literal(v: Known): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Object.is(v, -0)) return '(-0)';
  if (Number.isNaN(v)) return '(0 / 0)';
  if (!Number.isFinite(v)) return v > 0 ? '(1 / 0)' : '(-1 / 0)';
  return v < 0 ? `(${String(v)})` : String(v);
}
const known = (v: Known): Val => ({ js: literal(v), known: v });

/** JavaScript's operators, applied while writing to values known then. */
function fold(op: string, a: Known, b: Known): Known {
  const x = a as number;
  const y = b as number;
  // prettier-ignore
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return x / y;
    case '%': return x % y;
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '===': return a === b;
    case '!==': return a !== b;
    case '==': return a == b;
    case '!=': return a != b;
    default: return fail(`operator ${op}`);
  }
}
const BINARY = new Set(['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '===', '!==', '==', '!=']);
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Names assigned anywhere in a body (such locals are never treated as known). */
function assignedNames(body: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(body)) {
    if (body[0] === 'set' && typeof body[2] === 'string') into.add(body[2]);
    for (const c of body) assignedNames(c, into);
  }
  return into;
}

/** The free names of a source, bound to what they are. */
function freeScope(src: EquationSource): Scope {
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
    else scope.set(name, { k: 'unusable', what: `${name} is ${typeof v}` });
  });
  return scope;
}

/** An argument of a block helper: a value, or a list of a known length. */
type ArgShape = 'v' | number;

/**
 * The generated code shared by the equations of one run loop: bound values (functions called
 * from the code) and generated functions (block bodies). `prelude()` declares them; `bound()`
 * the values to pass as `K`.
 */
export class JsModule {
  private readonly values: unknown[] = [];
  private readonly valueNames = new Map<unknown, string>();
  private readonly functions: string[] = [];
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
      const name = `g${this.functions.length}_${byShape.size}`;
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

/**
 * Writes expressions and statements of one generated function (or of one chunk of the run
 * loop): `temps` are the temporaries it needs declared.
 */
export class Writer {
  readonly temps: string[] = [];

  constructor(
    private readonly m: JsModule,
    private readonly assigned: ReadonlySet<string>,
    private readonly prefix = 't',
  ) {}

  private temp(): string {
    const t = `${this.prefix}${this.temps.length}`;
    this.temps.push(t);
    return t;
  }

  expr(node: AstNode, scope: Scope): Val {
    if (typeof node === 'number') return known(node);
    if (typeof node === 'string') {
      const b = scope.get(node);
      if (b.k === 'known') return known(b.v);
      if (b.k === 'code') return { js: b.js };
      return fail(`${node} used as a value`);
    }
    if (!Array.isArray(node)) return fail('node');
    const [tag, a, c, d] = node as unknown as [string, AstNode, AstNode, AstNode];
    switch (tag) {
      case 'lit':
        return known((a as unknown) === true);
      case 'neg':
      case 'pos':
      case 'not': {
        const v = this.expr(a, scope);
        const op = tag === 'neg' ? '-' : tag === 'pos' ? '+' : '!';
        if (v.known === undefined) return { js: `(${op}${v.js})` };
        return known(tag === 'neg' ? -v.known : tag === 'pos' ? +v.known : !v.known);
      }
      case '&&':
      case '||':
      case '??': {
        const l = this.expr(a, scope);
        if (l.known === undefined) return { js: `(${l.js} ${tag} ${this.expr(c, scope).js})` };
        // A number or boolean is never nullish; otherwise the left decides.
        if (tag === '??' || (tag === '&&' ? !l.known : l.known)) return l;
        return this.expr(c, scope);
      }
      case '?': {
        const cond = this.expr(a, scope);
        if (cond.known !== undefined) return this.expr(cond.known ? c : d, scope);
        return { js: `(${cond.js} ? ${this.expr(c, scope).js} : ${this.expr(d, scope).js})` };
      }
      case 'call':
        return this.call(a, node.slice(2) as AstNode[], scope);
      case '.':
        return this.member(a, c as unknown as string, scope);
      case '[]':
        return this.index(a, c, scope);
      default: {
        if (!BINARY.has(tag)) return fail(`operator ${tag}`);
        const l = this.expr(a, scope);
        const r = this.expr(c, scope);
        if (l.known !== undefined && r.known !== undefined)
          return known(fold(tag, l.known, r.known));
        return { js: `(${l.js} ${tag} ${r.js})` };
      }
    }
  }

  private member(obj: AstNode, prop: string, scope: Scope): Val {
    if (typeof obj !== 'string' || !IDENT.test(prop)) return fail('member');
    const o = scope.get(obj);
    if (o.k === 'math' && typeof (Math as unknown as Record<string, unknown>)[prop] === 'number')
      return { js: `Math.${prop}` };
    if (o.k === 'list' && prop === 'length') return known(o.items.length);
    return fail(`.${prop}`);
  }

  /** `list[i]` at an index known while writing, within the list (else not written). */
  private index(obj: AstNode, at: AstNode, scope: Scope): Val {
    if (typeof obj !== 'string') return fail('index of an expression');
    const o = scope.get(obj);
    if (o.k !== 'list') return fail('index of a non-list');
    const i = this.expr(at, scope).known;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= o.items.length)
      return fail('index not known');
    return { js: o.items[i]! };
  }

  private call(callee: AstNode, args: readonly AstNode[], scope: Scope): Val {
    if (isTag(callee, '.')) {
      const [, obj, prop] = callee as unknown as [string, AstNode, string];
      if (typeof obj !== 'string' || scope.get(obj).k !== 'math' || !IDENT.test(prop))
        return fail('method call');
      if (typeof (Math as unknown as Record<string, unknown>)[prop] !== 'function')
        return fail(`Math.${prop}`);
      return { js: `Math.${prop}(${args.map((x) => this.expr(x, scope).js).join(', ')})` };
    }
    if (typeof callee !== 'string') return fail('callee');
    const f = scope.get(callee);
    if (f.k !== 'fn') return fail(`${callee} is not a function`);
    const src = equationSourceOf(f.fn);
    if (src && src.params.length === args.length) {
      try {
        return this.helper(f.fn, src, args, scope);
      } catch (e) {
        if (!(e instanceof JsUnsupported)) throw e;
      }
    }
    // Called as the closure would call it (lists cannot be passed: they are not arrays here).
    const values = args.map((x) => this.expr(x, scope).js);
    return { js: `${this.m.bind(f.fn)}(${values.join(', ')})` };
  }

  /**
   * A helper with a source: an expression body inline, its arguments evaluated once each, in
   * order (into temporaries, unless an argument is a literal or a read); a block body as a
   * generated function.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- a bound JS function
  private helper(fn: Function, src: EquationSource, args: readonly AstNode[], scope: Scope): Val {
    const lists = args.map((x) => {
      const b = typeof x === 'string' ? scope.get(x) : null;
      return b?.k === 'list' ? b : null;
    });
    if (src.kind === 'block') {
      const shapes = lists.map((l) => (l ? l.items.length : 'v'));
      const name = this.m.blockFunction(fn, src, shapes);
      const values = args.flatMap((x, i) => lists[i]?.items ?? [this.expr(x, scope).js]);
      return { js: `${name}(${values.join(', ')})` };
    }
    const inner = new Scope(freeScope(src));
    const sets: string[] = [];
    args.forEach((x, i) => {
      const list = lists[i];
      if (list) return inner.set(src.params[i]!, list);
      const v = this.expr(x, scope);
      if (v.known !== undefined) return inner.set(src.params[i]!, { k: 'known', v: v.known });
      // A read of a name or of the state vector stays the same while the body is evaluated.
      const atom = /^[A-Za-z_$][A-Za-z0-9_$]*(\[\d+\])?$/.test(v.js);
      const js = atom ? v.js : this.temp();
      if (!atom) sets.push(`${js} = ${v.js}`);
      inner.set(src.params[i]!, { k: 'code', js, mutable: false });
    });
    // An expression body has no statements: this writer's temporaries serve it too.
    const value = this.expr(src.body as AstNode, inner);
    if (sets.length === 0) return value;
    return { js: `(${sets.join(', ')}, ${value.js})` };
  }

  /** Statements of a block body, as a block's contents. */
  statements(stmts: readonly AstNode[], parent: Scope): string {
    const scope = new Scope(parent);
    // A name declared in this block cannot be read from an outer scope before its declaration.
    for (const s of stmts)
      if (isTag(s, 'let'))
        scope.set(s[1] as string, { k: 'unusable', what: `${String(s[1])} before declaration` });
    return stmts.map((s) => this.statement(s, scope)).join('\n');
  }

  private statement(s: AstNode, scope: Scope): string {
    if (!Array.isArray(s)) return fail('statement');
    const [tag, a, c, d, e] = s as unknown as [string, AstNode, AstNode, AstNode, AstNode];
    if (tag === 'let') {
      const name = a as string;
      const v = this.expr(c, scope);
      if (v.known !== undefined && !this.assigned.has(name)) {
        scope.set(name, { k: 'known', v: v.known });
        return '';
      }
      const js = `_${name}`;
      scope.set(name, { k: 'code', js, mutable: true });
      return `let ${js} = ${v.js};`;
    }
    if (tag === 'set') {
      const target = scope.get(c as string);
      if (target.k !== 'code' || !target.mutable) return fail('assignment');
      if (!['=', '+=', '-=', '*=', '/='].includes(a as string)) return fail(`operator ${a}`);
      return `${target.js} ${a as string} ${this.expr(d, scope).js};`;
    }
    if (tag === 'if') {
      const cond = this.expr(a, scope);
      const yes = c as unknown as AstNode[];
      const no = d as unknown as AstNode[];
      if (cond.known !== undefined) return `{\n${this.statements(cond.known ? yes : no, scope)}\n}`;
      return `if (${cond.js}) {\n${this.statements(yes, scope)}\n} else {\n${this.statements(no, scope)}\n}`;
    }
    if (tag === 'for') {
      const init = a as unknown as AstNode[];
      const step = d as unknown as AstNode[];
      const body = e as unknown as AstNode[];
      return this.unrolled(init, c, step, body, scope) ?? this.loop(init, c, step, body, scope);
    }
    if (tag === 'return') return `return ${this.expr(a, scope).js};`;
    if (tag === 'block') return `{\n${this.statements(a as unknown as AstNode[], scope)}\n}`;
    return fail(`statement ${tag}`);
  }

  /** A loop as written (the language has no `break` or `continue`: the step ends the body). */
  private loop(
    init: readonly AstNode[],
    cond: AstNode | null,
    step: readonly AstNode[],
    body: readonly AstNode[],
    scope: Scope,
  ): string {
    const loopScope = new Scope(scope);
    const first = init.map((s) => this.statement(s, loopScope)).join('\n');
    const test = cond === null ? '' : this.expr(cond, loopScope).js;
    const inner = this.statements(body, loopScope);
    const next = step.map((s) => this.statement(s, loopScope)).join('\n');
    return `{\n${first}\nfor (;${test};) {\n{\n${inner}\n}\n${next}\n}\n}`;
  }

  /**
   * `for (let i = a; cond; i += b)` with a and b known, i not assigned in the body and the
   * condition known at every step: the body written once per step with i known. Null otherwise.
   */
  private unrolled(
    init: readonly AstNode[],
    cond: AstNode | null,
    step: readonly AstNode[],
    body: readonly AstNode[],
    scope: Scope,
  ): string | null {
    const [first] = init;
    const [next] = step;
    if (init.length !== 1 || step.length !== 1 || cond === null) return null;
    if (!isTag(first, 'let') || !isTag(next, 'set')) return null;
    const name = first[1] as string;
    const by = next[3];
    if (next[2] !== name || (next[1] !== '+=' && next[1] !== '-=') || typeof by !== 'number')
      return null;
    if (assignedNames(body).has(name)) return null;
    let i = this.expr(first[2] as AstNode, scope).known;
    const out: string[] = [];
    for (let n = 0; typeof i === 'number'; n++) {
      if (n > 256) return null;
      const loopScope = new Scope(scope);
      loopScope.set(name, { k: 'known', v: i });
      const test = this.expr(cond, loopScope).known;
      if (test === undefined) return null;
      if (!test) return `{\n${out.join('\n')}\n}`;
      out.push(`{\n${this.statements(body, loopScope)}\n}`);
      i = next[1] === '+=' ? i + by : i - by;
    }
    return null;
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
    const name = m.blockFunction(fn, src, list ? [inputs.length] : inputs.map(() => 'v'));
    return `${name}(${inputs.join(', ')})`;
  }
  return w.expr(src.body as AstNode, equationScope(src, inputs, list)).js;
}
