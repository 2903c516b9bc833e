/**
 * The wasm run function computes a step's equations in the order of a list schedule
 * (simulation/engine/wasm/schedule.ts): longest latency path first, every dependency kept. The
 * order changes the speed, never the bits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileModel, type ModelDecl, type PositionalFn } from '../../simulation';
import { wasmStatsOf } from '../../simulation/engine/wasm/backend';
import {
  equationCost,
  stepSchedule,
  type StepEquations,
} from '../../simulation/engine/wasm/schedule';
import { equationSourceOf } from '../../simulation/engine/equation-source';
import { propertyRuns } from '../model/helpers';
import { aux, expectInterpreterBits, flow, param, stock } from './backend-models';
import { sourced } from './js-emit-helpers';

interface Eq {
  readonly out: number;
  readonly reads: readonly number[];
  readonly cost: number;
}

const stepOf = (eqs: readonly Eq[]): StepEquations => ({
  count: eqs.length,
  output: (i) => eqs[i]!.out,
  reads: (i) => eqs[i]!.reads,
  cost: (i) => eqs[i]!.cost,
});

const positions = (order: Int32Array): Map<number, number> =>
  new Map(Array.from(order, (i, at) => [i, at]));

describe('stepSchedule', () => {
  it('starts the longest chain first and fills in with the short equations', () => {
    // 0 -> 1 cheap, 2 -> 3 costly (a power, then what reads it).
    const order = stepSchedule(
      stepOf([
        { out: 10, reads: [], cost: 1 },
        { out: 11, reads: [10], cost: 1 },
        { out: 12, reads: [], cost: 40 },
        { out: 13, reads: [12], cost: 40 },
      ]),
    );
    expect(Array.from(order)).toEqual([2, 3, 0, 1]);
  });

  it('keeps a read of the previous step before the equation that overwrites it', () => {
    // Equation 0 reads slot 11, which equation 1 (much costlier) writes later in the step.
    const order = stepSchedule(
      stepOf([
        { out: 10, reads: [11], cost: 1 },
        { out: 11, reads: [], cost: 100 },
      ]),
    );
    expect(Array.from(order)).toEqual([0, 1]);
  });

  it('keeps the program order among equal, independent equations', () => {
    const eqs = Array.from({ length: 7 }, (_, i) => ({ out: i, reads: [], cost: 3 }));
    expect(Array.from(stepSchedule(stepOf(eqs)))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives a permutation that keeps every dependency, for any step', () => {
    const steps = fc
      .integer({ min: 1, max: 40 })
      .chain((n) =>
        fc.array(
          fc.record({
            // Slots 0..n-1 are the equations' outputs, n..n+4 stocks and parameters.
            reads: fc.array(fc.integer({ min: 0, max: n + 4 }), { maxLength: 5 }),
            cost: fc.constantFrom(1, 2, 4, 40, 75),
          }),
          { minLength: n, maxLength: n },
        ),
      )
      .map((rows) => rows.map((r, i) => ({ out: i, reads: r.reads, cost: r.cost })));
    fc.assert(
      fc.property(steps, (eqs) => {
        const order = stepSchedule(stepOf(eqs));
        expect([...order].sort((a, b) => a - b)).toEqual(eqs.map((_, i) => i));
        const at = positions(order);
        eqs.forEach((e, i) => {
          for (const slot of e.reads) {
            if (slot >= eqs.length || slot === i) continue; // not written in the step
            // Written earlier in the program: read after it; later: read before it.
            if (slot < i) expect(at.get(slot)!).toBeLessThan(at.get(i)!);
            else expect(at.get(i)!).toBeLessThan(at.get(slot)!);
          }
        });
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

const eq = sourced(`
export const add = (a: number, b: number) => a + b;
export const chain = (a: number, b: number, c: number, d: number) => a + b + c + d;
export const wide = (a: number, b: number, c: number, d: number) => (a + b) * (c + d);
export const ratio = (a: number, b: number) => a / b;
export const power = (a: number, b: number) => pow(a, b);
export const capped = (a: number, b: number) => Math.min(a, b);
export const grown = (s: number, a: number) => pow(s / 100 + 1, a);
export const fed = (p: number, b: number, c: number) => pow(p, b) + c;
export const cheap = (a: number, s: number) => a + s * 0.5;
export const inflow = (p: number, c: number) => p * 0.01 + c * 0.001;
export const outflow = (s: number) => s * 0.02;
`) as Record<string, PositionalFn>;

describe('equationCost', () => {
  const cost = (name: string, noise = 0): number =>
    equationCost(equationSourceOf(eq[name]!), noise);

  it('weighs calls over divisions over arithmetic, along the longest chain', () => {
    expect(cost('power')).toBeGreaterThan(cost('ratio'));
    expect(cost('ratio')).toBeGreaterThan(cost('add'));
    expect(cost('capped')).toBeLessThan(cost('ratio'));
    // Three additions one after the other; two side by side, then a multiplication.
    expect(cost('chain')).toBe(3 * cost('add'));
    expect(cost('wide')).toBe(2 * cost('add'));
  });

  it('adds the noise, and treats an equation without a source as a call', () => {
    expect(cost('add', 1)).toBeGreaterThan(cost('add'));
    expect(cost('add', 2)).toBeGreaterThan(cost('add', 1));
    expect(equationCost(undefined, 0)).toBe(cost('power'));
  });
});

describe('wasm: the scheduled step', () => {
  // Program order: cheap, grown, fed, in, out. The powers' chain goes first.
  const decl: ModelDecl = {
    variables: [
      param('a'),
      param('b'),
      aux('cheap', ['a', 'S'], eq.cheap!),
      aux('grown', ['S', 'a'], eq.grown!),
      aux('fed', ['grown', 'b', 'cheap'], eq.fed!),
      flow('in', ['fed', 'cheap'], eq.inflow!, { type: 'poisson' }),
      flow('out', ['S'], eq.outflow!, { type: 'poisson' }),
      stock('S', { inputs: ['a'], fn: (a) => 40 + a }, ['in'], ['out']),
    ],
  };

  it('moves equations and keeps the interpreter bits', () => {
    const wasm = compileModel(decl, { backend: 'wasm' });
    expect(wasmStatsOf(wasm.runLoop)?.moved).toBeGreaterThan(0);
    for (const parameters of [Float64Array.of(0.8, 1.1), Float64Array.of(1.7, 0.4)])
      expectInterpreterBits(decl, wasm, parameters);
  });
});
