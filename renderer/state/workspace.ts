/**
 * The workspace store (vanilla Zustand): the scenario being edited, what the user typed into
 * fields that did not validate, and the undo history (Immer patches). The scenario in the store
 * is always valid: every edit is validated first (validate.ts), and a rejected value stays in its
 * field with a message instead of reaching the engine.
 */
import { applyPatches, enablePatches, produceWithPatches } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  isoDate,
  serializeScenario,
  setProvenanceInPlace,
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
import { messageForEdit, validateScenario } from './validate';

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
  readonly scenario: Scenario;
  /** Increases with every change of `scenario` (edits, undo, redo, load). */
  readonly revision: number;
  readonly history: History;
  /** Rejected entries by field key (`parameters.marketSize`). */
  readonly drafts: Readonly<Record<string, FieldDraft>>;
  /** A sentence about the last structural edit, for a polite live region (or null). */
  readonly notice: string | null;
  readonly document: DocumentMeta;
  /**
   * The scenario as last loaded or saved: the document is dirty when it differs. Null when the
   * scenario on screen was never saved as it is (work restored from a backup after a crash).
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
  /** Any other validated edit (add/remove/rename entities). The recipe may return a notice. */
  edit(recipe: (draft: Scenario) => string | null | void, options: EditOptions): boolean;
  /** Closes the gesture in progress into one undo step. */
  endGesture(): void;
  /** Forgets a rejected entry (the field shows the scenario's value again). */
  clearDraft(key: string): void;
  undo(): void;
  redo(): void;
  /**
   * Replaces the scenario and clears the history; marks the document clean, or unsaved when the
   * scenario is not what the file holds (`unsaved`: work restored from a backup).
   */
  load(scenario: Scenario, meta: DocumentMeta, options?: { readonly unsaved?: boolean }): void;
  markSaved(meta: DocumentMeta): void;
  dismissNotice(): void;
}

export type WorkspaceStore = StoreApi<WorkspaceState & WorkspaceActions>;

export const UNTITLED: DocumentMeta = { filePath: null, fileName: 'Untitled.flywheel.json' };

export function createWorkspaceStore(
  initial: Scenario = withPreset(),
  meta: DocumentMeta = UNTITLED,
): WorkspaceStore {
  return createStore<WorkspaceState & WorkspaceActions>()((set, get) => {
    /** Applies a produced change: history entry, revision, drafts of the field cleared. */
    const commit = (
      next: Scenario,
      entry: HistoryEntry,
      passing: boolean,
      extra: Partial<WorkspaceState> = {},
    ): void => {
      const s = get();
      set({
        scenario: next,
        revision: s.revision + 1,
        history: passing ? pass(s.history, entry) : record(s.history, entry),
        ...extra,
      });
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

    const actions: WorkspaceActions = {
      setField(field, value, options = {}) {
        const key = keyOf(field.path);
        const name = assumptionNameAtPath(get().scenario, field.path);
        const [next, patches, inversePatches] = produceWithPatches(
          get().scenario,
          (d: Scenario) => {
            setValueAt(d, field.path, value);
            if (name !== null)
              setProvenanceInPlace(
                d,
                name,
                options.provenance === 'registry' ? null : { kind: 'input', date: isoDate() },
              );
          },
        );
        const issues = validateScenario(next);
        if (issues.length > 0) {
          return reject(
            key,
            String(value),
            messageForEdit(issues, key, (k) => fieldLabelOf(next, k)),
          );
        }
        const label = options.label ?? field.label;
        commit(next, { label, patches, inversePatches }, options.passing === true, {
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
        let notice: string | null = null;
        const [next, patches, inversePatches] = produceWithPatches(
          get().scenario,
          (d: Scenario) => {
            notice = recipe(d) ?? null;
          },
        );
        const issues = validateScenario(next);
        if (issues.length > 0) {
          set({ notice: messageForEdit(issues, '', (k) => fieldLabelOf(next, k)) });
          return false;
        }
        commit(next, { label: options.label, patches, inversePatches }, options.passing === true, {
          notice,
          // Indexes may have moved: rejected entries no longer point at the same fields.
          drafts: {},
        });
        return true;
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
        set({
          scenario: applyPatches(s.scenario, step.entry.inversePatches as never),
          revision: s.revision + 1,
          history: step.history,
          drafts: {},
          notice: `Undid: ${step.entry.label}`,
        });
      },

      redo() {
        const s = get();
        const step = redoStep(s.history);
        if (!step) return;
        set({
          scenario: applyPatches(s.scenario, step.entry.patches as never),
          revision: s.revision + 1,
          history: step.history,
          drafts: {},
          notice: `Redid: ${step.entry.label}`,
        });
      },

      load(scenario, documentMeta, options) {
        set({
          scenario,
          savedScenario: options?.unsaved ? null : scenario,
          revision: get().revision + 1,
          history: emptyHistory,
          drafts: {},
          notice: null,
          document: documentMeta,
        });
      },

      markSaved(documentMeta) {
        set({ savedScenario: get().scenario, document: documentMeta });
      },

      dismissNotice() {
        if (get().notice !== null) set({ notice: null });
      },
    };

    return {
      scenario: initial,
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

const serialized = new WeakMap<Scenario, string>();
function serializedOf(s: Scenario): string {
  let text = serialized.get(s);
  if (text === undefined) {
    text = serializeScenario(s);
    serialized.set(s, text);
  }
  return text;
}

/** True when the scenario differs from the one last loaded or saved (undoing back is clean). */
export function isDirty(state: Pick<WorkspaceState, 'scenario' | 'savedScenario'>): boolean {
  if (state.savedScenario === null) return true;
  if (state.scenario === state.savedScenario) return false;
  return serializedOf(state.scenario) !== serializedOf(state.savedScenario);
}

/** The app's workspace. */
export const workspaceStore: WorkspaceStore = createWorkspaceStore();
