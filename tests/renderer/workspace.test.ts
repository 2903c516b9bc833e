import { describe, expect, it } from 'vitest';
import { serializeScenario, withPreset } from '../../simulation';
import { createDocumentApi } from '../../renderer/state/document';
import { canRedo, canUndo } from '../../renderer/state/history';
import { createWorkspaceStore } from '../../renderer/state/workspace';
import { addDataProduct, removeDataProduct } from '../../renderer/state/entities';

const quality = {
  path: ['dataProducts', 0, 'maturity', 'quality'] as const,
  label: 'Customer 360: Quality',
};
const market = { path: ['parameters', 'marketSize'] as const, label: 'Addressable market' };

describe('workspace store', () => {
  it('records each committed edit as one undo step and undoes/redoes it exactly', () => {
    const store = createWorkspaceStore();
    const before = serializeScenario(store.getState().scenario);
    expect(store.getState().setField(quality, 0.95)).toBe(true);
    expect(store.getState().scenario.dataProducts[0]!.maturity.quality).toBe(0.95);
    const after = serializeScenario(store.getState().scenario);
    store.getState().undo();
    expect(serializeScenario(store.getState().scenario)).toBe(before);
    store.getState().redo();
    expect(serializeScenario(store.getState().scenario)).toBe(after);
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('folds a slider drag (passing updates) into one undo step', () => {
    const store = createWorkspaceStore();
    const original = store.getState().scenario.dataProducts[0]!.maturity.quality;
    for (const v of [0.76, 0.8, 0.85, 0.9, 0.93]) {
      store.getState().setField(quality, v, { passing: true });
    }
    expect(store.getState().history.past).toHaveLength(0);
    expect(canUndo(store.getState().history)).toBe(true);
    store.getState().endGesture();
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().setField(market, 12_000_000);
    expect(store.getState().history.past).toHaveLength(2);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().scenario.dataProducts[0]!.maturity.quality).toBe(original);
    expect(canUndo(store.getState().history)).toBe(false);
    store.getState().redo();
    expect(store.getState().scenario.dataProducts[0]!.maturity.quality).toBe(0.93);
  });

  it('undo during an unfinished gesture reverts the whole gesture', () => {
    const store = createWorkspaceStore();
    const original = store.getState().scenario.parameters.baseChurnPerWeek;
    const churn = { path: ['parameters', 'baseChurnPerWeek'], label: 'Churn' };
    store.getState().setField(churn, 0.02, { passing: true });
    store.getState().setField(churn, 0.03, { passing: true });
    expect(canRedo(store.getState().history)).toBe(false);
    store.getState().undo();
    expect(store.getState().scenario.parameters.baseChurnPerWeek).toBe(original);
    expect(store.getState().history.future).toHaveLength(1);
  });

  it('rejects invalid values with a message and leaves the scenario untouched', () => {
    const store = createWorkspaceStore();
    const scenario = store.getState().scenario;
    const revision = store.getState().revision;
    expect(store.getState().setFieldText(quality, '1.5')).toBe(false);
    expect(store.getState().scenario).toBe(scenario);
    expect(store.getState().revision).toBe(revision);
    const draft = store.getState().drafts['dataProducts[0].maturity.quality'];
    expect(draft?.text).toBe('1.5');
    expect(draft?.message).toMatch(/from 0 to 1/);
    expect(store.getState().setFieldText(quality, 'abc')).toBe(false);
    expect(store.getState().drafts['dataProducts[0].maturity.quality']?.message).toBe(
      'expected a number',
    );
    // A valid value clears the draft.
    expect(store.getState().setFieldText(quality, '0.9')).toBe(true);
    expect(store.getState().drafts['dataProducts[0].maturity.quality']).toBeUndefined();
  });

  it('names the other field when an edit breaks a cross-field rule', () => {
    const store = createWorkspaceStore();
    expect(store.getState().setFieldText(market, '500000')).toBe(false);
    expect(store.getState().drafts['parameters.marketSize']?.message).toMatch(
      /^Active users at start: active users at start \(1000000\) cannot exceed the market \(500000\)/,
    );
  });

  it('removing a product gives each consumer that used it an own pipeline, and says so', () => {
    const store = createWorkspaceStore();
    const ok = store
      .getState()
      .edit((d) => removeDataProduct(d, 'customer-360'), { label: 'Remove Customer 360' });
    expect(ok).toBe(true);
    const s = store.getState().scenario;
    expect(s.dataProducts.map((p) => p.id)).not.toContain('customer-360');
    const homepage = s.aiConsumers.find((c) => c.id === 'personalized-homepage')!;
    expect(homepage.uses).not.toContain('customer-360');
    expect(homepage.ownPipelines).toBe(1);
    expect(s.aiConsumers.find((c) => c.id === 'inventory-forecasting')!.ownPipelines).toBe(0);
    expect(store.getState().notice).toMatch(
      /Personalized homepage and Product recommendations now each build their own pipeline/,
    );
    store.getState().undo();
    expect(serializeScenario(store.getState().scenario)).toBe(serializeScenario(withPreset()));
  });

  it('adds data products with unique ids and names', () => {
    const store = createWorkspaceStore();
    store.getState().edit(addDataProduct, { label: 'Add data product' });
    store.getState().edit(addDataProduct, { label: 'Add data product' });
    const ids = store.getState().scenario.dataProducts.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(-2)).toEqual(['data-product-5', 'data-product-6']);
  });
});

describe('document API', () => {
  it('tracks dirty state, load clears history, markSaved marks clean, and notifies', () => {
    const store = createWorkspaceStore();
    const api = createDocumentApi(store);
    let calls = 0;
    const off = api.subscribe(() => calls++);
    expect(api.isDirty()).toBe(false);
    store.getState().setField(market, 11_000_000);
    expect(api.isDirty()).toBe(true);
    expect(calls).toBe(1);
    api.undo();
    expect(api.isDirty()).toBe(false); // back to the saved content
    api.redo();
    api.markSaved({ filePath: '/tmp/a.flywheel.json', fileName: 'a.flywheel.json' });
    expect(api.isDirty()).toBe(false);
    expect(api.getFileName()).toBe('a.flywheel.json');
    const other = withPreset();
    other.name = 'Other';
    api.loadScenario(other, { filePath: null, fileName: 'b.flywheel.json' });
    expect(api.getScenario()).toBe(other);
    expect(api.isDirty()).toBe(false);
    expect(canUndo(store.getState().history)).toBe(false);
    const n = calls;
    off();
    store.getState().setField(market, 12_000_000);
    expect(calls).toBe(n);
  });
});
