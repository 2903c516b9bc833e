/**
 * The Analyse area's store (vanilla Zustand, no React): which analysis is shown, each analysis's
 * settings as typed, and its latest run (status, progress, results). Runs are started and fed by
 * the controllers (uncertainty.ts, ...); this file holds state and pure transitions only.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '../../simulation';
import type { MonteCarloMerge } from './mc-merge';
import type { UncertaintySnapshot } from './mc-snapshot';
import type { SessionPhase } from './mc-session';

export const ANALYSES = ['uncertainty', 'sensitivity', 'sweep', 'seek'] as const;
export type AnalysisKind = (typeof ANALYSES)[number];

export type RunStatus = 'running' | 'done' | 'cancelled' | 'failed';

/** What every run records: what was analysed, how far it got, and how long it took. */
export interface RunBase {
  readonly id: number;
  readonly status: RunStatus;
  /** The scenario analysed (with the analysis's seed). */
  readonly scenario: Scenario;
  /** The workspace revision it was taken from (results go stale when the scenario changes). */
  readonly revision: number;
  /** The document's file name then (for the command that reproduces it). */
  readonly fileName: string;
  readonly error: string | null;
  /** performance.now() at the start and, once it stopped, at the end. */
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

export interface UncertaintySettings {
  readonly draws: number;
  readonly seed: number;
}

export interface UncertaintyRun extends RunBase {
  readonly kind: 'uncertainty';
  readonly settings: UncertaintySettings;
  readonly phase: SessionPhase;
  /** Workers computing it. */
  readonly workers: number;
  /** Draws computed (merged or waiting for earlier ones) and merged (shown). */
  readonly received: number;
  readonly merged: number;
  /** The uncertain parameters drawn, in the order of each draw's values. */
  readonly parameters: readonly string[];
  readonly snapshot: UncertaintySnapshot | null;
  /** Every draw's KPIs and parameters (for the draws CSV and the global ranking). */
  readonly merge: MonteCarloMerge | null;
}

export type AnalysisRun = UncertaintyRun;

/** A form's fields as typed (kept as text, so a half-typed value is not lost). */
export interface UncertaintyForm {
  readonly draws: string;
  /** Empty: the scenario's own seed. */
  readonly seed: string;
}

export interface AnalysisState {
  readonly view: AnalysisKind;
  readonly uncertaintyForm: UncertaintyForm;
  readonly uncertainty: UncertaintyRun | null;
  /** Why the last Run did not start (a bad setting, too many draws), or null. */
  readonly uncertaintyProblem: string | null;
}

export interface AnalysisActions {
  setView(view: AnalysisKind): void;
  setUncertaintyForm(patch: Partial<UncertaintyForm>): void;
  /** Replaces the uncertainty run (a new one, or an update of the current one by id). */
  putUncertainty(run: UncertaintyRun): void;
  /** Updates the current uncertainty run if it is still run `id`. */
  patchUncertainty(id: number, patch: Partial<UncertaintyRun>): void;
}

export type AnalysisStore = StoreApi<AnalysisState & AnalysisActions>;

export const DEFAULT_DRAWS = 1000;

export function createAnalysisStore(initial: Partial<AnalysisState> = {}): AnalysisStore {
  return createStore<AnalysisState & AnalysisActions>()((set, get) => ({
    view: 'uncertainty',
    uncertaintyForm: { draws: String(DEFAULT_DRAWS), seed: '' },
    uncertainty: null,
    uncertaintyProblem: null,
    ...initial,
    setView: (view) => set({ view }),
    setUncertaintyForm: (patch) => set({ uncertaintyForm: { ...get().uncertaintyForm, ...patch } }),
    putUncertainty: (run) => set({ uncertainty: run }),
    patchUncertainty(id, patch) {
      const run = get().uncertainty;
      if (run && run.id === id) set({ uncertainty: { ...run, ...patch } });
    },
  }));
}

/** True while any analysis runs (one at a time: they share the workers). */
export function runningAnalysis(s: AnalysisState): AnalysisKind | null {
  return s.uncertainty?.status === 'running' ? 'uncertainty' : null;
}

export const analysisStore: AnalysisStore = createAnalysisStore();
