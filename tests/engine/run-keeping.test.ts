/**
 * runModelKeeping (Monte Carlo's way to run: a few series instead of every variable) gives the
 * same values, to the bit, as a whole run, on both backends and in both modes, and the same
 * errors.
 */
import { describe, expect, it } from 'vitest';
import {
  PRESETS,
  prepareModel,
  runModel,
  runModelKeeping,
  settingsOf,
  ModelError,
  type Backend,
  type PresetName,
} from '../../simulation';

const backends: Backend[] = ['interpreter', 'codegen', 'wasm'];

describe('runModelKeeping', () => {
  for (const backend of backends) {
    it(`${backend}: keeps the chosen variables' values bit for bit, in the chosen order`, () => {
      for (const name of Object.keys(PRESETS) as PresetName[]) {
        for (const mode of ['expected', 'stochastic'] as const) {
          const scenario = PRESETS[name]();
          const settings = settingsOf(scenario, { mode, seed: 42, weeks: 104 });
          const p = prepareModel(scenario, backend);
          const n = p.compiled.variables.length;
          // Every third variable, backwards, plus one twice: any subset in any order.
          const slots: number[] = [];
          for (let s = n - 1; s >= 0; s -= 3) slots.push(s);
          slots.push(slots[0]!);
          const kept = Int32Array.from(slots);
          const buffer = new Float64Array(kept.length * 105).fill(Number.NaN);
          const points = runModelKeeping(
            p.compiled,
            p.built.parameterValues,
            settings,
            kept,
            buffer,
          );
          const whole = runModel(p.compiled, p.built.parameterValues, settings);
          expect(points).toBe(whole.points);
          const expected = new Float64Array(buffer.length);
          for (let k = 0; k < points; k++)
            kept.forEach((s, j) => (expected[k * kept.length + j] = whole.values[k * n + s]!));
          expect(Buffer.from(buffer.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
        }
      }
    });

    it(`${backend}: keeps any number of variables (wasm copies four at a time, then one at a time)`, () => {
      const scenario = PRESETS.with();
      const settings = settingsOf(scenario, { mode: 'stochastic', seed: 5, weeks: 26 });
      const p = prepareModel(scenario, backend);
      const n = p.compiled.variables.length;
      const whole = runModel(p.compiled, p.built.parameterValues, settings);
      for (let count = 1; count <= 9; count++) {
        const kept = Int32Array.from({ length: count }, (_, j) => (n - 1 - 7 * j) % n);
        const buffer = new Float64Array(count * whole.points + 3).fill(-1);
        runModelKeeping(p.compiled, p.built.parameterValues, settings, kept, buffer);
        const expected = new Float64Array(buffer.length).fill(-1);
        for (let k = 0; k < whole.points; k++)
          kept.forEach((s, j) => (expected[k * count + j] = whole.values[k * n + s]!));
        // The values kept, and nothing written past them.
        expect(Buffer.from(buffer.buffer).equals(Buffer.from(expected.buffer))).toBe(true);
      }
    });

    it(`${backend}: fails like a whole run (first non-finite value named), and on bad input`, () => {
      const scenario = PRESETS.with();
      const p = prepareModel(scenario, backend);
      const settings = settingsOf(scenario, { weeks: 52 });
      const parameters = Float64Array.from(p.built.parameterValues);
      parameters[p.compiled.parameterNames.indexOf('marketSize')] = Number.POSITIVE_INFINITY;
      const kept = Int32Array.from([p.compiled.slotOf.get('revenue')!]);
      const whole = (): unknown => runModel(p.compiled, parameters, settings);
      expect(whole).toThrow(ModelError);
      const message = (() => {
        try {
          whole();
        } catch (e) {
          return (e as Error).message;
        }
        return '';
      })();
      expect(message).toMatch(/became (NaN|Infinity|-Infinity) at week 0$/);
      expect(() =>
        runModelKeeping(p.compiled, parameters, settings, kept, new Float64Array(53)),
      ).toThrow(new ModelError(message));
      const ok = p.built.parameterValues;
      expect(() => runModelKeeping(p.compiled, ok, settings, kept, new Float64Array(52))).toThrow(
        'series buffer too small for this run',
      );
      expect(() =>
        runModelKeeping(p.compiled, ok, settings, Int32Array.from([-1]), new Float64Array(53)),
      ).toThrow('no variable in slot -1');
    });
  }
});
