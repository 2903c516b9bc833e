/**
 * The tables of dmath's pow (dmath-pow.ts), computed when the module loads from exact integer
 * arithmetic (BigInt fixed point with 128 fraction bits), so they are the same in every engine
 * and there is no table of magic numbers to trust: every entry is a correctly rounded double (or
 * a double rounded to a stated number of bits) of a value known to far more precision than a
 * double holds (the series are summed to 2^-128, the errors add up to far less than 2^-100).
 * Building them takes 1-3 ms.
 *
 * Logarithm: the reduced argument z (in [0.705, 1.410)) falls in one of 128 intervals; for each,
 * `invc` is about 1 / (its midpoint) rounded to a multiple of 2^-25 (so at most 26 significant
 * bits: the product of invc and a 26-bit half of z is exact), 1 exactly for the interval that
 * holds 1; and -ln(invc) split into a multiple of 2^-42 (`logcHi`, so that e ln2 + logcHi is
 * exact) and the rest (`logcLo`). ln 2 is split the same way (`ln2Hi`, `ln2Lo`).
 *
 * Exponential: 2^(j / 128) for j = 0..127 as a correctly rounded double (`expHi`) and the rest
 * (`expLo`); ln(2) / 128 split into a multiple of 2^-42 (`ln2NHi`: k ln2NHi is exact for the k a
 * double's exponent range allows) and the rest.
 */

import { F64, HI, I32, LO } from './dmath-bits';

const P = 128n;
const ONE = 1n << P;

const U64 = new BigUint64Array(F64.buffer);

/** The exact value of a finite double of magnitude at least 2^-200, in fixed point. */
function fixedOf(d: number): bigint {
  F64[0] = d;
  const bits = U64[0]!;
  const field = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (field !== 0) m |= 1n << 52n;
  const shift = BigInt((field === 0 ? 1 : field) - 1075) + P;
  const v = shift >= 0n ? m << shift : m >> -shift;
  return bits >> 63n === 1n ? -v : v;
}

/** The double nearest a fixed-point value (ties to even: Number of a BigInt rounds so). */
function doubleOf(f: bigint): number {
  return Number(f) / 2 ** Number(P);
}

/** `f` rounded to the nearest multiple of 2^-bits (halves away from zero). */
function roundToMultiple(f: bigint, bits: bigint): bigint {
  const s = P - bits;
  const half = 1n << (s - 1n);
  return (f >= 0n ? (f + half) >> s : -((-f + half) >> s)) << s;
}

/** atanh(u) for |u| < 1/2 by its series u + u^3/3 + u^5/5 + ... */
function atanh(u: bigint): bigint {
  const u2 = (u * u) / ONE;
  let sum = 0n;
  for (let k = 1n, term = u; term !== 0n; k += 2n, term = (term * u2) / ONE) sum += term / k;
  return sum;
}

/** ln(v) for v in [1/2, 2] (fixed point): 2 atanh((v - 1) / (v + 1)); quick for v near 1. */
export function lnFixed(v: bigint): bigint {
  return 2n * atanh(((v - ONE) * ONE) / (v + ONE));
}

/** e^x for |x| <= 1 (fixed point) by its series. */
function expFixed(x: bigint): bigint {
  let sum = ONE;
  for (let n = 1n, term = ONE; term !== 0n; n++) {
    term = (term * x) / (n * ONE);
    sum += term;
  }
  return sum;
}

/** The double whose high word is `hi` and low word 0. */
function withHighWord(hi: number): number {
  I32[HI] = hi;
  I32[LO] = 0;
  return F64[0]!;
}

/** High word of the smallest reduced argument z: about 0.705, so that 1 lies inside an interval. */
export const LOG_OFFSET = 0x3fe69000;
/** log2 of the number of intervals (and of exponential table entries). */
export const TABLE_BITS = 7;
const N = 1 << TABLE_BITS;

export interface PowTables {
  readonly ln2Hi: number;
  readonly ln2Lo: number;
  readonly ln2NHi: number;
  readonly ln2NLo: number;
  /** 128 / ln 2, rounded. */
  readonly invLn2N: number;
  /** invc, logcHi, logcLo, expHi, expLo: 128 each, in that order (one block, as wasm loads it). */
  readonly all: Float64Array;
}

function build(): PowTables {
  const ln2 = lnFixed(2n * ONE);
  const ln2Hi = roundToMultiple(ln2, 42n);
  const ln2N = ln2 / BigInt(N);
  const ln2NHi = roundToMultiple(ln2N, 42n);
  const all = new Float64Array(5 * N);
  // Each logarithm from the previous one and the log of their ratio (close to 1: a short series).
  let prev = ONE;
  let lnPrev = 0n;
  for (let i = 0; i < N; i++) {
    const a = withHighWord(LOG_OFFSET + (i << (20 - TABLE_BITS)));
    const b = withHighWord(LOG_OFFSET + ((i + 1) << (20 - TABLE_BITS)));
    const invc = a <= 1 && 1 < b ? 1 : Math.round((2 / (a + b)) * 2 ** 25) / 2 ** 25;
    const v = fixedOf(invc);
    lnPrev = invc === 1 ? 0n : lnPrev + lnFixed((v * ONE) / prev); // ln 1 = 0 exactly
    prev = v;
    const logc = -lnPrev;
    const hi = roundToMultiple(logc, 42n);
    all[i] = invc;
    all[N + i] = doubleOf(hi);
    all[2 * N + i] = doubleOf(logc - hi);
  }
  // 2^(j / 128) = (2^(1 / 128))^j.
  const step = expFixed(ln2N);
  for (let j = 0, t = ONE; j < N; j++, t = (t * step) / ONE) {
    const hi = doubleOf(t);
    all[3 * N + j] = hi;
    all[4 * N + j] = doubleOf(t - fixedOf(hi));
  }
  return {
    ln2Hi: doubleOf(ln2Hi),
    ln2Lo: doubleOf(ln2 - ln2Hi),
    ln2NHi: doubleOf(ln2NHi),
    ln2NLo: doubleOf(ln2N - ln2NHi),
    invLn2N: N / doubleOf(ln2),
    all,
  };
}

export const POW_TABLES: PowTables = build();
