/**
 * Runs the step analyses (tornado, sweeps, goal seek, cheapest combination) on the analysis
 * workers and the global ranking of a finished Monte Carlo, one analysis at a time, with their
 * progress, result, the command that reproduces them and, for a goal seek, the curve of what it
 * evaluated. A setting the analysis refuses (an unknown name, a range outside the valid range) is
 * its own message and nothing starts; a cancel gives the previous result back.
 */
import {
  AnalysisError,
  DIFFERENCE_KEYS,
  KPI_KEYS,
  kpiValue,
  type AnalysisSteps,
  type EvalOutcome,
  type EvalPoint,
  type KpiSelector,
  type KpiTables,
  type Scenario,
} from '../../simulation';
import { stepCommand } from './commands';
import { CancelledError } from './mc-session';
import type { AnalysisPool } from './pool';
import { runStepsOnPool } from './steps';
import {
  busyMessage,
  type AnalysisStore,
  type StepResults,
  type StepRun,
  type StepSlot,
  type StepSpecs,
  type TracePoint,
} from './store';

export interface StepDeps {
  readonly store: AnalysisStore;
  readonly pool: () => AnalysisPool;
  readonly now?: () => number;
}

export interface StepStart<K extends StepSlot> {
  readonly slot: K;
  /** The scenario analysed (a goal seek by week W: ending at W). */
  readonly scenario: Scenario;
  readonly revision: number;
  readonly fileName: string;
  /** The variant shown (null: the base). */
  readonly variant?: string | null;
  readonly spec: StepSpecs[K];
  /**
   * Checks the settings and makes the analysis's steps, with the number of points it evaluates
   * when known in advance; throws AnalysisError for a setting the analysis refuses.
   */
  readonly prepare: () => {
    readonly steps: AnalysisSteps<StepResults[K]>;
    readonly expected: number | null;
  };
  /** For a one-parameter goal seek: the KPI it reads, to keep the curve of what it evaluated. */
  readonly trace?: KpiSelector;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function traceOf(
  points: readonly EvalPoint[],
  outcomes: readonly EvalOutcome[],
  kpi: KpiSelector,
): TracePoint[] {
  return points.flatMap((p, i) => {
    const v = p.changes[0]?.[1];
    return v === undefined ? [] : [{ value: v, kpi: kpiValue(outcomes[i]!, kpi) }];
  });
}

export class StepController {
  private nextId = 1;
  private readonly aborts = new Map<StepSlot, AbortController>();
  private readonly now: () => number;

  constructor(private readonly deps: StepDeps) {
    this.now = deps.now ?? (() => performance.now());
  }

  private begin<K extends StepSlot>(
    slot: K,
    scenario: Scenario,
    revision: number,
    fileName: string,
    spec: StepSpecs[K],
    expected: number | null,
    variant: string | null,
  ): { run: StepRun<K>; previous: StepRun<K> | undefined; signal: AbortSignal } {
    const store = this.deps.store;
    const previous = store.getState().steps[slot] as StepRun<K> | undefined;
    const run: StepRun<K> = {
      kind: 'steps',
      slot,
      id: this.nextId++,
      status: 'running',
      scenario,
      revision,
      fileName,
      variant,
      error: null,
      startedAt: this.now(),
      finishedAt: null,
      spec,
      evaluated: 0,
      expected,
      result: null,
      command: stepCommand(slot, spec, scenario, fileName, variant),
      trace: [],
    };
    const abort = new AbortController();
    this.aborts.set(slot, abort);
    store.getState().putStep(slot, run);
    store.getState().setProblem(slot, null);
    return { run, previous, signal: abort.signal };
  }

  private finish<K extends StepSlot>(
    run: StepRun<K>,
    previous: StepRun<K> | undefined,
    outcome: { result: StepResults[K] } | { error: unknown },
  ): void {
    const { store } = this.deps;
    const patch = (p: Partial<StepRun<K>>): void => store.getState().patchStep(run.slot, run.id, p);
    if ('result' in outcome) {
      patch({ status: 'done', result: outcome.result, finishedAt: this.now() });
    } else if (outcome.error instanceof CancelledError) {
      // A cancelled analysis has no result: the previous one is shown again.
      store.getState().putStep(run.slot, previous ?? null);
      store.getState().setProblem(run.slot, 'Cancelled.');
    } else {
      patch({ status: 'failed', error: messageOf(outcome.error), finishedAt: this.now() });
    }
    if (this.aborts.get(run.slot)?.signal.aborted !== false) this.aborts.delete(run.slot);
  }

  /** Starts a step analysis; returns null, or why it did not start. */
  start<K extends StepSlot>(input: StepStart<K>): string | null {
    const { store } = this.deps;
    const busy = busyMessage(store.getState());
    if (busy) return busy;
    let prepared: ReturnType<StepStart<K>['prepare']>;
    try {
      prepared = input.prepare();
    } catch (e) {
      if (e instanceof AnalysisError) return e.message;
      throw e;
    }
    const { steps, expected } = prepared;
    const { run, previous, signal } = this.begin(
      input.slot,
      input.scenario,
      input.revision,
      input.fileName,
      input.spec,
      expected,
      input.variant ?? null,
    );
    const patch = (p: Partial<StepRun<K>>): void => store.getState().patchStep(run.slot, run.id, p);
    let trace: TracePoint[] = [];
    runStepsOnPool(
      this.deps.pool(),
      input.scenario,
      input.scenario.simulation,
      steps,
      signal,
      (p) => patch({ evaluated: p.evaluated }),
      (points, outcomes) => {
        if (!input.trace) return;
        trace = [...trace, ...traceOf(points, outcomes, input.trace)];
        patch({ trace });
      },
    ).then(
      (result) => this.finish(run, previous, { result }),
      (error: unknown) => this.finish(run, previous, { error }),
    );
    return null;
  }

  /** The global ranking of a Monte Carlo's first `kpis.count` draws for one KPI (one worker). */
  startGlobal(
    scenario: Scenario,
    revision: number,
    fileName: string,
    spec: StepSpecs['global'],
    kpis: KpiTables,
    variant: string | null = null,
  ): string | null {
    const busy = busyMessage(this.deps.store.getState());
    if (busy) return busy;
    const { run, previous, signal } = this.begin(
      'global',
      scenario,
      revision,
      fileName,
      spec,
      null,
      variant,
    );
    const [worker] = this.deps.pool().workers(1);
    const copy: KpiTables = {
      start: kpis.start,
      count: kpis.count,
      runs: kpis.runs.map((t) => t.slice(0, kpis.count * KPI_KEYS.length)),
      differences: kpis.differences
        ? kpis.differences.slice(0, kpis.count * DIFFERENCE_KEYS.length)
        : null,
    };
    const cancelled = new Promise<never>((_, reject) =>
      signal.addEventListener('abort', () => reject(new CancelledError('cancelled')), {
        once: true,
      }),
    );
    Promise.race([
      worker!.request<'global'>({
        type: 'global',
        scenario,
        settings: scenario.simulation,
        kpis: copy,
        kpi: spec.kpi,
      }),
      cancelled,
    ]).then(
      (r) => this.finish(run, previous, { result: r.result }),
      (error: unknown) => this.finish(run, previous, { error }),
    );
    return null;
  }

  cancel(slot: StepSlot): void {
    this.aborts.get(slot)?.abort();
  }
}
