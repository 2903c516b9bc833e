/**
 * Seeded pseudo-random numbers. sfc32 (Chris Doty-Humphrey's small fast counter) on 32-bit
 * integer arithmetic, seeded through splitmix32: the same seed gives the same sequence in Node,
 * a Worker and the browser. Normal deviates by Box-Muller, Poisson by Knuth's product method for
 * small means and a rounded normal approximation above 30. Logarithms, exponentials and the
 * trigonometric functions are dmath.ts's: the same bits in every JavaScript engine.
 */
import { cos, exp, log, sin } from './dmath';

export class Rng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;
  private spareNormal = 0;
  private hasSpare = false;

  constructor(seed: number) {
    this.reseed(seed);
  }

  reseed(seed: number): void {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    this.hasSpare = false;
    // Warm up so that nearby seeds decorrelate.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /**
   * Writes the generator's state at `offset` (little-endian: a, b, c, d as 32-bit integers, then
   * whether a normal deviate is kept, and at offset + 24 the kept deviate), for a backend that
   * runs the generator in WebAssembly memory; readState takes it back.
   */
  writeState(view: DataView, offset: number): void {
    view.setInt32(offset, this.a, true);
    view.setInt32(offset + 4, this.b, true);
    view.setInt32(offset + 8, this.c, true);
    view.setInt32(offset + 12, this.d, true);
    view.setInt32(offset + 16, this.hasSpare ? 1 : 0, true);
    view.setFloat64(offset + 24, this.spareNormal, true);
  }

  readState(view: DataView, offset: number): void {
    this.a = view.getInt32(offset, true);
    this.b = view.getInt32(offset + 4, true);
    this.c = view.getInt32(offset + 8, true);
    this.d = view.getInt32(offset + 12, true);
    this.hasSpare = view.getInt32(offset + 16, true) !== 0;
    this.spareNormal = view.getFloat64(offset + 24, true);
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    // Times 2^-32, exactly as a division by 2^32 (a power of two), without a division's latency.
    return this.nextUint32() * 2.3283064365386963e-10;
  }

  /** Standard normal deviate. */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * log(u));
    this.spareNormal = r * sin(2 * Math.PI * v);
    this.hasSpare = true;
    return r * cos(2 * Math.PI * v);
  }

  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number {
    if (!(mean > 0)) return 0;
    if (mean < 30) {
      let p = this.uniform();
      // A uniform below poissonSureZero(mean) is below exp(-mean): the count is 0 and the loop
      // below would not run, so exp need not be computed (same count, same uniforms drawn).
      const below = poissonSureZero(mean);
      if (p < below) return 0;
      // Each product is compared with exp(-mean) only when the bounds do not decide (rarely).
      const above = poissonSureAbove(mean);
      let limit = NaN;
      let k = 0;
      while (p > above || (p >= below && p > (limit === limit ? limit : (limit = exp(-mean))))) {
        k++;
        p *= this.uniform();
      }
      return k;
    }
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
  }

  /** Triangular deviate on [min, max] with the given mode. */
  triangular(min: number, mode: number, max: number): number {
    if (!(max > min)) return mode;
    const u = this.uniform();
    const f = (mode - min) / (max - min);
    return u < f
      ? min + Math.sqrt(u * (max - min) * (mode - min))
      : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
  }
}

/** Below this margin, rounding cannot bring poissonSureZero's bound above exp(-mean). */
export const POISSON_SURE_MARGIN = 2 ** -40;
/** 1/6, rounded: poissonSureZero multiplies by it. */
export const POISSON_SIXTH = 1 / 6;

/**
 * A number surely below dmath's exp(-mean) for mean > 0: 1 - m + m^2/2 - m^3/6 is below e^-m
 * (Taylor's remainder e^-t m^4/24 is positive), its rounding errors (about 1e-15 while the bound
 * is positive, for m under 1.6) and exp's (under an ulp) are far smaller than the margin. Most
 * Poisson draws in the model have small means (0.2 on average): most of their first uniforms are
 * below it, and their count, 0, needs no exponential. m^3/6 is taken as m m (m SIXTH), which
 * rounds differently from a division by 6 (by an ulp, far below the margin) without its latency.
 */
export function poissonSureZero(mean: number): number {
  return 1 - mean * (1 - mean * (0.5 - mean * POISSON_SIXTH)) - POISSON_SURE_MARGIN;
}

/** 1/24, rounded: poissonSureAbove multiplies by it. */
export const POISSON_TWENTY_FOURTH = 1 / 24;

/**
 * A number surely above dmath's exp(-mean) for mean > 0: 1 - m + m^2/2 - m^3/6 + m^4/24 is above
 * e^-m (the remainder -e^-t m^5/120 is negative), and its rounding errors are below the margin
 * while the terms are small (m under about 12); for larger m the bound is far above 1, which no
 * product of uniforms exceeds. A product above it is above exp(-mean) without computing it, one
 * between the two bounds needs the exponential: for the model's usual means (0.2) the bounds are
 * about 3e-6 apart.
 */
export function poissonSureAbove(mean: number): number {
  return (
    1 -
    mean * (1 - mean * (0.5 - mean * (POISSON_SIXTH - mean * POISSON_TWENTY_FOURTH))) +
    POISSON_SURE_MARGIN
  );
}
