/**
 * The pilot's draws, kept for the count. Pass 1 (the pilot) runs the first draws to fix each
 * row's bins; pass 2 counts every draw into those bins. A thread keeps the rows and KPIs of the
 * pilot draws it ran (when they fit in PILOT_KEEP_BYTES) and counts them from memory in pass 2
 * instead of running them again: the same values, so the same counts, extremes and KPI rows.
 */
import {
  gatherRows,
  newKpiTables,
  recordKpis,
  type KpiTables,
  type MonteCarloJob,
} from './montecarlo';
import {
  newRangeSketch,
  observeRange,
  type HistogramSketch,
  type RangeSketch,
} from './montecarlo-summary';

/** The most a thread keeps of its pilot draws' rows (the default job keeps 17 MB per 64 draws). */
export const PILOT_KEEP_BYTES = 64 * 2 ** 20;

/** Pilot draws [start, start + count) kept: draw d's rows at `rows[d * job.rows + row]`. */
export interface PilotBlock {
  readonly start: number;
  readonly count: number;
  readonly rows: Float64Array;
  readonly kpis: KpiTables;
}

/** Pass 1 on draws [start, end): exact ranges of every row, and the draws kept when they fit. */
export function pilotKeeping(
  job: MonteCarloJob,
  start: number,
  end: number,
  into: RangeSketch = newRangeSketch(job.rows),
  keepBytes = PILOT_KEEP_BYTES,
): { ranges: RangeSketch; block: PilotBlock | null } {
  const count = Math.max(0, end - start);
  const keep = count > 0 && job.rows * count * 8 <= keepBytes;
  const rows = new Float64Array(job.rows * (keep ? count : 1));
  const kpis = keep ? newKpiTables(job.runCount, start, count) : null;
  // In the band counter's WebAssembly where it has it: these draws run while the page or the
  // worker has just started, when the same loops in JavaScript have not been compiled yet.
  const wasm = job.counter.rangeReader(job, into);
  job.runner.planUntil(end);
  for (let i = start; i < end; i++) {
    job.runner.run(i);
    const row = keep ? rows.subarray((i - start) * job.rows, (i - start + 1) * job.rows) : rows;
    if (wasm) wasm.read(row);
    else {
      gatherRows(job, row);
      observeRange(into, row);
    }
    if (kpis) recordKpis(job, kpis, i);
  }
  wasm?.end();
  return { ranges: into, block: kpis ? { start, count, rows, kpis } : null };
}

/**
 * Pass 2 on a kept pilot block: what accumulateDraws on its draws gives (`finish` as there),
 * without running them.
 */
export function accumulatePilot(
  job: MonteCarloJob,
  histogram: HistogramSketch,
  block: PilotBlock,
  finish = true,
): KpiTables {
  const { counter } = job;
  counter.begin(histogram);
  for (let d = 0; d < block.count; d++) counter.stageRows(block.rows, d * job.rows);
  if (finish) counter.end();
  return block.kpis;
}
