/**
 * Emits one equation body (or one inlined expression) as WebAssembly: expressions, calls and
 * statements with JavaScript's conversions (see translate.ts).
 */
import { equationSourceOf, type AstNode } from '../equation-source';
import { BLOCK_VOID, blockType, FunctionBody, Op } from './encode';
import type { Translator } from './translate';
import {
  ARITH,
  COMPARE,
  isTag,
  join,
  MATH_UNARY,
  Scope,
  Untranslatable,
  wasmType,
  type Ty,
} from './translate-common';

/**
 * Emits one function body (or one inlined expression). `localTypes` carries the joined type of
 * every `let` from one pass to the next (see Translator.helper).
 */
export class Emitter {
  readonly returns: Ty[] = [];
  /** Joined types of the locals, by declaration (read by the next pass). */
  readonly localTypes = new Map<object, Ty>();

  constructor(
    private readonly t: Translator,
    private readonly body: FunctionBody,
    private readonly resultTy: Ty | null,
    private readonly knownLocalTypes: ReadonlyMap<object, Ty>,
  ) {}

  private fail(what: string): never {
    throw new Untranslatable(what);
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
    if (typeof node === 'number') {
      b.f64(node);
      return 'f64';
    }
    if (typeof node === 'string') {
      const v = scope.get(node);
      if (v.k === 'local') {
        b.get(v.index);
        return v.ty;
      }
      if (v.k === 'const') {
        if (typeof v.value === 'boolean') {
          b.i32(v.value ? 1 : 0);
          return 'bool';
        }
        b.f64(v.value);
        return 'f64';
      }
      return this.fail(`${node} is not a number`);
    }
    if (!Array.isArray(node)) return this.fail('node');
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
    const builtin = this.t.module.builtin(f.fn);
    if (builtin) {
      if (args.length !== builtin.arity) return this.fail('builtin arity');
      for (const a of args) this.as(a, scope, 'f64');
      b.call(builtin.fn);
      return 'f64';
    }
    const helper = equationSourceOf(f.fn) ? this.t.helper(f.fn) : null;
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
    for (const a of args) this.as(a, scope, 'f64');
    b.call(this.t.module.importCall(f.fn, args.length));
    return 'mixed';
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
    else b.call(this.t.module.importCall(fn, args.length));
    return 'f64';
  }

  // ---- statements -----------------------------------------------------------------------------

  statements(stmts: readonly AstNode[], parent: Scope): void {
    const scope = new Scope(parent);
    for (const s of stmts) this.statement(s, scope);
  }

  private declareLocal(decl: object, name: string, ty: Ty, scope: Scope): number {
    const joined = join(this.knownLocalTypes.get(decl) ?? ty, ty);
    this.localTypes.set(decl, joined);
    const index = this.body.local(wasmType(joined));
    scope.set(name, { k: 'local', index, decl, ty: joined });
    return index;
  }

  private statement(s: AstNode, scope: Scope): void {
    const b = this.body;
    if (!Array.isArray(s)) return this.fail('statement');
    const tag = s[0] as string;
    if (tag === 'let') {
      const [, name, value] = s as unknown as [string, string, AstNode];
      const ty = this.t.typeOf(value, scope, this);
      const declared = join(this.knownLocalTypes.get(s) ?? ty, ty);
      this.convertInto(value, scope, declared);
      b.set(this.declareLocal(s, name, ty, scope));
      return;
    }
    if (tag === 'set') {
      const [, op, name, value] = s as unknown as [string, string, string, AstNode];
      const target = scope.get(name);
      if (target.k !== 'local') return this.fail(`assignment to ${name}`);
      let ty: Ty;
      if (op === '=') {
        ty = this.t.typeOf(value, scope, this);
      } else {
        const arith = op.slice(0, 1);
        if (!(arith in ARITH)) return this.fail(`operator ${op}`);
        ty = 'f64';
      }
      // A local assigned a value of another type widens (to 'mixed'); the pass is repeated with
      // the widened type (see Translator.translateHelper). A parameter keeps its type.
      const joined = target.decl ? join(target.ty, ty) : target.ty;
      if (target.decl) {
        const known = this.localTypes.get(target.decl) ?? joined;
        this.localTypes.set(target.decl, join(known, joined));
      } else if (ty !== target.ty) {
        return this.fail('parameter assigned another type');
      }
      if (op === '=') {
        this.convertInto(value, scope, joined);
      } else {
        this.convertInto(name, scope, 'f64');
        this.as(value, scope, 'f64');
        b.op(ARITH[op.slice(0, 1)]!);
      }
      b.set(target.index);
      return;
    }
    if (tag === 'if') {
      const [, cond, yes, no] = s as unknown as [string, AstNode, AstNode[], AstNode[]];
      this.as(cond, scope, 'bool');
      b.begin(Op.if, BLOCK_VOID);
      this.statements(yes, scope);
      if (no.length > 0) {
        b.op(Op.else);
        this.statements(no, scope);
      }
      b.end();
      return;
    }
    if (tag === 'for') {
      const [, init, cond, step, body] = s as unknown as [
        string,
        AstNode[],
        AstNode | null,
        AstNode[],
        AstNode[],
      ];
      const loopScope = new Scope(scope);
      for (const i of init) this.statement(i, loopScope);
      b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
      if (cond !== null) {
        this.as(cond, loopScope, 'bool');
        b.op(Op.i32_eqz).opU(Op.br_if, 1);
      }
      this.statements(body, loopScope);
      for (const u of step) this.statement(u, loopScope);
      b.opU(Op.br, 0).end().end();
      return;
    }
    if (tag === 'return') {
      if (this.resultTy === null) return this.fail('return in an inlined equation');
      const value = s[1] as AstNode;
      this.returns.push(this.t.typeOf(value, scope, this));
      this.convertInto(value, scope, this.resultTy);
      b.op(Op.return);
      return;
    }
    if (tag === 'block') return this.statements(s[1] as AstNode[], scope);
    return this.fail(`statement ${tag}`);
  }

  /** Emits a value as the representation of `ty` (i32 for bool, else f64). */
  convertInto(node: AstNode, scope: Scope, ty: Ty): void {
    if (ty === 'bool') {
      if (this.expr(node, scope) !== 'bool') this.fail('boolean expected');
    } else this.as(node, scope, 'f64');
  }
}
