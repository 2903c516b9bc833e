/**
 * The core of dmath's pow: x^y for a finite x > 0 and |y| <= 2^31 whose result is a normal double
 * (|y ln x| < 708), from tables (dmath-tables.ts) instead of fdlibm's rational approximations. It
 * uses only IEEE-754 operations (+, -, * on doubles; integer operations on the high word), so it
 * gives the same bits in every engine, and wasm/pow-wasm.ts transcribes it for the WebAssembly
 * backend. Measured: about 2.7 times faster than fdlibm's pow in V8 (no division, shorter
 * polynomials), and more accurate: within 0.507 units in the last place of the exact value on
 * random arguments, where fdlibm's is within 0.77 (tests/engine/dmath-pow.test.ts).
 *
 * ln x = e ln2 - ln(invc) + ln(1 + r), with x = 2^e z, z in [0.705, 1.410), invc about 1 / z from
 * a table of 128 and r = z invc - 1 (|r| < 2^-8) computed exactly as rh + rl: z is split in two
 * halves of 26 bits (Veltkamp), each product with the 26-bit invc is exact. ln x comes out as a
 * double-double H + L (absolute error about 2^-68), then y (H + L) as ph + pl (Dekker's exact
 * product), and e^(ph + pl) = 2^(k / 128) e^rr with |rr| <= ln2 / 256 from a table of 128 and a
 * polynomial. Both polynomials are Taylor series, to degree 8 for ln(1 + r) and 6 for e^rr (their
 * truncation errors are below 2^-67 and 2^-70), evaluated by Estrin's scheme.
 */
import { F64, HI, I32, POW2 } from './dmath-bits';
import { LOG_OFFSET, POW_TABLES, TABLE_BITS } from './dmath-tables';

const N = 1 << TABLE_BITS;
const T = POW_TABLES.all;
const { ln2Hi: LN2_HI, ln2Lo: LN2_LO, ln2NHi: LN2N_HI, ln2NLo: LN2N_LO } = POW_TABLES;
const INV_LN2N = POW_TABLES.invLn2N;

/** Veltkamp's splitting constant 2^27 + 1: x * SPLIT splits a double into two 26-bit halves. */
export const SPLIT = 134217729;
/** 1.5 * 2^52: (v + SHIFT) - SHIFT rounds v to an integer (ties to even) for |v| < 2^51. */
export const SHIFT = 6755399441055744;
export const TWO52 = 4503599627370496;
/** Beyond this |y ln x| the result may leave the normal range: fdlibm's pow takes over. */
export const T_LIMIT = 708;
/**
 * pow takes an exponent to the tables when 0 < |y| < 2^31 + 2^11 (and y is none of its
 * shortcuts): the exponents for which fdlibm's general code reaches them too.
 */
export const Y_LIMIT = 2147485696;

// Taylor coefficients: ln(1 + r) = r - r^2/2 + r^3 (C3 + r (C4 + ...)), e^r - 1 = r + r^2 (E2 + ...).
export const C3 = 1 / 3;
export const C4 = -1 / 4;
export const C5 = 1 / 5;
export const C6 = -1 / 6;
export const C7 = 1 / 7;
export const C8 = -1 / 8;
export const E2 = 1 / 2;
export const E3 = 1 / 6;
export const E4 = 1 / 24;
export const E5 = 1 / 120;
export const E6 = 1 / 720;

/**
 * tablePowIO's arguments and result: it computes IO[2] = IO[0] ^ IO[1]. The tables' code is too
 * large for the JIT to inline, so it takes its numbers through memory: tablePow, a small wrapper
 * that is inlined (into dmath's pow, and so into an equation chunk), then boxes no argument and
 * no result into heap numbers at each call.
 */
const POW_IO = new Float64Array(3);

/**
 * x^y for finite x > 0 (subnormal included) and |y| <= 2^31; NaN when |y ln x| >= 708 (the caller
 * then computes it another way).
 */
export function tablePow(x: number, y: number): number {
  POW_IO[0] = x;
  POW_IO[1] = y;
  tablePowIO();
  return POW_IO[2]!;
}

/** tablePow from and into POW_IO (see there). */
function tablePowIO(): void {
  let x = POW_IO[0]!;
  const y = POW_IO[1]!;
  F64[0] = x;
  let ix = I32[HI]!;
  let e0 = 0;
  if (ix < 0x00100000) {
    // Subnormal x: scale it into the normal range.
    x *= TWO52;
    F64[0] = x;
    ix = I32[HI]!;
    e0 = -52;
  }
  const tmp = ix - LOG_OFFSET;
  const e = (tmp >> 20) + e0;
  const i = (tmp >> (20 - TABLE_BITS)) & (N - 1);
  const z = x * POW2[1100 - (tmp >> 20)]!; // x 2^-e: exact
  const invc = T[i]!;
  // r = z invc - 1 = rh + rl, exactly.
  const zs = z * SPLIT;
  const zh = zs - (zs - z);
  const r1 = zh * invc - 1;
  const r0 = (z - zh) * invc;
  const rh = r1 + r0;
  const rb = rh - r1;
  const rl = r1 - (rh - rb) + (r0 - rb);
  // ln x = (e ln2Hi + logcHi) + rh + the rest, summed exactly where it matters. |a| >= |rh| or
  // a = 0 (the tables' intervals are so placed: tests/engine/dmath-pow.test.ts), so Dekker's
  // fast two-sum gives the exact error of s, with three operations fewer than Knuth's two-sum.
  const a = e * LN2_HI + T[N + i]!;
  const s = a + rh;
  const err = rh - (s - a);
  const r2 = rh * rh;
  // Estrin's scheme: shorter chains of dependent operations than Horner's.
  const r4 = r2 * r2;
  const q = C3 + rh * C4 + r2 * (C5 + rh * C6) + r4 * (C7 + rh * C8);
  const lo = err + (e * LN2_LO + T[2 * N + i]!) + rl + (r2 * rh * q - 0.5 * r2);
  // |s| >= |lo| (lo is the tail of the series, the low parts and errors), fast two-sum again.
  const h = s + lo;
  const l = lo - (h - s);
  // y (h + l) = ph + pl (Dekker's exact product of y and h, plus y l).
  const ys = y * SPLIT;
  const yh = ys - (ys - y);
  const yl = y - yh;
  const hs = h * SPLIT;
  const hh = hs - (hs - h);
  const hl = h - hh;
  const ph = y * h;
  const pl = yh * hh - ph + yh * hl + yl * hh + yl * hl + y * l;
  if (!(ph < T_LIMIT && ph > -T_LIMIT)) {
    POW_IO[2] = NaN;
    return;
  }
  // e^(ph + pl) = 2^(k / 128) e^rr.
  const kd = ph * INV_LN2N + SHIFT - SHIFT;
  const k = kd | 0;
  const rr = ph - kd * LN2N_HI - kd * LN2N_LO + pl;
  const j = k & (N - 1);
  const s2 = rr * rr;
  const p = rr + s2 * (E2 + rr * E3 + s2 * (E4 + rr * E5 + s2 * E6));
  const th = T[3 * N + j]!;
  POW_IO[2] = (th + (th * p + T[4 * N + j]!)) * POW2[(k >> TABLE_BITS) + 1100]!;
}
