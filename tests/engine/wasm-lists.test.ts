/**
 * The wasm backend's list equations inline: every list equation of the model, inlined as the run
 * function inlines it, gives the closure's value on lists of every length that matters, special
 * values included; and on the presets none is left on the fallback (inputs copied to scratch
 * memory for a helper).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, prepareModel, type PresetName } from '../../simulation';
import type { ListFn } from '../../simulation/engine/types';
import { wasmStatsOf } from '../../simulation/engine/wasm/backend';
import {
  combineLifts,
  combineReductions,
  max,
  mean,
  sum,
  weightedMeanOr,
} from '../../simulation/model/declare';
import { propertyRuns } from '../model/helpers';
import { SPECIAL } from './js-emit-helpers';
import { compiledList, stored, type ListPath } from './wasm-lists-helpers';

const DECLARED: Record<string, ListFn> = {
  sum,
  mean,
  max,
  combineReductions,
  combineLifts,
  weightedMeanOr,
};

/** Lists of length n: each special value everywhere, then random ones. */
function lists(n: number): Float64Array[] {
  const out = SPECIAL.map((x) => Float64Array.from({ length: n }, (_, i) => (i % 2 ? x : -x)));
  out.push(...SPECIAL.map((x) => Float64Array.from({ length: n }, (_, i) => (i === 0 ? x : 0.5))));
  const random = fc.sample(
    fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.double()), { minLength: n, maxLength: n }),
    { numRuns: propertyRuns(60), seed: n },
  );
  return [...out, ...random.map((v) => Float64Array.from(v))];
}

function expectSame(fn: ListFn, name: string, n: number, path: ListPath): void {
  const wasm = compiledList(fn, n, path);
  for (const v of lists(n)) {
    const expected = stored(fn(Float64Array.from(v)));
    const got = wasm(v);
    if (!Object.is(got, expected))
      expect.fail(`${name} (${path}) on [${[...v].join(', ')}]: wasm ${got}, closure ${expected}`);
  }
}

describe('list equations of the model in WebAssembly', () => {
  for (const [name, fn] of Object.entries(DECLARED)) {
    it(`${name} inline gives the closure's value on lists of 1 to 9 inputs`, () => {
      for (let n = 1; n <= 9; n++) {
        expectSame(fn, name, n, 'inline');
        expectSame(fn, name, n, 'helper');
      }
    });
  }

  it('every list equation of every preset, inline, gives the closure value on its own inputs', () => {
    let checked = 0;
    for (const preset of Object.keys(PRESETS) as PresetName[]) {
      const p = prepareModel(PRESETS[preset](), 'interpreter').compiled.program;
      p.listFns.forEach((fn, i) => {
        if (!fn) return;
        expectSame(fn, `${preset}#${i}`, p.inputStart[i + 1]! - p.inputStart[i]!, 'inline');
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('on the presets every list equation is inlined (none copies its inputs to scratch memory)', () => {
    for (const preset of Object.keys(PRESETS) as PresetName[]) {
      const stats = wasmStatsOf(prepareModel(PRESETS[preset](), 'wasm').compiled.runLoop);
      expect(stats?.copiedLists).toBe(0);
      expect(stats?.inlineLists).toBeGreaterThan(20);
    }
  });
});
