/**
 * The workspace store (vanilla Zustand): the scenario document being edited (its base scenario,
 * named variants, pinned runs and comparison choice), the scenario on screen (the base, or the
 * chosen variant applied to it), what the user typed into fields that did not validate, and the
 * undo history (Immer patches on the document). The scenario on screen is always valid: every
 * edit is validated first (validate.ts), and a rejected value stays in its field with a message
 * instead of reaching the engine.
 *
 * Edits of the scenario go where the user is: to the base, or, while a variant is chosen, into
 * that variant's changes (diffScenarios against the base; the name, description and story always
 * belong to the base). Variants, pinned runs and the comparison are edited with editDocument.
 * Every edit is one undo step (or part of a gesture), and undo shows the variant it changed.
 */
import { applyPatches, current, enablePatches, produce, produceWithPatches } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  applyChanges,
  baseOf,
  diffScenarios,
  isoDate,
  serializeScenario,
  setProvenanceInPlace,
  structureKey,
  variantNamed,
  withPreset,
  type Scenario,
} from '../../simulation';
import {
  commitPending,
  emptyHistory,
  pass,
  record,
  redoStep,
  undoStep,
  type History,
  type HistoryEntry,
} from './history';
import {
  assumptionNameAtPath,
  fieldLabelOf,
  keyOf,
  parseNumberText,
  setValueAt,
  type FieldPath,
} from './fields';
import { rememberShown, shownOf } from './shown';
import { documentIssues, messageForEdit, validateScenario } from './validate';

enablePatches();

/** A value the user entered that was not accepted, shown in its field with the reason. */
export interface FieldDraft {
  readonly text: string;
  readonly message: string;
}

export interface DocumentMeta {
  readonly filePath: string | null;
  readonly fileName: string;
}

export interface WorkspaceState {
  /** What is on screen and what the engine runs: the base, or the chosen variant applied to it. */
  readonly scenario: Scenario;
  /** The whole document: the base scenario with its variants, pinned runs and comparison. */
  readonly doc: Scenario;
  /** The variant being shown and edited (its name), or null for the base. */
  readonly activeVariant: string | null;
  /** Changes of the chosen variant that do not apply to the base (they are left out). */
  readonly variantProblems: readonly string[];
  /** Increases with every change of `scenario` (edits, undo, redo, load, choosing a variant). */
  readonly revision: number;
  readonly history: History;
  /** Rejected entries by field key (`parameters.marketSize`). */
  readonly drafts: Readonly<Record<string, FieldDraft>>;
  /** A sentence about the last structural edit, for a polite live region (or null). */
  readonly notice: string | null;
  readonly document: DocumentMeta;
  /**
   * The document as last loaded or saved: it is dirty when it differs. Null when the document on
   * screen was never saved as it is (work restored from a backup after a crash).
   */
  readonly savedScenario: Scenario | null;
}

/** How an edit enters the history: its own step, or part of a gesture (a slider drag). */
export interface EditOptions {
  /** Undo label, e.g. "Customer 360: Quality". */
  readonly label: string;
  /** True while a gesture is in progress: folded into one step by endGesture(). */
  readonly passing?: boolean;
  /**
   * What the edit says about the value's source: typed by the user ('input', the default for
   * field edits: the source then reads "your input"), or back to the registry's ('registry':
   * reset to default).
   */
  readonly provenance?: 'input' | 'registry';
}

/** A field as the store needs it: where it is and what it is called (for cross-field messages). */
export interface FieldRef {
  readonly path: FieldPath;
  readonly label: string;
}

export interface WorkspaceActions {
  /** Sets one field. Returns false (and keeps a draft with the message) if the value is invalid. */
  setField(field: FieldRef, value: number | string, options?: Partial<EditOptions>): boolean;
  /** Parses typed text and sets the field, or keeps the text with a message. */
  setFieldText(field: FieldRef, text: string, options?: Partial<EditOptions>): boolean;
  /** Any other validated edit of the scenario (add/remove/rename entities, several fields at once). */
  edit(recipe: (draft: Scenario) => string | null | void, options: EditOptions): boolean;
  /**
   * An edit of the document's variants, pinned runs or comparison (the recipe may change the
   * base too). `show` chooses the variant shown afterwards (undefined: the one shown stays, or
   * the base when it is gone). Returns false, with the reason as the notice, if it breaks a rule.
   */
  editDocument(
    recipe: (doc: Scenario) => string | null | void,
    options: EditOptions & { readonly show?: string | null },
  ): boolean;
  /** Shows and edits a variant (its name), or the base (null). Not an edit of the document. */
  showVariant(name: string | null): void;
  /** Closes the gesture in progress into one undo step. */
  endGesture(): void;
  /** Forgets a rejected entry (the field shows the scenario's value again). */
  clearDraft(key: string): void;
  undo(): void;
  redo(): void;
  /**
   * Replaces the document and clears the history; marks it clean, or unsaved when it is not what
   * the file holds (`unsaved`: work restored from a backup).
   */
  load(scenario: Scenario, meta: DocumentMeta, options?: { readonly unsaved?: boolean }): void;
  markSaved(meta: DocumentMeta): void;
  dismissNotice(): void;
}

export type WorkspaceStore = StoreApi<WorkspaceState & WorkspaceActions>;

export const UNTITLED: DocumentMeta = { filePath: null, fileName: 'Untitled.flywheel.json' };

/** The parts of a scenario a run is computed from (a variant changes these only). */
const RUN_INPUT_KEYS = new Set([
  'simulation',
  'parameters',
  'dataProducts',
  'aiConsumers',
  'ownPipeline',
]);
/** The parts of a document beside its base scenario. */
const DOCUMENT_PARTS = new Set(['variants', 'pinnedRuns', 'comparison']);

/** What an edit produced: the document, what it shows, the patches and a notice. */
interface Produced {
  readonly doc: Scenario;
  readonly scenario: Scenario;
  readonly patches: HistoryEntry['patches'];
  readonly inversePatches: HistoryEntry['inversePatches'];
  readonly notice: string | null;
}

/**
 * Variants whose changes name products or consumers the base no longer has lose those changes
 * (in the same undo step as the edit that removed them); returns a sentence naming them.
 */
function pruneVariants(d: Scenario): string | null {
  if (!d.variants || d.variants.length === 0) return null;
  const base = current(d) as Scenario;
  const touched: string[] = [];
  for (const v of d.variants) {
    const { skipped } = applyChanges(base, v.changes, { validate: false });
    if (skipped.length === 0) continue;
    v.changes = v.changes.filter((_, i) => !skipped.includes(i));
    touched.push(`'${v.name}'`);
  }
  if (touched.length === 0) return null;
  return `${touched.length === 1 ? 'Variant' : 'Variants'} ${touched.join(', ')} no longer ${touched.length === 1 ? 'changes' : 'change'} what was removed.`;
}

export function createWorkspaceStore(
  initial: Scenario = withPreset(),
  meta: DocumentMeta = UNTITLED,
): WorkspaceStore {
  return createStore<WorkspaceState & WorkspaceActions>()((set, get) => {
    /** Applies a produced change: history entry, revision, what is shown. */
    const commit = (
      p: Produced,
      label: string,
      passing: boolean,
      extra: Partial<WorkspaceState> = {},
    ): void => {
      const s = get();
      const entry: HistoryEntry = {
        label,
        patches: p.patches,
        inversePatches: p.inversePatches,
        focus: s.activeVariant,
      };
      set({
        doc: p.doc,
        scenario: p.scenario,
        revision: p.scenario === s.scenario ? s.revision : s.revision + 1,
        history: passing ? pass(s.history, entry) : record(s.history, entry),
        ...extra,
      });
    };

    /**
     * Runs a recipe on the scenario on screen: on the base directly, or on the chosen variant,
     * whose changes are then found again against the base. Null (with the issues) when invalid.
     */
    const produceEdit = (
      recipe: (draft: Scenario) => string | null | void,
    ):
      | { produced: Produced; issues: readonly never[] }
      | { issues: ReturnType<typeof validateScenario>; next: Scenario } => {
      const s = get();
      let notice: string | null = null;
      if (s.activeVariant === null || !variantNamed(s.doc, s.activeVariant)) {
        const before = structureKey(s.scenario);
        const [doc, patches, inversePatches] = produceWithPatches(s.doc, (d: Scenario) => {
          notice = recipe(d) ?? null;
          if (structureKey(d) !== before) {
            const pruned = pruneVariants(d);
            if (pruned) notice = notice ? `${notice} ${pruned}` : pruned;
          }
        });
        const scenario = shownOf(doc, null, s.scenario).scenario;
        const issues = validateScenario(scenario);
        if (issues.length > 0) return { issues, next: scenario };
        return { produced: { doc, scenario, patches, inversePatches, notice }, issues: [] };
      }
      const name = s.activeVariant;
      const next = produce(s.scenario, (d: Scenario) => {
        notice = recipe(d) ?? null;
      });
      const issues = validateScenario(next);
      if (issues.length > 0) return { issues, next };
      const base = baseOf(s.doc);
      const changes = diffScenarios(base, next);
      const [doc, patches, inversePatches] = produceWithPatches(s.doc, (d: Scenario) => {
        // What the document says about the scenario (name, description, story, the calibration
        // record) belongs to the base, whichever run is shown. Where values came from describes
        // the base's values: a value typed into a variant is that variant's change, not the base's.
        const was = current(d) as unknown as Record<string, unknown>;
        const words = d as unknown as Record<string, unknown>;
        const now = next as unknown as Record<string, unknown>;
        for (const key of new Set([...Object.keys(was), ...Object.keys(now)])) {
          if (RUN_INPUT_KEYS.has(key) || DOCUMENT_PARTS.has(key) || key === 'provenance') continue;
          if (!(key in now)) delete words[key];
          else if (was[key] !== now[key]) words[key] = now[key];
        }
        const v = d.variants!.find((x) => x.name === name)!;
        v.changes = changes;
      });
      const v = variantNamed(doc, name)!;
      rememberShown(doc, v.changes, next);
      return {
        produced: { doc, scenario: next, patches, inversePatches, notice },
        issues: [],
      };
    };

    const withoutDraft = (key: string): Record<string, FieldDraft> => {
      const rest = { ...get().drafts };
      delete rest[key];
      return rest;
    };

    const reject = (key: string, text: string, message: string): false => {
      set({ drafts: { ...get().drafts, [key]: { text, message } } });
      return false;
    };

    /** Sets the state after the document changed under the shown variant (undo, redo, edits). */
    const showing = (doc: Scenario, variant: string | null): Partial<WorkspaceState> => {
      const s = get();
      const active = variant !== null && variantNamed(doc, variant) ? variant : null;
      const shown = shownOf(doc, active, s.scenario);
      return {
        doc,
        activeVariant: active,
        variantProblems: shown.problems,
        scenario: shown.scenario,
        revision: shown.scenario === s.scenario ? s.revision : s.revision + 1,
      };
    };

    const actions: WorkspaceActions = {
      setField(field, value, options = {}) {
        const key = keyOf(field.path);
        const name = assumptionNameAtPath(get().scenario, field.path);
        const r = produceEdit((d) => {
          setValueAt(d, field.path, value);
          if (name !== null)
            setProvenanceInPlace(
              d,
              name,
              options.provenance === 'registry' ? null : { kind: 'input', date: isoDate() },
            );
        });
        if (!('produced' in r)) {
          return reject(
            key,
            String(value),
            messageForEdit(r.issues, key, (k) => fieldLabelOf(r.next, k)),
          );
        }
        commit(r.produced, options.label ?? field.label, options.passing === true, {
          drafts: withoutDraft(key),
        });
        return true;
      },

      setFieldText(field, text, options = {}) {
        const value = parseNumberText(text);
        if (value === null) return reject(keyOf(field.path), text, 'expected a number');
        return actions.setField(field, value, options);
      },

      edit(recipe, options) {
        const r = produceEdit(recipe);
        if (!('produced' in r)) {
          set({ notice: messageForEdit(r.issues, '', (k) => fieldLabelOf(r.next, k)) });
          return false;
        }
        commit(r.produced, options.label, options.passing === true, {
          notice: r.produced.notice,
          // Indexes may have moved: rejected entries no longer point at the same fields.
          drafts: {},
        });
        return true;
      },

      editDocument(recipe, options) {
        const s = get();
        let notice: string | null = null;
        const [doc, patches, inversePatches] = produceWithPatches(s.doc, (d: Scenario) => {
          notice = recipe(d) ?? null;
        });
        if (doc === s.doc) return true;
        const issues = documentIssues(doc);
        if (issues.length > 0) {
          set({ notice: issues[0]! });
          return false;
        }
        const show = options.show === undefined ? s.activeVariant : options.show;
        const next = showing(doc, show);
        const entry: HistoryEntry = {
          label: options.label,
          patches,
          inversePatches,
          focus: next.activeVariant ?? null,
        };
        set({
          ...next,
          history: options.passing ? pass(s.history, entry) : record(s.history, entry),
          notice,
          drafts: next.scenario === s.scenario ? s.drafts : {},
        });
        return true;
      },

      showVariant(name) {
        const s = get();
        if (name === s.activeVariant) return;
        const next = showing(s.doc, name);
        set({
          ...next,
          history: commitPending(s.history),
          drafts: {},
          notice:
            next.variantProblems && next.variantProblems.length > 0
              ? `Variant '${name}': ${next.variantProblems.length === 1 ? 'a change does' : `${next.variantProblems.length} changes do`} not apply and ${next.variantProblems.length === 1 ? 'is' : 'are'} left out: ${next.variantProblems[0]}`
              : null,
        });
      },

      endGesture() {
        const s = get();
        if (s.history.pending !== null) set({ history: commitPending(s.history) });
      },

      clearDraft(key) {
        if (key in get().drafts) set({ drafts: withoutDraft(key) });
      },

      undo() {
        const s = get();
        const step = undoStep(s.history);
        if (!step) return;
        const doc = applyPatches(s.doc, step.entry.inversePatches as never) as Scenario;
        set({
          ...showing(doc, step.entry.focus === undefined ? s.activeVariant : step.entry.focus),
          history: step.history,
          drafts: {},
          notice: `Undid: ${step.entry.label}`,
        });
      },

      redo() {
        const s = get();
        const step = redoStep(s.history);
        if (!step) return;
        const doc = applyPatches(s.doc, step.entry.patches as never) as Scenario;
        set({
          ...showing(doc, step.entry.focus === undefined ? s.activeVariant : step.entry.focus),
          history: step.history,
          drafts: {},
          notice: `Redid: ${step.entry.label}`,
        });
      },

      load(scenario, documentMeta, options) {
        const s = get();
        set({
          doc: scenario,
          scenario: baseOf(scenario),
          activeVariant: null,
          variantProblems: [],
          savedScenario: options?.unsaved ? null : scenario,
          revision: s.revision + 1,
          history: emptyHistory,
          drafts: {},
          notice: null,
          document: documentMeta,
        });
      },

      markSaved(documentMeta) {
        set({ savedScenario: get().doc, document: documentMeta });
      },

      dismissNotice() {
        if (get().notice !== null) set({ notice: null });
      },
    };

    return {
      doc: initial,
      scenario: baseOf(initial),
      activeVariant: null,
      variantProblems: [],
      revision: 0,
      history: emptyHistory,
      drafts: {},
      notice: null,
      document: meta,
      savedScenario: initial,
      ...actions,
    };
  });
}

const serialized = new WeakMap<object, string>();
/** The saved text of a document part, remembered per object (unchanged parts are not rewritten). */
function serializedOf(part: object, write: () => string): string {
  let text = serialized.get(part);
  if (text === undefined) {
    text = write();
    serialized.set(part, text);
  }
  return text;
}

/** What decides a document's saved text, part by part (pinned runs are large and rarely change). */
function documentText(doc: Scenario): string {
  return [
    serializedOf(doc, () => serializeScenario(baseOf(doc))),
    doc.variants ? serializedOf(doc.variants, () => JSON.stringify(doc.variants)) : '',
    doc.pinnedRuns ? serializedOf(doc.pinnedRuns, () => JSON.stringify(doc.pinnedRuns)) : '',
    doc.comparison ? serializedOf(doc.comparison, () => JSON.stringify(doc.comparison)) : '',
  ].join('\u0000');
}

/** True when the document differs from the one last loaded or saved (undoing back is clean). */
export function isDirty(state: Pick<WorkspaceState, 'doc' | 'savedScenario'>): boolean {
  if (state.savedScenario === null) return true;
  if (state.doc === state.savedScenario) return false;
  return documentText(state.doc) !== documentText(state.savedScenario);
}

/** The app's workspace. */
export const workspaceStore: WorkspaceStore = createWorkspaceStore();
