/**
 * The calibration view's state (vanilla Zustand): the history file read, its column mapping and
 * what it gives, the parameters chosen, and the run (progress, result, cancel). Adopting a fit is
 * one undoable edit of the workspace.
 */
import { createStore } from 'zustand/vanilla';
import {
  adoptCalibration,
  buildHistory,
  guessMapping,
  isoDate,
  metricInfos,
  prepareModel,
  readTable,
  statusQuo,
  type CalibrationProgress,
  type CalibrationResult,
  type HistoryMapping,
  type HistoryResult,
  type MetricChoice,
  type RawTable,
  type Scenario,
} from '../../simulation';
import { workspaceStore } from '../state/workspace';
import { CancelledError, startCalibration, type RunningCalibration } from './client';

export type RunState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly progress: CalibrationProgress | null }
  | { readonly kind: 'done'; readonly result: CalibrationResult; readonly adopted: boolean }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly message: string };

export interface CalibrationState {
  readonly fileName: string | null;
  readonly bytes: Uint8Array | null;
  readonly readError: string | null;
  readonly table: RawTable | null;
  readonly mapping: HistoryMapping | null;
  readonly history: HistoryResult | null;
  readonly fit: readonly string[];
  readonly seed: number;
  readonly starts: number;
  readonly run: RunState;
}

/** Parameters a first fit usually needs: how fast customers come and go, and how often they visit. */
export const SUGGESTED_FIT = ['bassImitationPerYear', 'baseChurnPerWeek', 'sessionsPerUserPerWeek'];

const initial: CalibrationState = {
  fileName: null,
  bytes: null,
  readError: null,
  table: null,
  mapping: null,
  history: null,
  fit: SUGGESTED_FIT,
  seed: 1,
  starts: 4,
  run: { kind: 'idle' },
};

export const calibrationStore = createStore<CalibrationState>()(() => initial);

let running: RunningCalibration | null = null;

/** The metrics a history column can be mapped to: those of the scenario's status quo. */
export function metricChoices(s: Scenario): MetricChoice[] {
  return metricInfos(prepareModel(statusQuo(s)).compiled).map((m) => ({
    name: m.name,
    label: m.label,
    unit: m.unit,
  }));
}

function rebuild(mapping: HistoryMapping): void {
  const { table } = calibrationStore.getState();
  if (!table) return;
  const history = buildHistory(table, mapping, metricChoices(workspaceStore.getState().scenario));
  calibrationStore.setState({ mapping, history, run: { kind: 'idle' } });
}

export async function loadHistoryFile(
  fileName: string,
  bytes: Uint8Array,
  sheet?: string,
): Promise<void> {
  const read = await readTable(bytes, { sheet: sheet ?? null });
  if (!read.ok) {
    calibrationStore.setState({
      ...initial,
      fit: calibrationStore.getState().fit,
      fileName,
      readError: read.message,
    });
    return;
  }
  const metrics = metricChoices(workspaceStore.getState().scenario);
  const mapping = guessMapping(read.table, metrics);
  calibrationStore.setState({
    fileName,
    bytes,
    readError: null,
    table: read.table,
    mapping,
    history: buildHistory(read.table, mapping, metrics),
    run: { kind: 'idle' },
  });
}

export function setMapping(change: (m: HistoryMapping) => HistoryMapping): void {
  const m = calibrationStore.getState().mapping;
  if (m) rebuild(change(m));
}

export function setFit(names: readonly string[]): void {
  calibrationStore.setState({ fit: names, run: { kind: 'idle' } });
}

export function runCalibration(): void {
  const s = calibrationStore.getState();
  if (!s.history?.ok || s.fit.length === 0 || s.run.kind === 'running') return;
  calibrationStore.setState({ run: { kind: 'running', progress: null } });
  running = startCalibration(
    {
      scenario: workspaceStore.getState().scenario,
      history: s.history.history,
      fit: s.fit,
      seed: s.seed,
      starts: s.starts,
    },
    (progress) => {
      if (calibrationStore.getState().run.kind === 'running')
        calibrationStore.setState({ run: { kind: 'running', progress } });
    },
  );
  const mine = running;
  mine.done.then(
    (result) => {
      if (running === mine)
        calibrationStore.setState({ run: { kind: 'done', result, adopted: false } });
    },
    (e: unknown) => {
      if (running !== mine) return;
      calibrationStore.setState({
        run:
          e instanceof CancelledError
            ? { kind: 'cancelled' }
            : { kind: 'error', message: e instanceof Error ? e.message : String(e) },
      });
    },
  );
}

export function cancelCalibration(): void {
  running?.cancel();
}

/** Adopts the fit as the scenario's base values: one undo step, sources "calibrated to FILE on DATE". */
export function adoptFit(): boolean {
  const s = calibrationStore.getState();
  if (s.run.kind !== 'done' || !s.history?.ok || !s.fileName) return false;
  const next = adoptCalibration(workspaceStore.getState().scenario, s.run.result, {
    file: s.fileName,
    date: isoDate(),
    history: s.history.history,
  });
  const ok = workspaceStore.getState().edit(
    (draft) => {
      draft.parameters = next.parameters;
      draft.provenance = next.provenance;
      draft.calibration = next.calibration;
      return `Calibrated to ${s.fileName}: ${s.run.kind === 'done' ? s.run.result.fitted.filter((f) => f.identified).length : 0} values adopted`;
    },
    { label: `Calibrate to ${s.fileName}` },
  );
  if (ok) calibrationStore.setState({ run: { ...s.run, adopted: true } });
  return ok;
}

export function resetCalibration(): void {
  running?.cancel();
  running = null;
  calibrationStore.setState(initial);
}
