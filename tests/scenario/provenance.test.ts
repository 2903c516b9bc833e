import { describe, expect, it } from 'vitest';
import {
  parseScenarioText,
  provenanceLabel,
  serializeScenario,
  sourceOf,
  assumptionNamed,
  withPreset,
  withProvenance,
  assumptionAtPath,
} from '../../simulation';

describe('provenance of values (format version 2)', () => {
  it('survives save and open, and reads as the editor and report show it', () => {
    const s = withProvenance(
      withProvenance(withPreset(), ['marketSize', 'baseConversion'], {
        kind: 'input',
        date: '2026-12-01',
      }),
      ['baseChurnPerWeek'],
      { kind: 'calibrated', file: 'kpis.csv', date: '2026-12-02' },
    );
    const back = parseScenarioText(serializeScenario(s));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.scenario.provenance).toEqual(s.provenance);
    expect(sourceOf(back.scenario, assumptionNamed(back.scenario, 'marketSize')!)).toBe(
      'your input',
    );
    expect(sourceOf(back.scenario, assumptionNamed(back.scenario, 'baseChurnPerWeek')!)).toBe(
      'calibrated to kpis.csv on 2026-12-02',
    );
    const conversion = assumptionNamed(back.scenario, 'grossMargin')!;
    expect(sourceOf(back.scenario, conversion)).toBe(conversion.source);
  });

  it('entries of removed products are dropped on save and on open; clearing removes the key', () => {
    const s = withProvenance(withPreset(), ['dataProduct.customer-360.maturity.quality'], {
      kind: 'input',
      date: '2026-12-01',
    });
    const removed = { ...s, dataProducts: s.dataProducts.slice(1), aiConsumers: [] };
    expect(serializeScenario(removed)).not.toContain('"provenance"');
    const cleared = withProvenance(s, ['dataProduct.customer-360.maturity.quality'], null);
    expect(cleared.provenance).toBeUndefined();
  });

  it('a bad entry is refused with its path', () => {
    const text = serializeScenario(withPreset()).replace(
      '"kind": "flywheel-lab/scenario",',
      '"kind": "flywheel-lab/scenario", "provenance": {"marketSize": {"kind": "guess"}},',
    );
    const r = parseScenarioText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.path).toBe('provenance.marketSize.kind');
  });

  it('names the assumption at a field path, and words each kind', () => {
    expect(assumptionAtPath(withPreset(), ['dataProducts', 0, 'maturity', 'quality'])?.name).toBe(
      'dataProduct.customer-360.maturity.quality',
    );
    expect(assumptionAtPath(withPreset(), ['simulation', 'weeks'])).toBeNull();
    expect(provenanceLabel({ kind: 'input', date: '2026-01-02' })).toBe('your input');
  });
});
