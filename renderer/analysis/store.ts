/**
 * The Analyse area's store (vanilla Zustand, no React): which analysis is shown, each analysis's
 * settings as typed, and its latest run (status, progress, results). Runs are started and fed by
 * the controllers (uncertainty.ts, ...); this file holds state and pure transitions only.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type {
  CheapestResult,
  GlobalSensitivityResult,
  GridResult,
  KpiSelector,
  Scenario,
  SeekResult,
  SweepResult,
  TornadoResult,
} from '../../simulation';
import type { Backend } from '../../simulation/engine/compile';
import {
  DEFAULT_SEEK,
  DEFAULT_SENSITIVITY,
  DEFAULT_SWEEP,
  type SeekForm,
  type SeekSettings,
  type SensitivityForm,
  type SensitivitySettings,
  type SweepForm,
  type SweepSettings,
} from './forms';
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
  /** The variant shown then (the command says --variant NAME), or null/absent: the base. */
  readonly variant?: string | null;
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
  /** The workers' engine backend (null until they compiled the job; 'mixed' if they differ). */
  readonly backend?: Backend | 'mixed' | null;
  /** Draws computed (merged or waiting for earlier ones) and merged (shown). */
  readonly received: number;
  readonly merged: number;
  /** The uncertain parameters drawn, in the order of each draw's values. */
  readonly parameters: readonly string[];
  readonly snapshot: UncertaintySnapshot | null;
  /** Every draw's KPIs and parameters (for the draws CSV and the global ranking). */
  readonly merge: MonteCarloMerge | null;
}

/** The analyses that run as steps of independent points (and the global ranking). */
export type StepSlot = 'tornado' | 'global' | 'sweep' | 'seek';

export interface StepSpecs {
  readonly tornado: SensitivitySettings;
  /** The global ranking of the Monte Carlo run `uncertaintyRun` for one KPI. */
  readonly global: {
    readonly kpi: KpiSelector;
    readonly draws: number;
    readonly uncertaintyRun: number;
  };
  readonly sweep: SweepSettings;
  readonly seek: SeekSettings;
}

export interface StepResults {
  readonly tornado: TornadoResult;
  readonly global: GlobalSensitivityResult;
  readonly sweep: SweepResult | GridResult;
  readonly seek: SeekResult | CheapestResult;
}

/** A goal seek's evaluated values of its one parameter and the KPI there (its curve). */
export interface TracePoint {
  readonly value: number;
  readonly kpi: number | null;
}

export interface StepRun<K extends StepSlot = StepSlot> extends RunBase {
  readonly kind: 'steps';
  readonly slot: K;
  readonly spec: StepSpecs[K];
  /** Points evaluated so far, and how many there will be (null when a search decides as it goes). */
  readonly evaluated: number;
  readonly expected: number | null;
  readonly result: StepResults[K] | null;
  /** The command that gives the same numbers. */
  readonly command: string;
  readonly trace: readonly TracePoint[];
}

export type AnalysisRun = UncertaintyRun | StepRun;

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
  readonly sensitivityForm: SensitivityForm;
  readonly sweepForm: SweepForm;
  readonly seekForm: SeekForm;
  readonly steps: { readonly [K in StepSlot]?: StepRun<K> };
  /** Why a Run of a step analysis did not start, by slot. */
  readonly problems: { readonly [K in StepSlot]?: string | null };
}

export interface AnalysisActions {
  setView(view: AnalysisKind): void;
  setUncertaintyForm(patch: Partial<UncertaintyForm>): void;
  /** Replaces the uncertainty run (a new one, or an update of the current one by id). */
  putUncertainty(run: UncertaintyRun): void;
  /** Updates the current uncertainty run if it is still run `id`. */
  patchUncertainty(id: number, patch: Partial<UncertaintyRun>): void;
  setSensitivityForm(patch: Partial<SensitivityForm>): void;
  setSweepForm(patch: Partial<SweepForm>): void;
  setSeekForm(patch: Partial<SeekForm>): void;
  putStep<K extends StepSlot>(slot: K, run: StepRun<K> | null): void;
  patchStep<K extends StepSlot>(slot: K, id: number, patch: Partial<StepRun<K>>): void;
  setProblem(slot: StepSlot, problem: string | null): void;
}

export type AnalysisStore = StoreApi<AnalysisState & AnalysisActions>;

export const DEFAULT_DRAWS = 1000;

export function createAnalysisStore(initial: Partial<AnalysisState> = {}): AnalysisStore {
  return createStore<AnalysisState & AnalysisActions>()((set, get) => ({
    view: 'uncertainty',
    uncertaintyForm: { draws: String(DEFAULT_DRAWS), seed: '' },
    uncertainty: null,
    uncertaintyProblem: null,
    sensitivityForm: DEFAULT_SENSITIVITY,
    sweepForm: DEFAULT_SWEEP,
    seekForm: DEFAULT_SEEK,
    steps: {},
    problems: {},
    ...initial,
    setView: (view) => set({ view }),
    setUncertaintyForm: (patch) => set({ uncertaintyForm: { ...get().uncertaintyForm, ...patch } }),
    putUncertainty: (run) => set({ uncertainty: run }),
    patchUncertainty(id, patch) {
      const run = get().uncertainty;
      if (run && run.id === id) set({ uncertainty: { ...run, ...patch } });
    },
    setSensitivityForm: (patch) => set({ sensitivityForm: { ...get().sensitivityForm, ...patch } }),
    setSweepForm: (patch) => set({ sweepForm: { ...get().sweepForm, ...patch } }),
    setSeekForm: (patch) => set({ seekForm: { ...get().seekForm, ...patch } }),
    putStep(slot, run) {
      const steps = { ...get().steps };
      if (run === null) delete steps[slot];
      else (steps as Record<StepSlot, StepRun>)[slot] = run as StepRun;
      set({ steps });
    },
    patchStep(slot, id, patch) {
      const run = get().steps[slot];
      if (run && run.id === id) set({ steps: { ...get().steps, [slot]: { ...run, ...patch } } });
    },
    setProblem: (slot, problem) => set({ problems: { ...get().problems, [slot]: problem } }),
  }));
}

const VIEW_OF: Record<StepSlot, AnalysisKind> = {
  tornado: 'sensitivity',
  global: 'sensitivity',
  sweep: 'sweep',
  seek: 'seek',
};

/** The analysis running now, if any (one at a time: they share the workers). */
export function runningAnalysis(s: AnalysisState): AnalysisKind | null {
  if (s.uncertainty?.status === 'running') return 'uncertainty';
  for (const [slot, run] of Object.entries(s.steps))
    if (run?.status === 'running') return VIEW_OF[slot as StepSlot];
  return null;
}

export const ANALYSIS_LABELS: Record<AnalysisKind, string> = {
  uncertainty: 'Uncertainty',
  sensitivity: 'Sensitivity',
  sweep: 'Sweep',
  seek: 'Goal seek',
};

/** Why another analysis cannot start now, or null. */
export function busyMessage(s: AnalysisState): string | null {
  const running = runningAnalysis(s);
  return running
    ? `${ANALYSIS_LABELS[running]} is running: wait for it or cancel it (the analyses share the workers).`
    : null;
}

export const analysisStore: AnalysisStore = createAnalysisStore();
