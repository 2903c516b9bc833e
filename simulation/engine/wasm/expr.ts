/**
 * Typed expressions over a FunctionBody, for writing WebAssembly functions by hand the way the
 * JavaScript they transcribe reads (dmath-wasm.ts): an expression knows its type (i32 for
 * JavaScript's 32-bit integer operations, f64 for numbers), `add`/`lt`/... pick the instruction
 * by type, and hiWord/loWord/fromWords/clearLow/withHigh give the bit access of ../dmath.ts.
 * Nothing is evaluated here: an expression emits its code where it is used (each use emits it
 * again, so a value used twice goes into a local first).
 */
import { BLOCK_VOID, blockType, FunctionBody, Op, type FnRef } from './encode';

export type T = 'i32' | 'f64';

export interface X {
  readonly t: T;
  emit(b: FunctionBody): void;
}

const x = (t: T, emit: (b: FunctionBody) => void): X => ({ t, emit });

const same = (a: X, b: X, what: string): T => {
  if (a.t !== b.t) throw new Error(`${what}: ${a.t} with ${b.t}`);
  return a.t;
};

export const F = (v: number): X => x('f64', (b) => b.f64(v));
export const I = (v: number): X => x('i32', (b) => b.i32(v | 0));

function binary(i32op: number | null, f64op: number | null, what: string) {
  return (a: X, c: X): X => {
    const t = same(a, c, what);
    const op = t === 'i32' ? i32op : f64op;
    if (op === null) throw new Error(`${what} on ${t}`);
    return x(t, (b) => {
      a.emit(b);
      c.emit(b);
      b.op(op);
    });
  };
}

function compare(i32op: number, f64op: number) {
  return (a: X, c: X): X => {
    const t = same(a, c, 'comparison');
    return x('i32', (b) => {
      a.emit(b);
      c.emit(b);
      b.op(t === 'i32' ? i32op : f64op);
    });
  };
}

export const add = binary(Op.i32_add, Op.f64_add, 'add');
export const sub = binary(Op.i32_sub, Op.f64_sub, 'sub');
export const mul = binary(Op.i32_mul, Op.f64_mul, 'mul');
export const div = binary(null, Op.f64_div, 'div');
/** Unsigned division of non-negative integers (Math.floor(a / b) there). */
export const divU = binary(Op.i32_div_u, null, 'divU');
export const and = binary(Op.i32_and, null, 'and');
export const or = binary(Op.i32_or, null, 'or');
export const xor = binary(Op.i32_xor, null, 'xor');
export const shl = binary(Op.i32_shl, null, 'shl');
/** `>>` */
export const shr = binary(Op.i32_shr_s, null, 'shr');
/** `>>>` (the bit pattern; compare such values with eq/ne only). */
export const shrU = binary(Op.i32_shr_u, null, 'shrU');
export const lt = compare(Op.i32_lt_s, Op.f64_lt);
export const le = compare(Op.i32_le_s, Op.f64_le);
export const gt = compare(Op.i32_gt_s, Op.f64_gt);
export const ge = compare(Op.i32_ge_s, Op.f64_ge);
export const eq = compare(Op.i32_eq, Op.f64_eq);
export const ne = compare(Op.i32_ne, Op.f64_ne);

function unary(t: T, op: number) {
  return (a: X): X => {
    if (a.t !== t) throw new Error(`unary on ${a.t}`);
    return x(t, (b) => {
      a.emit(b);
      b.op(op);
    });
  };
}
export const neg = unary('f64', Op.f64_neg);
export const abs = unary('f64', Op.f64_abs);
export const sqrt = unary('f64', Op.f64_sqrt);
export const trunc = unary('f64', Op.f64_trunc);
/** An integer as a number (exact). */
export const toF = (a: X): X =>
  x('f64', (b) => {
    if (a.t !== 'i32') throw new Error('toF of f64');
    a.emit(b);
    b.op(Op.f64_convert_i32_s);
  });
/** A whole number within the 32-bit range as an integer. */
export const toI = (a: X): X =>
  x('i32', (b) => {
    if (a.t !== 'f64') throw new Error('toI of i32');
    a.emit(b);
    b.op(Op.i32_trunc_f64_s);
  });
/** JavaScript's `!c` of a condition (i32 0 or 1). */
export const not = (c: X): X =>
  x('i32', (b) => {
    c.emit(b);
    b.op(Op.i32_eqz);
  });
/** `c ? a : b`, both sides evaluated (they must be plain arithmetic). */
export const sel = (c: X, a: X, e: X): X => {
  const t = same(a, e, 'sel');
  return x(t, (b) => {
    a.emit(b);
    e.emit(b);
    c.emit(b);
    b.op(Op.select);
  });
};

const bits = (a: X, b: FunctionBody): void => {
  if (a.t !== 'f64') throw new Error('bits of i32');
  a.emit(b);
  b.op(Op.i64_reinterpret_f64);
};
/** The high 32 bits of a double (sign, exponent, top of the fraction), as dmath's highWord. */
export const hiWord = (a: X): X =>
  x('i32', (b) => {
    bits(a, b);
    b.i64(32n).op(Op.i64_shr_u).op(Op.i32_wrap_i64);
  });
export const loWord = (a: X): X =>
  x('i32', (b) => {
    bits(a, b);
    b.op(Op.i32_wrap_i64);
  });
export const fromWords = (hi: X, lo: X): X =>
  x('f64', (b) => {
    hi.emit(b);
    b.op(Op.i64_extend_i32_u).i64(32n).op(Op.i64_shl);
    lo.emit(b);
    b.op(Op.i64_extend_i32_u).op(Op.i64_or).op(Op.f64_reinterpret_i64);
  });
export const clearLow = (a: X): X =>
  x('f64', (b) => {
    bits(a, b);
    b.i64(-0x100000000n).op(Op.i64_and).op(Op.f64_reinterpret_i64);
  });
export const withHigh = (a: X, hi: X): X =>
  x('f64', (b) => {
    hi.emit(b);
    b.op(Op.i64_extend_i32_u).i64(32n).op(Op.i64_shl);
    bits(a, b);
    b.i64(0xffffffffn).op(Op.i64_and).op(Op.i64_or).op(Op.f64_reinterpret_i64);
  });
/** Adds `add` to the 64-bit pattern of a double and keeps the bits in `mask` (cbrt's rounding). */
export const addBitsMasked = (a: X, add: bigint, mask: bigint): X =>
  x('f64', (b) => {
    bits(a, b);
    b.i64(add).op(Op.i64_add).i64(mask).op(Op.i64_and).op(Op.f64_reinterpret_i64);
  });

/** The double at byte address `addr` (an i32) + `offset` of the module's memory. */
export const loadF64 = (addr: X, offset: number): X =>
  x('f64', (b) => {
    if (addr.t !== 'i32') throw new Error('address must be i32');
    addr.emit(b);
    b.loadF64(offset);
  });

export const call = (fn: FnRef, t: T, ...args: X[]): X =>
  x(t, (b) => {
    for (const a of args) a.emit(b);
    b.call(fn);
  });

/** A local variable: an expression that reads it, and `set`. */
export interface Var extends X {
  readonly index: number;
}

/** Statements of one function. */
export class Fn {
  readonly body: FunctionBody;
  constructor(
    readonly params: readonly T[],
    readonly result: T,
  ) {
    this.body = new FunctionBody(params);
  }

  param(i: number): Var {
    const t = this.params[i]!;
    return { t, index: i, emit: (b) => void b.get(i) };
  }

  /** A new local, set to `init` (or 0). */
  let(init: X | T): Var {
    const t = typeof init === 'string' ? init : init.t;
    const index = this.body.local(t);
    const v: Var = { t, index, emit: (b) => void b.get(index) };
    if (typeof init !== 'string') this.set(v, init);
    return v;
  }

  set(v: Var, e: X): void {
    if (v.t !== e.t) throw new Error(`set ${v.t} to ${e.t}`);
    e.emit(this.body);
    this.body.set(v.index);
  }

  if(c: X, then: () => void, otherwise?: () => void): void {
    if (c.t !== 'i32') throw new Error('condition must be i32');
    c.emit(this.body);
    this.body.begin(Op.if, BLOCK_VOID);
    then();
    if (otherwise) {
      this.body.op(Op.else);
      otherwise();
    }
    this.body.end();
  }

  /** Stores the double `value` at byte address `addr` (an i32) + `offset`. */
  store(addr: X, offset: number, value: X): void {
    if (addr.t !== 'i32' || value.t !== 'f64')
      throw new Error('store takes an i32 address and an f64');
    addr.emit(this.body);
    value.emit(this.body);
    this.body.storeF64(offset);
  }

  ret(e: X): void {
    if (e.t !== this.result) throw new Error(`return ${e.t} from a ${this.result} function`);
    e.emit(this.body);
    this.body.op(Op.return);
  }

  /** The function's last statement: the value it returns when no `ret` did. */
  end(e: X): FunctionBody {
    if (e.t !== this.result) throw new Error(`return ${e.t} from a ${this.result} function`);
    e.emit(this.body);
    return this.body;
  }
}

export { blockType };
