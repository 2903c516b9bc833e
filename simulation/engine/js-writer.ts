/**
 * Writes one equation's or helper's body as JavaScript (see js-emit.ts): expressions with values
 * known while writing folded, helpers inlined, statements with known loops unrolled.
 */
import { unrolledSteps } from './equation-ast';
import { equationSourceOf, type AstNode, type EquationSource } from './equation-source';
import {
  assignedNames,
  BINARY,
  fail,
  freeScope,
  IDENT,
  JsUnsupported,
  isTag,
  known,
  fold,
  Scope,
  type Val,
} from './js-emit-common';
import type { JsModule } from './js-emit';

/**
 * Writes expressions and statements of one generated function (or of one chunk of the run
 * loop): `temps` are the temporaries it needs declared.
 */
/** A read of a name or of the state vector: it stays the same while a body is evaluated. */
const ATOM = /^[A-Za-z_$][A-Za-z0-9_$]*(\[\d+\])?$/;

export class Writer {
  /**
   * Where statements computing inlined block bodies go, written before the expression being
   * written; null where that expression may not be evaluated (a branch of `?:`, the right of
   * `&&`, a loop's condition): there a block helper is called as a generated function.
   */
  private sink: string[] | null = null;
  /** Inside an inlined block body: `return v` assigns the result and leaves the block. */
  private returnTo: { readonly temp: string; readonly label: string } | null = null;

  constructor(
    private readonly m: JsModule,
    private readonly assigned: ReadonlySet<string>,
    private readonly prefix = 't',
    /** Temporaries to declare (shared with the writer of an inlined block body). */
    readonly temps: string[] = [],
    /** Prefix of the locals a body declares (unique per inlined body). */
    private readonly local = '',
  ) {}

  /**
   * Writes with block bodies inlined: `f`'s value, and the statements to run before it (in
   * order). The statements and the value only read the state and their own locals and
   * temporaries.
   */
  capture<T>(f: () => T): { pre: string[]; value: T } {
    const pre: string[] = [];
    const value = this.into(pre, f);
    return { pre, value };
  }

  /** True where a block body may be written inline (see capture). */
  get inlining(): boolean {
    return this.sink !== null;
  }

  private into<T>(sink: string[] | null, f: () => T): T {
    const saved = this.sink;
    this.sink = sink;
    try {
      return f();
    } finally {
      this.sink = saved;
    }
  }

  /** An expression that may not be evaluated: nothing of it is written before it. */
  private branch(node: AstNode, scope: Scope): Val {
    return this.into(null, () => this.expr(node, scope));
  }

  /** A statement with the statements computing its inlined blocks before it. */
  private withPre(f: () => string): string {
    const { pre, value } = this.capture(f);
    return pre.length === 0 ? value : `${pre.join('\n')}\n${value}`;
  }

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
    // Indexed reads, not destructuring: the writer runs cold, once per compile.
    const n = node as unknown as readonly AstNode[];
    const tag = n[0] as string;
    const a = n[1]!;
    const c = n[2]!;
    const d = n[3]!;
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
        if (l.known === undefined) return { js: `(${l.js} ${tag} ${this.branch(c, scope).js})` };
        // A number or boolean is never nullish; otherwise the left decides.
        if (tag === '??' || (tag === '&&' ? !l.known : l.known)) return l;
        return this.expr(c, scope);
      }
      case '?': {
        const cond = this.expr(a, scope);
        if (cond.known !== undefined) return this.expr(cond.known ? c : d, scope);
        return { js: `(${cond.js} ? ${this.branch(c, scope).js} : ${this.branch(d, scope).js})` };
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
    if (o.k === 'object') return { js: `${this.m.bind(o.value)}.${prop}` };
    return fail(`.${prop}`);
  }

  /**
   * `list[i]` at a number known while writing: that input, or `undefined` where a typed array
   * has no element (a fraction, a negative or too large index; -0 reads element 0).
   */
  private index(obj: AstNode, at: AstNode, scope: Scope): Val {
    if (typeof obj !== 'string') return fail('index of an expression');
    const o = scope.get(obj);
    if (o.k !== 'list') return fail('index of a non-list');
    const i = this.expr(at, scope).known;
    if (typeof i !== 'number') return fail('index not known');
    if (!Number.isInteger(i) || i < 0 || i >= o.items.length) return { js: '(void 0)' };
    return { js: o.items[i]! };
  }

  private call(callee: AstNode, args: readonly AstNode[], scope: Scope): Val {
    if (isTag(callee, '.')) {
      const obj = callee[1] as AstNode;
      const prop = callee[2] as string;
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
      if (this.sink !== null)
        return this.inlineBlock(
          src,
          args.map((x, i) => lists[i] ?? this.expr(x, scope)),
        );
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
      const atom = ATOM.test(v.js);
      const js = atom ? v.js : this.temp();
      // Where block bodies are written before the expression, the argument is too: a body in
      // this helper's may read it.
      if (!atom) (this.sink ?? sets).push(this.sink ? `${js} = ${v.js};` : `${js} = ${v.js}`);
      inner.set(src.params[i]!, { k: 'code', js, mutable: false });
    });
    // An expression body has no statements: this writer's temporaries serve it too.
    const value = this.expr(src.body as AstNode, inner);
    if (sets.length === 0) return value;
    return { js: `(${sets.join(', ')}, ${value.js})` };
  }

  /**
   * A block body inline: its statements written before the expression (in a labelled block, its
   * locals named uniquely, `return` assigning a temporary and leaving the block), the temporary
   * as its value. The arguments are written first, in order, as a call evaluates them.
   */
  inlineBlock(
    src: EquationSource,
    args: readonly (Val | { k: 'list'; items: readonly string[] })[],
  ): Val {
    const sink = this.sink;
    if (sink === null) return fail('block body where it may not be evaluated');
    const result = this.temp();
    const label = `L${result}`;
    const assigned = assignedNames(src.body);
    const child = new Writer(this.m, assigned, this.prefix, this.temps, `${result}_`);
    const scope = new Scope(freeScope(src));
    const lines: string[] = [];
    src.params.forEach((p, i) => {
      const a = args[i];
      if (a === undefined) return fail('missing argument');
      if ('items' in a) return scope.set(p, { k: 'list', items: a.items });
      const mutable = assigned.has(p);
      if (!mutable && a.known !== undefined) return scope.set(p, { k: 'known', v: a.known });
      if (!mutable && ATOM.test(a.js)) return scope.set(p, { k: 'code', js: a.js, mutable: false });
      const js = `_${result}_${p}`;
      lines.push(`let ${js} = ${a.js};`);
      scope.set(p, { k: 'code', js, mutable: true });
    });
    child.returnTo = { temp: result, label };
    const stmts = src.body as AstNode[];
    const last = stmts[stmts.length - 1];
    // A body that may end without `return` gives undefined, as the function would.
    if (!isTag(last, 'return')) lines.unshift(`${result} = void 0;`);
    const body = child.statements(stmts, scope);
    sink.push(`${label}: {`, ...lines, body, '}');
    return { js: result };
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
    const n = s as unknown as readonly AstNode[];
    const tag = n[0] as string;
    const a = n[1]!;
    const c = n[2]!;
    const d = n[3]!;
    const e = n[4]!;
    if (tag === 'let') {
      const name = a as string;
      return this.withPre(() => {
        const v = this.expr(c, scope);
        if (v.known !== undefined && !this.assigned.has(name)) {
          scope.set(name, { k: 'known', v: v.known });
          return '';
        }
        const js = `_${this.local}${name}`;
        scope.set(name, { k: 'code', js, mutable: true });
        return `let ${js} = ${v.js};`;
      });
    }
    if (tag === 'set') {
      const target = scope.get(c as string);
      if (target.k !== 'code' || !target.mutable) return fail('assignment');
      if (!['=', '+=', '-=', '*=', '/='].includes(a as string)) return fail(`operator ${a}`);
      return this.withPre(() => `${target.js} ${a as string} ${this.expr(d, scope).js};`);
    }
    if (tag === 'if') {
      const yes = c as unknown as AstNode[];
      const no = d as unknown as AstNode[];
      return this.withPre(() => {
        const cond = this.expr(a, scope);
        if (cond.known !== undefined)
          return `{\n${this.statements(cond.known ? yes : no, scope)}\n}`;
        return `if (${cond.js}) {\n${this.statements(yes, scope)}\n} else {\n${this.statements(no, scope)}\n}`;
      });
    }
    if (tag === 'for') {
      const init = a as unknown as AstNode[];
      const step = d as unknown as AstNode[];
      const body = e as unknown as AstNode[];
      return this.unrolled(init, c, step, body, scope) ?? this.loop(init, c, step, body, scope);
    }
    if (tag === 'return') {
      const to = this.returnTo;
      return this.withPre(() => {
        const v = this.expr(a, scope).js;
        return to === null ? `return ${v};` : `${to.temp} = ${v};\nbreak ${to.label};`;
      });
    }
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
    // The condition runs at every pass: nothing of it is written before the loop (the step's
    // statements are written at the end of the body, each after what it needs).
    const test = cond === null ? '' : this.branch(cond, loopScope).js;
    const inner = this.statements(body, loopScope);
    const next = step.map((s) => this.statement(s, loopScope)).join('\n');
    return `{\n${first}\nfor (;${test};) {\n{\n${inner}\n}\n${next}\n}\n}`;
  }

  /**
   * A loop that can be unrolled (equation-ast.ts unrolledSteps): the body written once per step
   * with the counter known. Null otherwise.
   */
  private unrolled(
    init: readonly AstNode[],
    cond: AstNode | null,
    step: readonly AstNode[],
    body: readonly AstNode[],
    scope: Scope,
  ): string | null {
    const counterAt = (name: string, v: number): Scope => {
      const s = new Scope(scope);
      s.set(name, { k: 'known', v });
      return s;
    };
    const plan = unrolledSteps(
      init,
      cond,
      step,
      body,
      (n) => this.branch(n, scope).known,
      (name, v) => this.branch(cond!, counterAt(name, v)).known,
    );
    if (plan === null) return null;
    const out = plan.values.map((v) => `{\n${this.statements(body, counterAt(plan.name, v))}\n}`);
    return `{\n${out.join('\n')}\n}`;
  }
}
