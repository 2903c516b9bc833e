/**
 * dmath's pow from tables (simulation/engine/dmath-pow.ts, dmath-tables.ts): its error against
 * the exact value computed independently (BigInt fixed point, ln by Halley's iteration on the
 * exponential series, not by the tables' series), its tables, its hand-over to fdlibm at the edge
 * of the range, and the WebAssembly transcription's bits on many arguments of the model's kind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pow, powGeneral } from '../../simulation/engine/dmath';
import { LOG_OFFSET, POW_TABLES } from '../../simulation/engine/dmath-tables';
import { tablePow } from '../../simulation/engine/dmath-pow';
import { emitDmath } from '../../simulation/engine/wasm/dmath-wasm';
import { ModuleBuilder } from '../../simulation/engine/wasm/encode';

const P = 200n;
const ONE = 1n << P;
const F = new Float64Array(1);
const U = new BigUint64Array(F.buffer);

/** A finite nonzero double as (integer significand, exponent): x = m 2^e exactly. */
function parts(x: number): { m: bigint; e: number } {
  F[0] = x;
  const bits = U[0]!;
  const field = Number((bits >> 52n) & 0x7ffn);
  let m = bits & ((1n << 52n) - 1n);
  if (field !== 0) m |= 1n << 52n;
  return { m: bits >> 63n === 1n ? -m : m, e: (field === 0 ? 1 : field) - 1075 };
}
const shift = (v: bigint, by: number): bigint => (by >= 0 ? v << BigInt(by) : v >> BigInt(-by));
const fixed = (x: number): bigint => {
  const { m, e } = parts(x);
  return shift(m, e + Number(P));
};

function expSeries(t: bigint): bigint {
  // e^t for |t| <= 1 (fixed point)
  let sum = ONE;
  for (let n = 1n, term = ONE; term !== 0n; n++) {
    term = (term * t) / (n * ONE);
    sum += term;
  }
  return sum;
}
/** ln(v) for v in [1, 2] by Halley's iteration y += 2 (v - e^y) / (v + e^y). */
function lnFixed(v: bigint): bigint {
  let y = fixed(Math.log(Number(v) / Number(ONE)));
  for (let i = 0; i < 4; i++) {
    const ey = expSeries(y);
    y += (2n * (v - ey) * ONE) / (v + ey);
  }
  return y;
}
const LN2 = lnFixed(2n * ONE);

/** (result - exact x^y) in units in the last place of the result (a normal double). */
function ulpError(x: number, y: number, result: number): number {
  const { m: mx, e: ex } = parts(x);
  // x = mx 2^ex with mx in [2^52, 2^53): ln x = ln(mx / 2^52) + (ex + 52) ln 2.
  const lnx = lnFixed(shift(mx, Number(P) - 52)) + BigInt(ex + 52) * LN2;
  const t = (lnx * fixed(y)) / ONE;
  let k = t / LN2;
  if (t - k * LN2 < 0n) k -= 1n;
  const exact = expSeries(t - k * LN2); // x^y = exact 2^k, exact in [1, 2)
  const { m, e } = parts(result);
  // (m 2^e - exact 2^k) / 2^e = m - exact 2^(k - e)
  const diff = shift(m, Number(P)) - shift(exact, Number(k) - e);
  return Number(diff) / Number(ONE);
}

function instantiateWasm(): (x: number, y: number) => number {
  const builder = new ModuleBuilder();
  const fns = emitDmath(builder);
  builder.exportFunction('pow', fns.pow);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(builder.encode()), {});
  return (instance.exports as { pow: (x: number, y: number) => number }).pow;
}

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit xorshift), for long sweeps. */
function sequence(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

describe('pow from tables', () => {
  it('is within 0.51 units in the last place of the exact value (property)', () => {
    const logX = fc.double({ min: -700, max: 700, noNaN: true });
    const y = fc.double({ min: -8, max: 8, noNaN: true });
    fc.assert(
      fc.property(logX, y, fc.integer({ min: 0, max: 2 }), (lx, yy, kind) => {
        // Arguments of every size, and of the model's kind (qualities and ratios to a small power).
        const x = kind === 0 ? Math.exp(lx) : kind === 1 ? Math.abs(lx) / 700 : Math.abs(lx) / 7;
        const e = kind === 0 ? yy / 8 : yy;
        const r = pow(x, e);
        if (!(x > 0) || !(r > 1e-300 && r < 1e300) || e === 0) return;
        expect(Math.abs(ulpError(x, e, r)), `pow(${x}, ${e}) = ${r}`).toBeLessThan(0.51);
      }),
      { numRuns: 3000 },
    );
  });

  it("stays within 0.51 ulp on the model's exponents over a sweep of bases", () => {
    // 1.5 (data quality) and -0.2 (learning curve): the worst error over a sweep of bases.
    const next = sequence(7);
    let worst = 0;
    for (let i = 0; i < 2000; i++) {
      const x = next() * 4;
      for (const y of [1.5, -0.2]) {
        if (x === 0) continue;
        worst = Math.max(worst, Math.abs(ulpError(x, y, pow(x, y))));
      }
    }
    expect(worst).toBeLessThan(0.51);
    expect(worst).toBeGreaterThan(0.4); // the sweep reaches hard cases: the bound is not vacuous
  });

  it('has tables of the stated values', () => {
    const n = 128;
    const t = POW_TABLES.all;
    expect(t.length).toBe(5 * n);
    // 2^(j/128): exactly 1 at 0, the correctly rounded sqrt(2) at 64, increasing.
    expect([t[3 * n], t[4 * n]]).toEqual([1, 0]);
    expect(t[3 * n + 64]).toBe(Math.SQRT2);
    for (let j = 1; j < n; j++) expect(t[3 * n + j]!).toBeGreaterThan(t[3 * n + j - 1]!);
    // ln 2 split: the high part has 42 fraction bits at most, the sum is ln 2.
    expect(Number.isInteger(POW_TABLES.ln2Hi * 2 ** 42)).toBe(true);
    expect(POW_TABLES.ln2Hi + POW_TABLES.ln2Lo).toBe(Math.LN2);
    expect(POW_TABLES.ln2NHi * 128 + POW_TABLES.ln2NLo * 128).toBe(Math.LN2);
    for (let i = 0; i < n; i++) {
      const invc = t[i]!;
      // 26 significant bits at most (a multiple of 2^-25 below 2), so invc times 26 bits is exact.
      expect(Number.isInteger(invc * 2 ** 25)).toBe(true);
      expect(Number.isInteger(t[n + i]! * 2 ** 42)).toBe(true);
      // -ln(invc) to within a unit of 2^-90 (the tables are far more precise than a double).
      const err = Number(-lnOfAny(invc) - fixed(t[n + i]!) - fixed(t[2 * n + i]!)) / Number(ONE);
      expect(Math.abs(err)).toBeLessThan(2 ** -90);
    }
    // The interval that holds 1 has invc = 1 (ln x near 1 has no cancellation).
    const one = ((0x3ff00000 - LOG_OFFSET) >> 13) & 127;
    expect([t[one], t[n + one], t[2 * n + one]]).toEqual([1, 0, 0]);
  });

  it('places its intervals so that fast two-sums are exact (|a| >= |r|, |s| >= the tail)', () => {
    // tablePow sums s = a + rh and h = s + lo with Dekker's fast two-sum, exact only when the
    // first term is at least the second in magnitude (or zero). a = e ln2Hi + logcHi; rh is
    // z invc - 1 for z in the interval (largest at its ends); lo is at most rh^2 / 2, the low
    // parts of the tables and rounding errors (below 2^-16 here).
    const n = 128;
    const t = POW_TABLES.all;
    const F = new Float64Array(1);
    const W = new Int32Array(F.buffer);
    const z = (i: number): number => {
      W[0] = 0;
      W[1] = LOG_OFFSET + (i << 13);
      return F[0]!;
    };
    let centre = 0;
    for (let i = 0; i < n; i++) {
      const invc = t[i]!;
      const rMax = Math.max(Math.abs(z(i) * invc - 1), Math.abs(z(i + 1) * invc - 1));
      expect(rMax).toBeLessThanOrEqual(2 ** -8);
      for (const e of [0, 1, -1, -52, 1023, -1074]) {
        const a = e * POW_TABLES.ln2Hi + t[n + i]!;
        if (a === 0) {
          // The interval that holds 1 (e = 0): s = rh exactly, and the tail is below |rh| 2^-8.
          centre++;
          continue;
        }
        expect(Math.abs(a), `interval ${i}, e = ${e}`).toBeGreaterThan(rMax * 1.01);
        // |s| >= |a| - |rh| stays far above the tail.
        expect(Math.abs(a) - rMax).toBeGreaterThan(2 ** -10);
      }
    }
    expect(centre).toBe(1);
  });

  it('hands over to fdlibm where the result nears the ends of the double range', () => {
    for (const t of [707.9, 707.99, 708.01, 709.5, -707.99, -708.01, -740]) {
      for (const x of [2.5, 0.3, 1e-200, 1e200]) {
        const y = t / Math.log(x);
        // The table path stops at |y ln x| = 708; fdlibm's code gives the rest, within an ulp.
        expect(Number.isNaN(tablePow(x, y)), `tablePow(${x}, ${y})`).toBe(Math.abs(t) > 708);
        const r = pow(x, y);
        const m = Math.pow(x, y);
        if (Math.abs(t) < 709) expect(Math.abs(r / m - 1), `pow(${x}, ${y})`).toBeLessThan(3e-16);
        else expect(Math.abs(r - m)).toBeLessThanOrEqual(Math.abs(m) * 3e-16 + 5e-324);
      }
    }
  });

  it('takes its shortcut to the tables only where the general code reaches them (property)', () => {
    const special = [
      0,
      -0,
      1,
      -1,
      2,
      0.5,
      -0.5,
      3,
      2 ** 31,
      2 ** 31 + 2 ** 11,
      2 ** 31 + 2 ** 11 - 2 ** -21,
    ];
    const xs = [...special, Infinity, -Infinity, NaN, 5e-324, 1e-310, 1.5, -1.5, 1e300];
    const ys = [...special, ...special.map((v) => -v), Infinity, -Infinity, NaN, 5e-324];
    // Arguments where the tables' result differs from the general code's (x * x, 1 / x, sqrt,
    // fdlibm beyond 2^31 + 2^11): the shortcut must leave them to the general code.
    const differing: [number, number][] = [
      [2.7211310358252376, 2],
      [3.4109901597257704, -1],
      [2.4245538583490998, 0.5],
      [1.0000000000001796, 2147485706.665154],
    ];
    for (const [x, y] of differing) {
      expect(tablePow(x, y)).not.toBe(powGeneral(x, y));
      expect(pow(x, y)).toBe(powGeneral(x, y));
    }
    for (const x of xs)
      for (const y of ys)
        expect(Object.is(pow(x, y), powGeneral(x, y)), `pow(${x}, ${y})`).toBe(true);
    fc.assert(
      fc.property(fc.double(), fc.double(), (x, y) => {
        expect(Object.is(pow(x, y), powGeneral(x, y)), `pow(${x}, ${y})`).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives the same bits in WebAssembly on 200,000 arguments of the model kind', () => {
    const wasmPow = instantiateWasm();
    const next = sequence(12345);
    let mismatches = 0;
    for (let i = 0; i < 200_000; i++) {
      const x = i % 2 === 0 ? next() : next() * 1e6;
      const y = i % 3 === 0 ? 1.5 : i % 3 === 1 ? -0.2 : (next() - 0.5) * 6;
      if (!Object.is(pow(x, y), wasmPow(x, y))) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});

/** ln of a positive double (fixed point). */
function lnOfAny(x: number): bigint {
  const { m, e } = parts(x);
  return lnFixed(shift(m, Number(P) - 52)) + BigInt(e + 52) * LN2;
}
