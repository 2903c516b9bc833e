/**
 * The results store: the latest comparison the engine returned, which scenario revision it
 * belongs to, and whether a newer one is being computed. Results only move forward: an answer
 * for an older revision than the one shown is dropped.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ComparisonResult } from '../engine/client';
import type { SerializedError } from '../engine/protocol';

export interface ResultsState {
  readonly comparison: ComparisonResult | null;
  /** Workspace revision the comparison was computed for (-1 before the first result). */
  readonly revision: number;
  /** Newest revision sent to the engine. */
  readonly requestedRevision: number;
  /** The last engine failure (the previous results stay on screen), or null. */
  readonly error: SerializedError | null;
  /** Revision of the last failure (-1 if none). */
  readonly failedRevision: number;
  /** Worker compute time of the shown comparison (ms). */
  readonly computeMs: number;
}

export interface ResultsActions {
  requested(revision: number): void;
  received(revision: number, comparison: ComparisonResult, computeMs: number): boolean;
  failed(revision: number, error: SerializedError): void;
}

export type ResultsStore = StoreApi<ResultsState & ResultsActions>;

export function createResultsStore(): ResultsStore {
  return createStore<ResultsState & ResultsActions>()((set, get) => ({
    comparison: null,
    revision: -1,
    requestedRevision: -1,
    error: null,
    failedRevision: -1,
    computeMs: 0,
    requested(revision) {
      if (revision > get().requestedRevision) set({ requestedRevision: revision });
    },
    received(revision, comparison, computeMs) {
      if (revision <= get().revision) return false; // stale: something newer is on screen
      set({ comparison, revision, computeMs, error: null });
      return true;
    },
    failed(revision, error) {
      if (revision < get().revision) return;
      set({ error, failedRevision: revision });
    },
  }));
}

/** True while the results on screen are older than the scenario. */
export function isComputing(
  s: Pick<ResultsState, 'revision' | 'requestedRevision' | 'failedRevision'>,
): boolean {
  return s.requestedRevision > Math.max(s.revision, s.failedRevision);
}

export const resultsStore: ResultsStore = createResultsStore();
