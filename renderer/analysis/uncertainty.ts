/**
 * Runs the Uncertainty analysis: Monte Carlo over the catalogue's distributions and the draws'
 * seeds across the analysis workers, with the run's progress and a fresh snapshot (bands, KPI
 * intervals, win shares) in the store as draws arrive. One run at a time; a cancel keeps the
 * draws done (or, with none done, the previous results). Checks the settings and the memory the
 * draws need before anything starts.
 */
import {
  hasDataProducts,
  MAX_DRAWS,
  uncertainParameters,
  type MonteCarloSpec,
  type Scenario,
} from '../../simulation';
import { formatCompact } from '../format/format';
import { CHARTS } from '../state/selectors';
import { snapshotOf, timeSlicer, type UncertaintySnapshot } from './mc-snapshot';
import { CHUNK_DRAWS, monteCarloBytes, runMonteCarloSession } from './mc-session';
import type { AnalysisPool } from './pool';
import {
  busyMessage,
  type AnalysisStore,
  type UncertaintyForm,
  type UncertaintyRun,
  type UncertaintySettings,
} from './store';

/** The metrics the Uncertainty view draws bands for: the workspace's charts. */
export const BAND_METRICS: readonly string[] = CHARTS.map((c) => c.metric);

const MAX_SEED = 4294967295;

export type FormCheck<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly field: string; readonly message: string };

/** A whole number typed into a box, or why not ("1,000" and "1 000" are read as 1000). */
export function parseWhole(text: string, min: number, max: number, what: string): number | string {
  const t = text.trim().replace(/[,\s_]/g, '');
  if (t === '')
    return `${what}: enter a whole number from ${min} to ${max.toLocaleString('en-US')}`;
  const v = Number(t);
  if (!Number.isFinite(v) || !/^[+-]?\d+(\.0*)?(e\+?\d+)?$/i.test(t) || !Number.isInteger(v))
    return `${what}: '${text.trim()}' is not a whole number`;
  if (v < min || v > max)
    return `${what}: ${v.toLocaleString('en-US')} is outside ${min} to ${max.toLocaleString('en-US')}`;
  return v;
}

export function parseUncertaintyForm(
  form: UncertaintyForm,
  scenario: Scenario,
): FormCheck<UncertaintySettings> {
  const draws = parseWhole(form.draws, 2, MAX_DRAWS, 'Draws');
  if (typeof draws === 'string') return { ok: false, field: 'draws', message: draws };
  if (form.seed.trim() === '')
    return { ok: true, value: { draws, seed: scenario.simulation.seed } };
  const seed = parseWhole(form.seed, 0, MAX_SEED, 'Seed');
  if (typeof seed === 'string') return { ok: false, field: 'seed', message: seed };
  return { ok: true, value: { draws, seed } };
}

/** The scenario as the analysis runs it: its own settings, with the analysis's seed. */
export function analysedScenario(scenario: Scenario, settings: UncertaintySettings): Scenario {
  return { ...scenario, simulation: { ...scenario.simulation, seed: settings.seed } };
}

export function uncertaintySpec(scenario: Scenario, draws: number): MonteCarloSpec {
  return { scenario, settings: scenario.simulation, draws, bandMetrics: BAND_METRICS };
}

/** What the page may keep for one analysis: a quarter of the device's memory, at most 1 GiB. */
export function memoryBudgetBytes(): number {
  const gib = 1024 ** 3;
  const device =
    typeof navigator === 'undefined'
      ? undefined
      : (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return Math.min(gib, typeof device === 'number' && device > 0 ? (device * gib) / 4 : gib);
}

/** Why a job of this size cannot run here, or null when it fits. */
export function memoryProblem(spec: MonteCarloSpec, budget: number): string | null {
  const runs = hasDataProducts(spec.scenario) ? 2 : 1;
  const points = Math.round(spec.settings.weeks / spec.settings.stepWeeks) + 1;
  const rows = runs * (spec.bandMetrics?.length ?? 0) * points;
  const bytesFor = (draws: number): number =>
    monteCarloBytes(draws, runs, uncertainParameters(spec.scenario).length, rows, spec.bins ?? 200);
  const bytes = bytesFor(spec.draws);
  if (bytes <= budget) return null;
  const fixed = bytesFor(0);
  const fits = Math.max(0, Math.floor((budget - fixed) / (bytesFor(1) - fixed)));
  return `${spec.draws.toLocaleString('en-US')} draws need about ${formatCompact(bytes / 1e6)} MB, more than this window may use (${formatCompact(budget / 1e6)} MB). Run at most ${fits.toLocaleString('en-US')} draws here, or the same analysis from the command line: flywheel run --runs ${spec.draws}`;
}

function messageOf(error: unknown, draws: number): string {
  if (
    error instanceof RangeError &&
    /allocation|memory|Invalid typed array length/i.test(error.message)
  )
    return `Not enough memory for ${draws.toLocaleString('en-US')} draws: run fewer, or use flywheel run --runs ${draws} from the command line.`;
  return error instanceof Error ? error.message : String(error);
}

export interface UncertaintyDeps {
  readonly store: AnalysisStore;
  readonly pool: () => AnalysisPool;
  readonly now?: () => number;
  readonly memoryBudget?: () => number;
  /**
   * Least time between two snapshots while draws arrive (ms; 250: four updates a second, half as
   * many snapshots as at 120 ms, whose work competed with the two workers for the two cores).
   */
  readonly refreshMs?: number;
  /** Gives the page its thread back during long summaries. */
  readonly slicer?: () => () => Promise<void>;
}

export class UncertaintyController {
  private nextId = 1;
  private abort: AbortController | null = null;
  private readonly now: () => number;

  constructor(private readonly deps: UncertaintyDeps) {
    this.now = deps.now ?? (() => performance.now());
  }

  /**
   * Starts a run with the form's settings on `scenario`. Returns null, or why it did not start
   * (a bad setting, too many draws for memory, another analysis running).
   */
  start(
    scenario: Scenario,
    revision: number,
    fileName: string,
    variant: string | null = null,
  ): string | null {
    const { store } = this.deps;
    const state = store.getState();
    const busy = busyMessage(state);
    if (busy) return busy;
    const checked = parseUncertaintyForm(state.uncertaintyForm, scenario);
    if (!checked.ok) return checked.message;
    const settings = checked.value;
    const analysed = analysedScenario(scenario, settings);
    const spec = uncertaintySpec(analysed, settings.draws);
    const tooBig = memoryProblem(spec, (this.deps.memoryBudget ?? memoryBudgetBytes)());
    if (tooBig) return tooBig;

    const previous = state.uncertainty;
    const id = this.nextId++;
    const run: UncertaintyRun = {
      kind: 'uncertainty',
      id,
      status: 'running',
      scenario: analysed,
      revision,
      fileName,
      variant,
      error: null,
      startedAt: this.now(),
      finishedAt: null,
      settings,
      phase: 'compiling',
      workers: Math.max(
        1,
        Math.min(this.deps.pool().size, Math.ceil(settings.draws / CHUNK_DRAWS)),
      ),
      received: 0,
      merged: 0,
      parameters: [],
      snapshot: null,
      merge: null,
    };
    store.getState().putUncertainty(run);
    const abort = new AbortController();
    this.abort = abort;
    void this.execute(run, spec, abort.signal, previous);
    return null;
  }

  cancel(): void {
    this.abort?.abort();
  }

  private async execute(
    run: UncertaintyRun,
    spec: MonteCarloSpec,
    signal: AbortSignal,
    previous: UncertaintyRun | null,
  ): Promise<void> {
    const { store } = this.deps;
    const patch = (p: Partial<UncertaintyRun>): void =>
      store.getState().patchUncertainty(run.id, p);
    const stepWeeks = spec.settings.stepWeeks;
    const refreshMs = this.deps.refreshMs ?? 250;
    const slicer = this.deps.slicer ?? (() => timeSlicer());
    let merge: Parameters<typeof snapshotOf>[0] | null = null;
    /** The newest snapshot computed (shown, unless the run has just ended). */
    const shown: { latest: UncertaintySnapshot | null } = { latest: null };
    let refreshing: Promise<void> | null = null;
    let lastRefresh = -Infinity;

    // One snapshot at a time; draws that arrive meanwhile are picked up by the next.
    const refresh = (): void => {
      if (refreshing || !merge || merge.merged === (shown.latest?.draws ?? 0)) return;
      if (this.now() - lastRefresh < refreshMs) return;
      const m = merge;
      refreshing = (async () => {
        const snapshot = await snapshotOf(m, stepWeeks, slicer());
        lastRefresh = this.now();
        shown.latest = snapshot;
        if (!signal.aborted) patch({ snapshot });
        refreshing = null;
        refresh();
      })();
    };

    try {
      const outcome = await runMonteCarloSession(this.deps.pool(), spec, signal, {
        onStart: (m, parameters, backends) => {
          merge = m;
          const backend = backends.every((b) => b === backends[0]) ? backends[0]! : 'mixed';
          patch({ parameters, phase: 'pilot', merge: m, backend });
        },
        onProgress: (m, phase) => {
          patch({ phase, received: m.received, merged: m.merged });
          refresh();
        },
      });
      while (refreshing) await refreshing;
      const m = outcome.merge;
      if (!m || m.merged === 0) {
        // Nothing to show: the previous results stay, with a word about what happened.
        store
          .getState()
          .putUncertainty(previous ?? { ...run, status: 'cancelled', finishedAt: this.now() });
        return;
      }
      const done = shown.latest;
      const snapshot =
        done !== null && done.draws === m.merged ? done : await snapshotOf(m, stepWeeks, slicer());
      patch({
        status: outcome.status,
        received: m.received,
        merged: m.merged,
        snapshot,
        finishedAt: this.now(),
      });
    } catch (error) {
      while (refreshing) await refreshing;
      patch({ status: 'failed', error: messageOf(error, spec.draws), finishedAt: this.now() });
    } finally {
      if (this.abort?.signal === signal) this.abort = null;
    }
  }
}
