/**
 * Poisson draws skip the exponential where bounds decide (rng.ts poissonSureZero below it,
 * poissonSureAbove above it, and the same in WebAssembly): the counts and the uniforms drawn must
 * be exactly Knuth's product method's, which computes exp(-mean) first and compares every product
 * with it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exp } from '../../simulation/engine/dmath';
import { compileModel, runModel, type Backend, type ModelDecl } from '../../simulation/engine';
import { poissonSureAbove, poissonSureZero, Rng } from '../../simulation/engine/rng';
import { Assembly, hostFunction } from '../../simulation/engine/wasm/assembly';
import { FunctionBody, SimdOp } from '../../simulation/engine/wasm/encode';
import { emitRng } from '../../simulation/engine/wasm/rng-wasm';
import { propertyRuns } from '../model/helpers';

/** Knuth's product method as it was written before the shortcut (the reference). */
function knuth(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    const limit = exp(-mean);
    let k = 0;
    let p = rng.uniform();
    while (p > limit) {
      k++;
      p *= rng.uniform();
    }
    return k;
  }
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
}

/** Means where the bound matters: tiny, around the model's usual 0.2, where it turns negative. */
const MEANS = [1e-12, 0.001, 0.05, 0.19, 0.2, 0.5, 0.99, 1, 1.2, 1.59, 1.6, 1.61, 2, 5, 29.99];

describe('uniform deviates', () => {
  it('are the 32-bit draws over 2^32, exactly (a multiplication by 2^-32, not a division)', () => {
    const a = new Rng(11);
    const b = new Rng(11);
    for (let i = 0; i < 20000; i++) expect(a.uniform()).toBe(b.nextUint32() / 4294967296);
  });
});

describe('Poisson draws', () => {
  it('poissonSureZero is below exp(-mean) for every mean', () => {
    for (const m of MEANS) expect(poissonSureZero(m)).toBeLessThan(exp(-m));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30, noNaN: true }), (m) => {
        expect(poissonSureZero(m)).toBeLessThan(exp(-m));
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('poissonSureAbove is above exp(-mean) for every mean, and above 1 where its terms are large', () => {
    for (const m of MEANS) expect(poissonSureAbove(m)).toBeGreaterThan(exp(-m));
    fc.assert(
      fc.property(fc.double({ min: 0, max: 30, noNaN: true }), (m) => {
        expect(poissonSureAbove(m)).toBeGreaterThan(exp(-m));
        expect(poissonSureAbove(m)).toBeGreaterThan(poissonSureZero(m));
        if (m >= 12) expect(poissonSureAbove(m)).toBeGreaterThan(1);
      }),
      { numRuns: propertyRuns(2000) },
    );
    // Tight where the model's means are: the exponential is rarely needed.
    expect(poissonSureAbove(0.2) - poissonSureZero(0.2)).toBeLessThan(1e-4);
  });

  it("gives Knuth's counts and leaves the stream where Knuth's method left it", () => {
    for (const mean of MEANS) {
      const a = new Rng(7);
      const b = new Rng(7);
      let zeros = 0;
      for (let i = 0; i < 4000; i++) {
        const k = a.poisson(mean);
        expect(k).toBe(knuth(b, mean));
        if (k === 0) zeros++;
      }
      expect(a.uniform()).toBe(b.uniform());
      // The shortcut is taken for most small means (the counts are mostly 0 there).
      if (mean <= 0.2) expect(zeros).toBeGreaterThan(3000);
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.double({ min: 0, max: 40, noNaN: true }),
        (seed, mean) => {
          const a = new Rng(seed);
          const b = new Rng(seed);
          for (let i = 0; i < 20; i++) expect(a.poisson(mean)).toBe(knuth(b, mean));
          expect(a.uniform()).toBe(b.uniform());
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });

  it('gives the same counts in WebAssembly as in JavaScript, mean by mean', () => {
    // One Poisson-noise flow per mean, each with its own stream, over 400 weeks.
    const decl: ModelDecl = {
      variables: MEANS.flatMap((m, i) => [
        {
          kind: 'flow' as const,
          name: `events${i}`,
          unit: '1/week',
          description: '',
          equation: { inputs: [], fn: () => m },
          noise: { type: 'poisson' as const },
        },
        {
          kind: 'stock' as const,
          name: `count${i}`,
          unit: '1',
          description: '',
          initial: { inputs: [], fn: () => 0 },
          inflows: [`events${i}`],
          outflows: [],
        },
      ]),
    };
    const settings = { stepWeeks: 1, weeks: 400, seed: 11, mode: 'stochastic' as const };
    const run = (backend: Backend): Float64Array =>
      runModel(compileModel(decl, { backend }), new Float64Array(0), settings).values;
    const js = run('interpreter');
    expect(run('wasm')).toEqual(js);
    expect(run('codegen')).toEqual(js);
  });
});

/**
 * A module with the generators for pairs of runs (rng-wasm.ts, `pairs`): `draw(m0, m1)` counts with
 * mean m0 from the state at 0 and with mean m1 from the state at 64, and stores them at 128.
 */
function pairModule(): {
  memory: WebAssembly.Memory;
  draw: (m0: number, m1: number) => void;
} {
  const asm = new Assembly(true);
  const rng = emitRng(
    asm,
    { log: asm.math('log'), sin: asm.math('sin'), cos: asm.math('cos'), exp: asm.math('exp') },
    true,
  );
  const fn = asm.declareFunction(['f64', 'f64'], []);
  const b = new FunctionBody(['f64', 'f64']);
  const pair = b.local('v128');
  b.i32(0).i32(64);
  b.get(0).simd(SimdOp.f64x2_splat).get(1).lane(SimdOp.f64x2_replace_lane, 1);
  b.call(rng.poissonPair!).set(pair);
  b.i32(0).get(pair).simdMem(SimdOp.v128_store, 3, 128);
  asm.define(fn, b);
  asm.builder.exportFunction('draw', fn);
  asm.builder.dataStart = 256;
  asm.builder.memory(1, 'memory');
  const instance = new WebAssembly.Instance(new WebAssembly.Module(asm.builder.encode()), {
    env: Object.fromEntries(
      asm.imports.map((w, k) => [`f${k}`, hostFunction(w)]),
    ) as WebAssembly.ModuleImports,
  });
  return instance.exports as unknown as ReturnType<typeof pairModule>;
}

describe('Poisson draws of two runs at once', () => {
  const wasm = pairModule();
  const view = new DataView(wasm.memory.buffer);
  const mean = fc.oneof(
    fc.constantFrom(...MEANS, 0, -1, NaN, 30, 31, 200, 1e6),
    fc.double({ min: 0, max: 3, noNaN: true }),
  );

  it("give each lane its generator's counts, in order, whatever the other lane's mean", () => {
    fc.assert(
      fc.property(
        fc.nat(),
        fc.nat(),
        fc.array(fc.tuple(mean, mean), { minLength: 1, maxLength: 40 }),
        (seed0, seed1, means) => {
          const js = [new Rng(seed0), new Rng(seed1)];
          const inWasm = [new Rng(seed0), new Rng(seed1)];
          inWasm[0]!.writeState(view, 0);
          inWasm[1]!.writeState(view, 64);
          for (const [m0, m1] of means) {
            wasm.draw(m0, m1);
            expect(view.getFloat64(128, true)).toBe(js[0]!.poisson(m0));
            expect(view.getFloat64(136, true)).toBe(js[1]!.poisson(m1));
          }
          // The same uniforms drawn: the generators end in the same state.
          inWasm[0]!.readState(view, 0);
          inWasm[1]!.readState(view, 64);
          for (const l of [0, 1]) expect(inWasm[l]!.nextUint32()).toBe(js[l]!.nextUint32());
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
