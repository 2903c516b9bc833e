/**
 * Parameter assessment (Sterman ch. 21, test 4): every registry entry is complete and consistent,
 * and the model reads every parameter it declares with the registry's unit.
 */
import { describe, expect, it } from 'vitest';
import {
  ANATOMY,
  ANATOMY_PARTS,
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  PARAMETER_GROUPS,
  PARAMETERS,
  PRESETS,
  PRODUCT_FIELDS,
  prepareModel,
  withoutPreset,
  withPreset,
  type FieldSpec,
  type PresetName,
} from '../../simulation';

const GRADES = ['PR', 'PRp', 'AI', 'C', 'V', 'B', 'J'];

function checkCommon(where: string, f: FieldSpec): void {
  expect(f.label.trim(), `${where}: label`).not.toBe('');
  expect(f.unit.trim(), `${where}: unit`).not.toBe('');
  expect(f.description.trim().length, `${where}: description`).toBeGreaterThan(10);
  expect(f.source.trim().length, `${where}: source`).toBeGreaterThan(3);
  expect(GRADES, `${where}: grade`).toContain(f.grade);
  expect(Number.isFinite(f.min) && Number.isFinite(f.max), `${where}: finite range`).toBe(true);
  expect(f.min, `${where}: min <= max`).toBeLessThanOrEqual(f.max);
  expect(f.default, `${where}: default >= min`).toBeGreaterThanOrEqual(f.min);
  expect(f.default, `${where}: default <= max`).toBeLessThanOrEqual(f.max);
  if (f.integer) {
    for (const v of [f.default, f.min, f.max])
      expect(Number.isInteger(v), `${where}: whole numbers`).toBe(true);
  }
}

describe('the global parameter registry', () => {
  it('has unique names', () => {
    expect(new Set(PARAMETERS.map((p) => p.name)).size).toBe(PARAMETERS.length);
  });

  for (const p of PARAMETERS) {
    it(p.name, () => {
      checkCommon(p.name, p);
      const [lo, hi] = p.plausible;
      expect(lo, `${p.name}: plausible low <= high`).toBeLessThanOrEqual(hi);
      expect(lo, `${p.name}: plausible inside min..max`).toBeGreaterThanOrEqual(p.min);
      expect(hi, `${p.name}: plausible inside min..max`).toBeLessThanOrEqual(p.max);
      expect(p.default, `${p.name}: default inside plausible`).toBeGreaterThanOrEqual(lo);
      expect(p.default, `${p.name}: default inside plausible`).toBeLessThanOrEqual(hi);
      expect(Object.keys(PARAMETER_GROUPS), `${p.name}: group`).toContain(p.group);
      // An uncertain parameter is drawn over its plausible range: a zero-width range draws nothing.
      if (p.uncertain)
        expect(hi - lo, `${p.name}: uncertain needs a plausible range`).toBeGreaterThan(0);
    });
  }
});

describe('the entity field registries', () => {
  const registries: [string, Record<string, FieldSpec>][] = [
    ['maturity', MATURITY_FIELDS],
    ['product', PRODUCT_FIELDS],
    ['consumer', CONSUMER_FIELDS],
    ['impact', IMPACT_FIELDS],
  ];
  for (const [name, fields] of registries) {
    it(name, () => {
      for (const [key, f] of Object.entries(fields)) {
        expect(f.name, `${name}.${key}: name matches its key`).toBe(key);
        checkCommon(`${name}.${key}`, f);
      }
    });
  }

  it('cover the eight anatomy parts and the six impact levers', () => {
    expect(Object.keys(MATURITY_FIELDS)).toEqual([...ANATOMY_PARTS]);
    expect(ANATOMY_PARTS).toHaveLength(8);
    for (const part of ANATOMY_PARTS) {
      expect(ANATOMY[part].seed.length, part).toBeGreaterThan(10);
      expect(ANATOMY[part].mechanism.length, part).toBeGreaterThan(10);
      expect(MATURITY_FIELDS[part]).toMatchObject({ min: 0, max: 1 });
    }
    expect(Object.keys(IMPACT_FIELDS)).toEqual([...IMPACT_LEVERS]);
  });
});

describe('the presets use values inside the registries', () => {
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    it(name, () => {
      const s = PRESETS[name]();
      for (const p of PARAMETERS) {
        const v = s.parameters[p.name]!;
        expect(v, `${name}: ${p.name}`).toBeGreaterThanOrEqual(p.min);
        expect(v, `${name}: ${p.name}`).toBeLessThanOrEqual(p.max);
      }
      for (const dp of s.dataProducts) {
        for (const part of ANATOMY_PARTS) {
          expect(dp.maturity[part], `${dp.id}.${part}`).toBeGreaterThanOrEqual(0);
          expect(dp.maturity[part], `${dp.id}.${part}`).toBeLessThanOrEqual(1);
        }
      }
      for (const c of s.aiConsumers) {
        for (const l of IMPACT_LEVERS) {
          expect(c.impact[l], `${c.id}.impact.${l}`).toBeGreaterThanOrEqual(IMPACT_FIELDS[l].min);
          expect(c.impact[l], `${c.id}.impact.${l}`).toBeLessThanOrEqual(IMPACT_FIELDS[l].max);
        }
      }
    });
  }
});

describe('the model declares and reads every parameter', () => {
  it('with the registry unit, and each one is read by some equation', () => {
    // `with` reads the product fields, `without` the own-pipeline template.
    const read = new Set<string>();
    for (const s of [withPreset(), withoutPreset()]) {
      const m = prepareModel(s).compiled;
      for (const p of PARAMETERS) {
        const slot = m.slotOf.get(p.name);
        expect(slot, p.name).toBeDefined();
        expect(m.variables[slot!]!.unit, `${p.name} unit`).toBe(p.unit);
      }
      for (const v of m.variables) for (const i of v.inputSlots) read.add(m.variables[i]!.name);
      for (const name of m.parameterNames) {
        const onlyOwnPipelines =
          name.startsWith('ownPipelineTemplate.') || name === 'ownPipelineMaturityShift';
        if (onlyOwnPipelines && s.aiConsumers.every((c) => c.ownPipelines === 0)) continue;
        expect(read.has(name), `${name} is read by no equation`).toBe(true);
      }
    }
    for (const p of PARAMETERS)
      expect(read.has(p.name), `${p.name} is read by no equation`).toBe(true);
  });
});
