/**
 * Percentile summaries that do not keep every run. Each summarised quantity (one metric of one run
 * at one reporting point) is a "row". Two mergeable sketches:
 *
 * - RangeSketch: exact minimum and maximum per row (from a pilot batch of draws).
 * - HistogramSketch: per row, `bins` equal bins over a range fixed before counting (the pilot's
 *   range widened by a margin), one underflow and one overflow bin, and the exact minimum and
 *   maximum. Counts are integers and min/max are exact, so merging is exact, associative and
 *   commutative: the same draws give bit-identical percentiles however they are split.
 *
 * Percentiles follow the linear-interpolation definition (Hyndman and Fan type 7, numpy's default):
 * the q-quantile of n sorted values x_0..x_{n-1} is x_j + (h - j)(x_{j+1} - x_j) with h = q(n - 1)
 * and j = floor(h). From a histogram, each order statistic x_r is estimated inside the bin that holds
 * it (values spread evenly across the bin, clipped to the exact min and max), so the estimate is off
 * by at most the width of that bin: `(hi - lo) / bins` for values inside the pilot range.
 */

export const PERCENTILE_KEYS = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;
export type PercentileKey = (typeof PERCENTILE_KEYS)[number];
export const PERCENTILE_FRACTIONS: Readonly<Record<PercentileKey, number>> = {
  p5: 0.05,
  p25: 0.25,
  p50: 0.5,
  p75: 0.75,
  p95: 0.95,
};

export interface RangeSketch {
  readonly rows: number;
  /** +Infinity for a row that has seen nothing. */
  readonly min: Float64Array;
  /** -Infinity for a row that has seen nothing. */
  readonly max: Float64Array;
}

export function newRangeSketch(rows: number): RangeSketch {
  return {
    rows,
    min: new Float64Array(rows).fill(Infinity),
    max: new Float64Array(rows).fill(-Infinity),
  };
}

/** Records one draw: `values[offset + row]` for every row. */
export function observeRange(sketch: RangeSketch, values: Float64Array, offset = 0): void {
  const { min, max, rows } = sketch;
  for (let r = 0; r < rows; r++) {
    const v = values[offset + r]!;
    if (v < min[r]!) min[r] = v;
    if (v > max[r]!) max[r] = v;
  }
}

export function mergeRanges(into: RangeSketch, from: RangeSketch): void {
  if (into.rows !== from.rows)
    throw new Error(`cannot merge range sketches of ${into.rows} and ${from.rows} rows`);
  for (let r = 0; r < into.rows; r++) {
    if (from.min[r]! < into.min[r]!) into.min[r] = from.min[r]!;
    if (from.max[r]! > into.max[r]!) into.max[r] = from.max[r]!;
  }
}

/** Where the bins of each row lie: bin k of row r covers [lo + k*width, lo + (k+1)*width). */
export interface BinLayout {
  readonly rows: number;
  readonly bins: number;
  readonly lo: Float64Array;
  /** 0 when the pilot saw a single value: the one bin holds exactly that value. */
  readonly width: Float64Array;
}

/**
 * Bins from a pilot's ranges, each widened by `margin` of its span on both sides so that later
 * draws rarely fall outside. Rows the pilot never saw get a zero-width range at 0.
 */
export function layoutFromRanges(ranges: RangeSketch, bins: number, margin = 0.1): BinLayout {
  if (!(Number.isInteger(bins) && bins >= 1))
    throw new Error(`bins must be a whole number >= 1, got ${bins}`);
  const lo = new Float64Array(ranges.rows);
  const width = new Float64Array(ranges.rows);
  for (let r = 0; r < ranges.rows; r++) {
    const a = ranges.min[r]!;
    const b = ranges.max[r]!;
    if (!(a <= b)) continue; // never observed
    const span = b - a;
    const l = a - margin * span;
    const w = (span * (1 + 2 * margin)) / bins;
    // A span too small to divide stays a single exact value.
    if (w > 0 && l + bins * w > l) {
      lo[r] = l;
      width[r] = w;
    } else {
      lo[r] = a;
      width[r] = 0;
    }
  }
  return { rows: ranges.rows, bins, lo, width };
}

export interface HistogramSketch {
  readonly rows: number;
  readonly layout: BinLayout;
  /** Per row, bins + 2 counts: [underflow, bin 0, ..., bin bins-1, overflow]. */
  readonly counts: Uint32Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
}

export function newHistogram(layout: BinLayout): HistogramSketch {
  return {
    rows: layout.rows,
    layout,
    counts: new Uint32Array(layout.rows * (layout.bins + 2)),
    min: new Float64Array(layout.rows).fill(Infinity),
    max: new Float64Array(layout.rows).fill(-Infinity),
  };
}

/** The counts slot (underflow 0, bins 1..bins, overflow bins+1) a value falls in. */
export function binOf(layout: BinLayout, row: number, v: number): number {
  const lo = layout.lo[row]!;
  const w = layout.width[row]!;
  const bins = layout.bins;
  if (v < lo) return 0;
  if (w === 0) return v === lo ? 1 : bins + 1;
  const k = Math.floor((v - lo) / w);
  if (k < bins) return k + 1;
  // The top edge itself belongs to the last bin.
  return v <= lo + bins * w ? bins : bins + 1;
}

/**
 * Records a batch of `draws` draws held row-major in `staging`: row r's values are
 * `staging[r * stride + d]` for d < draws. Row by row, so each row's bins stay in cache for the
 * whole batch (counting one draw at a time would miss the cache on nearly every value).
 */
export function observeHistogram(
  h: HistogramSketch,
  staging: Float64Array,
  draws: number,
  stride = draws,
): void {
  const { layout, counts, min, max } = h;
  const { rows, bins } = layout;
  const countStride = bins + 2;
  for (let r = 0; r < rows; r++) {
    const lo = layout.lo[r]!;
    const w = layout.width[r]!;
    const top = lo + bins * w;
    const base = r * countStride;
    const at = r * stride;
    let mn = min[r]!;
    let mx = max[r]!;
    for (let d = 0; d < draws; d++) {
      const v = staging[at + d]!;
      // Same rule as binOf, inlined for speed.
      let slot: number;
      if (v < lo) slot = 0;
      else if (w === 0) slot = v === lo ? 1 : bins + 1;
      else {
        const k = Math.floor((v - lo) / w);
        slot = k < bins ? k + 1 : v <= top ? bins : bins + 1;
      }
      counts[base + slot]!++;
      if (v < mn) mn = v;
      if (v > mx) mx = v;
    }
    min[r] = mn;
    max[r] = mx;
  }
}

export function mergeHistograms(into: HistogramSketch, from: HistogramSketch): void {
  const a = into.layout;
  const b = from.layout;
  if (a.rows !== b.rows || a.bins !== b.bins)
    throw new Error('cannot merge histograms with different layouts');
  for (let r = 0; r < a.rows; r++) {
    if (a.lo[r] !== b.lo[r] || a.width[r] !== b.width[r])
      throw new Error(`histogram layouts differ at row ${r}`);
  }
  const c = into.counts;
  const d = from.counts;
  for (let i = 0; i < c.length; i++) c[i]! += d[i]!;
  mergeRanges(into, from);
}

/** Number of values recorded in a row. */
export function rowCount(h: HistogramSketch, row: number): number {
  const stride = h.layout.bins + 2;
  let n = 0;
  for (let i = row * stride; i < (row + 1) * stride; i++) n += h.counts[i]!;
  return n;
}

/** Width of the interval an estimate in this row may be off by, for a value inside the range. */
export function binWidth(layout: BinLayout, row: number): number {
  return layout.width[row]!;
}

/**
 * An order statistic of a row estimated inside its slot, where `inSlot` of the slot's `count`
 * values come before it: the slot's values spread evenly over its interval, clipped to the row's
 * exact range [mn, mx].
 */
function inBin(
  slot: number,
  inSlot: number,
  count: number,
  lo: number,
  w: number,
  bins: number,
  mn: number,
  mx: number,
): number {
  let a: number;
  let b: number;
  if (slot === 0) {
    a = mn;
    b = lo;
  } else if (slot === bins + 1) {
    a = lo + bins * w;
    b = mx;
  } else {
    a = lo + (slot - 1) * w;
    b = w === 0 ? lo : lo + slot * w;
  }
  // Clip to the exact range (bin edges can round past it).
  a = a < mn ? mn : a > mx ? mx : a;
  b = b < mn ? mn : b > mx ? mx : b;
  if (b < a) b = a;
  return a + ((inSlot + 0.5) / count) * (b - a);
}

/**
 * Estimates the quantiles `fractions` (ascending, each in [0, 1]) of a row into `out`; NaN when the
 * row is empty. One pass over the row's bins. Returns the row's count of values (`n`, when the
 * caller knows it).
 */
export function histogramQuantiles(
  h: HistogramSketch,
  row: number,
  fractions: readonly number[],
  out: Float64Array,
  n = rowCount(h, row),
): number {
  const { layout, counts } = h;
  const bins = layout.bins;
  const stride = bins + 2;
  const base = row * stride;
  if (n === 0) {
    out.fill(NaN, 0, fractions.length);
    return 0;
  }
  const lo = layout.lo[row]!;
  const w = layout.width[row]!;
  const mn = h.min[row]!;
  const mx = h.max[row]!;
  // The order statistics the quantiles read (j and j + 1 for each), found in one pass over the
  // slots: fractions ascend, so their positions do.
  let slot = 0;
  let before = 0; // values in slots < slot
  let last = -1;
  let lastValue = NaN;
  for (let i = 0; i < fractions.length; i++) {
    const hq = fractions[i]! * (n - 1);
    const j = Math.floor(hq);
    const frac = hq - j;
    const two = frac > 0 && j + 1 < n;
    let x = NaN;
    let y = NaN;
    for (let k = 0; k < (two ? 2 : 1); k++) {
      const r = j + k;
      let v: number;
      if (r === last) v = lastValue;
      else {
        if (r < before) {
          slot = 0;
          before = 0;
        }
        while (before + counts[base + slot]! <= r) {
          before += counts[base + slot]!;
          slot++;
        }
        v = inBin(slot, r - before, counts[base + slot]!, lo, w, bins, mn, mx);
        last = r;
        lastValue = v;
      }
      if (k === 0) x = v;
      else y = v;
    }
    out[i] = two ? x + frac * (y - x) : x;
  }
  return n;
}

/** A histogram's counts and exact extremes, without its layout (one worker's part of a total). */
export type HistogramPart = Pick<HistogramSketch, 'counts' | 'min' | 'max'>;

/** The band quantiles of rows [start, end) of a histogram (see bandRows). */
export interface BandRows {
  readonly start: number;
  readonly end: number;
  /** Row start + i's quantiles at [i * fractions, (i + 1) * fractions). */
  readonly quantiles: Float64Array;
  /** Values the rows hold, and those in their underflow or overflow slot. */
  readonly total: number;
  readonly outside: number;
}

/**
 * The quantiles `fractions` of rows [start, end) of the histogram whose counts and extremes are
 * the sums of `parts`' (histograms of the same layout): each row merged on its own into a scratch
 * row, so the whole is never merged, and the results are those of the merged histogram to the bit
 * (integer counts, exact extremes). Threads may each take a range of rows.
 */
export function bandRows(
  layout: BinLayout,
  parts: readonly HistogramPart[],
  fractions: readonly number[],
  start: number,
  end: number,
): BandRows {
  if (!(start >= 0 && start <= end && end <= layout.rows))
    throw new Error(`rows ${start}..${end} outside 0..${layout.rows}`);
  const stride = layout.bins + 2;
  const f = fractions.length;
  const quantiles = new Float64Array((end - start) * f);
  const q = new Float64Array(f);
  let total = 0;
  let outside = 0;
  // One part is read where it is; several are summed row by row into a one-row sketch.
  if (parts.length === 0) throw new Error('no histogram to read');
  const one = parts.length === 1 ? parts[0]! : null;
  const scratch: HistogramSketch = {
    rows: 1,
    layout: { rows: 1, bins: layout.bins, lo: new Float64Array(1), width: new Float64Array(1) },
    counts: new Uint32Array(stride),
    min: new Float64Array(1),
    max: new Float64Array(1),
  };
  const whole: HistogramSketch | null = one && { rows: layout.rows, layout, ...one };
  for (let row = start; row < end; row++) {
    let h: HistogramSketch;
    let at: number;
    let n = 0;
    if (whole) {
      h = whole;
      at = row;
      n = rowCount(whole, row);
    } else {
      h = scratch;
      at = 0;
      // The first part's row copied, the others added (the last addition counts the values).
      const c = scratch.counts;
      const base = row * stride;
      c.set(parts[0]!.counts.subarray(base, base + stride));
      let mn = parts[0]!.min[row]!;
      let mx = parts[0]!.max[row]!;
      for (let p = 1; p < parts.length; p++) {
        const part = parts[p]!;
        const pc = part.counts;
        if (p === parts.length - 1) {
          n = 0;
          for (let i = 0; i < stride; i++) n += c[i]! += pc[base + i]!;
        } else for (let i = 0; i < stride; i++) c[i]! += pc[base + i]!;
        if (part.min[row]! < mn) mn = part.min[row]!;
        if (part.max[row]! > mx) mx = part.max[row]!;
      }
      scratch.layout.lo[0] = layout.lo[row]!;
      scratch.layout.width[0] = layout.width[row]!;
      scratch.min[0] = mn;
      scratch.max[0] = mx;
    }
    total += histogramQuantiles(h, at, fractions, q, n);
    outside += h.counts[at * stride]! + h.counts[at * stride + stride - 1]!;
    quantiles.set(q, (row - start) * f);
  }
  return { start, end, quantiles, total, outside };
}

/**
 * Exact type-7 quantile of values sorted ascending, where null stands for "not reached" (a payback
 * week that never came) and sorts after every number; a quantile that needs a null is null.
 */
export function exactQuantile(sorted: readonly (number | null)[], fraction: number): number | null {
  return quantileOf(sorted.length, fraction, (i) => sorted[i]!);
}

/**
 * exactQuantile of n values whose first `numbers` are the numbers `sorted[0..numbers)` (ascending)
 * and the rest null, without building that list.
 */
export function exactQuantileOfNumbers(
  sorted: Float64Array,
  numbers: number,
  n: number,
  fraction: number,
): number | null {
  return quantileOf(n, fraction, (i) => (i < numbers ? sorted[i]! : null));
}

function quantileOf(n: number, fraction: number, at: (i: number) => number | null): number | null {
  if (n === 0) return null;
  const hq = fraction * (n - 1);
  const j = Math.floor(hq);
  const frac = hq - j;
  const x = at(j);
  if (x === null) return null;
  if (!(frac > 0) || j + 1 >= n) return x;
  const y = at(j + 1);
  return y === null ? null : x + frac * (y - x);
}

/** Sorts numbers ascending with nulls last (see exactQuantile). */
export function sortWithNullsLast(values: Iterable<number | null>): (number | null)[] {
  return [...values].sort((a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : a - b));
}

export type PercentileSet = Record<PercentileKey, number | null>;

export interface KpiPercentiles extends PercentileSet {
  /** Share of draws in which the KPI is null (not reached within the horizon). */
  readonly nullShare: number;
}

export function percentilesOf(values: Iterable<number | null>): KpiPercentiles {
  const sorted = sortWithNullsLast(values);
  let nulls = 0;
  for (const v of sorted) if (v === null) nulls++;
  const set = Object.fromEntries(
    PERCENTILE_KEYS.map((k) => [k, exactQuantile(sorted, PERCENTILE_FRACTIONS[k])]),
  ) as PercentileSet;
  return { ...set, nullShare: sorted.length === 0 ? 0 : nulls / sorted.length };
}
