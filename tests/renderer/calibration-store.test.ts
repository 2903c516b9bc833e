/**
 * Adopting a fit in the app (renderer/calibration/store.ts, in Node: no worker, the fit runs in
 * the page's fallback): into the base (the fitted values, their provenance and the record, one
 * undo step, the base shown), or as a new variant (the base untouched, the variant's changes the
 * fitted values, shown at once, names kept unique), also when the fit was made with a variant on
 * screen.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { reviewCalibration, withPreset } from '../../simulation';
import {
  adoptFit,
  adoptFitAsVariant,
  calibrationStore,
  loadHistoryFile,
  resetCalibration,
  runCalibration,
  setFit,
} from '../../renderer/calibration/store';
import { newVariant } from '../../renderer/state/document-edits';
import { workspaceStore } from '../../renderer/state/workspace';
import { syntheticHistory } from '../calibration/synthetic';

const FIT = ['baseChurnPerWeek', 'bassImitationPerYear'];
const csv = (() => {
  const h = syntheticHistory(withPreset(), {
    weeks: 104,
    metrics: ['activeUsers', 'orders'],
    noise: 0.02,
    seed: 5,
    truth: { baseChurnPerWeek: 0.016, bassImitationPerYear: 0.5 },
  });
  const rows = h.periods.map((_, i) =>
    [i, ...h.series.map((s) => Math.round(s.values[i]!))].join(','),
  );
  return new TextEncoder().encode(`week,activeUsers,orders\n${rows.join('\n')}\n`);
})();

const ws = () => workspaceStore.getState();

async function fit(): Promise<void> {
  await loadHistoryFile('kpis.csv', csv);
  setFit(FIT);
  calibrationStore.setState({ starts: 2 });
  runCalibration();
  for (let i = 0; i < 600 && calibrationStore.getState().run.kind !== 'done'; i++) {
    const run = calibrationStore.getState().run;
    if (run.kind === 'error') throw new Error(run.message);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(calibrationStore.getState().run.kind).toBe('done');
}

function fitted(): Record<string, number> {
  const run = calibrationStore.getState().run;
  if (run.kind !== 'done') throw new Error('no fit');
  return Object.fromEntries(run.result.fitted.map((f) => [f.name, f.value]));
}

beforeEach(() => {
  resetCalibration();
  ws().load(withPreset(), { filePath: null, fileName: 'shop.flywheel.json' });
});

describe('adopting a fit', { timeout: 120_000 }, () => {
  it('as the base: values, provenance and the record in one undo step; the base shown', async () => {
    await fit();
    const values = fitted();
    expect(adoptFit()).toBe(true);
    const doc = ws().doc;
    for (const name of FIT) {
      expect(doc.parameters[name]).toBe(values[name]);
      expect(doc.provenance?.[name]).toMatchObject({ kind: 'calibrated', file: 'kpis.csv' });
    }
    expect(doc.calibration?.file).toBe('kpis.csv');
    expect(doc.calibration?.fitted.map((f) => f.name).sort()).toEqual([...FIT].sort());
    expect(ws().activeVariant).toBeNull();
    expect(calibrationStore.getState().run).toMatchObject({ adopted: { kind: 'base' } });
    // The report of the base finds the fit as adopted: no value differs.
    expect(reviewCalibration(ws().scenario)!.fitted.every((f) => !f.differs)).toBe(true);
    ws().undo();
    expect(ws().doc.parameters.baseChurnPerWeek).toBe(0.012);
    expect(ws().doc.provenance).toBeUndefined();
    expect(ws().doc.calibration).toBeUndefined();
  });

  it('as a variant: the base untouched, the variant holds the fitted values and is shown', async () => {
    await fit();
    const values = fitted();
    const r = adoptFitAsVariant();
    expect(r).toEqual({ name: 'Calibrated to kpis.csv' });
    const doc = ws().doc;
    expect(doc.parameters.baseChurnPerWeek).toBe(0.012);
    expect(doc.provenance).toBeUndefined();
    expect(doc.variants!.map((v) => v.name)).toEqual(['Calibrated to kpis.csv']);
    const changes = [...doc.variants![0]!.changes].sort((a, b) =>
      JSON.stringify(a).localeCompare(JSON.stringify(b)),
    );
    expect(changes).toEqual(
      [...FIT].sort().map((name) => ({ kind: 'set', name, value: values[name] })),
    );
    expect(ws().activeVariant).toBe('Calibrated to kpis.csv');
    expect(ws().scenario.parameters.baseChurnPerWeek).toBe(values.baseChurnPerWeek);
    expect(doc.calibration?.file).toBe('kpis.csv');
    expect(calibrationStore.getState().run).toMatchObject({
      adopted: { kind: 'variant', name: 'Calibrated to kpis.csv' },
    });
    // The variant's report shows the fit as adopted; the base's names the values that differ.
    expect(reviewCalibration(ws().scenario)!.fitted.every((f) => !f.differs)).toBe(true);
    ws().showVariant(null);
    const base = reviewCalibration(ws().scenario)!;
    expect(base.fitted.every((f) => f.differs)).toBe(true);
    expect(base.warnings.join('\n')).toMatch(/is not the fitted value in this scenario/);

    // A second adoption gets a name of its own; undo removes it and shows where it was made.
    await fit();
    expect(adoptFitAsVariant()).toEqual({ name: 'Calibrated to kpis.csv 1' });
    expect(ws().doc.variants!.map((v) => v.name)).toEqual([
      'Calibrated to kpis.csv',
      'Calibrated to kpis.csv 1',
    ]);
    ws().undo();
    expect(ws().doc.variants!.map((v) => v.name)).toEqual(['Calibrated to kpis.csv']);
  });

  it('made with a variant on screen: as the base, only the fitted values go into the base', async () => {
    expect(newVariant()).toEqual({ name: 'Variant 1' });
    expect(
      ws().setField({ path: ['parameters', 'baseConversion'], label: 'Conversion' }, 0.03),
    ).toBe(true);
    expect(ws().doc.parameters.baseConversion).toBe(0.025);
    await fit();
    const values = fitted();
    expect(adoptFit()).toBe(true);
    expect(ws().activeVariant).toBeNull();
    expect(ws().doc.parameters.baseConversion).toBe(0.025);
    expect(ws().doc.parameters.baseChurnPerWeek).toBe(values.baseChurnPerWeek);
    // As a variant, it is the variant on screen with the fitted values.
    ws().undo();
    ws().showVariant('Variant 1');
    expect(adoptFitAsVariant()).toEqual({ name: 'Calibrated to kpis.csv' });
    expect(ws().scenario.parameters.baseConversion).toBe(0.03);
    expect(ws().scenario.parameters.baseChurnPerWeek).toBe(values.baseChurnPerWeek);
    expect(ws().doc.parameters.baseChurnPerWeek).toBe(0.012);
  });
});
