/**
 * The three backends (the interpreter, for the browser under a strict CSP; code generation, for
 * Node; WebAssembly, for Monte Carlo and the analyses) must give bit-identical results: every
 * variable at every point, on random scenarios, in both modes and at every allowed step length.
 * On the presets every equation must have been translated to WebAssembly (none called back in
 * JavaScript): the build's transform gave them their source.
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
import { codegenStatsOf } from '../../simulation/engine/codegen';
import { wasmStatsOf } from '../../simulation/engine/wasm/backend';
import { propertyRuns, sameBits } from '../model/helpers';
import { scenarioArb } from '../scenario/arbitraries';

function bothBackends(s: Scenario): void {
  const settings = settingsOf(s);
  const a = runPrepared(prepareModel(s, 'interpreter'), settings);
  const b = runPrepared(prepareModel(s, 'codegen'), settings);
  const c = runPrepared(prepareModel(s, 'wasm'), settings);
  expect(a.model.backend).toBe('interpreter');
  expect(b.model.backend).toBe('codegen');
  expect(c.model.backend).toBe('wasm');
  expect(sameBits(a, b)).toBe(true);
  expect(sameBits(a, c)).toBe(true);
}

describe('interpreter, codegen and wasm are bit-identical', () => {
  it('on the presets, both modes, several seeds, every equation translated to WebAssembly', () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      for (const mode of ['expected', 'stochastic'] as const) {
        for (const seed of [17, 0, 4294967295, 982451653]) {
          const s = PRESETS[name]();
          bothBackends({ ...s, simulation: { ...s.simulation, mode, seed } });
        }
        const wasm = prepareModel(PRESETS[name](), 'wasm').compiled;
        const stats = wasmStatsOf(wasm.runLoop);
        expect(stats?.called).toBe(0);
        expect(stats?.translated).toBeGreaterThan(100);
        // The run's start is codegen's generated function where JavaScript may be generated.
        expect(codegenStatsOf(wasm.start)?.called).toBe(0);
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
