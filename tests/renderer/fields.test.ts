import { describe, expect, it } from 'vitest';
import {
  ANATOMY_PARTS,
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  newProductMaturity,
  PARAMETERS,
  PRODUCT_FIELDS,
  productReference,
  withPreset,
} from '../../simulation';
import {
  SECTIONS,
  consumerFields,
  fieldLabelOf,
  impactFields,
  maturityFields,
  parameterFields,
  parseNumberText,
  productFields,
  simulationFields,
  valueAt,
} from '../../renderer/state/fields';
import { sliderStep } from '../../renderer/components/NumberFieldRow';
import { connectEngine } from '../../renderer/state/controller';
import { createDirectEngineClient } from '../../renderer/engine/client';
import { createPlaybackStore } from '../../renderer/state/playback';
import { createResultsStore } from '../../renderer/state/results';
import { createWorkspaceStore } from '../../renderer/state/workspace';
import { validateScenario } from '../../renderer/state/validate';

describe('panel fields from the registries', () => {
  it('places every global parameter in exactly one section, in the architect order', () => {
    expect(SECTIONS.map((s) => s.id)).toEqual([
      'market',
      'customers',
      'dataProducts',
      'anatomy',
      'aiConsumers',
      'economics',
      'simulation',
    ]);
    const placed = SECTIONS.flatMap((s) => parameterFields(s.id).map((f) => f.key));
    expect(placed.sort()).toEqual(PARAMETERS.map((p) => `parameters.${p.name}`).sort());
    // 'data' parameters sit with the data products.
    const data = PARAMETERS.filter((p) => p.group === 'data').map((p) => `parameters.${p.name}`);
    expect(parameterFields('dataProducts').map((f) => f.key)).toEqual(expect.arrayContaining(data));
  });

  it('reads label, unit, range, default, explanation and source from the registry', () => {
    const market = parameterFields('market').find((f) => f.key === 'parameters.marketSize')!;
    const spec = PARAMETERS.find((p) => p.name === 'marketSize')!;
    expect(market).toMatchObject({
      label: spec.label,
      unit: spec.unit,
      min: spec.min,
      max: spec.max,
      defaultValue: spec.default,
      description: spec.description,
      source: spec.source,
      grade: spec.grade,
      integer: true,
      slider: false,
    });
    const q = maturityFields(['dataProducts', 2], newProductMaturity()).find(
      (f) => f.key === 'dataProducts[2].maturity.quality',
    )!;
    expect(q.label).toBe(MATURITY_FIELDS.quality.label);
    expect(q.slider).toBe(true);
    expect(maturityFields(['dataProducts', 0], newProductMaturity()).map((f) => f.path[3])).toEqual(
      [...ANATOMY_PARTS],
    );
    expect(impactFields(1, 'x').map((f) => f.path[3])).toEqual([...IMPACT_LEVERS]);
    expect(consumerFields(0, 'x').find((f) => f.key === 'aiConsumers[0].ownPipelines')!.max).toBe(
      CONSUMER_FIELDS.ownPipelines.max,
    );
    expect(productFields(3, 'x').every((f) => f.key.startsWith('dataProducts[3].'))).toBe(true);
  });

  it('addresses real values of the default scenario, and every default is valid', () => {
    const s = withPreset();
    const all = [
      ...SECTIONS.flatMap((x) => parameterFields(x.id)),
      ...s.dataProducts.flatMap((d, i) => [
        ...maturityFields(['dataProducts', i], productReference(d.id).maturity),
        ...productFields(i, d.id),
      ]),
      ...s.aiConsumers.flatMap((c, i) => [...consumerFields(i, c.id), ...impactFields(i, c.id)]),
      ...simulationFields(),
    ];
    for (const f of all) expect(valueAt(s, f.path), f.key).not.toBeUndefined();
    for (const f of all) {
      if (f.kind !== 'number') continue;
      expect(f.defaultValue).toBeGreaterThanOrEqual(f.min);
      expect(f.defaultValue).toBeLessThanOrEqual(f.max);
    }
    expect(validateScenario(s)).toEqual([]);
    // The defaults are the built-in scenario's own values: every field of it is at its default.
    for (const f of all) {
      if (f.kind === 'number') expect(valueAt(s, f.path), f.key).toBe(f.defaultValue);
    }
  });

  it('gives a product or consumer the built-in default scenario lacks the defaults of a new one', () => {
    const quality = maturityFields(['dataProducts', 9], productReference('pricing').maturity).find(
      (f) => f.path[3] === 'quality',
    )!;
    expect(quality.defaultValue).toBe(MATURITY_FIELDS.quality.default);
    expect(productFields(9, 'pricing')[1]!.defaultValue).toBe(PRODUCT_FIELDS.buildWeeks.default);
    expect(impactFields(4, 'chatbot').map((f) => f.defaultValue)).toEqual(
      IMPACT_LEVERS.map((l) => IMPACT_FIELDS[l].default),
    );
    const c360 = withPreset().dataProducts[0]!;
    expect(
      maturityFields(['dataProducts', 0], productReference(c360.id).maturity).map(
        (f) => f.defaultValue,
      ),
    ).toEqual(ANATOMY_PARTS.map((p) => c360.maturity[p]));
  });

  it('names fields the way users know them, for cross-field messages', () => {
    const s = withPreset();
    expect(fieldLabelOf(s, 'parameters.initialActiveUsers')).toBe('Active users at start');
    expect(fieldLabelOf(s, 'dataProducts[0].maturity.quality')).toBe('Customer 360: Quality');
    expect(fieldLabelOf(s, 'aiConsumers[1].impact.basket')).toBe(
      'Product recommendations: Basket lift',
    );
    expect(fieldLabelOf(s, 'aiConsumers[0].uses[2]')).toBe(
      'Personalized homepage: data products used',
    );
    expect(fieldLabelOf(s, 'dataProducts[1].name')).toBe('Product catalog: name');
    expect(fieldLabelOf(s, 'ownPipeline.maturity.apis')).toBe('Own pipeline: APIs');
    expect(fieldLabelOf(s, 'simulation.weeks')).toBe('Horizon');
    expect(fieldLabelOf(s, 'dataProducts[9].maturity.quality')).toBeNull();
    expect(fieldLabelOf(s, 'nonsense')).toBeNull();
  });

  it('parses typed numbers leniently but never guesses', () => {
    expect(parseNumberText(' 1,000,000 ')).toBe(1_000_000);
    expect(parseNumberText('0.95')).toBe(0.95);
    expect(parseNumberText('.5')).toBe(0.5);
    expect(parseNumberText('1e6')).toBe(1_000_000);
    expect(parseNumberText('-3')).toBe(-3);
    for (const bad of ['', 'abc', '1.2.3', '12abc', '0x10', 'Infinity', 'NaN'])
      expect(parseNumberText(bad)).toBeNull();
  });

  it('steps sliders by about a hundredth of the range', () => {
    expect(sliderStep({ min: 0, max: 1, integer: false })).toBe(0.01);
    expect(sliderStep({ min: 0, max: 5, integer: false })).toBe(0.05);
    expect(sliderStep({ min: 0, max: 20, integer: true })).toBe(1);
    expect(sliderStep({ min: 1, max: 10, integer: false })).toBe(0.05);
    expect(sliderStep({ min: 0, max: 50, integer: false })).toBe(0.5);
  });
});

describe('controller', () => {
  it('sends every scenario change to the engine and shows the newest result', async () => {
    const ws = createWorkspaceStore();
    const results = createResultsStore();
    const playback = createPlaybackStore();
    const disconnect = connectEngine(ws, results, playback, createDirectEngineClient('codegen'));
    await expect.poll(() => results.getState().revision).toBe(0);
    expect(playback.getState().pointCount).toBe(157);
    const before = results.getState().comparison!.runs[0]!.kpis.cumulativeNetValueUsd;
    ws.getState().setField({ path: ['dataProducts', 0, 'maturity', 'quality'], label: 'q' }, 0.95);
    ws.getState().setField({ path: ['simulation', 'weeks'], label: 'weeks' }, 104);
    await expect.poll(() => results.getState().revision).toBe(2);
    expect(playback.getState().pointCount).toBe(105);
    expect(results.getState().comparison!.runs[0]!.kpis.cumulativeNetValueUsd).not.toBe(before);
    disconnect();
  });
});
