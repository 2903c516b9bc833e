/**
 * Bit access to doubles and exact powers of two, shared by dmath.ts, its table pow (dmath-pow.ts)
 * and the tables' construction (dmath-tables.ts).
 *
 * One shared buffer (the engine runs one thread per module instance). Only whole doubles are
 * stored into it and words read back: storing a word and then reading the double defeats the
 * processor's store-to-load forwarding (a stall of about a dozen cycles, several per pow), so dmath
 * puts doubles together from words by exact arithmetic instead, and pow does its word access
 * inline (V8 does not inline every helper into a function of pow's size). Measured: pow about 20%
 * faster, the same bits (tests/engine/dmath*.test.ts).
 */
export const F64 = new Float64Array(1);
export const I32 = new Int32Array(F64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index in I32 of a double's high word (sign, exponent, top of the fraction) and low word. */
export const HI = LITTLE ? 1 : 0;
export const LO = LITTLE ? 0 : 1;

/** POW2[n + 1100] = 2^n for n in [-1100, 1100): exact (0 below 2^-1074, Infinity above 2^1023). */
export const POW2 = new Float64Array(2200);
for (let n = 0, p = 1; n < 1100; n++, p *= 2) POW2[n + 1100] = p;
for (let n = -1, p = 0.5; n >= -1100; n--, p /= 2) POW2[n + 1100] = p;
