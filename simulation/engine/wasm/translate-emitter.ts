/**
 * Emits expressions of one equation body (or of one inlined equation) as WebAssembly, with
 * JavaScript's conversions (see translate.ts); the statements are translate-statements.ts'.
 * Values known while translating are folded (translate-fold.ts); a helper called on a list of
 * known inputs is inlined, its list parameter bound to the same inputs.
 */
import { equationSourceOf, type AstNode, type EquationSource } from '../equation-source';
import { blockType, FunctionBody, Op } from './encode';
import type { Translator } from './translate';
import {
  ARITH,
  assignedNames,
  COMPARE,
  freeScope,
  isTag,
  runInvariant,
  join,
  MATH_UNARY,
  Scope,
  Untranslatable,
  wasmType,
  type Builtin,
  type Hoister,
  type Item,
  type Ty,
} from './translate-common';
import { knownValue, type Known } from './translate-fold';

/**
 * Emits the expressions of one function body (or of one inlined equation). `knownLocalTypes`
 * carries the joined type of every `let` from one pass to the next (see Translator.helper).
 */
export abstract class ExprEmitter {
  readonly returns: Ty[] = [];
  /** Joined types of the locals, by declaration (read by the next pass). */
  readonly localTypes = new Map<object, Ty>();

  /**
   * Where to hoist expressions that do not change during a run (null: nowhere). Set for the run
   * loop's equations only: their code then runs once per run instead of once per step.
   */
  hoister: Hoister | null = null;

  constructor(
    protected readonly t: Translator,
    protected readonly body: FunctionBody,
    protected readonly resultTy: Ty | null,
    readonly knownLocalTypes: ReadonlyMap<object, Ty>,
  ) {}

  protected fail(what: string): never {
    throw new Untranslatable(what);
  }

  /**
   * Emits a block body inline (its parameters bound in `scope`), leaving its value on the stack;
   * returns the value's type.
   */
  protected abstract inlineBlock(src: EquationSource, scope: Scope): Ty;

  /** Emits a value known while translating. */
  protected constant(v: Known): Ty {
    if (typeof v === 'boolean') {
      this.body.i32(v ? 1 : 0);
      return 'bool';
    }
    this.body.f64(v);
    return 'f64';
  }

  /** Converts the value on the stack from `from` to `to` (f64 or mixed from bool: 0 or 1). */
  private convert(from: Ty, to: 'f64' | 'bool'): void {
    if (to === 'f64') {
      if (from === 'bool') this.body.op(Op.f64_convert_i32_u);
    } else if (from !== 'bool') {
      // JavaScript truthiness of a number: neither 0 nor NaN.
      this.body.op(Op.f64_abs).f64(0).op(Op.f64_gt);
    }
  }

  /** Emits a value and converts it: `f64` for arithmetic, `bool` for a condition. */
  as(node: AstNode, scope: Scope, to: 'f64' | 'bool'): void {
    this.convert(this.expr(node, scope), to);
  }

  expr(node: AstNode, scope: Scope): Ty {
    const b = this.body;
    const k = knownValue(node, scope);
    if (k !== undefined) return this.constant(k);
    if (typeof node === 'string') {
      const v = scope.get(node);
      if (v.k === 'local') {
        b.get(v.index);
        return v.ty;
      }
      if (v.k === 'invariant') {
        v.item(b);
        return 'f64';
      }
      return this.fail(`${node} is not a number`);
    }
    if (!Array.isArray(node)) return this.fail('node');
    if (
      this.hoister &&
      runInvariant(node, scope, this.t.module) &&
      this.t.typeOf(node, scope, this) === 'f64'
    ) {
      // The same operations on the same values, once per run: the same bits in every step.
      const read = this.hoister.hoist((into) =>
        this.t.emitter(into, this.knownLocalTypes).as(node, scope, 'f64'),
      );
      if (read) {
        read(b);
        return 'f64';
      }
    }
    const [tag, a, c, d] = node as [string, AstNode, AstNode, AstNode];
    switch (tag) {
      case 'lit':
        b.i32((a as unknown as boolean) ? 1 : 0);
        return 'bool';
      case 'neg':
        this.as(a, scope, 'f64');
        b.op(Op.f64_neg);
        return 'f64';
      case 'pos':
        this.as(a, scope, 'f64');
        return 'f64';
      case 'not':
        this.as(a, scope, 'bool');
        b.op(Op.i32_eqz);
        return 'bool';
      case '+':
      case '-':
      case '*':
      case '/':
        this.as(a, scope, 'f64');
        this.as(c, scope, 'f64');
        b.op(ARITH[tag]!);
        return 'f64';
      case '<':
      case '<=':
      case '>':
      case '>=':
        this.as(a, scope, 'f64');
        this.as(c, scope, 'f64');
        b.op(COMPARE[tag]!);
        return 'bool';
      case '===':
      case '!==':
      case '==':
      case '!=':
        return this.equality(tag === '===' || tag === '==', a, c, scope);
      case '&&':
      case '||':
        return this.logical(tag === '&&', a, c, scope);
      case '?':
        return this.conditional(a, c, d, scope);
      case 'call':
        return this.call(a, node.slice(2) as AstNode[], scope);
      case '.':
        return this.member(a, c as unknown as string, scope);
      case '[]':
        return this.index(a, c, scope);
      default:
        return this.fail(`operator ${tag}`);
    }
  }

  private equality(equal: boolean, a: AstNode, c: AstNode, scope: Scope): Ty {
    const ta = this.expr(a, scope);
    const tc = this.expr(c, scope);
    if (ta === 'mixed' || tc === 'mixed' || ta !== tc) this.fail('equality of mixed types');
    this.body.op(ta === 'bool' ? (equal ? Op.i32_eq : Op.i32_ne) : equal ? Op.f64_eq : Op.f64_ne);
    return 'bool';
  }

  private logical(and: boolean, a: AstNode, c: AstNode, scope: Scope): Ty {
    const b = this.body;
    // A known left operand decides without code: it is the value, or the right one is.
    const left = knownValue(a, scope);
    if (left !== undefined) return (and ? !left : left) ? this.constant(left) : this.expr(c, scope);
    const ta = this.t.typeOf(a, scope, this);
    const tc = this.t.typeOf(c, scope, this);
    if (ta === 'bool' && tc === 'bool') {
      this.expr(a, scope);
      b.begin(Op.if, blockType('i32'));
      if (and) this.expr(c, scope);
      else b.i32(1);
      b.op(Op.else);
      if (and) b.i32(0);
      else this.expr(c, scope);
      b.end();
      return 'bool';
    }
    const tmp = b.local('f64');
    this.as(a, scope, 'f64');
    b.tee(tmp);
    this.convert('f64', 'bool');
    b.begin(Op.if, blockType('f64'));
    if (and) this.as(c, scope, 'f64');
    else b.get(tmp);
    b.op(Op.else);
    if (and) b.get(tmp);
    else this.as(c, scope, 'f64');
    b.end();
    return ta === 'f64' && tc === 'f64' ? 'f64' : 'mixed';
  }

  private conditional(cond: AstNode, yes: AstNode, no: AstNode, scope: Scope): Ty {
    const b = this.body;
    const known = knownValue(cond, scope);
    if (known !== undefined) return this.expr(known ? yes : no, scope);
    const ty = join(this.t.typeOf(yes, scope, this), this.t.typeOf(no, scope, this));
    const to = ty === 'bool' ? 'bool' : 'f64';
    this.as(cond, scope, 'bool');
    b.begin(Op.if, blockType(wasmType(ty)));
    this.as(yes, scope, to);
    b.op(Op.else);
    this.as(no, scope, to);
    b.end();
    return ty;
  }

  private member(obj: AstNode, prop: string, scope: Scope): Ty {
    if (typeof obj !== 'string') return this.fail('member of an expression');
    const o = scope.get(obj);
    if (o.k === 'math') {
      const v = (Math as unknown as Record<string, unknown>)[prop];
      if (typeof v !== 'number') return this.fail(`Math.${prop}`);
      this.body.f64(v);
      return 'f64';
    }
    if (o.k === 'items' && prop === 'length') return this.constant(o.items.length);
    if (o.k === 'list' && prop === 'length') {
      this.body.get(o.len).op(Op.f64_convert_i32_u);
      return 'f64';
    }
    return this.fail(`.${prop}`);
  }

  /** `list[i]`: the element, or NaN where JavaScript reads undefined (not a whole index in range). */
  private index(obj: AstNode, at: AstNode, scope: Scope): Ty {
    const b = this.body;
    if (typeof obj !== 'string') return this.fail('index of an expression');
    const o = scope.get(obj);
    if (o.k === 'items') {
      // Known inputs: the index must be known too (then the item is read directly).
      const i = knownValue(at, scope);
      if (typeof i !== 'number') return this.fail('index of known inputs not known');
      if (!Number.isInteger(i) || i < 0 || i >= o.items.length) {
        b.f64(NaN); // undefined: a typed array has no such element (-0 reads element 0)
        return 'mixed';
      }
      o.items[i]!(b);
      return 'f64';
    }
    if (o.k !== 'list') return this.fail('index of a non-list');
    const i = b.local('f64');
    this.as(at, scope, 'f64');
    b.set(i);
    // 0 <= i < length and i whole
    b.get(i).f64(0).op(Op.f64_ge);
    b.get(i).get(o.len).op(Op.f64_convert_i32_u).op(Op.f64_lt).op(Op.i32_and);
    b.get(i).op(Op.f64_trunc).get(i).op(Op.f64_eq).op(Op.i32_and);
    b.begin(Op.if, blockType('f64'));
    b.get(o.ptr).get(i).op(Op.i32_trunc_f64_u).i32(3).op(Op.i32_shl).op(Op.i32_add).loadF64();
    b.op(Op.else).f64(NaN).end();
    return 'mixed';
  }

  private call(callee: AstNode, args: readonly AstNode[], scope: Scope): Ty {
    const b = this.body;
    if (isTag(callee, '.')) {
      const [, obj, prop] = callee as unknown as [string, AstNode, string];
      if (typeof obj !== 'string' || scope.get(obj).k !== 'math') return this.fail('method call');
      return this.mathCall(prop, args, scope);
    }
    if (typeof callee !== 'string') return this.fail('callee');
    const f = scope.get(callee);
    if (f.k !== 'fn') return this.fail(`${callee} is not a function`);
    // A function given a boolean or undefined may not do what it does with 0, 1 or NaN (dmath's
    // exp tests `x === 1`): such arguments go only to a helper inlined (which keeps their type).
    const isList = (a: AstNode): boolean => {
      const k = typeof a === 'string' ? scope.lookup(a)?.k : undefined;
      return k === 'items' || k === 'list';
    };
    const numbers = args.every((a) => isList(a) || this.t.typeOf(a, scope, this) === 'f64');
    const builtin = this.t.module.builtin(f.fn);
    if (builtin) {
      if (args.length !== builtin.arity) return this.fail('builtin arity');
      if (!numbers) return this.fail('a boolean or undefined argument');
      const prepared = this.preparedLast(builtin, args, scope);
      for (const a of args) this.as(a, scope, 'f64');
      if (prepared) {
        for (const read of prepared) read(b);
        b.call(builtin.invariantLast!.fn);
      } else b.call(builtin.fn);
      return 'f64';
    }
    const src = equationSourceOf(f.fn);
    const onItems = args.some((a) => isList(a) && scope.get(a as string).k === 'items');
    if (src && (!numbers || onItems || (src.kind === 'expr' && !args.some(isList))))
      return this.inlineHelper(src, args, scope);
    const helper = src ? this.t.helper(f.fn) : null;
    if (helper) {
      if (args.length !== helper.params.length) return this.fail('helper arity');
      helper.params.forEach((kind, i) => {
        if (kind === 'f64') return this.as(args[i]!, scope, 'f64');
        const arg = args[i]!;
        const l = typeof arg === 'string' ? scope.get(arg) : null;
        if (!l || l.k !== 'list') return this.fail('list argument');
        b.get(l.ptr).get(l.len);
      });
      b.call(helper.fn);
      return helper.result;
    }
    if (!numbers) return this.fail('a boolean or undefined argument');
    for (const a of args) this.as(a, scope, 'f64');
    b.call(this.t.module.importCall(f.fn, args.length));
    return 'mixed';
  }

  /**
   * Where the builtin has a faster form for a run-invariant last argument and this one is (in a
   * run function, with room to hoist): the reads of its values computed once per run, else null.
   */
  private preparedLast(builtin: Builtin, args: readonly AstNode[], scope: Scope): Item[] | null {
    const form = builtin.invariantLast;
    const last = args[args.length - 1];
    if (!form || !this.hoister || last === undefined) return null;
    if (!runInvariant(last, scope, this.t.module)) return null;
    const reads: Item[] = [];
    for (const prepare of form.prepare) {
      const read = this.hoister.hoist((into) => {
        this.t.emitter(into, this.knownLocalTypes).as(last, scope, 'f64');
        prepare(into);
      });
      if (!read) return null;
      reads.push(read);
    }
    return reads;
  }

  /**
   * A helper called on a list of known inputs, inline: its list parameters bound to the same
   * inputs, the others to the arguments (evaluated once each, in order, as a call evaluates
   * them, into locals of their own type unless known).
   */
  private inlineHelper(src: EquationSource, args: readonly AstNode[], scope: Scope): Ty {
    if (src.params.length !== args.length) return this.fail('inlined helper arity');
    const inner = new Scope(freeScope(src));
    const assigned = assignedNames(src.body);
    src.params.forEach((p, i) => {
      const arg = args[i]!;
      const list = typeof arg === 'string' ? scope.lookup(arg) : undefined;
      if (list?.k === 'items' || list?.k === 'list') {
        if (list.k === 'list' || assigned.has(p)) this.fail('list argument');
        return inner.set(p, list);
      }
      const k = knownValue(arg, scope);
      if (k !== undefined && !assigned.has(p)) return inner.set(p, { k: 'const', value: k });
      const ty = this.expr(arg, scope);
      const index = this.body.local(wasmType(ty));
      this.body.set(index);
      inner.set(p, { k: 'local', index, decl: null, ty });
    });
    return this.t.inlining(src, () =>
      src.kind === 'expr' ? this.expr(src.body as AstNode, inner) : this.inlineBlock(src, inner),
    );
  }

  private mathCall(name: string, args: readonly AstNode[], scope: Scope): Ty {
    const b = this.body;
    if (name === 'min' || name === 'max') {
      if (args.length === 0) b.f64(name === 'min' ? Infinity : -Infinity);
      args.forEach((a, i) => {
        this.as(a, scope, 'f64');
        if (i > 0) b.op(name === 'min' ? Op.f64_min : Op.f64_max);
      });
      return 'f64';
    }
    const unary = MATH_UNARY[name];
    if (unary !== undefined || name === 'round') {
      if (args.length !== 1) return this.fail(`Math.${name} arity`);
      this.as(args[0]!, scope, 'f64');
      if (unary !== undefined) b.op(unary);
      else b.call(this.t.module.round);
      return 'f64';
    }
    const fn = (Math as unknown as Record<string, unknown>)[name];
    if (typeof fn !== 'function') return this.fail(`Math.${name}`);
    const builtin = this.t.module.builtin(fn);
    for (const a of args) this.as(a, scope, 'f64');
    if (builtin && builtin.arity === args.length) b.call(builtin.fn);
    else b.call(this.t.module.importCall(fn, args.length, { kind: 'math', name }));
    return 'f64';
  }

  /** Emits a value as the representation of `ty` (i32 for bool, else f64). */
  convertInto(node: AstNode, scope: Scope, ty: Ty): void {
    if (ty === 'bool') {
      if (this.expr(node, scope) !== 'bool') this.fail('boolean expected');
    } else this.as(node, scope, 'f64');
  }
}
