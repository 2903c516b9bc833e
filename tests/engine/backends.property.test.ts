/**
 * The two backends (the interpreter, for the browser under a strict CSP, and code generation,
 * for Node) must give bit-identical results: every variable at every point, on random scenarios,
 * in both modes and at every allowed step length.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PRESETS,
  prepareModel,
  runPrepared,
  settingsOf,
  type PresetName,
  type Scenario,
} from '../../simulation';
import { propertyRuns, sameBits } from '../model/helpers';
import { scenarioArb } from '../scenario/arbitraries';

function bothBackends(s: Scenario): void {
  const settings = settingsOf(s);
  const a = runPrepared(prepareModel(s, 'interpreter'), settings);
  const b = runPrepared(prepareModel(s, 'codegen'), settings);
  expect(b.model.backend).toBe('codegen');
  expect(a.model.backend).toBe('interpreter');
  expect(sameBits(a, b)).toBe(true);
}

describe('interpreter and codegen are bit-identical', () => {
  it('on the presets, both modes', () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      for (const mode of ['expected', 'stochastic'] as const) {
        const s = PRESETS[name]();
        bothBackends({ ...s, simulation: { ...s.simulation, mode, seed: 17 } });
      }
    }
  });

  it('on random scenarios over the whole valid range', () => {
    fc.assert(
      fc.property(scenarioArb({ maxWeeks: 156, maxProducts: 5, maxConsumers: 4 }), bothBackends),
      {
        numRuns: propertyRuns(60),
      },
    );
  });

  it('on random scenarios near the defaults', () => {
    fc.assert(
      fc.property(
        scenarioArb({
          parameters: 'nearDefault',
          maxWeeks: 156,
          maxDelayWeeks: 60,
          maxProducts: 6,
          maxConsumers: 5,
        }),
        bothBackends,
      ),
      { numRuns: propertyRuns(40) },
    );
  });
});
