/**
 * The headline store: the break-even maturity gap and the probability that `with` wins
 * (simulation/analysis/headline.ts) of the scenario on screen. They take hundreds of runs, so an
 * engine of their own computes them (a second worker: the path from a slider to the charts never
 * waits for them), after each comparison; a newer scenario replaces one waiting. Results only move
 * forward, like the results store, and say which revision they belong to, so the cards can tell
 * current numbers from ones still being recomputed.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Headline } from '../../simulation/analysis/headline';
import type { EngineClient } from '../engine/client';
import type { SerializedError } from '../engine/protocol';
import type { ResultsStore } from './results';

export interface HeadlineState {
  readonly headline: Headline | null;
  /** Workspace revision the headline belongs to (-1 before the first). */
  readonly revision: number;
  /** The newest revision asked for (the headline is current when it equals `revision`). */
  readonly asked: number;
  readonly error: SerializedError | null;
  readonly computeMs: number;
}

export interface HeadlineActions {
  asking(revision: number): void;
  received(revision: number, headline: Headline, computeMs: number): boolean;
  failed(revision: number, error: SerializedError): void;
}

export type HeadlineStore = StoreApi<HeadlineState & HeadlineActions>;

export function createHeadlineStore(): HeadlineStore {
  return createStore<HeadlineState & HeadlineActions>()((set, get) => ({
    headline: null,
    revision: -1,
    asked: -1,
    error: null,
    computeMs: 0,
    asking(revision) {
      if (revision > get().asked) set({ asked: revision });
    },
    received(revision, headline, computeMs) {
      if (revision <= get().revision) return false;
      set({ headline, revision, computeMs, error: null });
      return true;
    },
    failed(revision, error) {
      if (revision < get().revision) return;
      set({ error });
    },
  }));
}

/** Asks the engine for the headline results each time new results are on screen. */
export function connectHeadline(
  results: ResultsStore,
  headline: HeadlineStore,
  engine: EngineClient,
): () => void {
  let asked = -1;
  const request = (): void => {
    const { revision, comparison } = results.getState();
    if (revision < 0 || revision <= asked) return;
    asked = revision;
    // The scenario the results on screen were computed for.
    const scenario = comparison?.runs[0]?.scenario;
    if (!scenario) return;
    headline.getState().asking(revision);
    void engine.headline(scenario).then((outcome) => {
      if (outcome.kind === 'result')
        headline.getState().received(revision, outcome.headline, outcome.computeMs);
      else if (outcome.kind === 'error') headline.getState().failed(revision, outcome.error);
    });
  };
  request();
  return results.subscribe((next, previous) => {
    if (next.revision !== previous.revision) request();
  });
}

export const headlineStore: HeadlineStore = createHeadlineStore();
