/**
 * The document in the workspace store: variants edited where the user is (the base, or the
 * chosen variant's changes), pinned runs, the comparison choice and the baseline, bulk edits;
 * each one undo step that shows what it changed; the dirty marker and the document API cover
 * them all.
 */
import { describe, expect, it } from 'vitest';
import {
  describeChanges,
  parseScenarioText,
  runScenario,
  serializeScenario,
  withPreset,
  type Scenario,
} from '../../simulation';
import { bulkFields, bulkSet } from '../../renderer/state/bulk';
import { createDocumentApi } from '../../renderer/state/document';
import {
  comparedRuns,
  deleteRun,
  moveRun,
  newVariant,
  pinRun,
  renameRun,
  setBaseline,
  toggleCompared,
} from '../../renderer/state/document-edits';
import { removeDataProduct } from '../../renderer/state/entities';
import { createWorkspaceStore, isDirty } from '../../renderer/state/workspace';

const governance = (i: number) => ({
  path: ['dataProducts', i, 'maturity', 'governance'] as const,
  label: 'Governance',
});

function variantNamed(store: ReturnType<typeof createWorkspaceStore>, name: string) {
  return store.getState().doc.variants!.find((v) => v.name === name)!;
}

describe('variants in the workspace', () => {
  it('a new variant is shown; its edits become its changes and leave the base as it was', () => {
    const store = createWorkspaceStore();
    const base = store.getState().scenario;
    const made = newVariant(undefined, store);
    expect(made).toEqual({ name: 'Variant 1' });
    expect(store.getState().activeVariant).toBe('Variant 1');
    expect(serializeScenario(store.getState().scenario)).toBe(serializeScenario(base));
    for (let i = 0; i < 4; i++) store.getState().setField(governance(i), 0);
    expect(store.getState().scenario.dataProducts.map((p) => p.maturity.governance)).toEqual([
      0, 0, 0, 0,
    ]);
    const v = variantNamed(store, 'Variant 1');
    expect(describeChanges(store.getState().doc, v.changes)).toEqual([
      'Governance maturity → 0 on all 4 data products (was 0.7 to 0.8)',
    ]);
    // The base did not move.
    expect(store.getState().doc.dataProducts[0]!.maturity.governance).toBe(0.8);
    store.getState().showVariant(null);
    expect(store.getState().scenario.dataProducts[0]!.maturity.governance).toBe(0.8);
    store.getState().showVariant('Variant 1');
    expect(store.getState().scenario.dataProducts[0]!.maturity.governance).toBe(0);
  });

  it('undo shows the variant it changes; the scenario name always belongs to the base', () => {
    const store = createWorkspaceStore();
    newVariant(undefined, store);
    store.getState().setField(governance(0), 0.1);
    store.getState().setField({ path: ['name'], label: 'Scenario name' }, 'Retail plan');
    expect(store.getState().doc.name).toBe('Retail plan');
    expect(variantNamed(store, 'Variant 1').changes).toHaveLength(1);
    store.getState().showVariant(null);
    expect(store.getState().scenario.name).toBe('Retail plan');
    store.getState().undo(); // the name
    store.getState().undo(); // governance in the variant: the variant is shown again
    expect(store.getState().activeVariant).toBe('Variant 1');
    expect(variantNamed(store, 'Variant 1').changes).toEqual([]);
    expect(store.getState().scenario.dataProducts[0]!.maturity.governance).toBe(0.8);
    store.getState().redo();
    expect(store.getState().scenario.dataProducts[0]!.maturity.governance).toBe(0.1);
  });

  it("removing a product from the base drops the variants' changes to it, in the same undo step", () => {
    const store = createWorkspaceStore();
    newVariant(undefined, store);
    store.getState().setField(governance(0), 0.2); // Customer 360
    store.getState().showVariant(null);
    store
      .getState()
      .edit((d) => removeDataProduct(d, 'customer-360'), { label: 'Remove Customer 360' });
    expect(store.getState().notice).toMatch(
      /Variant 'Variant 1' no longer changes what was removed/,
    );
    expect(variantNamed(store, 'Variant 1').changes).toEqual([]);
    store.getState().undo();
    expect(variantNamed(store, 'Variant 1').changes).toHaveLength(1);
    expect(store.getState().doc.dataProducts).toHaveLength(4);
  });

  it('duplicate, rename, reorder and delete; references follow', () => {
    const store = createWorkspaceStore();
    newVariant(undefined, store);
    store.getState().setField(governance(1), 0);
    expect(newVariant({ kind: 'variant', name: 'Variant 1' }, store)).toEqual({
      name: 'Variant 1 copy',
    });
    expect(variantNamed(store, 'Variant 1 copy').changes).toEqual(
      variantNamed(store, 'Variant 1').changes,
    );
    expect(setBaseline({ kind: 'variant', name: 'Variant 1' }, store)).toBeNull();
    expect(renameRun({ kind: 'variant', name: 'Variant 1' }, 'skip governance', store)).toBeNull();
    expect(store.getState().doc.comparison!.baseline).toEqual({
      kind: 'variant',
      name: 'skip governance',
    });
    expect(
      renameRun({ kind: 'variant', name: 'skip governance' }, 'VARIANT 1 COPY', store),
    ).toMatch(/already/);
    expect(moveRun({ kind: 'variant', name: 'Variant 1 copy' }, -1, store)).toBeNull();
    expect(store.getState().doc.variants!.map((v) => v.name)).toEqual([
      'Variant 1 copy',
      'skip governance',
    ]);
    expect(store.getState().activeVariant).toBe('Variant 1 copy');
    expect(deleteRun({ kind: 'variant', name: 'Variant 1 copy' }, store)).toBeNull();
    expect(store.getState().activeVariant).toBeNull();
    expect(deleteRun({ kind: 'variant', name: 'skip governance' }, store)).toBeNull();
    expect(store.getState().doc.comparison).toBeUndefined();
    expect(store.getState().doc.variants).toBeUndefined();
  });
});

describe('pinned runs', () => {
  it('pins the run on screen (inputs and KPI fingerprint), becomes the baseline, one undo step', () => {
    const store = createWorkspaceStore();
    const run = runScenario(store.getState().scenario);
    expect(pinRun(run, { store, now: new Date(Date.UTC(2026, 10, 24)) })).toEqual({
      name: 'Run 1',
    });
    const doc = store.getState().doc;
    expect(doc.pinnedRuns![0]).toMatchObject({
      name: 'Run 1',
      pinnedAt: '2026-11-24T00:00:00.000Z',
    });
    expect(doc.comparison!.baseline).toEqual({ kind: 'pin', name: 'Run 1' });
    expect(isDirty(store.getState())).toBe(true);
    // The scenario on screen did not change: no engine run.
    expect(store.getState().scenario).toBe(run.scenario);
    store.getState().undo();
    expect(store.getState().doc.pinnedRuns).toBeUndefined();
    expect(isDirty(store.getState())).toBe(false);
  });

  it('renamed and deleted pins take the baseline with them', () => {
    const store = createWorkspaceStore();
    pinRun(runScenario(store.getState().scenario), { store });
    expect(renameRun({ kind: 'pin', name: 'Run 1' }, 'as is', store)).toBeNull();
    expect(store.getState().doc.comparison!.baseline).toEqual({ kind: 'pin', name: 'as is' });
    expect(deleteRun({ kind: 'pin', name: 'as is' }, store)).toBeNull();
    expect(store.getState().doc.comparison).toBeUndefined();
  });

  it('the comparison takes at most 8 runs, and keeps at least one', () => {
    const store = createWorkspaceStore();
    const run = runScenario(store.getState().scenario);
    for (let i = 0; i < 9; i++) pinRun(run, { store });
    expect(comparedRuns(store.getState().doc)).toHaveLength(8);
    expect(toggleCompared({ kind: 'pin', name: 'Run 9' }, store)).toMatch(/At most 8 runs/);
    expect(toggleCompared({ kind: 'pin', name: 'Run 1' }, store)).toBeNull();
    expect(toggleCompared({ kind: 'pin', name: 'Run 9' }, store)).toBeNull();
    expect(
      comparedRuns(store.getState().doc).map((r) => (r.kind === 'base' ? 'base' : r.name)),
    ).toEqual(['base', 'Run 2', 'Run 3', 'Run 4', 'Run 5', 'Run 6', 'Run 7', 'Run 9']);
  });
});

describe('the document API and the dirty marker', () => {
  it('saves and opens variants, pinned runs and the comparison; opening shows the base', () => {
    const store = createWorkspaceStore();
    const api = createDocumentApi(store);
    newVariant(undefined, store);
    store.getState().setField(governance(2), 0.3);
    pinRun(runScenario(store.getState().scenario), { store, name: 'as is' });
    const text = serializeScenario(api.getScenario());
    const parsed = parseScenarioText(text);
    expect(parsed.ok).toBe(true);
    const opened = createWorkspaceStore();
    createDocumentApi(opened).loadScenario((parsed as { scenario: Scenario }).scenario, {
      filePath: null,
      fileName: 'x.flywheel.json',
    });
    expect(opened.getState().activeVariant).toBeNull();
    expect(opened.getState().doc.variants!.map((v) => v.name)).toEqual(['Variant 1']);
    expect(opened.getState().doc.pinnedRuns!.map((p) => p.name)).toEqual(['as is']);
    expect(serializeScenario(opened.getState().scenario)).toBe(serializeScenario(withPreset()));
    expect(isDirty(opened.getState())).toBe(false);
    opened.getState().showVariant('Variant 1');
    expect(isDirty(opened.getState())).toBe(false); // choosing a variant edits nothing
    expect(opened.getState().scenario.dataProducts[2]!.maturity.governance).toBe(0.3);
  });
});

describe('bulk edits', () => {
  it('sets one anatomy part on every product: one edit, one undo step, in a variant too', () => {
    const store = createWorkspaceStore();
    const fields = bulkFields(store.getState().scenario, 'dataProduct');
    const gov = fields.find((f) => f.pattern === 'dataProduct.*.maturity.governance')!;
    expect(gov.label).toBe('Governance maturity');
    expect(bulkSet(gov, 0.9, store)).toBeNull();
    expect(store.getState().scenario.dataProducts.map((p) => p.maturity.governance)).toEqual([
      0.9, 0.9, 0.9, 0.9,
    ]);
    expect(store.getState().history.past).toHaveLength(1);
    expect(store.getState().history.past[0]!.label).toBe(
      'Governance maturity 0.9 on all 4 data products',
    );
    store.getState().undo();
    expect(store.getState().scenario.dataProducts[0]!.maturity.governance).toBe(0.8);
    expect(bulkSet(gov, 2, store)).toMatch(/outside its valid range/);
    newVariant(undefined, store);
    expect(bulkSet(gov, 0, store)).toBeNull();
    expect(store.getState().doc.dataProducts[0]!.maturity.governance).toBe(0.8);
    expect(variantNamed(store, 'Variant 1').changes).toHaveLength(4);
  });

  it('any consumer field, including its own pipelines', () => {
    const store = createWorkspaceStore();
    const fields = bulkFields(store.getState().scenario, 'aiConsumer');
    expect(fields.map((f) => f.pattern)).toContain('aiConsumer.*.impact.churn');
    const own = fields.find((f) => f.pattern === 'aiConsumer.*.ownPipelines')!;
    expect(bulkSet(own, 2, store)).toBeNull();
    expect(store.getState().scenario.aiConsumers.map((c) => c.ownPipelines)).toEqual([2, 2, 2]);
    expect(bulkSet(own, 99, store)).toMatch(/outside/);
  });
});
