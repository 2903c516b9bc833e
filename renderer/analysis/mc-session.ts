/**
 * One Monte Carlo run across the analysis workers: every worker compiles the job, the pilot draws
 * are shared out in chunks, their ranges fix the bins, then the remaining draws go out in chunks
 * to whichever worker is free and are merged in draw order as they come back (mc-merge.ts). The
 * caller sees the merge after every step and can cancel at any time: it then keeps the first k
 * draws, which are exactly `flywheel run --runs k`.
 */
import { DIFFERENCE_KEYS, KPI_KEYS, validateSpec, type MonteCarloSpec } from '../../simulation';
import type { Backend } from '../../simulation/engine/compile';
import { MonteCarloMerge } from './mc-merge';
import type { DrawChunk } from './mc-worker-job';
import type { AnalysisPool, PoolWorker } from './pool';

/** Draws per request: about a tenth of a second of work, so a cancel or a new result is prompt. */
export const CHUNK_DRAWS = 32;

export type SessionPhase = 'compiling' | 'pilot' | 'draws';

export interface SessionCallbacks {
  /**
   * The workers compiled the job: the merge exists (nothing merged yet); `backends` are the
   * engine backends they compute with, one per worker.
   */
  readonly onStart?: (
    merge: MonteCarloMerge,
    parameters: readonly string[],
    backends: readonly Backend[],
  ) => void;
  /** Something moved: a phase began, draws arrived or were merged. */
  readonly onProgress?: (merge: MonteCarloMerge, phase: SessionPhase) => void;
}

export interface SessionOutcome {
  readonly status: 'done' | 'cancelled';
  readonly merge: MonteCarloMerge | null;
  readonly parameters: readonly string[];
  /** The engine backend of each worker (empty if none compiled the job). */
  readonly backends: readonly Backend[];
}

export class CancelledError extends Error {
  override name = 'CancelledError';
}

/** [start, end) ranges of `size` covering [from, to). */
export function chunkRanges(from: number, to: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let s = from; s < to; s += size) out.push([s, Math.min(to, s + size)]);
  return out;
}

/** Resolves when `signal` aborts (never rejects). */
function abortion(signal: AbortSignal): Promise<'aborted'> {
  return new Promise((done) => {
    if (signal.aborted) done('aborted');
    else signal.addEventListener('abort', () => done('aborted'), { once: true });
  });
}

/** Hands the ranges out to whichever worker is free; stops handing out when aborted. */
async function shareOut(
  workers: readonly PoolWorker[],
  ranges: readonly [number, number][],
  signal: AbortSignal,
  work: (w: PoolWorker, start: number, end: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    workers.map(async (w) => {
      while (next < ranges.length && !signal.aborted) {
        const [start, end] = ranges[next++]!;
        await work(w, start, end);
      }
    }),
  );
}

/** Bytes the page keeps for a job: every draw's KPIs and parameters, and the histograms. */
export function monteCarloBytes(
  draws: number,
  runCount: number,
  parameterCount: number,
  rows: number,
  bins: number,
): number {
  const perDraw = runCount * KPI_KEYS.length + DIFFERENCE_KEYS.length + parameterCount;
  return draws * perDraw * 8 + rows * (bins + 2) * 4 * 2 + rows * 16;
}

export async function runMonteCarloSession(
  pool: AnalysisPool,
  spec: MonteCarloSpec,
  signal: AbortSignal,
  callbacks: SessionCallbacks = {},
): Promise<SessionOutcome> {
  validateSpec(spec);
  // Stops handing out work on a cancel, and on the first failure (the other workers then idle).
  const inner = new AbortController();
  const stop = inner.signal;
  if (signal.aborted) inner.abort();
  else signal.addEventListener('abort', () => inner.abort(), { once: true });
  const workers = pool.workers(Math.ceil(spec.draws / CHUNK_DRAWS));
  let merge: MonteCarloMerge | null = null;
  let parameters: readonly string[] = [];
  let backends: readonly Backend[] = [];
  const progress = (phase: SessionPhase): void => {
    if (merge && !stop.aborted) callbacks.onProgress?.(merge, phase);
  };
  const aborted = abortion(stop);
  const unlessAborted = async <T>(p: Promise<T>): Promise<T> => {
    const r = await Promise.race([p, aborted]);
    if (r === 'aborted') throw new CancelledError('cancelled');
    return r as T;
  };

  const work = async (): Promise<void> => {
    const ready = await unlessAborted(
      Promise.all(workers.map((w) => w.request<'mc-init'>({ type: 'mc-init', spec }))),
    );
    const { shape } = ready[0]!;
    parameters = ready[0]!.parameters;
    backends = ready.map((r) => r.backend);
    merge = new MonteCarloMerge(shape, spec.draws, parameters.length);
    const m = merge;
    callbacks.onStart?.(m, parameters, backends);
    progress('pilot');

    // Pass 1: the pilot draws in chunks; every worker keeps its pilot rows until the layout.
    await unlessAborted(
      shareOut(
        workers,
        chunkRanges(0, shape.pilotDraws, CHUNK_DRAWS),
        stop,
        async (w, start, end) => {
          const r = await w.request<'mc-pilot'>({ type: 'mc-pilot', start, end });
          if (stop.aborted) return;
          m.addPilot(r.min, r.max, r.chunk);
          progress('pilot');
        },
      ),
    );
    const layout = m.fixLayout();
    const counts = await unlessAborted(
      Promise.all(
        workers.map((w) =>
          // Each worker gets its own copy of the bins (transferring would detach the page's).
          w.request<'mc-layout'>({
            type: 'mc-layout',
            lo: layout.lo.slice(),
            width: layout.width.slice(),
            bins: layout.bins,
          }),
        ),
      ),
    );
    for (const c of counts) m.addPilotCounts(c.counts);
    m.completePilot();
    progress('draws');

    // Pass 2: the other draws, merged in draw order as they come back.
    await unlessAborted(
      shareOut(
        workers,
        chunkRanges(shape.pilotDraws, spec.draws, CHUNK_DRAWS),
        stop,
        async (w, start, end) => {
          const r = await w.request<'mc-draws'>({ type: 'mc-draws', start, end });
          if (stop.aborted) return;
          m.add(r.chunk as DrawChunk);
          progress('draws');
        },
      ),
    );
  };

  try {
    await work();
  } catch (e) {
    if (signal.aborted) return { status: 'cancelled', merge, parameters, backends };
    inner.abort();
    throw e;
  }
  const status = signal.aborted ? 'cancelled' : 'done';
  return { status, merge, parameters, backends };
}
