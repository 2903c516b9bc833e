/**
 * The assumption catalogue: one entry per model parameter, in the model's order, with the
 * scenario's value; patterns select whole segments; setting a value changes exactly those fields.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AssumptionError,
  assumptionNamed,
  assumptionsOf,
  findAssumptions,
  matchesAssumption,
  meshPreset,
  parameterValuesOf,
  prepareModel,
  uncertainParameters,
  PARAMETERS,
  withAssumption,
  withAssumptions,
  withoutPreset,
  withPreset,
} from '../../simulation';

describe('assumption catalogue', () => {
  for (const [name, make] of [
    ['with', withPreset],
    ['without', withoutPreset],
    ['mesh', meshPreset],
  ] as const) {
    it(`lists every parameter of the ${name} model, in its order, with its value`, () => {
      const scenario = make();
      const compiled = prepareModel(scenario).compiled;
      const catalogue = assumptionsOf(scenario);
      expect(catalogue.map((a) => a.name)).toEqual(compiled.parameterNames);
      expect(Float64Array.from(catalogue.map((a) => a.value))).toEqual(parameterValuesOf(scenario));
    });
  }

  it('keeps every plausible range inside the valid range and around the value', () => {
    for (const a of assumptionsOf(withPreset())) {
      expect(a.min, a.name).toBeLessThanOrEqual(a.plausible[0]);
      expect(a.plausible[0], a.name).toBeLessThanOrEqual(a.value);
      expect(a.value, a.name).toBeLessThanOrEqual(a.plausible[1]);
      expect(a.plausible[1], a.name).toBeLessThanOrEqual(a.max);
      expect(a.label.length, a.name).toBeGreaterThan(3);
    }
  });

  it('gives every global parameter a plausible range narrower than its valid range', () => {
    // A plausible range equal to the valid range (1 to 1 billion people, say) makes a tornado over
    // plausible ranges rank that parameter first with absurd swings (a $1T net value gap).
    for (const spec of PARAMETERS) {
      const [lo, hi] = spec.plausible;
      expect(lo > spec.min || hi < spec.max, spec.name).toBe(true);
    }
  });

  it('draws exactly the assumptions that carry a distribution, the registry order first', () => {
    const scenario = withPreset();
    const drawn = uncertainParameters(scenario).map((u) => u.name);
    expect(drawn).toEqual(
      assumptionsOf(scenario)
        .filter((a) => a.distribution !== null)
        .map((a) => a.name),
    );
    const globals = PARAMETERS.filter((p) => p.uncertain).map((p) => p.name);
    expect(drawn.slice(0, globals.length)).toEqual(globals);
  });

  it('names entity fields after the entity and the field', () => {
    const s = withPreset();
    const q = assumptionNamed(s, 'dataProduct.customer-360.maturity.quality');
    expect(q?.label).toBe('Customer 360: Quality maturity');
    expect(q?.path).toEqual(['dataProducts', 0, 'maturity', 'quality']);
    expect(q?.value).toBe(s.dataProducts[0]!.maturity.quality);
    const lift = assumptionNamed(s, 'aiConsumer.product-recommendations.impact.basket');
    expect(lift?.value).toBe(0.06);
    expect(lift?.owner).toEqual({
      kind: 'aiConsumer',
      id: 'product-recommendations',
      name: 'Product recommendations',
    });
    expect(assumptionNamed(s, 'nonsense')).toBeNull();
  });

  it('matches patterns segment by segment', () => {
    expect(matchesAssumption('a.*.c', 'a.b.c')).toBe(true);
    expect(matchesAssumption('a.*.c', 'a.b.b.c')).toBe(false);
    expect(matchesAssumption('a.*', 'a.b.c')).toBe(false);
    expect(matchesAssumption('a.b', 'a.b')).toBe(true);
    expect(matchesAssumption('a.b', 'a.bc')).toBe(false);
    const s = withPreset();
    expect(findAssumptions(s, 'dataProduct.*.maturity.quality')).toHaveLength(4);
    expect(findAssumptions(s, 'ownPipelineTemplate.maturity.*')).toHaveLength(8);
    expect(findAssumptions(s, 'aiConsumer.*.impact.*')).toHaveLength(18);
  });

  it('sets the selected fields and nothing else, without touching its input', () => {
    const s = withPreset();
    const before = structuredClone(s);
    const t = withAssumption(s, 'dataProduct.*.maturity.governance', 0);
    expect(s).toEqual(before);
    expect(t.dataProducts.map((d) => d.maturity.governance)).toEqual([0, 0, 0, 0]);
    const changed = assumptionsOf(t).filter((a, i) => a.value !== assumptionsOf(s)[i]!.value);
    expect(changed.map((a) => a.name)).toEqual(
      s.dataProducts.map((d) => `dataProduct.${d.id}.maturity.governance`),
    );
    const u = withAssumptions(s, [
      ['baseChurnPerWeek', 0.02],
      ['ownPipelineTemplate.buildWeeks', 10.4],
    ]);
    expect(u.parameters.baseChurnPerWeek).toBe(0.02);
    expect(u.ownPipeline.buildWeeks).toBe(10.4);
  });

  it('refuses unknown names and values outside the valid range with a message', () => {
    const s = withPreset();
    expect(() => withAssumption(s, 'churn', 0.1)).toThrow(AssumptionError);
    expect(() => withAssumption(s, 'churn', 0.1)).toThrow(/no assumption named 'churn'/);
    expect(() => withAssumption(s, 'baseChurnPerWeek', 2)).toThrow(
      /outside its valid range 0 to 1/,
    );
    expect(() => withAssumption(s, 'baseChurnPerWeek', NaN)).toThrow(AssumptionError);
  });

  it('rounds whole-number assumptions and keeps every set value readable back', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...assumptionsOf(withPreset())),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (a, t) => {
          const raw = a.min + t * (Math.min(a.max, a.min + 1e6) - a.min);
          const next = withAssumption(withPreset(), a.name, raw);
          const read = assumptionNamed(next, a.name)!.value;
          expect(read).toBe(a.integer ? Math.round(raw) : raw);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('what Monte Carlo draws (issue 10)', () => {
  const s = withPreset();
  const drawn = new Set(uncertainParameters(s).map((u) => u.name));
  const catalogue = assumptionsOf(s);

  it('draws every anatomy coefficient and both maturity shifts', () => {
    const anatomy = PARAMETERS.filter((p) => p.group === 'anatomy');
    expect(anatomy.length).toBeGreaterThanOrEqual(20);
    for (const p of anatomy) expect(drawn.has(p.name), p.name).toBe(true);
    expect(drawn.has('productMaturityShift')).toBe(true);
    expect(drawn.has('ownPipelineMaturityShift')).toBe(true);
  });

  it('draws every maturity, cost, schedule and non-zero impact of products, consumers and the template', () => {
    const expected = catalogue.filter(
      (a) =>
        /\.(maturity\.[a-z]+|buildWeeks|buildCostUsd|runCostUsdPerWeek|devWeeks|devCostUsd)$/.test(
          a.name,
        ) ||
        (/\.impact\./.test(a.name) && a.value > 0),
    );
    expect(expected.length).toBeGreaterThan(50);
    for (const a of expected) expect(drawn.has(a.name), a.name).toBe(true);
    // Choices are not estimates: start weeks and own-pipeline counts stay as the scenario says.
    for (const a of catalogue.filter((x) => /\.(startWeek|ownPipelines)$/.test(x.name)))
      expect(drawn.has(a.name), a.name).toBe(false);
  });

  it('says for every drawn assumption why it is drawn over its range', () => {
    for (const a of catalogue) {
      if (a.distribution === null) expect(a.distributionSource, a.name).toBeNull();
      else expect(a.distributionSource?.length ?? 0, a.name).toBeGreaterThan(5);
    }
  });
});
