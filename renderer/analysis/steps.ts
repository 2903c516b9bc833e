/**
 * Runs a sensitivity, sweep or goal-seek analysis (simulation/analysis: a generator of batches of
 * independent points) on the analysis workers: each worker prepares the scenario once, then every
 * batch is shared out in chunks to whichever worker is free, and the outcomes go back to the
 * analysis in the batch's order, so the result is the one the CLI computes on its threads.
 * Progress counts points; a cancel stops handing out chunks and ends the run at once.
 */
import {
  runStepsAsync,
  type AnalysisSteps,
  type EvalOutcome,
  type EvalPoint,
  type RunSettings,
  type Scenario,
} from '../../simulation';
import { CancelledError } from './mc-session';
import { unpackOutcomes } from './eval-job';
import type { AnalysisPool, PoolWorker } from './pool';

/** Chunks of a batch: several per worker (balance), few points each (prompt progress, cancel). */
export function chunkSize(points: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.ceil(points / (workers * 6))));
}

function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = (): void => reject(new CancelledError('cancelled'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** Evaluates one batch on the workers (prepared with `eval-init`), outcomes in batch order. */
export async function evaluateOnWorkers(
  workers: readonly PoolWorker[],
  points: readonly EvalPoint[],
  signal: AbortSignal,
  onEvaluated: (count: number) => void = () => {},
): Promise<EvalOutcome[]> {
  const out = new Array<EvalOutcome>(points.length);
  const size = chunkSize(points.length, workers.length);
  let next = 0;
  const work = async (w: PoolWorker): Promise<void> => {
    while (next < points.length && !signal.aborted) {
      const start = next;
      const end = Math.min(points.length, start + size);
      next = end;
      const r = await w.request<'eval'>({ type: 'eval', points: points.slice(start, end) });
      if (signal.aborted) return;
      unpackOutcomes(r.outcomes).forEach((o, i) => (out[start + i] = o));
      onEvaluated(end - start);
    }
  };
  // A batch of one point (a refinement step) goes to one worker.
  const used = workers.slice(
    0,
    Math.max(1, Math.min(workers.length, Math.ceil(points.length / size))),
  );
  await Promise.race([Promise.all(used.map(work)), aborted(signal)]);
  return out;
}

export interface StepsProgress {
  readonly evaluated: number;
  readonly batches: number;
}

/**
 * Runs the analysis `steps` of `scenario` (with `settings`: the scenario's, or ending at week W)
 * on the pool. Rejects with CancelledError when `signal` aborts, or with the analysis's error.
 */
export async function runStepsOnPool<R>(
  pool: AnalysisPool,
  scenario: Scenario,
  settings: RunSettings,
  steps: AnalysisSteps<R>,
  signal: AbortSignal,
  onProgress: (p: StepsProgress) => void = () => {},
  onBatch: (points: readonly EvalPoint[], outcomes: readonly EvalOutcome[]) => void = () => {},
): Promise<R> {
  const workers = pool.workers();
  await Promise.race([
    Promise.all(
      workers.map((w) => w.request<'eval-init'>({ type: 'eval-init', scenario, settings })),
    ),
    aborted(signal),
  ]);
  let evaluated = 0;
  let batches = 0;
  try {
    return await runStepsAsync(
      steps,
      async (points) => {
        const outcomes = await evaluateOnWorkers(workers, points, signal, (n) => {
          evaluated += n;
          onProgress({ evaluated, batches });
        });
        onBatch(points, outcomes);
        return outcomes;
      },
      {
        signal,
        onProgress: (p) => {
          batches = p.batches;
          onProgress({ evaluated, batches });
        },
      },
    );
  } catch (e) {
    if (signal.aborted) throw new CancelledError('cancelled');
    throw e;
  }
}
