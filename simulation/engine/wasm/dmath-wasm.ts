/**
 * ../dmath.ts's exp, log, pow and cbrt as WebAssembly functions, transcribed statement for
 * statement: the same IEEE-754 operations in the same order on the same bit patterns, so they
 * return exactly dmath's bits (tests/engine/dmath-wasm.test.ts compares them on special values
 * and millions of random arguments). JavaScript's 32-bit integer operations become i32
 * instructions (the same two's-complement results), the numbers it computes with them f64 ones.
 * sin and cos are in trig-wasm.ts (they only serve the normal deviates).
 *
 * fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro,
 * a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice is preserved.
 */
import { BLOCK_VOID, FunctionBody, Op, SimdOp, type FnRef, type ValType } from './encode';
import { emitPow, emitScalbn } from './pow-wasm';
import { emitTablePow, tablePowSplitPairBody } from './table-pow-wasm';
import {
  add,
  addBitsMasked,
  and,
  div,
  divU,
  eq,
  F,
  Fn,
  fromWords,
  ge,
  gt,
  hiWord,
  I,
  loWord,
  lt,
  mul,
  ne,
  or,
  sel,
  shl,
  shr,
  shrU,
  sub,
  toF,
  toI,
  trunc,
  withHigh,
  xor,
  type X,
} from './expr';

export interface DmathFunctions {
  readonly exp: FnRef;
  readonly log: FnRef;
  readonly pow: FnRef;
  /** pow with its exponent split beforehand (see pow-wasm.ts PowRefs). */
  readonly powSplit: FnRef;
  /**
   * powSplit of two lanes: (x, y, yh, yl) pairs (v128) -> the pair of powSplit's results (in a
   * module made for pairs of runs only).
   */
  readonly powSplitPair?: FnRef;
  readonly cbrt: FnRef;
}

export interface Definer {
  declareFunction(params: readonly ValType[], results: readonly ValType[]): FnRef;
  define(fn: FnRef, body: FunctionBody): void;
  /** Places bytes in the module's memory (a data segment); returns their address. */
  data(bytes: Uint8Array): number;
}

export const HUGE = 1.0e300;
export const TINY = 1.0e-300;
const E = 2.718281828459045;
const TWOM1000 = 9.3326361850321887899e-302;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
export const P1 = 1.66666666666666019037e-1;
export const P2 = -2.77777777770155933842e-3;
export const P3 = 6.61375632143793436117e-5;
export const P4 = -1.6533902205465251539e-6;
export const P5 = 4.13813679705723846039e-8;

/** 1 - ... : exp's and pow's polynomial t1 = z - t (P1 + t (P2 + ...)) with t = z * z. */
export const expPoly = (z: X, t: X): X =>
  sub(
    z,
    mul(t, add(F(P1), mul(t, add(F(P2), mul(t, add(F(P3), mul(t, add(F(P4), mul(t, F(P5)))))))))),
  );

function emitExp(m: Definer, ref: FnRef): void {
  const f = new Fn(['f64'], 'f64');
  const x = f.param(0);
  const hx = f.let(hiWord(x));
  const xsb = f.let(and(shrU(hx, I(31)), I(1)));
  f.set(hx, and(hx, I(0x7fffffff)));
  f.if(ge(hx, I(0x40862e42)), () => {
    f.if(ge(hx, I(0x7ff00000)), () => {
      f.if(ne(or(and(hx, I(0xfffff)), loWord(x)), I(0)), () => f.ret(add(x, x)));
      f.ret(sel(eq(xsb, I(0)), x, F(0)));
    });
    f.if(gt(x, F(O_THRESHOLD)), () => f.ret(mul(F(HUGE), F(HUGE))));
    f.if(lt(x, F(U_THRESHOLD)), () => f.ret(mul(F(TWOM1000), F(TWOM1000))));
  });
  const hi = f.let(F(0));
  const lo = f.let(F(0));
  const k = f.let(I(0));
  f.if(
    gt(hx, I(0x3fd62e42)),
    () => {
      f.if(
        lt(hx, I(0x3ff0a2b2)),
        () => {
          f.if(eq(x, F(1)), () => f.ret(F(E)));
          const positive = eq(xsb, I(0));
          f.set(hi, sel(positive, sub(x, F(LN2_HI)), add(x, F(LN2_HI))));
          f.set(lo, sel(positive, F(LN2_LO), F(-LN2_LO)));
          f.set(k, sub(sub(I(1), xsb), xsb));
        },
        () => {
          const kf = f.let(trunc(add(mul(F(INV_LN2), x), sel(eq(xsb, I(0)), F(0.5), F(-0.5)))));
          f.set(k, toI(kf));
          f.set(hi, sub(x, mul(kf, F(LN2_HI))));
          f.set(lo, mul(kf, F(LN2_LO)));
        },
      );
      f.set(x, sub(hi, lo));
    },
    () => {
      f.if(lt(hx, I(0x3e300000)), () => {
        f.if(gt(add(F(HUGE), x), F(1)), () => f.ret(add(F(1), x)));
      });
    },
  );
  const t = f.let(mul(x, x));
  const c = f.let(expPoly(x, t));
  f.if(eq(k, I(0)), () => f.ret(sub(F(1), sub(div(mul(x, c), sub(c, F(2))), x))));
  const y = f.let(sub(F(1), sub(sub(lo, div(mul(x, c), sub(F(2), c))), hi)));
  f.if(ge(k, I(-1021)), () => {
    f.if(eq(k, I(1024)), () => f.ret(mul(mul(y, F(2)), F(8.98846567431158e307))));
    f.ret(mul(y, fromWords(shl(add(I(0x3ff), k), I(20)), I(0))));
  });
  m.define(
    ref,
    f.end(mul(mul(y, fromWords(shl(add(add(I(0x3ff), k), I(1000)), I(20)), I(0))), F(TWOM1000))),
  );
}

const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

function emitLog(m: Definer, ref: FnRef): void {
  const f = new Fn(['f64'], 'f64');
  const x = f.param(0);
  const hx = f.let(hiWord(x));
  const lx = f.let(loWord(x));
  const k = f.let(I(0));
  f.if(lt(hx, I(0x00100000)), () => {
    f.if(eq(or(and(hx, I(0x7fffffff)), lx), I(0)), () => f.ret(F(-Infinity)));
    f.if(lt(hx, I(0)), () => f.ret(F(NaN)));
    f.set(k, sub(k, I(54)));
    f.set(x, mul(x, F(TWO54)));
    f.set(hx, hiWord(x));
  });
  f.if(ge(hx, I(0x7ff00000)), () => f.ret(add(x, x)));
  f.set(k, add(k, sub(shr(hx, I(20)), I(1023))));
  f.set(hx, and(hx, I(0x000fffff)));
  const i = f.let(and(add(hx, I(0x95f64)), I(0x100000)));
  f.set(x, withHigh(x, or(hx, xor(i, I(0x3ff00000)))));
  f.set(k, add(k, shr(i, I(20))));
  const fm = f.let(sub(x, F(1)));
  const kf = toF(k);
  f.if(lt(and(I(0x000fffff), add(I(2), hx)), I(3)), () => {
    f.if(eq(fm, F(0)), () => {
      f.if(eq(k, I(0)), () => f.ret(F(0)));
      f.ret(add(mul(kf, F(LN2_HI)), mul(kf, F(LN2_LO))));
    });
    const r = f.let(mul(mul(fm, fm), sub(F(0.5), mul(F(0.3333333333333333), fm))));
    f.if(eq(k, I(0)), () => f.ret(sub(fm, r)));
    f.ret(sub(mul(kf, F(LN2_HI)), sub(sub(r, mul(kf, F(LN2_LO))), fm)));
  });
  const s = f.let(div(fm, add(F(2), fm)));
  const dk = f.let(kf);
  const z = f.let(mul(s, s));
  const ii = f.let(sub(hx, I(0x6147a)));
  const w = f.let(mul(z, z));
  const j = f.let(sub(I(0x6b851), hx));
  const t1 = f.let(mul(w, add(F(LG2), mul(w, add(F(LG4), mul(w, F(LG6)))))));
  const t2 = f.let(mul(z, add(F(LG1), mul(w, add(F(LG3), mul(w, add(F(LG5), mul(w, F(LG7)))))))));
  f.set(ii, or(ii, j));
  const r = f.let(add(t2, t1));
  f.if(gt(ii, I(0)), () => {
    const hfsq = f.let(mul(mul(F(0.5), fm), fm));
    f.if(eq(k, I(0)), () => f.ret(sub(fm, sub(hfsq, mul(s, add(hfsq, r))))));
    f.ret(
      sub(mul(dk, F(LN2_HI)), sub(sub(hfsq, add(mul(s, add(hfsq, r)), mul(dk, F(LN2_LO)))), fm)),
    );
  });
  f.if(eq(k, I(0)), () => f.ret(sub(fm, mul(s, sub(fm, r)))));
  m.define(
    ref,
    f.end(sub(mul(dk, F(LN2_HI)), sub(sub(mul(s, sub(fm, r)), mul(dk, F(LN2_LO))), fm))),
  );
}

const B1 = 715094163;
const B2 = 696219795;
const CB_P0 = 1.87595182427177009643;
const CB_P1 = -1.88497979543377169875;
const CB_P2 = 1.6214297201053545;
const CB_P3 = -0.758397934778766047437;
const CB_P4 = 0.145996192886612446982;

function emitCbrt(m: Definer, ref: FnRef): void {
  const f = new Fn(['f64'], 'f64');
  const x = f.param(0);
  const hx = f.let(hiWord(x));
  const low = f.let(loWord(x));
  const sign = f.let(and(hx, I(0x80000000 | 0)));
  f.set(hx, xor(hx, sign));
  f.if(ge(hx, I(0x7ff00000)), () => f.ret(add(x, x)));
  const t = f.let('f64');
  f.if(
    lt(hx, I(0x00100000)),
    () => {
      f.if(eq(or(hx, low), I(0)), () => f.ret(x));
      f.set(t, mul(fromWords(I(0x43500000), I(0)), x));
      const high = f.let(and(hiWord(t), I(0x7fffffff)));
      f.set(t, fromWords(or(sign, add(divU(high, I(3)), I(B2))), I(0)));
    },
    () => f.set(t, fromWords(or(sign, add(divU(hx, I(3)), I(B1))), I(0))),
  );
  const r = f.let(mul(mul(t, t), div(t, x)));
  f.set(
    t,
    mul(
      t,
      add(
        add(F(CB_P0), mul(r, add(F(CB_P1), mul(r, F(CB_P2))))),
        mul(mul(mul(r, r), r), add(F(CB_P3), mul(r, F(CB_P4)))),
      ),
    ),
  );
  f.set(t, addBitsMasked(t, 0x80000000n, -0x40000000n));
  const s = f.let(mul(t, t));
  f.set(r, div(x, s));
  const w = f.let(add(t, t));
  f.set(r, div(sub(r, t), add(w, r)));
  m.define(ref, f.end(add(t, mul(t, r))));
}

/** Declares and defines the functions in a module under construction. */
export function emitDmath(m: Definer, pairs = false): DmathFunctions {
  const exp = m.declareFunction(['f64'], ['f64']);
  const log = m.declareFunction(['f64'], ['f64']);
  const pow = m.declareFunction(['f64', 'f64'], ['f64']);
  const scalbn = m.declareFunction(['f64', 'i32'], ['f64']);
  const cbrt = m.declareFunction(['f64'], ['f64']);
  const tablePow = m.declareFunction(['f64', 'f64'], ['f64']);
  const split4 = ['f64', 'f64', 'f64', 'f64'] as const;
  const powSplit = m.declareFunction(split4, ['f64']);
  const tablePowSplit = m.declareFunction(split4, ['f64']);
  emitExp(m, exp);
  emitLog(m, log);
  emitScalbn(m, scalbn);
  const at = emitTablePow(m, tablePow, tablePowSplit);
  let powSplitPair: FnRef | undefined;
  if (pairs) {
    const pair4 = ['v128', 'v128', 'v128', 'v128'] as const;
    const tablePowSplitPair = m.declareFunction(pair4, ['v128']);
    powSplitPair = m.declareFunction(pair4, ['v128']);
    m.define(tablePowSplitPair, tablePowSplitPairBody(at));
    const memo = m.data(new Uint8Array(48));
    m.define(powSplitPair, powSplitPairBody(powSplit, tablePowSplitPair, memo));
  }
  emitPow(m, { pow, powSplit, scalbn, tablePow, tablePowSplit });
  emitCbrt(m, cbrt);
  return { exp, log, pow, powSplit, powSplitPair, cbrt };
}

/** The smallest normal double, 2^-1022. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * powSplit for two lanes: where both lanes' x are normal, positive and finite and their exponents
 * go to the tables, the last pair of powers it computed when both lanes' x and y are the same
 * (its memo at `memo`: x, y and x^y pairs, x 0 when empty; powSplit keeps one such entry too: see
 * pow-wasm.ts), else the tables' pair code (table-pow-wasm.ts) unless it refuses a lane; else
 * powSplit on each lane. Each lane's result is powSplit's.
 */
function powSplitPairBody(powSplit: FnRef, tablePair: FnRef, memo: number): FunctionBody {
  const b = new FunctionBody(['v128', 'v128', 'v128', 'v128']);
  const [X, Y, YH, YL] = [0, 1, 2, 3];
  const r = b.local('v128');
  const lanes = [b.local('f64'), b.local('f64')];
  const load = (field: number): void =>
    void b.i32(0).simdMem(SimdOp.v128_load, 3, memo + 16 * field);
  b.get(YH).get(YH).simd(SimdOp.f64x2_eq);
  b.get(X).f64x2(MIN_NORMAL, MIN_NORMAL).simd(SimdOp.f64x2_ge).simd(SimdOp.v128_and);
  b.get(X).f64x2(Infinity, Infinity).simd(SimdOp.f64x2_lt).simd(SimdOp.v128_and);
  b.simd(SimdOp.i64x2_all_true).begin(Op.if, BLOCK_VOID);
  {
    // Both lanes as last time: the last results.
    b.get(X);
    load(0);
    b.simd(SimdOp.f64x2_eq).get(Y);
    load(1);
    b.simd(SimdOp.f64x2_eq).simd(SimdOp.v128_and).simd(SimdOp.i64x2_all_true);
    b.begin(Op.if, BLOCK_VOID);
    load(2);
    b.op(Op.return);
    b.end();
    b.get(X).get(Y).get(YH).get(YL).call(tablePair).set(r);
    b.get(r).get(r).simd(SimdOp.f64x2_eq).simd(SimdOp.i64x2_all_true).begin(Op.if, BLOCK_VOID);
    for (const [field, local] of [
      [0, X],
      [1, Y],
      [2, r],
    ] as const)
      b.i32(0)
        .get(local)
        .simdMem(SimdOp.v128_store, 3, memo + 16 * field);
    b.get(r).op(Op.return);
    b.end();
  }
  b.end();
  for (const lane of [0, 1]) {
    for (const p of [X, Y, YH, YL]) b.get(p).lane(SimdOp.f64x2_extract_lane, lane);
    b.call(powSplit).set(lanes[lane]!);
  }
  b.get(lanes[0]!).simd(SimdOp.f64x2_splat).get(lanes[1]!).lane(SimdOp.f64x2_replace_lane, 1);
  return b;
}
