/**
 * Deterministic elementary functions: exp, log, pow, sin, cos and cbrt written with IEEE-754
 * double arithmetic only (+, -, *, /, sqrt and bit access), so they give the same bits in every
 * JavaScript engine. `Math.exp` and friends do not: their results are implementation-defined, and
 * Node 20's V8 and Chromium 156's V8 differ on about one call in ten for exp, log, pow and cbrt
 * (checked on 20,000 random arguments each), which made the app's Web Workers and the CLI give
 * different numbers for the same seed. The model and the engine's noise use these instead.
 *
 * The algorithms are fdlibm's (Sun Microsystems, 1993; the FreeBSD msun versions), transcribed:
 * exp, log and cbrt give exactly what Node 20's V8 gives (it uses the same code), sin/cos exactly
 * what fdlibm gives (V8 uses other code there; both are within one unit in the last place). pow
 * computes its common case from tables (dmath-pow.ts: faster, and within 0.51 units in the last
 * place) and keeps fdlibm's code for |y| > 2^31 and results near the ends of the double range.
 *
 * ====================================================
 * Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *
 * Developed at SunPro, a Sun Microsystems, Inc. business.
 * Permission to use, copy, modify, and distribute this
 * software is freely granted, provided that this notice
 * is preserved.
 * ====================================================
 */
import { F64, HI, I32, LO, POW2 } from './dmath-bits';
import { tablePow, Y_LIMIT } from './dmath-pow';

/** WORD_UNIT[e] = the value of the low word's last bit in a double whose exponent field is e. */
const WORD_UNIT = new Float64Array(2048);
for (let e = 0; e < 2048; e++) WORD_UNIT[e] = POW2[Math.max(e, 1) - 1075 + 1100]!;

/** 2^n, exactly, for an integer n in [-1074, 1023]. */
function pow2(n: number): number {
  return POW2[n + 1100]!;
}

function highWord(x: number): number {
  F64[0] = x;
  return I32[HI]!;
}

function lowWord(x: number): number {
  F64[0] = x;
  return I32[LO]!;
}

/**
 * The double whose words are `hi` and `lo` (as int32s), for finite results (not NaN): the magnitude is the
 * high word's part plus the low word times its last bit's value, both exact and the sum exact
 * (together they are the 53-bit significand).
 */
function fromWords(hi: number, lo: number): number {
  const e = (hi >>> 20) & 0x7ff;
  const m = hi & 0xfffff;
  const v = (e === 0 ? m : m + 0x100000) * WORD_UNIT[e]! * 4294967296 + (lo >>> 0) * WORD_UNIT[e]!;
  return hi < 0 ? -v : v;
}

/** `x` with its low word set to 0 (toward zero: exact; -0 stays -0). */
function clearLow(x: number): number {
  F64[0] = x;
  const hi = I32[HI]!;
  const d = (I32[LO]! >>> 0) * WORD_UNIT[(hi >>> 20) & 0x7ff]!;
  return hi < 0 ? -(-x - d) : x - d;
}

/** `x` with its high word replaced by `hi` (a finite result). */
function withHigh(x: number, hi: number): number {
  F64[0] = x;
  return fromWords(hi, I32[LO]!);
}

// ---- exp --------------------------------------------------------------------------------------

const HUGE = 1.0e300;
const E = 2.718281828459045;
const TWOM1000 = 9.3326361850321887899e-302; // 2^-1000
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/**
 * e^x: a small function, so that the JIT inlines it into its callers (equations, the noise): the
 * work is done by expIO on numbers passed through EXP_IO, so that a compiled caller boxes no
 * argument and no result (expIO is too large to be inlined).
 */
export function exp(x: number): number {
  EXP_IO[0] = x;
  expIO();
  return EXP_IO[1]!;
}

/** expIO's argument and result: it computes EXP_IO[1] = e^EXP_IO[0]. */
const EXP_IO = new Float64Array(2);

/** fdlibm's exp (e_exp.c), from and into EXP_IO. */
function expIO(): void {
  let x = EXP_IO[0]!;
  let hx = highWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  // Non-finite and out-of-range arguments.
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) {
        EXP_IO[1] = x + x; // NaN
        return;
      }
      EXP_IO[1] = xsb === 0 ? x : 0.0; // exp(+-inf) = inf, 0
      return;
    }
    if (x > O_THRESHOLD) {
      EXP_IO[1] = HUGE * HUGE;
      return;
    }
    if (x < U_THRESHOLD) {
      EXP_IO[1] = TWOM1000 * TWOM1000;
      return;
    }
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  // Argument reduction: x = k ln2 + r, |r| <= 0.5 ln2.
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x === 1.0) {
        EXP_IO[1] = E;
        return;
      }
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI; // exact
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    if (HUGE + x > 1.0) {
      EXP_IO[1] = 1.0 + x;
      return;
    }
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) {
    EXP_IO[1] = 1.0 - ((x * c) / (c - 2.0) - x);
    return;
  }
  const y = 1.0 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) {
      EXP_IO[1] = y * 2.0 * 8.98846567431158e307; // 2^1023
      return;
    }
    EXP_IO[1] = y * pow2(k);
    return;
  }
  EXP_IO[1] = y * pow2(k + 1000) * TWOM1000;
}

// ---- log --------------------------------------------------------------------------------------

const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

export function log(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(+-0)
    if (hx < 0) return NaN; // log(negative)
    k -= 54;
    x *= TWO54; // subnormal: scale up
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    if (k === 0) return f - r;
    return k * LN2_HI - (r - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let ii = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  ii |= j;
  const r = t2 + t1;
  if (ii > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

// ---- pow --------------------------------------------------------------------------------------

const BP = [1.0, 1.5] as const;
const DP_H = [0.0, 5.84962487220764160156e-1] as const;
const DP_L = [0.0, 1.35003920212974897128e-8] as const;
const TWO53 = 9007199254740992.0;
const TINY = 1.0e-300;
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

/** x * 2^n for a finite x (exact unless the result is subnormal: then correctly rounded). */
function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= 8.98846567431158e307; // 2^1023
    n -= 1023;
    if (n > 1023) {
      y *= 8.98846567431158e307;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // 2^-1022 * 2^53, so that the final multiplication rounds once.
    y *= 2.2250738585072014e-308 * 9007199254740992;
    n += 1022 - 53;
    if (n < -1022) {
      y *= 2.2250738585072014e-308 * 9007199254740992;
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * pow2(n);
}

/**
 * x^y. For x > 0 finite, the exponents fdlibm treats specially (1, 1/2, 2, -1: x, sqrt(x), x * x,
 * 1 / x) and then the common case (y not 0, |y| < 2^31 + 2^11: the values for which the general
 * code below reaches the tables) go straight there, with exactly powGeneral's results: a small
 * function, so the JIT can inline it into the equations (a call that is not inlined returns its
 * double boxed, an allocation per call). tablePow is small too: the tables' code behind it takes
 * its numbers through memory (dmath-pow.ts POW_IO).
 */
export function pow(x: number, y: number): number {
  if (x > 0 && x < Infinity) {
    if (y === 1) return x;
    if (y === 0.5) return Math.sqrt(x);
    if (y === 2) return x * x;
    if (y === -1) return 1 / x;
    if (y !== 0 && Math.abs(y) < Y_LIMIT) {
      const r = tablePow(x, y);
      if (r === r) return r;
    }
  }
  return powGeneral(x, y);
}

/** x^y for any arguments: fdlibm's special cases, the tables, and fdlibm's code at the edges. */
export function powGeneral(x: number, y: number): number {
  F64[0] = x;
  const hx = I32[HI]!;
  const lx = I32[LO]! >>> 0;
  F64[0] = y;
  const hy = I32[HI]!;
  const ly = I32[LO]! >>> 0;
  let ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;

  if ((iy | ly) === 0) return 1.0; // x^0 = 1
  // NaN arguments.
  if (
    ix > 0x7ff00000 ||
    (ix === 0x7ff00000 && lx !== 0) ||
    iy > 0x7ff00000 ||
    (iy === 0x7ff00000 && ly !== 0)
  )
    return x + y;

  // When x < 0: yisint 0 (y not an integer), 1 (odd integer), 2 (even integer).
  let yisint = 0;
  if (hx < 0) {
    if (iy >= 0x43400000) yisint = 2;
    else if (iy >= 0x3ff00000) {
      const e = (iy >> 20) - 0x3ff;
      if (e > 20) {
        const j = ly >>> (52 - e);
        if ((j << (52 - e)) >>> 0 === ly) yisint = 2 - (j & 1);
      } else if (ly === 0) {
        const j = iy >> (20 - e);
        if (j << (20 - e) === iy) yisint = 2 - (j & 1);
      }
    }
  }

  // Special values of y.
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      // y is +-inf
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (+-1)^+-inf
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0.0; // (|x|>1)^+-inf = inf, 0
      return hy < 0 ? -y : 0.0; // (|x|<1)^-,+inf = inf, 0
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1.0 / x : x; // y is +-1
    if (hy === 0x40000000) return x * x; // y is 2
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x); // y is 0.5, x >= +0
  }

  let ax = Math.abs(x);
  // Special values of x.
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    let z = ax; // x is +-0, +-inf, +-1
    if (hy < 0) z = 1.0 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0)
        z = NaN; // (-1)^non-integer
      else if (yisint === 1) z = -z; // (x<0)^odd = -(|x|^odd)
    }
    return z;
  }

  let n = (hx >>> 31) ^ 1; // 0 for negative x, 1 otherwise (as fdlibm's (hx>>31)+1)
  if ((n | yisint) === 0) return NaN; // (x<0)^non-integer
  let s = 1.0; // sign of the result
  if ((n | (yisint - 1)) === 0) s = -1.0; // (-ve)^(odd integer)

  if (iy <= 0x41e00000) {
    // The common case, from tables (dmath-pow.ts); fdlibm's code below serves |y| > 2^31 and
    // results at the edges of the double range.
    const r = tablePow(ax, y);
    if (r === r) return s * r;
  }

  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2^31
    if (iy > 0x43f00000) {
      // |y| > 2^64: must overflow or underflow
      if (ix <= 0x3fefffff) return hy < 0 ? HUGE * HUGE : TINY * TINY;
      if (ix >= 0x3ff00000) return hy > 0 ? HUGE * HUGE : TINY * TINY;
    }
    // Over- or underflow if x is not close to one.
    if (ix < 0x3fefffff) return hy < 0 ? s * HUGE * HUGE : s * TINY * TINY;
    if (ix > 0x3ff00000) return hy > 0 ? s * HUGE * HUGE : s * TINY * TINY;
    // |1 - x| <= 2^-20: log(x) by x - x^2/2 + x^3/3 - x^4/4.
    const t = ax - 1.0;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    n = 0;
    // Subnormal x.
    if (ix < 0x00100000) {
      ax *= TWO53;
      n -= 53;
      ix = highWord(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // Interval: |x| < sqrt(3/2), < sqrt(3), or halve it.
    const ix0 = ix;
    ix = j | 0x3ff00000;
    let k: 0 | 1;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax *= pow2((ix >> 20) - (ix0 >> 20)); // ax with its high word set to ix (exact)
    // ss = s_h + s_l = (x - 1) / (x + 1) or (x - 1.5) / (x + 1.5)
    let u = ax - BP[k];
    let v = 1.0 / (ax + BP[k]);
    const ss = u * v;
    F64[0] = ss;
    let h = I32[HI]!;
    let d = (I32[LO]! >>> 0) * WORD_UNIT[(h >>> 20) & 0x7ff]!;
    const sH = h < 0 ? -(-ss - d) : ss - d; // ss with its low word cleared
    // t_h = ax + bp[k], high part
    h = ((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18);
    let tH = ((h & 0xfffff) + 0x100000) * pow2((h >>> 20) - 1043); // the double with high word h
    let tL = ax - (tH - BP[k]);
    const sL = v * (u - sH * tH - sH * tL);
    // log(ax)
    let s2 = ss * ss;
    let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = 3.0 + s2 + r; // in [3, 4): clearing the low word truncates to a multiple of 2^-19
    tH = Math.trunc(tH * 524288) / 524288;
    tL = r - (tH - 3.0 - s2);
    // u + v = ss * (1 + ...)
    u = sH * tH;
    v = sL * tH + tL * ss;
    // 2 / (3 log2) * (ss + ...)
    const uv = u + v;
    F64[0] = uv;
    h = I32[HI]!;
    d = (I32[LO]! >>> 0) * WORD_UNIT[(h >>> 20) & 0x7ff]!;
    const pH = h < 0 ? -(-uv - d) : uv - d;
    const pL = v - (pH - u);
    const zH = CP_H * pH; // cp_h + cp_l = 2 / (3 log2)
    const zL = CP_L * pH + pL * CP + DP_L[k];
    // log2(ax) = (ss + ...) * 2 / (3 log2) = n + dp_h + z_h + z_l
    const t = n;
    const l2 = zH + zL + DP_H[k] + t;
    F64[0] = l2;
    h = I32[HI]!;
    d = (I32[LO]! >>> 0) * WORD_UNIT[(h >>> 20) & 0x7ff]!;
    t1 = h < 0 ? -(-l2 - d) : l2 - d;
    t2 = zL - (t1 - t - DP_H[k] - zH);
  }

  // Split y into y1 + y2 and compute (y1 + y2) * (t1 + t2).
  const y1 = clearLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  F64[0] = z;
  let j = I32[HI]!;
  let i = I32[LO]!;
  if (j >= 0x40900000) {
    // z >= 1024
    if (((j - 0x40900000) | i) !== 0) return s * HUGE * HUGE;
    if (pL + OVT > z - pH) return s * HUGE * HUGE;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z <= -1075
    if (((j - 0xc090cc00) | i) !== 0) return s * TINY * TINY;
    if (pL <= z - pH) return s * TINY * TINY;
  }
  // 2^(p_h + p_l)
  i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  n = 0;
  if (i > 0x3fe00000) {
    // |z| > 0.5: n = [z + 0.5]
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  let t = pL + pH;
  F64[0] = t;
  const ht = I32[HI]!;
  const dt = (I32[LO]! >>> 0) * WORD_UNIT[(ht >>> 20) & 0x7ff]!;
  t = ht < 0 ? -(-t - dt) : t - dt;
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2_ + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  t = z * z;
  t1 = z - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  const r = (z * t1) / (t1 - 2.0) - (w + z * w);
  z = 1.0 - (r - z);
  j = highWord(z) + (n << 20);
  if (j >> 20 <= 0)
    z = scalbn(z, n); // subnormal result
  else z = z * pow2(n >> 1) * pow2(n - (n >> 1)); // z's high word + n << 20: exact scalings
  return s * z;
}

// ---- sin, cos ---------------------------------------------------------------------------------

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

/** sin(x + y) for |x| <= pi/4, y the tail of x (0 when there is none). */
function kernelSin(x: number, y: number): number {
  const z = x * x;
  const w = z * z;
  const r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  const v = z * x;
  if (y === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** cos(x + y) for |x| <= pi/4. */
function kernelCos(x: number, y: number): number {
  const z = x * x;
  let w = z * z;
  const r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  w = 1.0 - hz;
  return w + (1.0 - w - hz + (z * r - x * y));
}

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.0771005063039659766e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.0222662487111664558e-21;
const PIO2_3T = 8.47842766036889956997e-32;

/** x - n pi/2 as REDUCED[0] + REDUCED[1]; returns n. */
const REDUCED = new Float64Array(2);

function reduceMedium(x: number, ix: number): number {
  const n = Math.round(x * INV_PIO2);
  let r = x - n * PIO2_1;
  let w = n * PIO2_1T; // first round, good to 85 bits
  const j = ix >> 20;
  REDUCED[0] = r - w;
  let i = j - ((highWord(REDUCED[0]) >> 20) & 0x7ff);
  if (i > 16) {
    // second iteration, good to 118 bits
    let t = r;
    w = n * PIO2_2;
    r = t - w;
    w = n * PIO2_2T - (t - r - w);
    REDUCED[0] = r - w;
    i = j - ((highWord(REDUCED[0]) >> 20) & 0x7ff);
    if (i > 49) {
      // third iteration, 151 bits
      t = r;
      w = n * PIO2_3;
      r = t - w;
      w = n * PIO2_3T - (t - r - w);
      REDUCED[0] = r - w;
    }
  }
  REDUCED[1] = r - REDUCED[0] - w;
  return n;
}

/**
 * Reduces x (|x| > pi/4, finite) by multiples of pi/2. Arguments beyond 2^20 pi/2 are first
 * taken modulo 2pi's double (the exact `%`) instead of fdlibm's long reduction, which the model
 * never needs: the same bits everywhere, but only a few digits right there.
 */
function reduce(x: number): number {
  if ((highWord(x) & 0x7fffffff) >= 0x413921fb) x %= 6.283185307179586;
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  const sub = (k: number, tail: number): number => {
    const z = hx > 0 ? x - k * PIO2_1 : x + k * PIO2_1;
    const t = hx > 0 ? tail : -tail;
    REDUCED[0] = z - t;
    REDUCED[1] = z - REDUCED[0] - t;
    return hx > 0 ? k : -k;
  };
  if (ix <= 0x400f6a7a) {
    // |x| ~<= 5pi/4
    if ((ix & 0xfffff) === 0x921fb) return reduceMedium(x, ix); // ~pi/2 or pi: cancellation
    if (ix <= 0x4002d97c) return sub(1, PIO2_1T); // |x| ~<= 3pi/4
    return sub(2, 2 * PIO2_1T);
  }
  if (ix <= 0x401c463b) {
    // |x| ~<= 9pi/4
    if (ix <= 0x4015fdbc) {
      if (ix === 0x4012d97c) return reduceMedium(x, ix); // ~3pi/2
      return sub(3, 3 * PIO2_1T);
    }
    if (ix === 0x401921fb) return reduceMedium(x, ix); // ~2pi
    return sub(4, 4 * PIO2_1T);
  }
  return reduceMedium(x, ix);
}

export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    // |x| ~<= pi/4
    if (ix < 0x3e500000) return x; // |x| < 2^-26
    return kernelSin(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = reduce(x);
  const a = REDUCED[0]!;
  const b = REDUCED[1]!;
  switch (n & 3) {
    case 0:
      return kernelSin(a, b);
    case 1:
      return kernelCos(a, b);
    case 2:
      return -kernelSin(a, b);
    default:
      return -kernelCos(a, b);
  }
}

export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e400000) return 1.0; // |x| < 2^-27
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = reduce(x);
  const a = REDUCED[0]!;
  const b = REDUCED[1]!;
  switch (n & 3) {
    case 0:
      return kernelCos(a, b);
    case 1:
      return -kernelSin(a, b);
    case 2:
      return -kernelCos(a, b);
    default:
      return kernelSin(a, b);
  }
}

// ---- cbrt -------------------------------------------------------------------------------------

const B1 = 715094163; // (1023 - 1023/3 - 0.03306235651) * 2^20
const B2 = 696219795; // (1023 - 1023/3 - 54/3 - 0.03306235651) * 2^20
const CB_P0 = 1.87595182427177009643;
const CB_P1 = -1.88497979543377169875;
const CB_P2 = 1.6214297201053545;
const CB_P3 = -0.758397934778766047437;
const CB_P4 = 0.145996192886612446982;

export function cbrt(x: number): number {
  let hx = highWord(x);
  const low = lowWord(x);
  const sign = hx & 0x80000000;
  hx ^= sign;
  if (hx >= 0x7ff00000) return x + x; // NaN, inf
  let t: number;
  if (hx < 0x00100000) {
    // zero or subnormal
    if ((hx | low) === 0) return x;
    t = TWO54 * x;
    const high = highWord(t) & 0x7fffffff;
    t = fromWords(sign | (Math.floor(high / 3) + B2), 0);
  } else {
    t = fromWords(sign | (Math.floor(hx / 3) + B1), 0);
  }
  // cbrt to 23 bits: cbrt(x) = t * cbrt(x / t^3) ~= t * P(t^3 / x)
  let r = t * t * (t / x);
  t = t * (CB_P0 + r * (CB_P1 + r * CB_P2) + r * r * r * (CB_P3 + r * CB_P4));
  // Round t away from zero to 23 bits: add 2^31 to the 64-bit pattern, clear the low 30 bits.
  F64[0] = t;
  let lo = (I32[LO]! >>> 0) + 0x80000000;
  let hi = I32[HI]!;
  if (lo > 0xffffffff) {
    lo -= 0x100000000;
    hi = (hi + 1) | 0;
  }
  t = fromWords(hi, (lo & 0xc0000000) | 0);
  // One Newton step to 53 bits, error < 0.667 ulps.
  const s = t * t;
  r = x / s;
  const w = t + t;
  r = (r - t) / (w + r);
  return t + t * r;
}
