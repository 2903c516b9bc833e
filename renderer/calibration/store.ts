/**
 * The calibration view's state (vanilla Zustand): the history file read, its column mapping and
 * what it gives, the parameters chosen, and the run (progress, result, cancel). Adopting a fit,
 * into the base or as a new variant, is one undoable edit of the workspace's document.
 */
import { createStore } from 'zustand/vanilla';
import {
  adoptCalibrationInPlace,
  adoptedValues,
  baseName,
  baseOf,
  buildHistory,
  calibrationRecordOf,
  diffScenarios,
  freshRunName,
  guessMapping,
  isoDate,
  metricInfos,
  prepareModel,
  readTable,
  statusQuo,
  withAssumptions,
  MAX_RUN_NAME,
  MAX_VARIANTS,
  type AdoptionSource,
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
  | { readonly kind: 'done'; readonly result: CalibrationResult; readonly adopted: Adoption | null }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'error'; readonly message: string };

/** How the fit on screen was adopted: into the base, or as a new variant (by its name). */
export type Adoption =
  { readonly kind: 'base' } | { readonly kind: 'variant'; readonly name: string };

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

/** The calibration whose worker runs now: only it may write the run state. */
let running: RunningCalibration | null = null;

/** Stops the running calibration, if any, so that its worker never outlives its inputs. */
function stopRunning(): void {
  const r = running;
  running = null;
  r?.cancel();
}

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
  stopRunning();
  const history = buildHistory(table, mapping, metricChoices(workspaceStore.getState().scenario));
  calibrationStore.setState({ mapping, history, run: { kind: 'idle' } });
}

export async function loadHistoryFile(
  fileName: string,
  bytes: Uint8Array,
  sheet?: string,
): Promise<void> {
  const read = await readTable(bytes, { sheet: sheet ?? null });
  stopRunning();
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
  stopRunning();
  calibrationStore.setState({ fit: names, run: { kind: 'idle' } });
}

/** Starts a calibration unless one is running (a second click on Fit never starts a second one). */
export function runCalibration(): void {
  const s = calibrationStore.getState();
  if (!s.history?.ok || s.fit.length === 0 || s.run.kind === 'running' || running) return;
  calibrationStore.setState({ run: { kind: 'running', progress: null } });
  const mine = startCalibration(
    {
      scenario: workspaceStore.getState().scenario,
      history: s.history.history,
      fit: s.fit,
      seed: s.seed,
      starts: s.starts,
    },
    (progress) => {
      if (running === mine) calibrationStore.setState({ run: { kind: 'running', progress } });
    },
  );
  running = mine;
  mine.done.then(
    (result) => {
      if (running !== mine) return;
      running = null;
      calibrationStore.setState({ run: { kind: 'done', result, adopted: null } });
    },
    (e: unknown) => {
      if (running !== mine) return;
      running = null;
      calibrationStore.setState({
        run:
          e instanceof CancelledError
            ? { kind: 'cancelled' }
            : { kind: 'error', message: e instanceof Error ? e.message : String(e) },
      });
    },
  );
}

/** Stops the running calibration at once: its worker is terminated and nothing it sends is kept. */
export function cancelCalibration(): void {
  if (!running) return;
  stopRunning();
  calibrationStore.setState({ run: { kind: 'cancelled' } });
}

function adoptionSource(): { result: CalibrationResult; source: AdoptionSource } | null {
  const s = calibrationStore.getState();
  if (s.run.kind !== 'done' || !s.history?.ok || !s.fileName) return null;
  return {
    result: s.run.result,
    source: { file: s.fileName, date: isoDate(), history: s.history.history },
  };
}

function markAdopted(adopted: Adoption): void {
  const run = calibrationStore.getState().run;
  if (run.kind === 'done') calibrationStore.setState({ run: { ...run, adopted } });
}

/**
 * Adopts the fit as the scenario's base values: one undo step, sources "calibrated to FILE on
 * DATE", the calibration kept for the report. The base is shown afterwards (the fit may have been
 * made with a variant on screen: only the fitted values go into the base).
 */
export function adoptFit(): boolean {
  const a = adoptionSource();
  if (!a) return false;
  const count = adoptedValues(a.result).length;
  const file = baseName(a.source.file);
  const ok = workspaceStore.getState().editDocument(
    (d) => {
      adoptCalibrationInPlace(d, a.result, a.source);
      return `Calibrated to ${file}: ${count} ${count === 1 ? 'value' : 'values'} adopted`;
    },
    { label: `Calibrate to ${file}`, show: null },
  );
  if (ok) markAdopted({ kind: 'base' });
  return ok;
}

/**
 * Adopts the fit as a new variant, shown at once: the scenario the fit was made on (the base or
 * the variant on screen) with the fitted values, as changes against the base, named after the
 * file. The calibration is kept for the report (it belongs to the document, as its last one).
 * Returns the variant's name, or the reason it could not be made.
 */
export function adoptFitAsVariant(): { readonly name: string } | { readonly problem: string } {
  const a = adoptionSource();
  if (!a) return { problem: 'There is no fit to adopt.' };
  const ws = workspaceStore.getState();
  if ((ws.doc.variants?.length ?? 0) >= MAX_VARIANTS)
    return { problem: `At most ${MAX_VARIANTS} variants.` };
  const file = baseName(a.source.file);
  const stem = `Calibrated to ${file}`.slice(0, MAX_RUN_NAME - 4).trim();
  const name = freshRunName(ws.doc, stem, 0);
  const changes = diffScenarios(
    baseOf(ws.doc),
    withAssumptions(ws.scenario, adoptedValues(a.result)),
  );
  const record = calibrationRecordOf(a.result, a.source);
  const ok = ws.editDocument(
    (d) => {
      (d.variants ??= []).push({ name, changes });
      d.calibration = record;
      return `Calibrated to ${file}: adopted as the variant '${name}'`;
    },
    { label: `Adopt the fit to ${file} as '${name}'`, show: name },
  );
  if (!ok) return { problem: workspaceStore.getState().notice ?? 'not accepted' };
  markAdopted({ kind: 'variant', name });
  return { name };
}

export function resetCalibration(): void {
  stopRunning();
  calibrationStore.setState(initial);
}
