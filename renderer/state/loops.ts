/**
 * The loops store: loop dominance (which feedback loop drives the flywheel, week by week) of the
 * scenario on screen, computed by the engine worker after each comparison and off the path from a
 * slider to the charts. Results only move forward, like the results store.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LoopDominance } from '../../simulation/analysis/loop-dominance';
import type { EngineClient } from '../engine/client';
import type { SerializedError } from '../engine/protocol';
import type { ResultsStore } from './results';

export interface LoopsState {
  readonly dominance: LoopDominance | null;
  /** Workspace revision the dominance belongs to (-1 before the first). */
  readonly revision: number;
  readonly error: SerializedError | null;
  readonly computeMs: number;
}

export interface LoopsActions {
  received(revision: number, dominance: LoopDominance, computeMs: number): boolean;
  failed(revision: number, error: SerializedError): void;
}

export type LoopsStore = StoreApi<LoopsState & LoopsActions>;

export function createLoopsStore(): LoopsStore {
  return createStore<LoopsState & LoopsActions>()((set, get) => ({
    dominance: null,
    revision: -1,
    error: null,
    computeMs: 0,
    received(revision, dominance, computeMs) {
      if (revision <= get().revision) return false;
      set({ dominance, revision, computeMs, error: null });
      return true;
    },
    failed(revision, error) {
      if (revision < get().revision) return;
      set({ error });
    },
  }));
}

/** Asks the engine for loop dominance each time new results are on screen. */
export function connectLoops(
  results: ResultsStore,
  loops: LoopsStore,
  engine: EngineClient,
): () => void {
  let asked = -1;
  const request = (): void => {
    const { revision } = results.getState();
    if (revision < 0 || revision <= asked) return;
    asked = revision;
    // The scenario the results on screen were computed for.
    const scenario = results.getState().comparison?.runs[0]?.scenario;
    if (!scenario) return;
    void engine.loops(scenario).then((outcome) => {
      if (outcome.kind === 'result')
        loops.getState().received(revision, outcome.dominance, outcome.computeMs);
      else if (outcome.kind === 'error') loops.getState().failed(revision, outcome.error);
    });
  };
  request();
  return results.subscribe((next, previous) => {
    if (next.revision !== previous.revision) request();
  });
}

export const loopsStore: LoopsStore = createLoopsStore();
