/**
 * Counting Monte Carlo draws into the band histograms, fast. A draw's band values (every metric
 * of every run at every point: tens of thousands of rows) are turned into their histogram slots
 * as they are read from the run's buffer, in row order, and kept as small integers (a byte for
 * up to 254 bins), draw-major: a batch of 64 draws is a few megabytes that stay in cache, where
 * the values themselves were tens of megabytes written with a stride. Each row's counts are then
 * incremented for the whole batch at once. The slots are those of binOf and the minimum and
 * maximum are the exact values, so the histograms are identical to counting the values one by
 * one (montecarlo-summary's observeHistogram), to the bit.
 */
import type { MonteCarloJob } from './montecarlo';
import type { HistogramSketch } from './montecarlo-summary';

export type BinStaging = Uint8Array | Uint16Array | Uint32Array;

/** Staging for `draws` draws of `rows` rows: the smallest integers that hold bins + 2 slots. */
export function newBinStaging(rows: number, bins: number, draws: number): BinStaging {
  const n = rows * draws;
  if (bins + 2 <= 0x100) return new Uint8Array(n);
  if (bins + 2 <= 0x10000) return new Uint16Array(n);
  return new Uint32Array(n);
}

/**
 * Stages the last draw of the job as draw `d` of the batch: `staging[d * rows + row]` is the
 * row's counts slot (underflow 0, bins 1..bins, overflow bins + 1, as binOf), and the
 * histogram's exact minimum and maximum take the value in.
 */
export function stageDraw(
  job: MonteCarloJob,
  h: HistogramSketch,
  staging: BinStaging,
  d: number,
): void {
  const { runner } = job;
  const { lo, width, bins } = h.layout;
  const { min, max } = h;
  const points = runner.points;
  let row = 0;
  let at = d * job.rows;
  for (let r = 0; r < runner.runCount; r++) {
    const values = runner.values(r);
    const n = runner.slotCount(r);
    const slots = job.slots[r]!;
    const m = slots.length;
    for (let k = 0; k < points; k++) {
      const base = k * n;
      for (let j = 0; j < m; j++) {
        const v = values[base + slots[j]!]!;
        const l = lo[row]!;
        const w = width[row]!;
        let slot: number;
        if (v < l) slot = 0;
        else if (w === 0) slot = v === l ? 1 : bins + 1;
        else {
          const q = Math.floor((v - l) / w);
          slot = q < bins ? q + 1 : v <= l + bins * w ? bins : bins + 1;
        }
        staging[at++] = slot;
        if (v < min[row]!) min[row] = v;
        if (v > max[row]!) max[row] = v;
        row++;
      }
    }
  }
}

/** Adds the first `draws` staged draws to the histogram's counts, row by row. */
export function countStaged(h: HistogramSketch, staging: BinStaging, draws: number): void {
  const { counts, rows } = h;
  const stride = h.layout.bins + 2;
  for (let row = 0; row < rows; row++) {
    const base = row * stride;
    for (let d = 0, at = row; d < draws; d++, at += rows) counts[base + staging[at]!]!++;
  }
}
