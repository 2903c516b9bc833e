/**
 * Determinism by seed: the same scenario and seed give bit-identical series (whatever ran in
 * between, on either backend); different seeds give different stochastic runs; expected-value
 * mode ignores the seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  prepareModel,
  runPrepared,
  settingsOf,
  withoutPreset,
  withPreset,
  type Backend,
  type Scenario,
} from '../../simulation';
import { scenarioArb, uint32Arb } from '../scenario/arbitraries';
import { propertyRuns, run, sameBits } from './helpers';

describe('the same seed gives bit-identical results', () => {
  it('for the presets, on every backend, with other runs in between', () => {
    for (const preset of [withPreset, withoutPreset]) {
      const s = preset();
      for (const backend of ['interpreter', 'codegen', 'wasm'] as Backend[]) {
        const p = prepareModel(s, backend);
        const first = runPrepared(p, settingsOf(s, { seed: 123 }));
        const firstCopy = { ...first, values: first.values.slice() };
        // Other seeds and another model in between must leave no trace (shared generator, context).
        runPrepared(p, settingsOf(s, { seed: 99 }));
        run(withPreset(), { seed: 7 });
        const again = runPrepared(p, settingsOf(s, { seed: 123 }));
        expect(sameBits(firstCopy, again)).toBe(true);
        // A freshly compiled model gives the same bits too.
        expect(sameBits(firstCopy, run(s, { seed: 123 }, backend))).toBe(true);
      }
    }
  });

  it('for random scenarios', () => {
    fc.assert(
      fc.property(
        scenarioArb({
          parameters: 'nearDefault',
          maxWeeks: 104,
          maxDelayWeeks: 40,
          modes: ['stochastic'],
        }),
        (s: Scenario) => {
          const a = run(s);
          const copy = { ...a, values: a.values.slice() };
          expect(sameBits(copy, run(s))).toBe(true);
        },
      ),
      { numRuns: propertyRuns(25) },
    );
  });
});

describe('different seeds give different stochastic runs', () => {
  it('for the presets', () => {
    for (const preset of [withPreset, withoutPreset]) {
      const s = preset();
      const a = run(s, { seed: 1 });
      const b = run(s, { seed: 2 });
      expect(sameBits(a, b)).toBe(false);
      // Demand noise is in every week's sessions, so the series differ week after week.
      const sa = a.model.slotOf.get('sessions')!;
      let differing = 0;
      for (let k = 1; k < a.points; k++)
        if (
          a.values[k * a.model.variables.length + sa] !==
          b.values[k * b.model.variables.length + sa]
        )
          differing++;
      expect(differing).toBe(a.points - 1);
    }
  });

  it('for any two distinct seeds', () => {
    fc.assert(
      fc.property(uint32Arb(), uint32Arb(), (x, y) => {
        fc.pre(x !== y);
        expect(
          sameBits(
            run(withPreset(), { seed: x, weeks: 26 }),
            run(withPreset(), { seed: y, weeks: 26 }),
          ),
        ).toBe(false);
      }),
      { numRuns: propertyRuns(20) },
    );
  });
});

describe('expected-value mode ignores the seed', () => {
  it('for the presets', () => {
    for (const preset of [withPreset, withoutPreset]) {
      const s = preset();
      const a = run(s, { mode: 'expected', seed: 1 });
      expect(sameBits(a, run(s, { mode: 'expected', seed: 4294967295 }))).toBe(true);
      // And it is not a stochastic run in disguise.
      expect(sameBits(a, run(s, { mode: 'stochastic', seed: 1 }))).toBe(false);
    }
  });

  it('for random scenarios and seeds', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxWeeks: 104, maxDelayWeeks: 40, modes: ['expected'] }),
        uint32Arb(),
        (s, seed) => {
          const a = run(s);
          const copy = { ...a, values: a.values.slice() };
          expect(sameBits(copy, run(s, { seed }))).toBe(true);
        },
      ),
      { numRuns: propertyRuns(25) },
    );
  });
});
