/**
 * Emits the statements of block bodies (see translate.ts): locals, assignments, `if`, loops and
 * `return`. Where values are known while translating, a `let` never assigned is a constant, an
 * `if` on a known condition is only its branch taken, and a `for` whose counter is known at
 * every step is unrolled with the counter a constant. A block body inlined into an expression
 * (a helper called on a list of known inputs) is a wasm `block` giving its value: `return`
 * branches to its end with the value.
 */
import { unrolledSteps } from '../equation-ast';
import type { AstNode, EquationSource } from '../equation-source';
import { BLOCK_VOID, blockType, FunctionBody, Op } from './encode';
import { ExprEmitter } from './translate-emitter';
import {
  alwaysReturns,
  ARITH,
  assignedNames,
  join,
  Scope,
  wasmType,
  type Ty,
} from './translate-common';
import { knownValue } from './translate-fold';

/** An inlined block body being emitted: where `return` branches to, and its value's type. */
interface InlineReturn {
  /** The body's depth of open blocks inside its own `block`. */
  readonly depth: number;
  readonly ty: Ty;
  readonly types: Ty[];
}

export class Emitter extends ExprEmitter {
  private returnTo: InlineReturn | null = null;

  statements(stmts: readonly AstNode[], parent: Scope): void {
    const scope = new Scope(parent);
    stmts.forEach((s, i) => this.statement(s, scope, stmts.slice(i + 1)));
  }

  /**
   * A block body inline, as a `block` leaving its value (of type `ty`, 'mixed' for an f64 that
   * may be undefined) on the stack. Returns the types its `return`s gave.
   */
  inlineBody(stmts: readonly AstNode[], scope: Scope, ty: Ty): Ty[] {
    const b = this.body;
    b.begin(Op.block, blockType(wasmType(ty)));
    const saved = this.returnTo;
    const to: InlineReturn = { depth: b.depth, ty, types: [] };
    this.returnTo = to;
    try {
      this.statements(stmts, scope);
    } finally {
      this.returnTo = saved;
    }
    // Falling off the end gives undefined. (A boolean body always returns: the constant is then
    // never reached, but keeps the block's type valid after an `if` whose branches both return.)
    if (ty === 'bool') b.i32(0);
    else b.f64(NaN);
    b.end();
    return to.types;
  }

  protected inlineBlock(src: EquationSource, scope: Scope): Ty {
    const stmts = src.body as AstNode[];
    // The value's type: the body is first emitted into a scratch body to see what it returns.
    const probe = new Emitter(this.t, new FunctionBody([]), null, this.knownLocalTypes);
    const types = probe.inlineBody(stmts, scope, 'mixed');
    if (!alwaysReturns(stmts)) types.push('mixed');
    const ty = types.length === 0 ? 'mixed' : types.reduce(join);
    this.inlineBody(stmts, scope, ty);
    return ty;
  }

  private declareLocal(decl: object, name: string, ty: Ty, scope: Scope): number {
    const joined = join(this.knownLocalTypes.get(decl) ?? ty, ty);
    this.localTypes.set(decl, joined);
    const index = this.body.local(wasmType(joined));
    scope.set(name, { k: 'local', index, decl, ty: joined });
    return index;
  }

  /** One statement; `later` are the statements after it in its block (where a `let` lives). */
  private statement(s: AstNode, scope: Scope, later: readonly AstNode[]): void {
    if (!Array.isArray(s)) return this.fail('statement');
    const tag = s[0] as string;
    if (tag === 'let') return this.let(s, scope, later);
    if (tag === 'set') return this.assign(s, scope);
    if (tag === 'if') {
      const [, cond, yes, no] = s as unknown as [string, AstNode, AstNode[], AstNode[]];
      const known = knownValue(cond, scope);
      if (known !== undefined) return this.statements(known ? yes : no, scope);
      this.as(cond, scope, 'bool');
      this.body.begin(Op.if, BLOCK_VOID);
      this.statements(yes, scope);
      if (no.length > 0) {
        this.body.op(Op.else);
        this.statements(no, scope);
      }
      this.body.end();
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
      if (!this.unrolled(init, cond, step, body, scope)) this.loop(init, cond, step, body, scope);
      return;
    }
    if (tag === 'return') return this.return(s[1] as AstNode, scope);
    if (tag === 'block') return this.statements(s[1] as AstNode[], scope);
    return this.fail(`statement ${tag}`);
  }

  private let(s: readonly unknown[], scope: Scope, later: readonly AstNode[]): void {
    const [, name, value] = s as unknown as [string, string, AstNode];
    // Known and never assigned: a constant (e.g. `const n = (v.length - 1) / 2`).
    const known = knownValue(value, scope);
    if (known !== undefined && !assignedNames(later).has(name))
      return scope.set(name, { k: 'const', value: known });
    const ty = this.t.typeOf(value, scope, this);
    const declared = join(this.knownLocalTypes.get(s) ?? ty, ty);
    this.convertInto(value, scope, declared);
    this.body.set(this.declareLocal(s, name, ty, scope));
  }

  private assign(s: readonly unknown[], scope: Scope): void {
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
      this.body.op(ARITH[op.slice(0, 1)]!);
    }
    this.body.set(target.index);
  }

  private return(value: AstNode, scope: Scope): void {
    const b = this.body;
    const to = this.returnTo;
    if (to !== null) {
      // Inlined: the value is carried by a branch to the end of the body's block.
      to.types.push(this.t.typeOf(value, scope, this));
      this.convertInto(value, scope, to.ty);
      b.opU(Op.br, b.depth - to.depth);
      return;
    }
    if (this.resultTy === null) return this.fail('return in an inlined equation');
    this.returns.push(this.t.typeOf(value, scope, this));
    this.convertInto(value, scope, this.resultTy);
    b.op(Op.return);
  }

  /** A loop as written (the language has no `break` or `continue`: the step ends the body). */
  private loop(
    init: readonly AstNode[],
    cond: AstNode | null,
    step: readonly AstNode[],
    body: readonly AstNode[],
    scope: Scope,
  ): void {
    const b = this.body;
    const loopScope = new Scope(scope);
    const rest = [cond ?? 0, ...step, ...body] as AstNode[];
    init.forEach((s, i) => this.statement(s, loopScope, [...init.slice(i + 1), ...rest]));
    b.begin(Op.block, BLOCK_VOID).begin(Op.loop, BLOCK_VOID);
    if (cond !== null) {
      this.as(cond, loopScope, 'bool');
      b.op(Op.i32_eqz).opU(Op.br_if, 1);
    }
    this.statements(body, loopScope);
    step.forEach((s, i) => this.statement(s, loopScope, step.slice(i + 1)));
    b.opU(Op.br, 0).end().end();
  }

  /**
   * A loop that can be unrolled (../equation-ast.ts unrolledSteps): the body emitted once per
   * step with the counter a constant. False (and nothing emitted) otherwise.
   */
  private unrolled(
    init: readonly AstNode[],
    cond: AstNode | null,
    step: readonly AstNode[],
    body: readonly AstNode[],
    scope: Scope,
  ): boolean {
    const counterAt = (name: string, value: number): Scope => {
      const s = new Scope(scope);
      s.set(name, { k: 'const', value });
      return s;
    };
    // Every step's condition first: nothing is emitted unless all of them are known.
    const plan = unrolledSteps(
      init,
      cond,
      step,
      body,
      (n) => knownValue(n, scope),
      (name, v) => knownValue(cond!, counterAt(name, v)),
    );
    if (plan === null) return false;
    for (const v of plan.values) this.statements(body, counterAt(plan.name, v));
    return true;
  }
}
