/**
 * dmath's pow (and the scalbn it uses for subnormal results) as a WebAssembly function,
 * transcribed statement for statement from ../dmath.ts (fdlibm's e_pow.c): see dmath-wasm.ts.
 *
 * fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro,
 * a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice is preserved.
 */
import { Y_LIMIT } from '../dmath-pow';
import type { FnRef } from './encode';
import { expPoly, HUGE, TINY, type Definer } from './dmath-wasm';
import {
  abs,
  add,
  and,
  call,
  clearLow,
  div,
  eq,
  F,
  Fn,
  fromWords,
  ge,
  gt,
  hiWord,
  I,
  le,
  loadF64,
  loWord,
  lt,
  mul,
  ne,
  neg,
  or,
  sel,
  shl,
  shr,
  shrU,
  sqrt,
  sub,
  toF,
  withHigh,
  xor,
  type X,
} from './expr';

const TWO53 = 9007199254740992.0;
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const LG2_ = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1;
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.008566259537294e-17;
const CP = 9.61796693925975554329e-1;
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;
const IVLN2 = 1.442695040888963387;
const IVLN2_H = 1.44269502162933349609;
const IVLN2_L = 1.92596299112661746887e-8;
const DP_H1 = 5.84962487220764160156e-1;
const DP_L1 = 1.35003920212974897128e-8;
const TWO1023 = 8.98846567431158e307;
const TWOM969 = 2.2250738585072014e-308 * 9007199254740992;

export function emitScalbn(m: Definer, ref: FnRef): void {
  const f = new Fn(['f64', 'i32'], 'f64');
  const x = f.param(0);
  const n = f.param(1);
  const y = f.let(x);
  f.if(
    gt(n, I(1023)),
    () => {
      f.set(y, mul(y, F(TWO1023)));
      f.set(n, sub(n, I(1023)));
      f.if(gt(n, I(1023)), () => {
        f.set(y, mul(y, F(TWO1023)));
        f.set(n, sub(n, I(1023)));
        f.if(gt(n, I(1023)), () => f.set(n, I(1023)));
      });
    },
    () => {
      f.if(lt(n, I(-1022)), () => {
        f.set(y, mul(y, F(TWOM969)));
        f.set(n, add(n, I(1022 - 53)));
        f.if(lt(n, I(-1022)), () => {
          f.set(y, mul(y, F(TWOM969)));
          f.set(n, add(n, I(1022 - 53)));
          f.if(lt(n, I(-1022)), () => f.set(n, I(-1022)));
        });
      });
    },
  );
  m.define(ref, f.end(mul(y, fromWords(shl(add(I(0x3ff), n), I(20)), I(0)))));
}

/** The functions emitPow defines. */
export interface PowRefs {
  /** dmath's pow: (x, y) -> x^y. */
  readonly pow: FnRef;
  /**
   * pow with y's halves given, (x, y, yh, yl) as table-pow-wasm's splitExponent computes them
   * (yh NaN where pow does not take y to the tables): for an exponent that does not change
   * during a run, split once. The same results as pow (the same operations on the same values).
   */
  readonly powSplit: FnRef;
  readonly scalbn: FnRef;
  readonly tablePow: FnRef;
  readonly tablePowSplit: FnRef;
}

export function emitPow(m: Definer, refs: PowRefs): void {
  const { pow: ref, scalbn, tablePow } = refs;
  /**
   * In `f`: returns x^y from the last `entries` powers the tables computed (newest first, in a
   * memo of its own: entries of (x, y, x^y), x = 0 marking an empty one, never a key), else from
   * `table` (a call of a table pow) unless it gives NaN. Several equations of a step may take
   * the same power (consumers of the same data products: 2 of the default model's 8 a step).
   * x > 0 and y != 0 here, so equal values are equal bits (no -0, no NaN). pow keeps two
   * entries; powSplit one, which does as well at less cost (measured: the runs of a draw about
   * 1% faster than with two, whose cost then equalled what they saved).
   */
  const memoized = (f: Fn, x: X, y: X, table: X, entries: number): void => {
    const memo = m.data(new Uint8Array(entries * 24));
    const at = (entry: number, field: number): X => loadF64(I(0), memo + entry * 24 + field * 8);
    for (let entry = 0; entry < entries; entry++)
      f.if(and(eq(x, at(entry, 0)), eq(y, at(entry, 1))), () => f.ret(at(entry, 2)));
    const r = f.let(table);
    f.if(eq(r, r), () => {
      for (let entry = entries - 1; entry > 0; entry--)
        for (let field = 0; field < 3; field++)
          f.store(I(0), memo + entry * 24 + field * 8, at(entry - 1, field));
      f.store(I(0), memo, x);
      f.store(I(0), memo + 8, y);
      f.store(I(0), memo + 16, r);
      f.ret(r);
    });
  };

  const g = new Fn(['f64', 'f64', 'f64', 'f64'], 'f64');
  const gx = g.param(0);
  const gy = g.param(1);
  const gyh = g.param(2);
  const gyl = g.param(3);
  g.if(and(eq(gyh, gyh), and(gt(gx, F(0)), lt(gx, F(Infinity)))), () =>
    memoized(g, gx, gy, call(refs.tablePowSplit, 'f64', gx, gy, gyh, gyl), 1),
  );
  m.define(refs.powSplit, g.end(call(ref, 'f64', gx, gy)));

  const f = new Fn(['f64', 'f64'], 'f64');
  const x = f.param(0);
  const y = f.param(1);
  // dmath's pow: x > 0 finite with a special exponent, or the common case straight to the
  // tables; else powGeneral.
  f.if(and(gt(x, F(0)), lt(x, F(Infinity))), () => {
    f.if(eq(y, F(1)), () => f.ret(x));
    f.if(eq(y, F(0.5)), () => f.ret(sqrt(x)));
    f.if(eq(y, F(2)), () => f.ret(mul(x, x)));
    f.if(eq(y, F(-1)), () => f.ret(div(F(1), x)));
    f.if(and(ne(y, F(0)), lt(abs(y), F(Y_LIMIT))), () =>
      memoized(f, x, y, call(tablePow, 'f64', x, y), 2),
    );
  });
  const hx = f.let(hiWord(x));
  const lx = f.let(loWord(x));
  const hy = f.let(hiWord(y));
  const ly = f.let(loWord(y));
  const ix = f.let(and(hx, I(0x7fffffff)));
  const iy = f.let(and(hy, I(0x7fffffff)));
  const huge = (sign: X | null): X => mul(sign ? mul(sign, F(HUGE)) : F(HUGE), F(HUGE));
  const tiny = (sign: X | null): X => mul(sign ? mul(sign, F(TINY)) : F(TINY), F(TINY));

  f.if(eq(or(iy, ly), I(0)), () => f.ret(F(1)));
  f.if(
    or(
      or(gt(ix, I(0x7ff00000)), and(eq(ix, I(0x7ff00000)), ne(lx, I(0)))),
      or(gt(iy, I(0x7ff00000)), and(eq(iy, I(0x7ff00000)), ne(ly, I(0)))),
    ),
    () => f.ret(add(x, y)),
  );

  const yisint = f.let(I(0));
  f.if(lt(hx, I(0)), () => {
    f.if(
      ge(iy, I(0x43400000)),
      () => f.set(yisint, I(2)),
      () => {
        f.if(ge(iy, I(0x3ff00000)), () => {
          const e = f.let(sub(shr(iy, I(20)), I(0x3ff)));
          const j = f.let('i32');
          f.if(
            gt(e, I(20)),
            () => {
              f.set(j, shrU(ly, sub(I(52), e)));
              f.if(eq(shl(j, sub(I(52), e)), ly), () => f.set(yisint, sub(I(2), and(j, I(1)))));
            },
            () => {
              f.if(eq(ly, I(0)), () => {
                f.set(j, shr(iy, sub(I(20), e)));
                f.if(eq(shl(j, sub(I(20), e)), iy), () => f.set(yisint, sub(I(2), and(j, I(1)))));
              });
            },
          );
        });
      },
    );
  });

  f.if(eq(ly, I(0)), () => {
    f.if(eq(iy, I(0x7ff00000)), () => {
      f.if(eq(or(sub(ix, I(0x3ff00000)), lx), I(0)), () => f.ret(F(NaN)));
      f.if(ge(ix, I(0x3ff00000)), () => f.ret(sel(ge(hy, I(0)), y, F(0))));
      f.ret(sel(lt(hy, I(0)), neg(y), F(0)));
    });
    f.if(eq(iy, I(0x3ff00000)), () => f.ret(sel(lt(hy, I(0)), div(F(1), x), x)));
    f.if(eq(hy, I(0x40000000)), () => f.ret(mul(x, x)));
    f.if(and(eq(hy, I(0x3fe00000)), ge(hx, I(0))), () => f.ret(sqrt(x)));
  });

  const ax = f.let(abs(x));
  f.if(
    and(eq(lx, I(0)), or(or(eq(ix, I(0x7ff00000)), eq(ix, I(0))), eq(ix, I(0x3ff00000)))),
    () => {
      const z = f.let(ax);
      f.if(lt(hy, I(0)), () => f.set(z, div(F(1), z)));
      f.if(lt(hx, I(0)), () => {
        f.if(
          eq(or(sub(ix, I(0x3ff00000)), yisint), I(0)),
          () => f.set(z, F(NaN)),
          () => f.if(eq(yisint, I(1)), () => f.set(z, neg(z))),
        );
      });
      f.ret(z);
    },
  );

  const n = f.let(xor(shrU(hx, I(31)), I(1)));
  f.if(eq(or(n, yisint), I(0)), () => f.ret(F(NaN)));
  const s = f.let(F(1));
  f.if(eq(or(n, sub(yisint, I(1))), I(0)), () => f.set(s, F(-1)));

  f.if(le(iy, I(0x41e00000)), () => {
    const r = f.let(call(tablePow, 'f64', ax, y));
    f.if(eq(r, r), () => f.ret(mul(s, r)));
  });

  const t1 = f.let('f64');
  const t2 = f.let('f64');
  f.if(
    gt(iy, I(0x41e00000)),
    () => {
      f.if(gt(iy, I(0x43f00000)), () => {
        f.if(le(ix, I(0x3fefffff)), () => f.ret(sel(lt(hy, I(0)), huge(null), tiny(null))));
        f.if(ge(ix, I(0x3ff00000)), () => f.ret(sel(gt(hy, I(0)), huge(null), tiny(null))));
      });
      f.if(lt(ix, I(0x3fefffff)), () => f.ret(sel(lt(hy, I(0)), huge(s), tiny(s))));
      f.if(gt(ix, I(0x3ff00000)), () => f.ret(sel(gt(hy, I(0)), huge(s), tiny(s))));
      const t = f.let(sub(ax, F(1)));
      const w = f.let(
        mul(mul(t, t), sub(F(0.5), mul(t, sub(F(0.3333333333333333), mul(t, F(0.25)))))),
      );
      const u = f.let(mul(F(IVLN2_H), t));
      const v = f.let(sub(mul(t, F(IVLN2_L)), mul(w, F(IVLN2))));
      f.set(t1, clearLow(add(u, v)));
      f.set(t2, sub(v, sub(t1, u)));
    },
    () => {
      f.set(n, I(0));
      f.if(lt(ix, I(0x00100000)), () => {
        f.set(ax, mul(ax, F(TWO53)));
        f.set(n, sub(n, I(53)));
        f.set(ix, hiWord(ax));
      });
      f.set(n, add(n, sub(shr(ix, I(20)), I(0x3ff))));
      const j = f.let(and(ix, I(0x000fffff)));
      f.set(ix, or(j, I(0x3ff00000)));
      const k = f.let(I(0));
      f.if(
        le(j, I(0x3988e)),
        () => f.set(k, I(0)),
        () => {
          f.if(
            lt(j, I(0xbb67a)),
            () => f.set(k, I(1)),
            () => {
              f.set(k, I(0));
              f.set(n, add(n, I(1)));
              f.set(ix, sub(ix, I(0x00100000)));
            },
          );
        },
      );
      f.set(ax, withHigh(ax, ix));
      const bp = f.let(sel(k, F(1.5), F(1)));
      const dpH = f.let(sel(k, F(DP_H1), F(0)));
      const dpL = f.let(sel(k, F(DP_L1), F(0)));
      const u = f.let(sub(ax, bp));
      const v = f.let(div(F(1), add(ax, bp)));
      const ss = f.let(mul(u, v));
      const sH = f.let(clearLow(ss));
      const tH = f.let(
        fromWords(add(add(or(shr(ix, I(1)), I(0x20000000)), I(0x00080000)), shl(k, I(18))), I(0)),
      );
      const tL = f.let(sub(ax, sub(tH, bp)));
      const sL = f.let(mul(v, sub(sub(u, mul(sH, tH)), mul(sH, tL))));
      const s2 = f.let(mul(ss, ss));
      const poly = add(
        F(L1),
        mul(
          s2,
          add(F(L2), mul(s2, add(F(L3), mul(s2, add(F(L4), mul(s2, add(F(L5), mul(s2, F(L6))))))))),
        ),
      );
      const r = f.let(mul(mul(s2, s2), poly));
      f.set(r, add(r, mul(sL, add(sH, ss))));
      f.set(s2, mul(sH, sH));
      f.set(tH, clearLow(add(add(F(3), s2), r)));
      f.set(tL, sub(r, sub(sub(tH, F(3)), s2)));
      f.set(u, mul(sH, tH));
      f.set(v, add(mul(sL, tH), mul(tL, ss)));
      const pH = f.let(clearLow(add(u, v)));
      const pL = f.let(sub(v, sub(pH, u)));
      const zH = f.let(mul(F(CP_H), pH));
      const zL = f.let(add(add(mul(F(CP_L), pH), mul(pL, F(CP))), dpL));
      const t = f.let(toF(n));
      f.set(t1, clearLow(add(add(add(zH, zL), dpH), t)));
      f.set(t2, sub(zL, sub(sub(sub(t1, t), dpH), zH)));
    },
  );

  const y1 = f.let(clearLow(y));
  const pL = f.let(add(mul(sub(y, y1), t1), mul(y, t2)));
  const pH = f.let(mul(y1, t1));
  const z = f.let(add(pL, pH));
  const j = f.let(hiWord(z));
  const i = f.let(loWord(z));
  f.if(
    ge(j, I(0x40900000)),
    () => {
      f.if(ne(or(sub(j, I(0x40900000)), i), I(0)), () => f.ret(huge(s)));
      f.if(gt(add(pL, F(OVT)), sub(z, pH)), () => f.ret(huge(s)));
    },
    () => {
      f.if(ge(and(j, I(0x7fffffff)), I(0x4090cc00)), () => {
        f.if(ne(or(sub(j, I(0xc090cc00 | 0)), i), I(0)), () => f.ret(tiny(s)));
        f.if(le(pL, sub(z, pH)), () => f.ret(tiny(s)));
      });
    },
  );
  f.set(i, and(j, I(0x7fffffff)));
  const k = f.let(sub(shr(i, I(20)), I(0x3ff)));
  f.set(n, I(0));
  f.if(gt(i, I(0x3fe00000)), () => {
    f.set(n, add(j, shr(I(0x00100000), add(k, I(1)))));
    f.set(k, sub(shr(and(n, I(0x7fffffff)), I(20)), I(0x3ff)));
    const t = f.let(fromWords(and(n, xor(shr(I(0x000fffff), k), I(-1))), I(0)));
    f.set(n, shr(or(and(n, I(0x000fffff)), I(0x00100000)), sub(I(20), k)));
    f.if(lt(j, I(0)), () => f.set(n, sub(I(0), n)));
    f.set(pH, sub(pH, t));
  });
  const t = f.let(clearLow(add(pL, pH)));
  const u = f.let(mul(t, F(LG2_H)));
  const v = f.let(add(mul(sub(pL, sub(t, pH)), F(LG2_)), mul(t, F(LG2_L))));
  f.set(z, add(u, v));
  const w = f.let(sub(v, sub(z, u)));
  f.set(t, mul(z, z));
  f.set(t1, expPoly(z, t));
  const r = f.let(sub(div(mul(z, t1), sub(t1, F(2))), add(w, mul(z, w))));
  f.set(z, sub(F(1), sub(r, z)));
  f.set(j, hiWord(z));
  f.set(j, add(j, shl(n, I(20))));
  f.if(
    le(shr(j, I(20)), I(0)),
    () => f.set(z, call(scalbn, 'f64', z, n)),
    () => f.set(z, withHigh(z, j)),
  );
  m.define(ref, f.end(mul(s, z)));
}
