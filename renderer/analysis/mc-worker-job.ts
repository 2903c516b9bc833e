/**
 * What one analysis worker does for a Monte Carlo job (pure: runs in a Web Worker and in Node).
 * The same two passes as the CLI's worker threads (simulation/analysis/montecarlo.ts), built from
 * the same functions, with three differences that leave every number unchanged:
 *
 * - Pilot draws are run once: their rows are kept and counted into the histogram when the bin
 *   layout arrives (the CLI runs them again in pass 2; counts and min/max do not depend on when a
 *   value is counted).
 * - Each chunk of draws returns its own histogram (the counts of that chunk only), so the page can
 *   merge chunks as they arrive and draw bands that fill in; merging is exact (integer counts,
 *   exact min and max), so any split gives the CLI's summary. Only the slots with a count travel:
 *   32 draws of the default scenario fill about 26 of each row's 202 slots, 0.55 MB with the
 *   ranges instead of the 2 MB of a dense histogram of eight band metrics over 156 weeks, which
 *   the page would add up slot by slot and then collect.
 * - Each draw's drawn parameter values travel with its KPIs (for the global sensitivity ranking).
 */
import {
  BATCH_DRAWS,
  createJob,
  DIFFERENCE_KEYS,
  gatherRows,
  KPI_KEYS,
  newHistogram,
  mergeRanges,
  newKpiTables,
  observeHistogram,
  type BinLayout,
  type HistogramSketch,
  type KpiTables,
  type MonteCarloJob,
  type MonteCarloSpec,
} from '../../simulation';
import type { Backend } from '../../simulation/engine/compile';
import type { CompiledModelCache } from '../../simulation/analysis/model-cache';

/** The results of draws [start, start + count) of one worker. */
export interface DrawChunk {
  readonly start: number;
  readonly count: number;
  /** Per run, KPI_KEYS per draw (null as NaN). */
  readonly runs: Float64Array[];
  /** DIFFERENCE_KEYS per draw, or null for a single run. */
  readonly differences: Float64Array | null;
  /** The uncertain parameters' drawn values, `uncertain.length` per draw. */
  readonly parameters: Float64Array;
  /** Counts of these draws only (null until the layout is known: pilot chunks). */
  readonly histogram: HistogramCounts | null;
}

/**
 * A histogram's mutable parts, as they cross between threads (the layout is agreed apart): the
 * count slots that are not zero (`row * (bins + 2) + slot`, ascending) with their counts, and
 * each row's range.
 */
export interface HistogramCounts {
  readonly slots: Uint32Array;
  readonly counts: Uint32Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

export interface PilotResult {
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly chunk: DrawChunk;
}

function emptyChunk(job: MonteCarloJob, start: number, count: number): DrawChunk & KpiTables {
  const t = newKpiTables(job.runCount, start, count);
  return {
    ...t,
    parameters: new Float64Array(count * job.runner.uncertain.length),
    histogram: null,
  };
}

/** Writes the last draw's KPIs, differences and parameters at position `at` of a chunk. */
function recordDraw(job: MonteCarloJob, chunk: DrawChunk, at: number): void {
  const { runner } = job;
  for (let r = 0; r < runner.runCount; r++)
    runner.writeKpis(r, chunk.runs[r]!, at * KPI_KEYS.length);
  if (chunk.differences) runner.writeDifferences(chunk.differences, at * DIFFERENCE_KEYS.length);
  const p = runner.uncertain.length;
  chunk.parameters.set(runner.drawnParameters().subarray(0, p), at * p);
}

/** The counts of `h` that are not zero, and copies of its ranges (h can be reused). */
export function countsOf(h: HistogramSketch): HistogramCounts {
  const c = h.counts;
  let n = 0;
  for (let i = 0; i < c.length; i++) if (c[i] !== 0) n++;
  const slots = new Uint32Array(n);
  const counts = new Uint32Array(n);
  for (let i = 0, k = 0; i < c.length; i++) {
    if (c[i] !== 0) {
      slots[k] = i;
      counts[k++] = c[i]!;
    }
  }
  return { slots, counts, min: h.min.slice(), max: h.max.slice() };
}

/**
 * Adds counts to a histogram of the layout they were counted with: the same sums, minima and
 * maxima as simulation's mergeHistograms with the dense counts.
 */
export function addCounts(into: HistogramSketch, from: HistogramCounts): void {
  const c = into.counts;
  const { slots, counts } = from;
  if (slots.length !== counts.length) throw new Error('histogram counts without their slots');
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (slot >= c.length) throw new Error('histogram counts outside the layout');
    c[slot]! += counts[i]!;
  }
  mergeRanges(into, { rows: into.rows, min: from.min, max: from.max });
}

/** Empties a histogram for reuse. */
function clear(h: HistogramSketch): void {
  h.counts.fill(0);
  h.min.fill(Infinity);
  h.max.fill(-Infinity);
}

export class MonteCarloWorkerJob {
  readonly job: MonteCarloJob;
  /** The histogram each chunk of draws is counted into (emptied for the next). */
  private chunkHistogram: HistogramSketch | null = null;
  /** Pilot blocks' rows, each row-major (`rows[row * count + d]`), until counted. */
  private pilotBlocks: { rows: Float64Array; count: number }[] = [];

  /** A batch of draws' band values, row-major (BATCH_DRAWS per row), waiting to be counted. */
  private readonly staging: Float64Array;

  /**
   * `models`: the worker's cache of compiled models on its backend (renderer/engine/backend.ts),
   * so a second Monte Carlo of the same structure compiles nothing; or a backend (the interpreter
   * in the page's thread).
   */
  constructor(
    readonly spec: MonteCarloSpec,
    models: Backend | CompiledModelCache = 'interpreter',
  ) {
    this.job = createJob(spec, models);
    this.staging = new Float64Array(BATCH_DRAWS * this.job.rows);
  }

  /** Pass 1 on draws [start, end): each row's range, and the draws' KPIs; rows kept for later. */
  pilot(start: number, end: number): PilotResult {
    const job = this.job;
    const count = Math.max(0, end - start);
    const rows = new Float64Array(job.rows * count);
    const chunk = emptyChunk(job, start, count);
    for (let d = 0; d < count; d++) {
      job.runner.run(start + d);
      gatherRows(job, rows, d, count);
      recordDraw(job, chunk, d);
    }
    const min = new Float64Array(job.rows).fill(Infinity);
    const max = new Float64Array(job.rows).fill(-Infinity);
    for (let r = 0; r < job.rows; r++) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let d = r * count, e = d + count; d < e; d++) {
        const v = rows[d]!;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      min[r] = lo;
      max[r] = hi;
    }
    if (count > 0) this.pilotBlocks.push({ rows, count });
    return { min, max, chunk };
  }

  /** Takes the agreed bins; returns the counts of every pilot draw this worker ran. */
  setLayout(layout: BinLayout): HistogramCounts {
    if (layout.rows !== this.job.rows || layout.bins !== this.job.bins)
      throw new Error('the bin layout does not fit this Monte Carlo job');
    this.chunkHistogram = newHistogram(layout);
    const h = newHistogram(layout);
    for (const b of this.pilotBlocks) observeHistogram(h, b.rows, b.count, b.count);
    this.pilotBlocks = [];
    return countsOf(h);
  }

  /** Pass 2 on draws [start, end): their KPIs, parameters and histogram counts. */
  draws(start: number, end: number): DrawChunk {
    const h = this.chunkHistogram;
    if (!h) throw new Error('draws before the bin layout');
    clear(h);
    const job = this.job;
    const count = Math.max(0, end - start);
    const chunk = emptyChunk(job, start, count);
    const staging = this.staging;
    let batched = 0;
    for (let d = 0; d < count; d++) {
      job.runner.run(start + d);
      gatherRows(job, staging, batched, BATCH_DRAWS);
      if (++batched === BATCH_DRAWS) {
        observeHistogram(h, staging, batched, BATCH_DRAWS);
        batched = 0;
      }
      recordDraw(job, chunk, d);
    }
    if (batched > 0) observeHistogram(h, staging, batched, BATCH_DRAWS);
    return { ...chunk, histogram: countsOf(h) };
  }
}

/** The buffers of a chunk, to transfer rather than copy. */
export function chunkBuffers(chunk: DrawChunk): ArrayBuffer[] {
  const out = chunk.runs.map((a) => a.buffer as ArrayBuffer);
  if (chunk.differences) out.push(chunk.differences.buffer as ArrayBuffer);
  out.push(chunk.parameters.buffer as ArrayBuffer);
  if (chunk.histogram) out.push(...histogramBuffers(chunk.histogram));
  return out;
}

export function histogramBuffers(h: HistogramCounts): ArrayBuffer[] {
  return [h.slots.buffer, h.counts.buffer, h.min.buffer, h.max.buffer] as ArrayBuffer[];
}
