/**
 * The document API (shared contract 4): what the desktop shell uses to open, save and autosave
 * the scenario, backed by the workspace store. The shell never touches the store directly.
 */
import type { Scenario } from '../../simulation';
import { isDirty, workspaceStore, type DocumentMeta, type WorkspaceStore } from './workspace';

export interface DocumentApi {
  /** The whole document: the base scenario with its variants, pinned runs and comparison. */
  getScenario(): Scenario;
  /**
   * Replaces the scenario, clears undo history, marks clean; with `unsaved`, marks it unsaved
   * instead (work restored from a backup is not what its file holds).
   */
  loadScenario(
    s: Scenario,
    meta: { filePath: string | null; fileName: string },
    options?: { readonly unsaved?: boolean },
  ): void;
  markSaved(meta: { filePath: string | null; fileName: string }): void;
  isDirty(): boolean;
  getFileName(): string;
  /** Called on any scenario or dirty change. Returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  undo(): void;
  redo(): void;
}

export function createDocumentApi(store: WorkspaceStore): DocumentApi {
  return {
    getScenario: () => store.getState().doc,
    loadScenario: (s, meta: DocumentMeta, options) => store.getState().load(s, meta, options),
    markSaved: (meta: DocumentMeta) => store.getState().markSaved(meta),
    isDirty: () => isDirty(store.getState()),
    getFileName: () => store.getState().document.fileName,
    subscribe(listener) {
      return store.subscribe((next, previous) => {
        if (
          next.doc !== previous.doc ||
          next.savedScenario !== previous.savedScenario ||
          next.document !== previous.document
        ) {
          listener();
        }
      });
    },
    undo: () => store.getState().undo(),
    redo: () => store.getState().redo(),
  };
}

/** The app's document, as the desktop shell sees it. */
export const documentApi: DocumentApi = createDocumentApi(workspaceStore);
