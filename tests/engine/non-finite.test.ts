/**
 * A run that produces NaN or Infinity anywhere fails with a ModelError naming the first such value
 * (earliest week, then declaration order) and its week, on both backends: a value that is
 * non-finite for a single step, a stock that overflows, a parameter, a constant auxiliary.
 */
import { describe, expect, it } from 'vitest';
import {
  compileModel,
  ModelError,
  runModel,
  type Backend,
  type ModelDecl,
  type RunSettings,
} from '../../simulation/engine';

const settings: RunSettings = { stepWeeks: 1, weeks: 10, seed: 1, mode: 'expected' };
const backends: Backend[] = ['interpreter', 'codegen', 'wasm'];

function runWith(decl: ModelDecl, backend: Backend, parameters: number[]): () => void {
  const model = compileModel(decl, { backend });
  return () => runModel(model, Float64Array.from(parameters), settings, undefined);
}

/** `spike` is 1 / (time - at): infinite at week `at` only, finite before and after. */
const spikeModel: ModelDecl = {
  variables: [
    { kind: 'parameter', name: 'at', unit: 'week', description: '' },
    { kind: 'parameter', name: 'growth', unit: '1/week', description: '' },
    {
      kind: 'auxiliary',
      name: 'calm',
      unit: '1',
      description: '',
      equation: { inputs: ['time'], fn: (t) => t },
    },
    {
      kind: 'auxiliary',
      name: 'spike',
      unit: '1',
      description: '',
      equation: { inputs: ['time', 'at'], fn: (t, at) => 1 / (t - at) },
    },
    {
      kind: 'flow',
      name: 'inflow',
      unit: '1/week',
      description: '',
      equation: { inputs: ['level', 'growth'], fn: (l, g) => l * g },
    },
    {
      kind: 'stock',
      name: 'level',
      unit: '1',
      description: '',
      initial: { inputs: [], fn: () => 1 },
      inflows: ['inflow'],
      outflows: [],
    },
  ],
};

const tankModel: ModelDecl = {
  variables: [
    { kind: 'parameter', name: 'rate', unit: '1/week', description: '' },
    {
      kind: 'flow',
      name: 'pour',
      unit: '1/week',
      description: '',
      equation: { inputs: ['rate'], fn: (r) => r },
    },
    {
      kind: 'stock',
      name: 'tank',
      unit: '1',
      description: '',
      initial: { inputs: [], fn: () => 0 },
      inflows: ['pour'],
      outflows: [],
    },
  ],
};

/**
 * Eight auxiliaries computed in turn, each its own 1 / (time - at_i): the i-th is infinite at
 * week at_i only. A backend that checks its equations in several sums (wasm) must see each of
 * them, whatever its position.
 */
const SPIKES = 8;
const rowModel: ModelDecl = {
  variables: [
    ...Array.from({ length: SPIKES }, (_, i) => ({
      kind: 'parameter' as const,
      name: `at${i}`,
      unit: 'week',
      description: '',
    })),
    ...Array.from({ length: SPIKES }, (_, i) => ({
      kind: 'auxiliary' as const,
      name: `spike${i}`,
      unit: '1',
      description: '',
      equation: { inputs: ['time', `at${i}`], fn: (t: number, at: number) => 1 / (t - at) },
    })),
  ],
};

describe('non-finite values stop the run with the first one named', () => {
  for (const backend of backends) {
    it(`${backend}: a value infinite for a single step, at every position in the step`, () => {
      for (let i = 0; i < SPIKES; i++) {
        const at = Array.from({ length: SPIKES }, (_, j) => (j === i ? 3 : 50.5));
        expect(runWith(rowModel, backend, at)).toThrow(
          new ModelError(`'spike${i}' became Infinity at week 3`),
        );
      }
      expect(runWith(rowModel, backend, Array<number>(SPIKES).fill(50.5))).not.toThrow();
    });
  }

  for (const backend of backends) {
    it(`${backend}: a value infinite for a single step`, () => {
      expect(runWith(spikeModel, backend, [4, 0.1])).toThrow(
        new ModelError("'spike' became Infinity at week 4"),
      );
      // Outside the horizon nothing is non-finite.
      expect(runWith(spikeModel, backend, [40.5, 0.1])).not.toThrow();
    });

    it(`${backend}: a flow that overflows, before the stock it feeds`, () => {
      // level: 1, then 1 + 1e300; the inflow level x growth is 1e300, then Infinity at week 1.
      expect(runWith(spikeModel, backend, [40.5, 1e300])).toThrow(
        new ModelError("'inflow' became Infinity at week 1"),
      );
    });

    it(`${backend}: a stock that overflows while every equation stays finite`, () => {
      // A constant inflow of 1e308 a week: the tank holds 1e308 at week 1 and overflows at week 2.
      expect(runWith(tankModel, backend, [1e308])).toThrow(
        new ModelError("'tank' became Infinity at week 2"),
      );
      expect(runWith(tankModel, backend, [1e306])).not.toThrow();
    });

    it(`${backend}: a parameter, at week 0`, () => {
      expect(runWith(spikeModel, backend, [NaN, 0.1])).toThrow(
        new ModelError("'at' became NaN at week 0"),
      );
    });
  }
});
