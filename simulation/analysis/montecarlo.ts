/**
 * Monte Carlo over seeds and parameter uncertainty, summarised without keeping every run.
 *
 * Two passes over deterministic draws (see montecarlo-draws.ts):
 * 1. a pilot of the first `pilotDraws` draws records each row's exact range (RangeSketch);
 * 2. all draws are counted into histograms over those ranges (HistogramSketch), and every draw's
 *    KPIs are kept (a few numbers per draw) for exact KPI percentiles.
 * Both sketches merge exactly, and draw i depends only on (base seed, i): any split of the draws
 * across threads (cli/ runs them on worker threads) gives bit-identical summaries.
 */
import type { Backend } from '../engine/compile';
import type { CompiledModelCache } from './model-cache';
import type { RunSettings } from '../engine/types';
import type { Scenario } from '../scenario/types';
import { BinCounter } from './montecarlo-bins';
import { accumulatePilot, pilotKeeping } from './montecarlo-pilot';
import { columnPercentiles } from './montecarlo-wins';
import {
  DIFFERENCE_KEYS,
  DrawRunner,
  KPI_KEYS,
  type DifferenceKey,
  type KpiKey,
} from './montecarlo-draws';
import {
  bandRows,
  layoutFromRanges,
  newHistogram,
  newRangeSketch,
  observeRange,
  PERCENTILE_FRACTIONS,
  PERCENTILE_KEYS,
  type BandRows,
  type BinLayout,
  type HistogramSketch,
  type KpiPercentiles,
  type PercentileKey,
  type RangeSketch,
} from './montecarlo-summary';

export * from './montecarlo-draws';
export * from './montecarlo-pilot';
export * from './montecarlo-summary';

export const DEFAULT_BINS = 200;
export const DEFAULT_PILOT_DRAWS = 128;
export const MAX_DRAWS = 100_000;

export interface MonteCarloSpec {
  readonly scenario: Scenario;
  /** Horizon, step and mode of every draw; `seed` is the base seed the draws derive theirs from. */
  readonly settings: RunSettings;
  readonly draws: number;
  /** Bins per row of the histograms (resolution of the bands: range / bins). */
  readonly bins?: number;
  readonly pilotDraws?: number;
  /** Metrics to summarise as bands; default: the global metrics (names without a dot). */
  readonly bandMetrics?: readonly string[];
}

/** The global metrics of a run: every metric whose name is not per data product or AI consumer. */
export function mainMetrics(runner: DrawRunner): string[] {
  const common = runner.metricNames(0).filter((m) => !m.includes('.'));
  for (let r = 1; r < runner.runCount; r++) {
    const names = new Set(runner.metricNames(r));
    if (common.some((m) => !names.has(m)))
      throw new Error('compared runs do not share their global metrics');
  }
  return common;
}

/** What every thread working on a job agrees on: the rows summarised and how. */
export interface MonteCarloShape {
  readonly runCount: number;
  /** Reporting points per run: steps + 1. */
  readonly points: number;
  readonly bandMetrics: readonly string[];
  readonly rows: number;
  readonly bins: number;
  readonly pilotDraws: number;
}

/** A job compiled on this thread: its shape, models and buffers. */
export interface MonteCarloJob extends MonteCarloShape {
  readonly spec: MonteCarloSpec;
  readonly runner: DrawRunner;
  /** For run r and band metric m, the metric's position in each point of the run's buffer. */
  readonly slots: readonly Int32Array[];
  /** Counts the draws into a histogram in batches (see montecarlo-bins.ts). */
  readonly counter: BinCounter;
}

export function validateSpec(spec: MonteCarloSpec): void {
  const { draws } = spec;
  if (!(Number.isInteger(draws) && draws >= 1 && draws <= MAX_DRAWS)) {
    throw new RangeError(`draws must be a whole number from 1 to ${MAX_DRAWS}, got ${draws}`);
  }
  const bins = spec.bins ?? DEFAULT_BINS;
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= 100_000))
    throw new RangeError(`bins must be a whole number from 1 to 100000, got ${bins}`);
  const pilot = spec.pilotDraws ?? DEFAULT_PILOT_DRAWS;
  if (!(Number.isInteger(pilot) && pilot >= 1))
    throw new RangeError(`pilotDraws must be a whole number >= 1, got ${pilot}`);
}

/** Compiles the models of a job on this thread (every worker calls this with the same spec). */
/** `models`: the backend, or a thread's cache of compiled models (see DrawRunner). */
export function createJob(
  spec: MonteCarloSpec,
  models: Backend | CompiledModelCache,
): MonteCarloJob {
  validateSpec(spec);
  const runner = new DrawRunner(spec.scenario, spec.settings, models);
  const bandMetrics = spec.bandMetrics ? [...spec.bandMetrics] : mainMetrics(runner);
  // Each draw keeps only the band metrics (first, so gathering reads each point's in one block)
  // and the series its KPIs need.
  runner.keepOnly(bandMetrics);
  const rows = runner.runCount * bandMetrics.length * runner.points;
  const slots = Array.from({ length: runner.runCount }, (_, r) =>
    Int32Array.from(bandMetrics.map((m) => runner.slotOf(r, m))),
  );
  const bins = spec.bins ?? DEFAULT_BINS;
  const counter = new BinCounter(rows, bins, COUNT_BATCH_DRAWS, {
    series: {
      points: runner.points,
      runs: slots.map((s, r) => ({ width: runner.slotCount(r), slots: s })),
    },
  });
  // The runs write their kept series where the counter reads them (no copy per draw).
  for (let r = 0; r < runner.runCount; r++) {
    const buffer = counter.seriesBuffer(r);
    if (buffer) runner.placeSeries(r, buffer);
  }
  return {
    spec,
    runner,
    runCount: runner.runCount,
    points: runner.points,
    bandMetrics,
    slots,
    rows,
    bins,
    pilotDraws: Math.min(spec.draws, spec.pilotDraws ?? DEFAULT_PILOT_DRAWS),
    counter,
  };
}

/**
 * Row of run r, reporting point k, band metric m. Rows are ordered (run, point, metric) so that
 * gathering a draw reads each point's state vector once, in order.
 */
export function rowOf(shape: MonteCarloShape, run: number, point: number, metric: number): number {
  return (run * shape.points + point) * shape.bandMetrics.length + metric;
}

/** The shape alone (plain data: it crosses to and from worker threads). */
export function shapeOf(job: MonteCarloShape): MonteCarloShape {
  const { runCount, points, bandMetrics, rows, bins, pilotDraws } = job;
  return { runCount, points, bandMetrics: [...bandMetrics], rows, bins, pilotDraws };
}

/**
 * Copies the last draw's band metrics into `out[row * stride + column]` for every row: stride 1 for
 * one draw's row vector, or a batch's column (see observeHistogram).
 */
export function gatherRows(job: MonteCarloJob, out: Float64Array, column = 0, stride = 1): void {
  const { runner } = job;
  const points = runner.points;
  let i = column;
  for (let r = 0; r < runner.runCount; r++) {
    const values = runner.values(r);
    const n = runner.slotCount(r);
    const slots = job.slots[r]!;
    const m = slots.length;
    for (let k = 0; k < points; k++) {
      const base = k * n;
      for (let j = 0; j < m; j++) {
        out[i] = values[base + slots[j]!]!;
        i += stride;
      }
    }
  }
}

/** Pass 1 on draws [start, end): exact ranges of every row. */
export function pilotRanges(
  job: MonteCarloJob,
  start: number,
  end: number,
  into = newRangeSketch(job.rows),
): RangeSketch {
  const row = new Float64Array(job.rows);
  for (let i = start; i < end; i++) {
    job.runner.run(i);
    gatherRows(job, row);
    observeRange(into, row);
  }
  return into;
}

/** Every draw's KPIs for draws [start, start + count): rows of KPI_KEYS / DIFFERENCE_KEYS, null as NaN. */
export interface KpiTables {
  readonly start: number;
  readonly count: number;
  readonly runs: Float64Array[];
  /** Null when the comparison has a single run. */
  readonly differences: Float64Array | null;
}

export function newKpiTables(runCount: number, start: number, count: number): KpiTables {
  return {
    start,
    count,
    runs: Array.from({ length: runCount }, () => new Float64Array(count * KPI_KEYS.length)),
    differences: runCount === 2 ? new Float64Array(count * DIFFERENCE_KEYS.length) : null,
  };
}

/** Copies a chunk's KPI rows into the table covering all draws. */
export function mergeKpiTables(into: KpiTables, chunk: KpiTables): void {
  const at = chunk.start - into.start;
  if (at < 0 || at + chunk.count > into.count) throw new Error('KPI chunk outside the table');
  chunk.runs.forEach((t, r) => into.runs[r]!.set(t, at * KPI_KEYS.length));
  if (chunk.differences && into.differences)
    into.differences.set(chunk.differences, at * DIFFERENCE_KEYS.length);
}

/** Draws staged per histogram batch (see montecarlo-bins.ts). */
export const BATCH_DRAWS = 64;

/**
 * Draws the band counter stages before it counts them (montecarlo-bins.ts): each pass over the
 * counts (tens of megabytes, which no cache holds) then serves 256 draws. Its staging is a byte
 * per row per draw (9 MB for the default job at 520 weeks).
 */
export const COUNT_BATCH_DRAWS = 256;

/**
 * Pass 2 on draws [start, end): histogram counts and KPI rows. With `finish` false the last
 * batch may stay staged (counted with the next call's draws): the histogram is complete only
 * after finishCounting (a worker counts many chunks into one histogram before it sends it).
 */
export function accumulateDraws(
  job: MonteCarloJob,
  histogram: HistogramSketch,
  start: number,
  end: number,
  kpis = newKpiTables(job.runner.runCount, start, end - start),
  finish = true,
): KpiTables {
  const { runner, counter } = job;
  counter.begin(histogram);
  runner.planUntil(end);
  for (let i = start; i < end; i++) {
    runner.run(i);
    counter.stage(job);
    recordKpis(job, kpis, i);
  }
  if (finish) counter.end();
  return kpis;
}

/** Counts the draws still staged into the histogram they were staged for (see accumulateDraws). */
export function finishCounting(job: MonteCarloJob): void {
  job.counter.end();
}

/**
 * finishCounting, for a histogram about to be sent to another thread: its counts to send, which
 * are the band counter's own where its memory is shared (no copy; the job counts no more), else
 * the histogram's (see BinCounter.lendCounts).
 */
export function finishCountingToSend(job: MonteCarloJob): Uint32Array {
  return job.counter.lendCounts();
}

/** Writes the last draw's KPIs (draw `draw`) into its rows of `kpis`. */
export function recordKpis(job: MonteCarloJob, kpis: KpiTables, draw: number): void {
  const { runner } = job;
  const at = draw - kpis.start;
  for (let r = 0; r < runner.runCount; r++)
    runner.writeKpis(r, kpis.runs[r]!, at * KPI_KEYS.length);
  if (kpis.differences) runner.writeDifferences(kpis.differences, at * DIFFERENCE_KEYS.length);
}

export type Bands = Record<PercentileKey, Float64Array>;

export interface RunSummary {
  /** Per band metric, per percentile, one value per reporting point. */
  readonly bands: Record<string, Bands>;
  readonly kpiPercentiles: Record<KpiKey, KpiPercentiles>;
}

export interface MonteCarloSummary {
  readonly draws: number;
  readonly bins: number;
  readonly pilotDraws: number;
  readonly bandMetrics: readonly string[];
  readonly runs: readonly RunSummary[];
  readonly differencePercentiles: Record<DifferenceKey, KpiPercentiles> | null;
  /** Share of all recorded values that fell outside the pilot's widened range (coarser estimates). */
  readonly outsideRangeShare: number;
}

/** Exact percentiles of every column of a draws table (columnPercentiles: no comparator sort). */
function tablePercentiles<K extends string>(
  table: Float64Array,
  keys: readonly K[],
  draws: number,
): Record<K, KpiPercentiles> {
  const out = {} as Record<K, KpiPercentiles>;
  keys.forEach((k, j) => (out[k] = columnPercentiles(table, j, keys.length, draws)));
  return out;
}

/** The fractions of PERCENTILE_KEYS, in order: what bandRows computes for a summary. */
export const BAND_FRACTIONS: readonly number[] = PERCENTILE_KEYS.map(
  (k) => PERCENTILE_FRACTIONS[k],
);

/** The exact percentiles of every draw's KPIs: each run's, and the differences'. */
export interface KpiSummary {
  readonly runs: readonly Record<KpiKey, KpiPercentiles>[];
  readonly differences: Record<DifferenceKey, KpiPercentiles> | null;
}

export function summariseKpis(kpis: KpiTables): KpiSummary {
  return {
    runs: kpis.runs.map((table) => tablePercentiles(table, KPI_KEYS, kpis.count)),
    differences: kpis.differences
      ? tablePercentiles(kpis.differences, DIFFERENCE_KEYS, kpis.count)
      : null,
  };
}

/**
 * Each run's bands, per band metric, from the quantiles of every row (BAND_FRACTIONS of row i at
 * [i * fractions, (i + 1) * fractions), as bandRows computes them).
 */
export function bandsOfRuns(
  job: MonteCarloShape,
  quantiles: Float64Array,
): Record<string, Bands>[] {
  const f = BAND_FRACTIONS.length;
  const out: Record<string, Bands>[] = [];
  for (let r = 0; r < job.runCount; r++) {
    const byMetric: Record<string, Bands> = {};
    job.bandMetrics.forEach((name, m) => {
      const columns = PERCENTILE_KEYS.map(() => new Float64Array(job.points));
      for (let k = 0; k < job.points; k++) {
        const at = rowOf(job, r, k, m) * f;
        for (let i = 0; i < f; i++) columns[i]![k] = quantiles[at + i]!;
      }
      byMetric[name] = Object.fromEntries(
        PERCENTILE_KEYS.map((key, i) => [key, columns[i]!]),
      ) as Bands;
    });
    out.push(byMetric);
  }
  return out;
}

/**
 * Percentile bands from the histogram's quantiles (`bands`: bandRows of BAND_FRACTIONS over every
 * row, in ranges in any order, as threads computed them) and exact KPI percentiles from all
 * draws' KPIs (`kpiSummary`, which a caller may compute while the bands are being computed).
 */
export function summarise(
  job: MonteCarloShape,
  bands: readonly BandRows[],
  kpis: KpiTables,
  kpiSummary: KpiSummary = summariseKpis(kpis),
): MonteCarloSummary {
  const f = BAND_FRACTIONS.length;
  const quantiles = new Float64Array(job.rows * f);
  // Values recorded, and those under or over the range.
  let outside = 0;
  let total = 0;
  let covered = 0; // rows [0, covered) have their quantiles
  for (const b of [...bands].sort((x, y) => x.start - y.start)) {
    if (b.start !== covered) break;
    quantiles.set(b.quantiles, b.start * f);
    covered = b.end;
    total += b.total;
    outside += b.outside;
  }
  if (covered !== job.rows)
    throw new Error(
      `band quantiles cover rows 0..${covered} of ${job.rows} (with gaps or overlaps)`,
    );
  const runs: RunSummary[] = bandsOfRuns(job, quantiles).map((byMetric, r) => ({
    bands: byMetric,
    kpiPercentiles: kpiSummary.runs[r]!,
  }));
  return {
    draws: kpis.count,
    bins: job.bins,
    pilotDraws: job.pilotDraws,
    bandMetrics: job.bandMetrics,
    runs,
    differencePercentiles: kpiSummary.differences,
    outsideRangeShare: total === 0 ? 0 : outside / total,
  };
}

export interface MonteCarloOptions {
  readonly backend?: Backend;
  /** Called after each completed draw of pass 2 with the number done so far. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The whole Monte Carlo on this thread (the CLI splits the same steps across worker threads). */
export function runMonteCarlo(
  spec: MonteCarloSpec,
  options: MonteCarloOptions = {},
): MonteCarloSummary {
  return runMonteCarloWithKpis(spec, options).summary;
}

/** A Monte Carlo's summary and every draw's KPIs (rows by draw index). */
export interface MonteCarloResult {
  readonly summary: MonteCarloSummary;
  readonly kpis: KpiTables;
}

/** runMonteCarlo, keeping every draw's KPIs too. */
export function runMonteCarloWithKpis(
  spec: MonteCarloSpec,
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const job = createJob(spec, options.backend ?? 'interpreter');
  const pilot = pilotKeeping(job, 0, job.pilotDraws);
  const layout: BinLayout = layoutFromRanges(pilot.ranges, job.bins);
  const histogram = newHistogram(layout);
  const kpis = newKpiTables(job.runner.runCount, 0, spec.draws);
  let from = 0;
  if (pilot.block) {
    mergeKpiTables(kpis, accumulatePilot(job, histogram, pilot.block));
    from = pilot.block.count;
    options.onProgress?.(from, spec.draws);
  }
  const chunk = 64;
  for (let start = from; start < spec.draws; start += chunk) {
    const end = Math.min(spec.draws, start + chunk);
    accumulateDraws(job, histogram, start, end, kpis);
    options.onProgress?.(end, spec.draws);
  }
  const bands = bandRows(layout, [histogram], BAND_FRACTIONS, 0, job.rows);
  return { summary: summarise(job, [bands], kpis), kpis };
}
