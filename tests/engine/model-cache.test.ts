/**
 * Compiled models reused by structure: a scenario with the same products, consumers and wiring as
 * one compiled before runs on that compiled model and gives the same bits as a fresh compile;
 * a comparison measures both runs against one status quo run and gets the KPIs each run would
 * get against its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFlywheelModel,
  compareWithWithout,
  CompiledModelCache,
  computeKpis,
  layoutKey,
  metricInfos,
  parameterValuesOf,
  prepareModel,
  runPrepared,
  seriesOf,
  settingsOf,
  statusQuo,
  structureKey,
  withoutDataProducts,
  withPreset,
  type Scenario,
} from '../../simulation';
import { wasmArtifactOf } from '../../simulation/engine/wasm/backend';
import { propertyRuns, sameBits } from '../model/helpers';
import { scenarioArb } from '../scenario/arbitraries';

/** `a`'s structure with other values: b's parameters and own-pipeline template, mirrored maturities. */
function sameStructureOtherValues(a: Scenario, b: Scenario): Scenario {
  return {
    ...a,
    parameters: b.parameters,
    ownPipeline: b.ownPipeline,
    dataProducts: a.dataProducts.map((p) => ({
      ...p,
      maturity: Object.fromEntries(
        Object.entries(p.maturity).map(([k, v]) => [k, 1 - v]),
      ) as typeof p.maturity,
    })),
  };
}

describe('parameterValuesOf', () => {
  it("gives the built model's parameter values, in its order", () => {
    fc.assert(
      fc.property(scenarioArb({ maxProducts: 5, maxConsumers: 4 }), (s) => {
        const built = buildFlywheelModel(s);
        expect([...parameterValuesOf(s)]).toEqual([...built.parameterValues]);
        expect(built.decl.variables.filter((v) => v.kind === 'parameter')).toHaveLength(
          built.parameterValues.length,
        );
      }),
      { numRuns: propertyRuns(40) },
    );
  });
});

describe('CompiledModelCache', () => {
  it('reuses the compiled model of a structure; the runs match a fresh compile bit for bit', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxWeeks: 104, maxProducts: 4, maxConsumers: 3 }),
        scenarioArb({ maxWeeks: 104, maxProducts: 1, maxConsumers: 1 }),
        (a, other) => {
          const b = sameStructureOtherValues(a, other);
          expect(structureKey(b)).toBe(structureKey(a));
          const cache = new CompiledModelCache('codegen');
          const first = cache.prepare(a);
          runPrepared(first, settingsOf(a)); // leaves its state in the shared model
          const second = cache.prepare(b);
          expect(second.compiled).toBe(first.compiled);
          const reused = runPrepared(second, settingsOf(b));
          const fresh = runPrepared(prepareModel(b, 'codegen'), settingsOf(b));
          expect(sameBits(reused, fresh)).toBe(true);
        },
      ),
      { numRuns: propertyRuns(30) },
    );
  });

  it('compiles a new model when the structure changes, and keeps the most recent ones', () => {
    const cache = new CompiledModelCache('interpreter', 2);
    const s = withPreset();
    const renamed = {
      ...s,
      dataProducts: s.dataProducts.map((p) => ({ ...p, name: `${p.name}!` })),
    };
    const fewer = { ...s, aiConsumers: s.aiConsumers.slice(1) };
    const m1 = cache.compiledFor(s);
    expect(cache.compiledFor(renamed)).not.toBe(m1); // names are in labels and descriptions
    expect(cache.compiledFor(s)).toBe(m1);
    cache.compiledFor(fewer); // evicts `renamed`, the least recently used
    expect(cache.compiledFor(s)).toBe(m1);
    expect(cache.compiledFor(fewer).variables.length).toBeLessThan(m1.variables.length);
    expect(cache.backend).toBe('interpreter');
    expect(m1.backend).toBe('interpreter');
  });
});

describe('CompiledModelCache: cut-down models and translations that come later', () => {
  it("caches a model cut down to what some variables need, apart from the whole model; the same values as the whole model's", () => {
    const cache = new CompiledModelCache('codegen');
    const s = statusQuo(withPreset());
    const keep = ['revenue', 'netValue'];
    const cut = cache.preparePruned(s, keep);
    expect(cache.preparePruned(s, [...keep]).compiled).toBe(cut.compiled);
    const whole = cache.prepare(s);
    expect(whole.compiled).not.toBe(cut.compiled);
    expect(cut.compiled.variables.length).toBeLessThan(whole.compiled.variables.length);
    expect(cache.preparePruned(s, ['revenue']).compiled).not.toBe(cut.compiled);
    const settings = settingsOf(s);
    const a = runPrepared(cut, settings);
    const b = runPrepared(whole, settings);
    for (const name of keep)
      expect(Buffer.from(seriesOf(a, name).buffer)).toEqual(Buffer.from(seriesOf(b, name).buffer));
  });

  it('with deferWasm, uses a translation adopted after the model was compiled', () => {
    const s = withPreset();
    const translated = new CompiledModelCache('wasm');
    translated.prepare(s);
    const [shared] = translated.sharedRunLoops();
    expect(shared).toBeDefined();
    const deferred = new CompiledModelCache('wasm', 8, true);
    const prepared = deferred.prepare(s);
    expect(wasmArtifactOf(prepared.compiled.runLoop)).toBeNull();
    const received = structuredClone(shared!);
    deferred.adopt([received]);
    const run = runPrepared(prepared, settingsOf(s));
    expect(wasmArtifactOf(prepared.compiled.runLoop)).toBe(received.artifact);
    const fresh = runPrepared(prepareModel(s, 'interpreter'), settingsOf(s));
    expect(sameBits(run, fresh)).toBe(true);
  });
});

describe('layoutKey', () => {
  it('agrees between separate compiles of one structure and differs between structures', () => {
    const s = withPreset();
    const a = prepareModel(s, 'interpreter').compiled;
    const b = prepareModel(sameStructureOtherValues(s, withPreset()), 'codegen').compiled;
    expect(layoutKey(b)).toBe(layoutKey(a));
    const renamed = { ...s, aiConsumers: s.aiConsumers.map((c) => ({ ...c, id: `${c.id}x` })) };
    const other = prepareModel(renamed, 'interpreter').compiled;
    expect(other.variables.length).toBe(a.variables.length);
    expect(layoutKey(other)).not.toBe(layoutKey(a));
    expect(layoutKey(prepareModel(withoutDataProducts(s)).compiled)).not.toBe(layoutKey(a));
    expect(layoutKey(a)).toMatch(new RegExp(`^${a.variables.length}:\\d+$`));
  });

  it('comes with one list of metric infos per compiled model', () => {
    const m = prepareModel(withPreset()).compiled;
    expect(metricInfos(m)).toBe(metricInfos(m));
    expect(metricInfos(m).map((i) => i.name)).toEqual(m.metricNames);
  });
});

describe('compareWithWithout', () => {
  it('gives the same runs and KPIs with a cache, and each run the KPIs against its own status quo', () => {
    for (const mode of ['stochastic', 'expected'] as const) {
      const s0 = withPreset();
      const s = { ...s0, simulation: { ...s0.simulation, mode, seed: 3 } };
      const cache = new CompiledModelCache('interpreter');
      compareWithWithout({ ...s, simulation: { ...s.simulation, seed: 4 } }, { models: cache });
      const cached = compareWithWithout(s, { models: cache });
      const plain = compareWithWithout(s, { backend: 'codegen' });
      expect(cached.runs.map((r) => r.kpis)).toEqual(plain.runs.map((r) => r.kpis));
      expect(cached.differences).toEqual(plain.differences);
      cached.runs.forEach((r, i) => expect(sameBits(r.series, plain.runs[i]!.series)).toBe(true));
      // The without run against the status quo of the business without data products.
      const without = withoutDataProducts(s);
      const own = runPrepared(prepareModel(statusQuo(without)), settingsOf(without));
      expect(computeKpis(cached.runs[1]!.series, own)).toEqual(cached.runs[1]!.kpis);
    }
  });
});
