/**
 * Two runs at once in the lanes of 128-bit SIMD (simulation/engine/wasm/backend-lanes.ts) give each
 * run's bits: a Monte Carlo's draws run in pairs (DrawRunner.enablePairs) have the series, KPIs,
 * differences and parameters of the same draws run one at a time, on the presets and on random
 * scenarios over the whole valid range, in both modes, for ranges of odd and even length. A pair
 * with a value that is not finite fails where the runs alone fail, with the same error.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, settingsOf, type PresetName, type Scenario } from '../../simulation';
import { mainMetrics } from '../../simulation/analysis/montecarlo';
import { DIFFERENCE_KEYS, DrawRunner, KPI_KEYS } from '../../simulation/analysis/montecarlo-draws';
import { CompiledModelCache } from '../../simulation/analysis/model-cache';
import {
  compileModel,
  ModelError,
  type CompiledModel,
  type ModelDecl,
} from '../../simulation/engine';
import { runModelKeeping, runModelKeepingPair } from '../../simulation/engine/run';
import { laneLoopOf, translateLaneLoop } from '../../simulation/engine/wasm/backend-lanes';
import { wasmModelKey } from '../../simulation/engine/wasm/backend';
import { propertyRuns } from '../model/helpers';
import { scenarioArb } from '../scenario/arbitraries';

const bits = (a: Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
const sameBits = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && Buffer.compare(bits(a), bits(b)) === 0;

/**
 * Draws [start, start + count) one at a time and in pairs: everything read of a draw the same.
 * `perLane`: the pairs' equations all written lane by lane (the way of code with no f64x2 form).
 */
function pairsAsSingles(scenario: Scenario, start: number, count: number, perLane = false): void {
  const settings = settingsOf(scenario);
  const single = new DrawRunner(scenario, settings, 'wasm');
  const cache = new CompiledModelCache('wasm');
  const paired = new DrawRunner(scenario, settings, cache);
  const kept = mainMetrics(single);
  single.keepOnly(kept);
  paired.keepOnly(kept);
  const laneOf = perLane
    ? (m: CompiledModel) => laneLoopOf(m, translateLaneLoop(m, wasmModelKey(m), { perLane }))
    : (m: CompiledModel) => cache.laneLoop(m);
  expect(paired.enablePairs(laneOf)).toBe(true);
  paired.planUntil(start + count);
  const runs = single.runCount;
  const kpis = [new Float64Array(KPI_KEYS.length), new Float64Array(KPI_KEYS.length)];
  const differences = [
    new Float64Array(DIFFERENCE_KEYS.length),
    new Float64Array(DIFFERENCE_KEYS.length),
  ];
  for (let d = start; d < start + count; d++) {
    single.run(d);
    paired.run(d);
    for (let r = 0; r < runs; r++) {
      if (!sameBits(single.values(r), paired.values(r)))
        expect.fail(`draw ${d}, run ${r}: the series differ`);
      single.writeKpis(r, kpis[0]!, 0);
      paired.writeKpis(r, kpis[1]!, 0);
      expect(sameBits(kpis[0]!, kpis[1]!)).toBe(true);
    }
    single.writeDifferences(differences[0]!, 0);
    paired.writeDifferences(differences[1]!, 0);
    expect(sameBits(differences[0]!, differences[1]!)).toBe(true);
    expect(sameBits(single.drawnParameters(), paired.drawnParameters())).toBe(true);
  }
}

describe('two runs at once in SIMD lanes give the bits of each run alone', () => {
  it('on the presets, both modes, odd and even ranges of draws', () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      for (const mode of ['expected', 'stochastic'] as const) {
        const s = PRESETS[name]();
        const scenario = { ...s, simulation: { ...s.simulation, mode, weeks: 104 } };
        pairsAsSingles(scenario, 0, 5);
        pairsAsSingles(scenario, 1234, 4);
        pairsAsSingles(scenario, 77, 3, true);
      }
    }
  });

  it('on random scenarios over the whole valid range (property)', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxWeeks: 156, maxProducts: 5, maxConsumers: 4 }),
        fc.nat({ max: 100000 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        (scenario, start, count, perLane) => pairsAsSingles(scenario, start, count, perLane),
      ),
      { numRuns: propertyRuns(40) },
    );
  });

  it('on random scenarios near the defaults (property)', () => {
    fc.assert(
      fc.property(
        scenarioArb({ parameters: 'nearDefault', maxWeeks: 156, maxProducts: 6, maxConsumers: 5 }),
        fc.nat({ max: 100000 }),
        (scenario, start) => pairsAsSingles(scenario, start, 4),
      ),
      { numRuns: propertyRuns(30) },
    );
  });

  it("writes every equation of the presets as f64x2 code (pow's included), none lane by lane", () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      const cache = new CompiledModelCache('wasm');
      const model = cache.prepare(PRESETS[name]()).compiled;
      const { stats } = translateLaneLoop(model, wasmModelKey(model));
      expect(stats.called).toBe(0);
      expect(stats.lanes).toBe(0);
      expect(stats.vector).toBe(model.program.length);
    }
  });
});

/** `spike` is 1 / (time - at): infinite at week `at` only. */
const spikeModel: ModelDecl = {
  variables: [
    { kind: 'parameter', name: 'at', unit: 'week', description: '' },
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
      equation: { inputs: ['spike'], fn: (s) => s * 0 + 1 },
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

describe('a pair with a value that is not finite', () => {
  const settings = { stepWeeks: 1, weeks: 10, seed: 1, mode: 'expected' as const };
  const model = compileModel(spikeModel, { backend: 'wasm' });
  const lanes = laneLoopOf(model)!;
  const slots = Int32Array.from([model.slotOf.get('level')!]);
  const buffers = [new Float64Array(11), new Float64Array(11)] as const;
  const pair = (a: number, b: number): boolean =>
    runModelKeepingPair(
      model,
      lanes,
      [Float64Array.of(a), Float64Array.of(b)],
      [settings, { ...settings, seed: 2 }],
      slots,
      buffers,
    );

  it('has a lane loop', () => {
    expect(lanes).not.toBeNull();
  });

  it('fails on the first run as that run alone fails', () => {
    expect(() => pair(4, 40.5)).toThrow(new ModelError("'spike' became Infinity at week 4"));
  });

  it("keeps the first run's values and leaves the second, which fails alone", () => {
    expect(pair(40.5, 4)).toBe(false);
    const alone = new Float64Array(11);
    runModelKeeping(model, Float64Array.of(40.5), settings, slots, alone);
    expect(sameBits(buffers[0], alone)).toBe(true);
    expect(() =>
      runModelKeeping(model, Float64Array.of(4), { ...settings, seed: 2 }, slots, buffers[1]),
    ).toThrow(new ModelError("'spike' became Infinity at week 4"));
  });

  it('runs both when both are finite', () => {
    expect(pair(40.5, 20.5)).toBe(true);
    const alone = new Float64Array(11);
    runModelKeeping(model, Float64Array.of(20.5), settings, slots, alone);
    expect(sameBits(buffers[1], alone)).toBe(true);
  });
});
