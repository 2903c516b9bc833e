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
import type { FnRef, FunctionBody } from './encode';
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
 * splitExponent): a power whose exponent does not change during a run splits it once.
 */
export function emitTablePow(m: Definer, ref: FnRef, split: FnRef): void {
  const at = m.data(new Uint8Array(POW_TABLES.all.buffer.slice(0)));
  m.define(ref, tablePowBody(at, false));
  m.define(split, tablePowBody(at, true));
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
