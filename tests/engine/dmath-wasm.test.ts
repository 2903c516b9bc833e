/**
 * dmath's exp, log, pow and cbrt as WebAssembly functions (simulation/engine/wasm/dmath-wasm.ts)
 * give exactly dmath's bits: on special values (zeros, infinities, NaN, subnormals, powers of two,
 * integers, halves, the thresholds where the algorithms change path) and on random arguments
 * drawn over every exponent, as bit patterns (property tests with fast-check). Every pow checked
 * is checked again through powSplit (in an instance of its own, so that pow's memo of its last
 * results cannot answer for it), given its exponent split as a run function splits a
 * run-invariant exponent (table-pow-wasm.ts splitExponent): the same bits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cbrt, cos, exp, log, pow, sin } from '../../simulation/engine/dmath';
import { emitDmath } from '../../simulation/engine/wasm/dmath-wasm';
import { FunctionBody, ModuleBuilder, SimdOp } from '../../simulation/engine/wasm/encode';
import { emitRound } from '../../simulation/engine/wasm/rng-wasm';
import { splitExponent } from '../../simulation/engine/wasm/table-pow-wasm';
import { emitTrig } from '../../simulation/engine/wasm/trig-wasm';

function instantiate(): {
  exp: Unary;
  log: Unary;
  cbrt: Unary;
  sin: Unary;
  cos: Unary;
  pow: (x: number, y: number) => number;
  powSplit: (x: number, y: number, yh: number, yl: number) => number;
  splitHigh: Unary;
  splitLow: Unary;
  pairLane0: (x0: number, y0: number, x1: number, y1: number) => number;
  pairLane1: (x0: number, y0: number, x1: number, y1: number) => number;
} {
  const builder = new ModuleBuilder();
  const fns = emitDmath(builder, true);
  for (const [name, fn] of Object.entries(fns)) builder.exportFunction(name, fn);
  // sin and cos pass arguments of 2^20 pi/2 and beyond to dmath's own, imported.
  const trig = emitTrig(
    builder,
    emitRound(builder),
    builder.importFunction('hugeSin', ['f64'], ['f64']),
    builder.importFunction('hugeCos', ['f64'], ['f64']),
  );
  for (const [name, low] of [
    ['splitHigh', false],
    ['splitLow', true],
  ] as const) {
    const fn = builder.declareFunction(['f64'], ['f64']);
    const body = new FunctionBody(['f64']).get(0);
    splitExponent(body, low);
    builder.define(fn, body);
    builder.exportFunction(name, fn);
  }
  // powSplitPair on (x0, x1), (y0, y1), each exponent split as a run function splits it: one
  // lane of the result.
  for (const lane of [0, 1]) {
    const fn = builder.declareFunction(['f64', 'f64', 'f64', 'f64'], ['f64']);
    const b = new FunctionBody(['f64', 'f64', 'f64', 'f64']);
    const pair = (a: number, c: number, split?: boolean): void => {
      b.get(a);
      if (split !== undefined) splitExponent(b, split);
      b.simd(SimdOp.f64x2_splat).get(c);
      if (split !== undefined) splitExponent(b, split);
      b.lane(SimdOp.f64x2_replace_lane, 1);
    };
    pair(0, 2);
    pair(1, 3);
    pair(1, 3, false);
    pair(1, 3, true);
    b.call(fns.powSplitPair!).lane(SimdOp.f64x2_extract_lane, lane);
    builder.define(fn, b);
    builder.exportFunction(`pairLane${lane}`, fn);
  }
  builder.exportFunction('sin', trig.sin);
  builder.exportFunction('cos', trig.cos);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(builder.encode()), {
    env: { hugeSin: sin, hugeCos: cos },
  });
  return instance.exports as unknown as ReturnType<typeof instantiate>;
}
type Unary = (x: number) => number;

const wasm = instantiate();
/** Another instance for powSplit: pow's memo of its last results is its own. */
const split = instantiate();

const F = new Float64Array(1);
const U = new BigUint64Array(F.buffer);
const bitsOf = (x: number): bigint => {
  F[0] = x;
  return U[0]!;
};
const fromBits = (b: bigint): number => {
  U[0] = BigInt.asUintN(64, b);
  return F[0]!;
};
/** Same bits, every NaN counted as one (the engines' NaN payloads are not the point). */
const same = (a: number, b: number): boolean =>
  (Number.isNaN(a) && Number.isNaN(b)) || bitsOf(a) === bitsOf(b);

const show = (x: number): string => `${x} (0x${bitsOf(x).toString(16)})`;

function checkUnary(name: string, js: Unary, w: Unary, x: number): void {
  const a = js(x);
  const b = w(x);
  if (!same(a, b)) expect.fail(`${name}(${show(x)}): dmath ${show(a)}, wasm ${show(b)}`);
}

function checkPow(x: number, y: number): void {
  const a = pow(x, y);
  const b = wasm.pow(x, y);
  if (!same(a, b)) expect.fail(`pow(${show(x)}, ${show(y)}): dmath ${show(a)}, wasm ${show(b)}`);
  const c = split.powSplit(x, y, split.splitHigh(y), split.splitLow(y));
  if (!same(a, c)) expect.fail(`powSplit(${show(x)}, ${show(y)}): ${show(c)}, dmath ${show(a)}`);
}

/**
 * Two powers at once (powSplitPair, the two-lane runs' pow): each lane gives dmath's bits, whatever
 * the other lane holds (both on the tables' path, or either lane sent to pow's other paths).
 */
function checkPowPair(x0: number, y0: number, x1: number, y1: number): void {
  const r0 = wasm.pairLane0(x0, y0, x1, y1);
  const r1 = wasm.pairLane1(x0, y0, x1, y1);
  const a0 = pow(x0, y0);
  const a1 = pow(x1, y1);
  if (!same(a0, r0) || !same(a1, r1))
    expect.fail(
      `powSplitPair((${show(x0)}, ${show(x1)}), (${show(y0)}, ${show(y1)})): ` +
        `${show(r0)}, ${show(r1)}; dmath ${show(a0)}, ${show(a1)}`,
    );
}

const SPECIAL = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  2,
  -2,
  3,
  -3,
  1.5,
  10,
  0.1,
  -0.1,
  1 / 3,
  1e-300,
  1e300,
  5e-324,
  -5e-324,
  1e-310,
  2.2250738585072014e-308,
  1.7976931348623157e308,
  Infinity,
  -Infinity,
  NaN,
  709.78,
  709.7827128933841,
  710,
  -745.13,
  -745.1332191019412,
  -746,
  0.34657359027997264,
  0.6931471805599453,
  1.0397207708399179,
  3.725290298461914e-9,
  1 + 2 ** -20,
  1 - 2 ** -20,
  1 + 2 ** -52,
  1 - 2 ** -53,
  2 ** 31,
  2 ** 31 + 1,
  2 ** 52,
  2 ** 53,
  2 ** 53 + 2,
  2 ** 64,
  2 ** 64 * 3,
  1023,
  1024,
  1025,
  -1074,
  -1075,
  -1076,
  0.25,
  4,
  8,
  27,
  -8,
  -27,
  1e15,
  7,
  -7,
  0.75,
  1.25,
  1.0000001,
  0.9999999,
];

/** Any double: a uniformly random bit pattern (every exponent, sign, NaN payload). */
const anyDouble = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(fromBits);

describe('dmath in WebAssembly', () => {
  it('gives dmath bits in each lane of powSplitPair, on special values beside ordinary ones', () => {
    const ordinary: [number, number][] = [
      [1.7, 0.3],
      [0.42, -2.5],
      [123.4, 1.1],
    ];
    for (const x of SPECIAL)
      for (const y of SPECIAL)
        for (const [ox, oy] of ordinary) {
          checkPowPair(x, y, ox, oy);
          checkPowPair(ox, oy, x, y);
        }
  });

  it('gives dmath bits in each lane of powSplitPair on any bit patterns (property)', () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, anyDouble, anyDouble, (x0, y0, x1, y1) =>
        checkPowPair(x0, y0, x1, y1),
      ),
      { numRuns: 20000 },
    );
  });

  it("gives dmath bits in each lane of powSplitPair on the tables' path (property)", () => {
    // Positive normal bases and exponents whose powers stay normal: both lanes in f64x2 code.
    const base = fc.double({ min: 1e-300, max: 1e300, noNaN: true });
    const exponent = fc.double({ min: -4, max: 4, noNaN: true });
    fc.assert(
      fc.property(base, exponent, base, exponent, (x0, y0, x1, y1) => checkPowPair(x0, y0, x1, y1)),
      { numRuns: 50000 },
    );
  });

  it("leaves to pow's own paths the exponents pow does not take to the tables (powSplit)", () => {
    // Arguments where the tables' result differs from pow's (x * x, 1 / x, sqrt, fdlibm beyond
    // 2^31 + 2^11: see dmath-pow.test.ts): powSplit must not take them to the tables.
    for (const [x, y] of [
      [2.7211310358252376, 2],
      [3.4109901597257704, -1],
      [2.4245538583490998, 0.5],
      [1.0000000000001796, 2147485706.665154],
    ] as const)
      checkPow(x, y);
    for (const y of [0, -0, 1, NaN, Infinity, -Infinity]) for (const x of SPECIAL) checkPow(x, y);
  });

  it('gives dmath bits on special values', () => {
    for (const x of SPECIAL) {
      checkUnary('exp', exp, wasm.exp, x);
      checkUnary('log', log, wasm.log, x);
      checkUnary('cbrt', cbrt, wasm.cbrt, x);
      checkUnary('sin', sin, wasm.sin, x);
      checkUnary('cos', cos, wasm.cos, x);
      for (const y of SPECIAL) checkPow(x, y);
    }
  });

  it('gives dmath bits on any bit pattern (property)', () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, (x, y) => {
        checkUnary('exp', exp, wasm.exp, x);
        checkUnary('log', log, wasm.log, x);
        checkUnary('cbrt', cbrt, wasm.cbrt, x);
        checkUnary('sin', sin, wasm.sin, x);
        checkUnary('cos', cos, wasm.cos, y);
        checkPow(x, y);
      }),
      { numRuns: 20_000 },
    );
  });

  it('gives dmath bits where the model calls them (property)', () => {
    const moderate = fc.double({ min: -750, max: 750, noNaN: true });
    const positive = fc.double({ min: 0, max: 1e12, noNaN: true });
    const exponent = fc.double({ min: -4, max: 4, noNaN: true });
    fc.assert(
      fc.property(moderate, positive, exponent, (x, p, e) => {
        checkUnary('exp', exp, wasm.exp, x);
        checkUnary('log', log, wasm.log, p);
        checkUnary('cbrt', cbrt, wasm.cbrt, x * p);
        checkPow(p, e);
        checkPow(p / 1e12, e);
        checkPow(1 + x / 1e6, e * 300);
        checkPow(-p, Math.round(e * 10));
      }),
      { numRuns: 50_000 },
    );
  });

  it('gives sin and cos bits where the normal deviates call them, and at every reduction path (property)', () => {
    // Box-Muller's angle 2 pi v for v in [0, 1), and arguments near multiples of pi/4 and pi/2
    // (each branch of the reduction, the cancelling ones included) and beyond 2^20 pi/2.
    const near = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((k) => [(k * Math.PI) / 4, (k * Math.PI) / 2]);
    for (const c of [...near, 2 ** 20 * (Math.PI / 2), 1e9, 1e300]) {
      for (let d = -64; d <= 64; d++) {
        const x = c + d * 2 ** -40 * c;
        for (const v of [x, -x, c * (1 + d * 2 ** -52)]) {
          checkUnary('sin', sin, wasm.sin, v);
          checkUnary('cos', cos, wasm.cos, v);
        }
      }
    }
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (v) => {
        checkUnary('sin', sin, wasm.sin, 2 * Math.PI * v);
        checkUnary('cos', cos, wasm.cos, 2 * Math.PI * v);
        checkUnary('sin', sin, wasm.sin, -40 * Math.PI * v);
        checkUnary('cos', cos, wasm.cos, 1e7 * v);
      }),
      { numRuns: 50_000 },
    );
  });

  it('gives dmath bits over a dense sweep of arguments', () => {
    for (let i = 0; i < 200_000; i++) {
      const x = (i - 100_000) / 137.3;
      checkUnary('exp', exp, wasm.exp, x);
      const p = 10 ** ((i - 100_000) / 3000);
      checkUnary('log', log, wasm.log, p);
      checkUnary('cbrt', cbrt, wasm.cbrt, x);
      checkUnary('sin', sin, wasm.sin, x / 10);
      checkUnary('cos', cos, wasm.cos, x / 10);
      checkPow(p, x / 500);
    }
  });
});
