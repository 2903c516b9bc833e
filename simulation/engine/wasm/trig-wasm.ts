/**
 * ../dmath.ts's sin and cos as WebAssembly functions, transcribed statement for statement (the
 * same IEEE-754 operations in the same order), so they return exactly dmath's bits
 * (tests/engine/dmath-wasm.test.ts). The engine's normal deviates call them at every noisy step
 * (Box-Muller); in the module they cost no call out to JavaScript. Arguments of 2^20 pi/2 and
 * beyond, which dmath first takes modulo 2 pi with JavaScript's exact `%` (WebAssembly has no
 * floating-point remainder), are passed to dmath's own functions, imported.
 *
 * fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunPro,
 * a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice is preserved.
 */
import type { FnRef } from './encode';
import type { Definer } from './dmath-wasm';
import {
  add,
  and,
  call,
  eq,
  F,
  Fn,
  ge,
  gt,
  hiWord,
  I,
  le,
  lt,
  mul,
  neg,
  sel,
  shr,
  sub,
  toI,
  type Var,
  type X,
} from './expr';

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;
const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.0771005063039659766e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.0222662487111664558e-21;
const PIO2_3T = 8.47842766036889956997e-32;

export interface TrigFunctions {
  readonly sin: FnRef;
  readonly cos: FnRef;
}

/** sin(x + y) for |x| <= pi/4 (dmath's kernelSin). */
function emitKernelSin(m: Definer, ref: FnRef): void {
  const f = new Fn(['f64', 'f64'], 'f64');
  const x = f.param(0);
  const y = f.param(1);
  const z = f.let(mul(x, x));
  const w = f.let(mul(z, z));
  const r = f.let(
    add(add(F(S2), mul(z, add(F(S3), mul(z, F(S4))))), mul(mul(z, w), add(F(S5), mul(z, F(S6))))),
  );
  const v = f.let(mul(z, x));
  f.if(eq(y, F(0)), () => f.ret(add(x, mul(v, add(F(S1), mul(z, r))))));
  m.define(ref, f.end(sub(x, sub(sub(mul(z, sub(mul(F(0.5), y), mul(v, r))), y), mul(v, F(S1))))));
}

/** cos(x + y) for |x| <= pi/4 (dmath's kernelCos). */
function emitKernelCos(m: Definer, ref: FnRef): void {
  const f = new Fn(['f64', 'f64'], 'f64');
  const x = f.param(0);
  const y = f.param(1);
  const z = f.let(mul(x, x));
  const w = f.let(mul(z, z));
  const r = f.let(
    add(
      mul(z, add(F(C1), mul(z, add(F(C2), mul(z, F(C3)))))),
      mul(mul(w, w), add(F(C4), mul(z, add(F(C5), mul(z, F(C6)))))),
    ),
  );
  const hz = f.let(mul(F(0.5), z));
  f.set(w, sub(F(1), hz));
  m.define(ref, f.end(add(w, add(sub(sub(F(1), w), hz), sub(mul(z, r), mul(x, y))))));
}

/**
 * trig(x, q): sin(x) for q = 0, cos(x) for q = 1. dmath's reduce and reduceMedium inline (the
 * reduced argument a + b and the quadrant n in locals), then the quadrant's kernel: cos(x) is
 * sin's table one quadrant on.
 */
function emitTrigBody(
  m: Definer,
  ref: FnRef,
  k: { sin: FnRef; cos: FnRef; round: FnRef; hugeSin: FnRef; hugeCos: FnRef },
): void {
  const f = new Fn(['f64', 'i32'], 'f64');
  const x = f.param(0);
  const q = f.param(1);
  const ix = f.let(and(hiWord(x), I(0x7fffffff)));
  f.if(le(ix, I(0x3fe921fb)), () => {
    f.if(
      eq(q, I(0)),
      () => {
        f.if(lt(ix, I(0x3e500000)), () => f.ret(x));
        f.ret(call(k.sin, 'f64', x, F(0)));
      },
      () => {
        f.if(lt(ix, I(0x3e400000)), () => f.ret(F(1)));
        f.ret(call(k.cos, 'f64', x, F(0)));
      },
    );
  });
  f.if(ge(ix, I(0x7ff00000)), () => f.ret(F(NaN)));
  f.if(ge(ix, I(0x413921fb)), () =>
    f.ret(sel(eq(q, I(0)), call(k.hugeSin, 'f64', x), call(k.hugeCos, 'f64', x))),
  );
  const hx = f.let(hiWord(x));
  const n = f.let(I(0));
  const a = f.let(F(0));
  const b = f.let(F(0));

  // reduce's sub(k, tail): x -+ k pi/2, the tail, and the quadrant +-k.
  const subtract = (kk: number, tail: number): void => {
    const positive = gt(hx, I(0));
    const z = f.let(sel(positive, sub(x, F(kk * PIO2_1)), add(x, F(kk * PIO2_1))));
    const t = f.let(sel(positive, F(tail), F(-tail)));
    f.set(a, sub(z, t));
    f.set(b, sub(sub(z, a), t));
    f.set(n, sel(positive, I(kk), I(-kk)));
  };
  const exponentOf = (v: Var): X => and(shr(hiWord(v), I(20)), I(0x7ff));
  const medium = (): void => {
    const nf = f.let(call(k.round, 'f64', mul(x, F(INV_PIO2))));
    const r = f.let(sub(x, mul(nf, F(PIO2_1))));
    const w = f.let(mul(nf, F(PIO2_1T)));
    const j = f.let(shr(ix, I(20)));
    f.set(a, sub(r, w));
    const i = f.let(sub(j, exponentOf(a)));
    f.if(gt(i, I(16)), () => {
      const t = f.let(r);
      f.set(w, mul(nf, F(PIO2_2)));
      f.set(r, sub(t, w));
      f.set(w, sub(mul(nf, F(PIO2_2T)), sub(sub(t, r), w)));
      f.set(a, sub(r, w));
      f.set(i, sub(j, exponentOf(a)));
      f.if(gt(i, I(49)), () => {
        f.set(t, r);
        f.set(w, mul(nf, F(PIO2_3)));
        f.set(r, sub(t, w));
        f.set(w, sub(mul(nf, F(PIO2_3T)), sub(sub(t, r), w)));
        f.set(a, sub(r, w));
      });
    });
    f.set(b, sub(sub(r, a), w));
    f.set(n, toI(nf));
  };
  f.if(
    le(ix, I(0x400f6a7a)),
    () =>
      f.if(eq(and(ix, I(0xfffff)), I(0x921fb)), medium, () =>
        f.if(
          le(ix, I(0x4002d97c)),
          () => subtract(1, PIO2_1T),
          () => subtract(2, 2 * PIO2_1T),
        ),
      ),
    () =>
      f.if(
        le(ix, I(0x401c463b)),
        () =>
          f.if(
            le(ix, I(0x4015fdbc)),
            () => f.if(eq(ix, I(0x4012d97c)), medium, () => subtract(3, 3 * PIO2_1T)),
            () => f.if(eq(ix, I(0x401921fb)), medium, () => subtract(4, 4 * PIO2_1T)),
          ),
        medium,
      ),
  );
  const quadrant = f.let(and(add(n, q), I(3)));
  f.if(eq(quadrant, I(0)), () => f.ret(call(k.sin, 'f64', a, b)));
  f.if(eq(quadrant, I(1)), () => f.ret(call(k.cos, 'f64', a, b)));
  f.if(eq(quadrant, I(2)), () => f.ret(neg(call(k.sin, 'f64', a, b))));
  m.define(ref, f.end(neg(call(k.cos, 'f64', a, b))));
}

/**
 * Declares and defines sin and cos in a module under construction. `round` is Math.round
 * (rng-wasm.ts's emitRound); `hugeSin` and `hugeCos` are dmath's own functions, imported, for
 * arguments of 2^20 pi/2 and beyond.
 */
export function emitTrig(m: Definer, round: FnRef, hugeSin: FnRef, hugeCos: FnRef): TrigFunctions {
  const kSin = m.declareFunction(['f64', 'f64'], ['f64']);
  const kCos = m.declareFunction(['f64', 'f64'], ['f64']);
  const trig = m.declareFunction(['f64', 'i32'], ['f64']);
  emitKernelSin(m, kSin);
  emitKernelCos(m, kCos);
  emitTrigBody(m, trig, { sin: kSin, cos: kCos, round, hugeSin, hugeCos });
  const wrap = (q: number): FnRef => {
    const ref = m.declareFunction(['f64'], ['f64']);
    const f = new Fn(['f64'], 'f64');
    m.define(ref, f.end(call(trig, 'f64', f.param(0), I(q))));
    return ref;
  };
  return { sin: wrap(0), cos: wrap(1) };
}
