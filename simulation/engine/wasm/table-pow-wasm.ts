/**
 * ../dmath-pow.ts's tablePow as a WebAssembly function, transcribed statement for statement (the
 * same IEEE-754 operations in the same order), its tables placed in the module's memory by a data
 * segment. Where the JavaScript multiplies by an exact power of two from its table, this builds
 * the same double from its bits (the same value: both are exact).
 */
import { LOG_OFFSET, POW_TABLES, TABLE_BITS } from '../dmath-tables';
import {
  C3,
  C4,
  C5,
  C6,
  C7,
  C8,
  E2,
  E3,
  E4,
  E5,
  E6,
  SHIFT,
  SPLIT,
  T_LIMIT,
  TWO52,
  Y_LIMIT,
} from '../dmath-pow';
import { BLOCK_VOID, FunctionBody, Op, SimdOp, type FnRef } from './encode';
import type { Definer } from './dmath-wasm';
import {
  abs,
  add,
  and,
  F,
  Fn,
  fromWords,
  gt,
  hiWord,
  I,
  loadF64,
  lt,
  mul,
  ne,
  not,
  sel,
  shl,
  shr,
  sub,
  toF,
  toI,
  withHigh,
  type X,
} from './expr';

const N = 1 << TABLE_BITS;

/**
 * Defines `ref` as tablePow: (x, y) -> x^y, or NaN where the JavaScript returns NaN; and `split`
 * as the same with y's halves given, (x, y, yh, yl) with yh and yl as tablePow splits y (see
 * splitExponent): a power whose exponent does not change during a run splits it once. Returns
 * where the tables are.
 */
export function emitTablePow(m: Definer, ref: FnRef, split: FnRef): number {
  const at = m.data(new Uint8Array(POW_TABLES.all.buffer.slice(0)));
  m.define(ref, tablePowBody(at, false));
  m.define(split, tablePowBody(at, true));
  return at;
}

/**
 * Code that leaves y's high half (Veltkamp's split, as tablePow computes it) on the stack in
 * place of y, or NaN where pow does not take y to the tables (y is 0, 1, 2, 1/2, -1, NaN or
 * beyond 2^31 + 2^11: see dmath's pow); `low` leaves y's low half instead.
 */
export function splitExponent(into: FunctionBody, low: boolean): void {
  const y = into.local('f64');
  into.set(y);
  const Y: X = { t: 'f64', emit: (b) => void b.get(y) };
  const ys = mul(Y, F(SPLIT));
  const yh = sub(ys, sub(ys, Y));
  const tables = and(
    and(and(ne(Y, F(1)), ne(Y, F(0.5))), and(ne(Y, F(2)), ne(Y, F(-1)))),
    and(ne(Y, F(0)), lt(abs(Y), F(Y_LIMIT))),
  );
  sel(tables, low ? sub(Y, yh) : yh, F(NaN)).emit(into);
}

function tablePowBody(at: number, givenSplit: boolean): FunctionBody {
  const table = (block: number, index: X): X => loadF64(shl(index, I(3)), at + block * N * 8);
  const { ln2Hi, ln2Lo, ln2NHi, ln2NLo, invLn2N } = POW_TABLES;

  const f = new Fn(givenSplit ? ['f64', 'f64', 'f64', 'f64'] : ['f64', 'f64'], 'f64');
  const x = f.param(0);
  const y = f.param(1);
  const ix = f.let(hiWord(x));
  const e0 = f.let(I(0));
  f.if(lt(ix, I(0x00100000)), () => {
    f.set(x, mul(x, F(TWO52)));
    f.set(ix, hiWord(x));
    f.set(e0, I(-52));
  });
  const tmp = f.let(sub(ix, I(LOG_OFFSET)));
  const ex = f.let(shr(tmp, I(20)));
  const e = f.let(toF(add(ex, e0)));
  const i = f.let(and(shr(tmp, I(20 - TABLE_BITS)), I(N - 1)));
  const z = f.let(withHigh(x, sub(ix, shl(ex, I(20)))));
  const invc = f.let(table(0, i));
  const zs = f.let(mul(z, F(SPLIT)));
  const zh = f.let(sub(zs, sub(zs, z)));
  const r1 = f.let(sub(mul(zh, invc), F(1)));
  const r0 = f.let(mul(sub(z, zh), invc));
  const rh = f.let(add(r1, r0));
  const rb = f.let(sub(rh, r1));
  const rl = f.let(add(sub(r1, sub(rh, rb)), sub(r0, rb)));
  const a = f.let(add(mul(e, F(ln2Hi)), table(1, i)));
  const s = f.let(add(a, rh));
  const err = f.let(sub(rh, sub(s, a)));
  const r2 = f.let(mul(rh, rh));
  // c0 + v c1 (a term of Estrin's scheme)
  const lin = (c0: number, v: X, c1: number): X => add(F(c0), mul(v, F(c1)));
  const r4 = f.let(mul(r2, r2));
  const q = f.let(add(add(lin(C3, rh, C4), mul(r2, lin(C5, rh, C6))), mul(r4, lin(C7, rh, C8))));
  const lo = f.let(
    add(
      add(add(err, add(mul(e, F(ln2Lo)), table(2, i))), rl),
      sub(mul(mul(r2, rh), q), mul(F(0.5), r2)),
    ),
  );
  const h = f.let(add(s, lo));
  const l = f.let(sub(lo, sub(h, s)));
  let yh: X;
  let yl: X;
  if (givenSplit) {
    yh = f.param(2);
    yl = f.param(3);
  } else {
    const ys = f.let(mul(y, F(SPLIT)));
    yh = f.let(sub(ys, sub(ys, y)));
    yl = f.let(sub(y, yh));
  }
  const hs = f.let(mul(h, F(SPLIT)));
  const hh = f.let(sub(hs, sub(hs, h)));
  const hl = f.let(sub(h, hh));
  const ph = f.let(mul(y, h));
  const pl = f.let(
    add(add(add(add(sub(mul(yh, hh), ph), mul(yh, hl)), mul(yl, hh)), mul(yl, hl)), mul(y, l)),
  );
  // !(ph < T_LIMIT && ph > -T_LIMIT): NaN is neither.
  f.if(not(and(lt(ph, F(T_LIMIT)), gt(ph, F(-T_LIMIT)))), () => f.ret(F(NaN)));
  const kd = f.let(sub(add(mul(ph, F(invLn2N)), F(SHIFT)), F(SHIFT)));
  const k = f.let(toI(kd));
  const rr = f.let(add(sub(sub(ph, mul(kd, F(ln2NHi))), mul(kd, F(ln2NLo))), pl));
  const j = f.let(and(k, I(N - 1)));
  const s2 = f.let(mul(rr, rr));
  const p = f.let(
    add(rr, mul(s2, add(lin(E2, rr, E3), mul(s2, add(lin(E4, rr, E5), mul(s2, F(E6))))))),
  );
  const th = f.let(table(3, j));
  const scale = fromWords(shl(add(I(0x3ff), shr(k, I(TABLE_BITS))), I(20)), I(0));
  return f.end(mul(add(th, add(mul(th, p), table(4, j))), scale));
}

/** Code pushing a pair of doubles (a v128). */
type V = (b: FunctionBody) => void;

/**
 * tablePowBody with the exponent split given, for two lanes: (x, y, yh, yl) pairs -> x^y pair,
 * or a pair of NaN where a lane's |y ln x| is too large (the caller then computes both lanes
 * another way). Both lanes' x must be normal, positive and finite. Each lane's operations are
 * tablePowBody's, in its order: the float arithmetic as f64x2 instructions, the bit and table
 * work (the exponent, the table indices, the scale) on each lane's double.
 */
export function tablePowSplitPairBody(at: number): FunctionBody {
  const b = new FunctionBody(['v128', 'v128', 'v128', 'v128']);
  const { ln2Hi, ln2Lo, ln2NHi, ln2NLo, invLn2N } = POW_TABLES;
  const get =
    (l: number): V =>
    (into) =>
      void into.get(l);
  const c =
    (v: number): V =>
    (into) =>
      void into.f64x2(v, v);
  const op =
    (code: number) =>
    (p: V, q: V): V =>
    (into) => {
      p(into);
      q(into);
      into.simd(code);
    };
  const vadd = op(SimdOp.f64x2_add);
  const vsub = op(SimdOp.f64x2_sub);
  const vmul = op(SimdOp.f64x2_mul);
  const vlet = (v: V): V => {
    const l = b.local('v128');
    v(b);
    b.set(l);
    return get(l);
  };
  const lin = (c0: number, v: V, c1: number): V => vadd(c(c0), vmul(v, c(c1)));
  /** Sets lane `lane` of the pair in local `pair` to the double `scalar` pushes. */
  const setLane = (pair: number, lane: number, scalar: () => void): void => {
    if (lane === 0) {
      scalar();
      b.simd(SimdOp.f64x2_splat).set(pair);
    } else {
      b.get(pair);
      scalar();
      b.lane(SimdOp.f64x2_replace_lane, 1).set(pair);
    }
  };
  const tableAt = (block: number, index: number) => (): void =>
    void b
      .get(index)
      .i32(3)
      .op(Op.i32_shl)
      .loadF64(at + block * N * 8);

  const [X, Y, YH, YL] = [0, 1, 2, 3];
  const [e, z, invc, t1, t2] = [0, 1, 2, 3, 4].map(() => b.local('v128')) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const xl = b.local('f64');
  const ix = b.local('i32');
  const tmp = b.local('i32');
  const ex = b.local('i32');
  const i = b.local('i32');
  for (const lane of [0, 1]) {
    b.get(X).lane(SimdOp.f64x2_extract_lane, lane).set(xl);
    b.get(xl).op(Op.i64_reinterpret_f64).i64(32n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).set(ix);
    b.get(ix).i32(LOG_OFFSET).op(Op.i32_sub).set(tmp);
    b.get(tmp).i32(20).op(Op.i32_shr_s).set(ex);
    b.get(tmp)
      .i32(20 - TABLE_BITS)
      .op(Op.i32_shr_s)
      .i32(N - 1)
      .op(Op.i32_and)
      .set(i);
    // e = ex + e0 as a double (e0 = 0: x is normal)
    setLane(e, lane, () => void b.get(ex).op(Op.f64_convert_i32_s));
    // z = x with the high word ix - (ex << 20)
    setLane(z, lane, () => {
      b.get(ix).get(ex).i32(20).op(Op.i32_shl).op(Op.i32_sub);
      b.op(Op.i64_extend_i32_u).i64(32n).op(Op.i64_shl);
      b.get(xl).op(Op.i64_reinterpret_f64).i64(0xffffffffn).op(Op.i64_and);
      b.op(Op.i64_or).op(Op.f64_reinterpret_i64);
    });
    setLane(invc, lane, tableAt(0, i));
    setLane(t1, lane, tableAt(1, i));
    setLane(t2, lane, tableAt(2, i));
  }
  const E = get(e);
  const Z = get(z);
  const INVC = get(invc);
  const zs = vlet(vmul(Z, c(SPLIT)));
  const zh = vlet(vsub(zs, vsub(zs, Z)));
  const r1 = vlet(vsub(vmul(zh, INVC), c(1)));
  const r0 = vlet(vmul(vsub(Z, zh), INVC));
  const rh = vlet(vadd(r1, r0));
  const rb = vlet(vsub(rh, r1));
  const rl = vlet(vadd(vsub(r1, vsub(rh, rb)), vsub(r0, rb)));
  const a = vlet(vadd(vmul(E, c(ln2Hi)), get(t1)));
  const s = vlet(vadd(a, rh));
  const err = vlet(vsub(rh, vsub(s, a)));
  const r2 = vlet(vmul(rh, rh));
  const r4 = vlet(vmul(r2, r2));
  const q = vlet(vadd(vadd(lin(C3, rh, C4), vmul(r2, lin(C5, rh, C6))), vmul(r4, lin(C7, rh, C8))));
  const lo = vlet(
    vadd(
      vadd(vadd(err, vadd(vmul(E, c(ln2Lo)), get(t2))), rl),
      vsub(vmul(vmul(r2, rh), q), vmul(c(0.5), r2)),
    ),
  );
  const h = vlet(vadd(s, lo));
  const l = vlet(vsub(lo, vsub(h, s)));
  const y = get(Y);
  const yh = get(YH);
  const yl = get(YL);
  const hs = vlet(vmul(h, c(SPLIT)));
  const hh = vlet(vsub(hs, vsub(hs, h)));
  const hl = vlet(vsub(h, hh));
  const ph = vlet(vmul(y, h));
  const pl = vlet(
    vadd(
      vadd(vadd(vadd(vsub(vmul(yh, hh), ph), vmul(yh, hl)), vmul(yl, hh)), vmul(yl, hl)),
      vmul(y, l),
    ),
  );
  // Unless both lanes have ph < T_LIMIT && ph > -T_LIMIT: NaN (as tablePow gives the lane).
  ph(b);
  b.f64x2(T_LIMIT, T_LIMIT).simd(SimdOp.f64x2_lt);
  ph(b);
  b.f64x2(-T_LIMIT, -T_LIMIT).simd(SimdOp.f64x2_gt).simd(SimdOp.v128_and);
  b.simd(SimdOp.i64x2_all_true).op(Op.i32_eqz).begin(Op.if, BLOCK_VOID);
  b.f64x2(NaN, NaN).op(Op.return);
  b.end();
  const kd = vlet(vsub(vadd(vmul(ph, c(invLn2N)), c(SHIFT)), c(SHIFT)));
  const rr = vlet(vadd(vsub(vsub(ph, vmul(kd, c(ln2NHi))), vmul(kd, c(ln2NLo))), pl));
  const s2 = vlet(vmul(rr, rr));
  const p = vlet(
    vadd(rr, vmul(s2, vadd(lin(E2, rr, E3), vmul(s2, vadd(lin(E4, rr, E5), vmul(s2, c(E6))))))),
  );
  const [th, t4, scale] = [0, 1, 2].map(() => b.local('v128')) as [number, number, number];
  const k = b.local('i32');
  const j = b.local('i32');
  for (const lane of [0, 1]) {
    kd(b);
    b.lane(SimdOp.f64x2_extract_lane, lane).op(Op.i32_trunc_f64_s).set(k);
    b.get(k)
      .i32(N - 1)
      .op(Op.i32_and)
      .set(j);
    setLane(th, lane, tableAt(3, j));
    setLane(t4, lane, tableAt(4, j));
    // 2^(k >> TABLE_BITS) from its words
    setLane(scale, lane, () => {
      b.i32(0x3ff).get(k).i32(TABLE_BITS).op(Op.i32_shr_s).op(Op.i32_add).i32(20).op(Op.i32_shl);
      b.op(Op.i64_extend_i32_u).i64(32n).op(Op.i64_shl);
      b.i32(0).op(Op.i64_extend_i32_u).op(Op.i64_or).op(Op.f64_reinterpret_i64);
    });
  }
  const TH = get(th);
  vmul(vadd(TH, vadd(vmul(TH, p), get(t4))), get(scale))(b);
  return b;
}
