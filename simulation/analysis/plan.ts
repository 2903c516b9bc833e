/**
 * How analyses are run: each is a sequence of batches of independent points (a generator that
 * yields a batch and receives its outcomes in the same order), ending with a result. A one-shot
 * analysis (tornado, sweep) yields one batch; a search (goal seek, optimisation) yields one batch
 * per round. The points of a batch can be evaluated anywhere (this thread, worker threads, Web
 * Workers) in any split: the result depends only on the outcomes, in batch order.
 */
import type { EvalOutcome, EvalPoint, PointEvaluator } from './evaluate';

export type AnalysisSteps<R> = Generator<readonly EvalPoint[], R, readonly EvalOutcome[]>;

export interface StepProgress {
  /** Points evaluated so far. */
  readonly evaluated: number;
  /** Batches completed so far. */
  readonly batches: number;
}

function checkBatch(points: readonly EvalPoint[], outcomes: readonly EvalOutcome[]): void {
  if (outcomes.length !== points.length)
    throw new Error(`expected ${points.length} outcomes for a batch, got ${outcomes.length}`);
}

/** Runs an analysis on this thread. */
export function runSteps<R>(
  steps: AnalysisSteps<R>,
  evaluator: PointEvaluator,
  onProgress?: (p: StepProgress) => void,
): R {
  let evaluated = 0;
  let batches = 0;
  let next = steps.next();
  while (!next.done) {
    const points = next.value;
    const outcomes = points.map((p) => evaluator.evaluate(p));
    evaluated += points.length;
    batches++;
    onProgress?.({ evaluated, batches });
    next = steps.next(outcomes);
  }
  return next.value;
}

/**
 * Runs an analysis with an asynchronous evaluator (worker threads, Web Workers): `evaluate` gets
 * each batch and must resolve to its outcomes in the same order, however it splits the work.
 * `signal` cancels between batches (the promise rejects with the signal's reason).
 */
export async function runStepsAsync<R>(
  steps: AnalysisSteps<R>,
  evaluate: (points: readonly EvalPoint[]) => Promise<readonly EvalOutcome[]>,
  options: { onProgress?: (p: StepProgress) => void; signal?: AbortSignal } = {},
): Promise<R> {
  let evaluated = 0;
  let batches = 0;
  let next = steps.next();
  while (!next.done) {
    options.signal?.throwIfAborted();
    const points = next.value;
    const outcomes = await evaluate(points);
    checkBatch(points, outcomes);
    evaluated += points.length;
    batches++;
    options.onProgress?.({ evaluated, batches });
    options.signal?.throwIfAborted();
    next = steps.next(outcomes);
  }
  return next.value;
}

/** Splits a batch into `parts` contiguous slices (for workers); `.flat()` joins their outcomes back in order. */
export function splitBatch<T>(items: readonly T[], parts: number): T[][] {
  const n = Math.max(1, Math.floor(parts));
  return Array.from({ length: n }, (_, i) =>
    items.slice(Math.floor((items.length * i) / n), Math.floor((items.length * (i + 1)) / n)),
  );
}

/** A generator that yields one batch and reduces its outcomes (for one-shot analyses). */
export function* oneBatch<R>(
  points: readonly EvalPoint[],
  reduce: (outcomes: readonly EvalOutcome[]) => R,
): AnalysisSteps<R> {
  const outcomes = yield points;
  checkBatch(points, outcomes);
  return reduce(outcomes);
}
