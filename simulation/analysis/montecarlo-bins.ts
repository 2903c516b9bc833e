/**
 * Counting Monte Carlo draws into the band histograms, fast. A draw's band values (every metric
 * of every run at every point: tens of thousands of rows) are turned into their histogram slots
 * as they are read from the run's buffer, in row order, and kept as small integers (a byte for
 * up to 254 bins), draw-major: a batch of 64 draws is a few megabytes that stay in cache, where
 * the values themselves were tens of megabytes written with a stride. Each row's counts are then
 * incremented for the whole batch at once. The slots are those of binOf and the minimum and
 * maximum are the exact values, so the histograms are identical to counting the values one by
 * one (montecarlo-summary's observeHistogram), to the bit.
 *
 * While a batch is staged, each row's bin start, bin width, minimum and maximum sit side by side
 * in one array (32 bytes a row, read in row order): one stream of memory instead of four, which
 * makes staging about a third faster than reading the layout's and the histogram's own arrays.
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

function binCapacity(staging: BinStaging): number {
  return staging instanceof Uint8Array ? 0x100 : staging instanceof Uint16Array ? 0x10000 : 2 ** 32;
}

/**
 * The counts slot of value v in a row whose bins start at l and are w wide: binOf's rule, small
 * enough to be inlined. Where w > 0 and v >= l, p = (v - l) / w is 0 or more (or NaN), and when
 * p < bins (at most 100,000) binOf's floor(p) is p truncated, `p | 0`, without Math.floor and the
 * conversion of a double to an index: the same slot for every value (NaN fails `p < bins` and
 * `v <= top` and lands in the overflow, as in binOf).
 */
function slotIn(v: number, l: number, w: number, bins: number): number {
  if (v < l) return 0;
  if (w === 0) return v === l ? 1 : bins + 1;
  const p = (v - l) / w;
  return p < bins ? (p | 0) + 1 : v <= l + bins * w ? bins : bins + 1;
}

/** Per row, 4 numbers: bin start, bin width, minimum so far, maximum so far. */
const ROW_INFO = 4;

/**
 * Draws staged for one histogram: begin() takes in its layout, minimum and maximum, stage() adds
 * the job's last draw, and end() counts what is staged and writes the minimum and maximum back.
 * Between end() and the next begin() the histogram is complete and may be read, merged or sent.
 * begin() on the histogram already begun continues it (a worker counts its chunks as one batch
 * stream and ends before it sends the histogram); begin() on another ends the first.
 */
export class BinCounter {
  private readonly info: Float64Array;
  private readonly staging: BinStaging;
  private histogram: HistogramSketch | null = null;
  private layoutOf: HistogramSketch['layout'] | null = null;
  private staged = 0;

  constructor(
    readonly rows: number,
    bins: number,
    /** Draws a batch holds. */
    readonly batch: number,
  ) {
    this.info = new Float64Array(rows * ROW_INFO);
    this.staging = newBinStaging(rows, bins, batch);
  }

  /** Starts counting into `h` (of this counter's rows and bins). */
  begin(h: HistogramSketch): void {
    if (this.histogram === h) return;
    this.end();
    if (h.rows !== this.rows || h.layout.bins + 2 > binCapacity(this.staging))
      throw new Error(`a histogram of ${h.rows} rows and ${h.layout.bins} bins does not fit`);
    const info = this.info;
    if (this.layoutOf !== h.layout) {
      const { lo, width } = h.layout;
      for (let r = 0, o = 0; r < h.rows; r++, o += ROW_INFO) {
        info[o] = lo[r]!;
        info[o + 1] = width[r]!;
      }
      this.layoutOf = h.layout;
    }
    const { min, max } = h;
    for (let r = 0, o = 0; r < h.rows; r++, o += ROW_INFO) {
      info[o + 2] = min[r]!;
      info[o + 3] = max[r]!;
    }
    this.histogram = h;
    this.staged = 0;
  }

  /** Stages the job's last draw (counting the batch when it is full). */
  stage(job: MonteCarloJob): void {
    if (!this.histogram) throw new Error('stage() before begin()');
    if (job.rows !== this.rows) throw new Error(`a job of ${job.rows} rows for ${this.rows}`);
    stageDraw(job, this.info, this.histogram.layout.bins, this.staging, this.staged);
    if (++this.staged === this.batch) {
      countStaged(this.histogram, this.staging, this.staged);
      this.staged = 0;
    }
  }

  /**
   * Stages one draw's rows as gatherRows wrote them (`values[offset + row]`), like stage() after
   * that draw's run.
   */
  stageRows(values: Float64Array, offset: number): void {
    if (!this.histogram) throw new Error('stageRows() before begin()');
    const info = this.info;
    const bins = this.histogram.layout.bins;
    const staging = this.staging;
    let at = this.staged * this.rows;
    for (let row = 0, o = 0; row < this.rows; row++, o += ROW_INFO) {
      const v = values[offset + row]!;
      staging[at++] = slotIn(v, info[o]!, info[o + 1]!, bins);
      if (v < info[o + 2]!) info[o + 2] = v;
      if (v > info[o + 3]!) info[o + 3] = v;
    }
    if (++this.staged === this.batch) {
      countStaged(this.histogram, staging, this.staged);
      this.staged = 0;
    }
  }

  /** Counts the draws still staged and writes the exact minimum and maximum to the histogram. */
  end(): void {
    const h = this.histogram;
    if (!h) return;
    if (this.staged > 0) countStaged(h, this.staging, this.staged);
    this.staged = 0;
    const info = this.info;
    const { min, max } = h;
    for (let r = 0, o = 0; r < h.rows; r++, o += ROW_INFO) {
      min[r] = info[o + 2]!;
      max[r] = info[o + 3]!;
    }
    this.histogram = null;
  }
}

/**
 * Stages the last draw of the job as draw `d` of the batch: `staging[d * rows + row]` is the
 * row's counts slot (underflow 0, bins 1..bins, overflow bins + 1, as binOf), and the row's
 * minimum and maximum in `info` take the value in.
 */
function stageDraw(
  job: MonteCarloJob,
  info: Float64Array,
  bins: number,
  staging: BinStaging,
  d: number,
): void {
  const { runner } = job;
  const points = runner.points;
  let o = 0;
  let at = d * job.rows;
  for (let r = 0; r < runner.runCount; r++) {
    const values = runner.values(r);
    const n = runner.slotCount(r);
    const slots = job.slots[r]!;
    const m = slots.length;
    for (let k = 0; k < points; k++) {
      const base = k * n;
      for (let j = 0; j < m; j++, o += ROW_INFO) {
        const v = values[base + slots[j]!]!;
        staging[at++] = slotIn(v, info[o]!, info[o + 1]!, bins);
        if (v < info[o + 2]!) info[o + 2] = v;
        if (v > info[o + 3]!) info[o + 3] = v;
      }
    }
  }
}

/** Adds the first `draws` staged draws to the histogram's counts, row by row. */
function countStaged(h: HistogramSketch, staging: BinStaging, draws: number): void {
  const { counts, rows } = h;
  const stride = h.layout.bins + 2;
  const span = draws * rows;
  for (let row = 0, base = 0; row < rows; row++, base += stride) {
    for (let at = row, end = row + span; at < end; at += rows) counts[base + staging[at]!]!++;
  }
}
