/**
 * Every valid scenario round-trips save -> load unchanged (canonical JSON), saving is stable,
 * the hash survives the trip, fields left out of a file take their registry defaults, and every
 * built-in preset is a valid scenario.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ANATOMY_PARTS,
  canonicalJson,
  MATURITY_FIELDS,
  PARAMETER_BY_NAME,
  parseScenarioText,
  parseScenarioValue,
  PRESETS,
  PRODUCT_FIELDS,
  scenarioHash,
  serializeScenario,
  withoutDataProducts,
  withoutPreset,
  withPreset,
  type PresetName,
  type Scenario,
} from '../../simulation';
import { propertyRuns } from '../model/helpers';
import { provenanceEntryArb, scenarioArb, withWhereFromArb } from './arbitraries';
import { documentArb } from './document-arbitraries';

/** Equal as numbers (JSON writes -0 as 0, which compares equal). */
function expectSame(actual: number | undefined, expected: number | undefined, what: string): void {
  expect(actual === expected, `${what}: ${actual} vs ${expected}`).toBe(true);
}

function roundTrips(s: Scenario): void {
  const text = serializeScenario(s);
  const r = parseScenarioText(text);
  expect(r.ok ? [] : r.issues).toEqual([]);
  if (!r.ok) return;
  expect(canonicalJson(r.scenario)).toBe(canonicalJson(s));
  // Saving what was loaded writes the same text; the fingerprint is the same.
  expect(serializeScenario(r.scenario)).toBe(text);
  expect(scenarioHash(r.scenario)).toBe(scenarioHash(s));
}

describe('save -> load round trip', () => {
  it('any valid scenario (any names, including lone surrogates and control characters)', () => {
    const withOddText = scenarioArb({ maxProducts: 5, maxConsumers: 4 }).chain((s) =>
      fc
        .record({
          name: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
          description: fc.string({ unit: 'binary', maxLength: 200 }),
        })
        .map((t) => ({ ...s, ...t })),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          scenarioArb({ maxProducts: 5, maxConsumers: 4 }),
          withOddText,
          documentArb({ maxProducts: 4, maxConsumers: 3 }),
        ),
        roundTrips,
      ),
      {
        numRuns: propertyRuns(150),
      },
    );
  });

  it('with provenance and a calibration record (format version 2), also in a document with variants: every entry, date, file name and figure kept', () => {
    const arb = withWhereFromArb(
      fc.oneof(
        scenarioArb({ maxProducts: 3, maxConsumers: 3 }),
        documentArb({ maxProducts: 3, maxConsumers: 3 }),
      ),
    );
    fc.assert(
      fc.property(arb, (s) => {
        roundTrips(s);
        const r = parseScenarioText(serializeScenario(s));
        if (!r.ok) return;
        // As JSON: the file writes -0 as 0, the one change (and they compare equal).
        expect(canonicalJson(r.scenario.provenance ?? null)).toBe(
          canonicalJson(s.provenance ?? null),
        );
        expect(canonicalJson(r.scenario.calibration ?? null)).toBe(
          canonicalJson(s.calibration ?? null),
        );
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('provenance of an assumption the scenario does not have (a product since removed) is dropped; the rest is kept', () => {
    const arb = withWhereFromArb(scenarioArb({ maxProducts: 2 })).chain((s) =>
      fc.record({
        s: fc.constant(s),
        gone: fc.dictionary(
          fc
            .stringMatching(/^[a-z][a-z0-9-]{0,10}$/)
            .map((id) => `dataProduct.gone-${id}.maturity.quality`),
          provenanceEntryArb(),
          { minKeys: 1, maxKeys: 3 },
        ),
      }),
    );
    fc.assert(
      fc.property(arb, ({ s, gone }) => {
        const r = parseScenarioText(
          serializeScenario({ ...s, provenance: { ...s.provenance, ...gone } }),
        );
        expect(r.ok ? [] : r.issues).toEqual([]);
        if (r.ok) expect(r.scenario.provenance).toEqual(s.provenance);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('numbers keep every bit: the shortest JSON form reads back as the same double', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (v) => {
        const s = withPreset();
        s.parameters.baseConversion = v;
        s.dataProducts[0]!.maturity.quality = v;
        const r = parseScenarioText(serializeScenario(s));
        expect(r.ok).toBe(true);
        // -0 is written as 0, the only value that changes (and it compares equal).
        if (r.ok)
          expect(
            r.scenario.parameters.baseConversion === v &&
              r.scenario.dataProducts[0]!.maturity.quality === v,
          ).toBe(true);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

describe('fields left out of a file take their registry defaults', () => {
  it('for any subset of parameters, maturities and product fields', () => {
    const file = (s: Scenario) =>
      JSON.parse(serializeScenario(s)) as Record<string, Record<string, unknown>> & {
        dataProducts: Record<string, unknown>[];
      };
    const arb = scenarioArb({ parameters: 'nearDefault', maxProducts: 3 })
      .filter((s) => s.dataProducts.length > 0)
      .chain((s) =>
        fc.record({
          s: fc.constant(s),
          parameters: fc.subarray(Object.keys(s.parameters)),
          maturity: fc.subarray([...ANATOMY_PARTS]),
          product: fc.subarray(Object.keys(PRODUCT_FIELDS)),
        }),
      );
    fc.assert(
      fc.property(arb, ({ s, parameters, maturity, product }) => {
        const f = file(s);
        for (const k of parameters) delete f.parameters![k];
        const p0 = f.dataProducts[0]!;
        for (const k of maturity) delete (p0.maturity as Record<string, unknown>)[k];
        for (const k of product) delete p0[k];
        const r = parseScenarioValue(f);
        if (!r.ok) {
          // Only a default that breaks a cross-field rule with a kept value may fail.
          for (const i of r.issues)
            expect(['parameters.initialActiveUsers', 'parameters.heuristicError']).toContain(
              i.path,
            );
          return;
        }
        for (const k of Object.keys(s.parameters)) {
          const want = parameters.includes(k) ? PARAMETER_BY_NAME.get(k)!.default : s.parameters[k];
          expectSame(r.scenario.parameters[k], want, k);
        }
        const loaded = r.scenario.dataProducts[0]!;
        for (const k of ANATOMY_PARTS) {
          const want = maturity.includes(k)
            ? MATURITY_FIELDS[k].default
            : s.dataProducts[0]!.maturity[k];
          expectSame(loaded.maturity[k], want, k);
        }
        for (const k of Object.keys(PRODUCT_FIELDS) as (keyof typeof PRODUCT_FIELDS)[]) {
          const want = product.includes(k) ? PRODUCT_FIELDS[k].default : s.dataProducts[0]![k];
          expectSame(loaded[k], want, k);
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});

describe('the built-in presets', () => {
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    it(`${name} is a valid scenario and round-trips`, () => roundTrips(PRESETS[name]()));
  }

  it('are distinct scenarios, and `without` is derived from `with`', () => {
    const hashes = (Object.keys(PRESETS) as PresetName[]).map((n) => scenarioHash(PRESETS[n]()));
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(canonicalJson(withoutPreset())).toBe(canonicalJson(withoutDataProducts(withPreset())));
    // Each call returns a fresh copy: changing one does not change the next.
    const a = withPreset();
    a.parameters.marketSize = 1;
    a.dataProducts[0]!.maturity.quality = 0;
    expect(withPreset().parameters.marketSize).not.toBe(1);
    expect(withPreset().dataProducts[0]!.maturity.quality).not.toBe(0);
  });
});
