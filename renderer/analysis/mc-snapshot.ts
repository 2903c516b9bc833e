/**
 * What the Uncertainty view shows of a Monte Carlo job at a moment: the bands of the merged draws,
 * exact KPI percentiles (the numbers `flywheel run --runs N` writes), how often the run with data
 * products wins on each KPI, and every draw's net-value gap. Built in slices that give the page
 * back its thread (a 100,000-draw job sorts 43 columns of 100,000 numbers).
 */
import {
  columnPercentiles,
  DIFFERENCE_KEYS,
  KPI_BETTER,
  KPI_KEYS,
  winShares,
  type Bands,
  type DifferenceKey,
  type KpiKey,
  type KpiPercentiles,
  type WinShares,
} from '../../simulation';
import type { MonteCarloMerge } from './mc-merge';

export interface UncertaintySnapshot {
  /** Draws summarised (the first `draws` of the job). */
  readonly draws: number;
  readonly bandMetrics: readonly string[];
  /** Weeks of the reporting points. */
  readonly time: Float64Array;
  /** Per run (with, then without): per band metric, the percentile series. */
  readonly bands: readonly Readonly<Record<string, Bands>>[];
  readonly kpiPercentiles: readonly Readonly<Record<KpiKey, KpiPercentiles>>[];
  readonly differencePercentiles: Readonly<Record<DifferenceKey, KpiPercentiles>> | null;
  /** Per KPI, how the draws split between with and without (null for a single run). */
  readonly wins: Readonly<Record<KpiKey, WinShares>> | null;
  /** Each draw's cumulative net value with minus without (null for a single run). */
  readonly netValueGaps: Float64Array | null;
}

/** Resolves at once unless `budgetMs` passed since the last pause: then after a task boundary. */
export function timeSlicer(
  budgetMs = 8,
  now: () => number = () => performance.now(),
  pause: () => Promise<void> = () => new Promise((done) => setTimeout(done, 0)),
): () => Promise<void> {
  let since = now();
  return async () => {
    if (now() - since < budgetMs) return;
    await pause();
    since = now();
  };
}

async function percentileTable<K extends string>(
  table: Float64Array,
  keys: readonly K[],
  draws: number,
  slice: () => Promise<void> = async () => {},
): Promise<Record<K, KpiPercentiles>> {
  const out = {} as Record<K, KpiPercentiles>;
  for (let j = 0; j < keys.length; j++) {
    out[keys[j]!] = columnPercentiles(table, j, keys.length, draws);
    await slice();
  }
  return out;
}

export async function snapshotOf(
  merge: MonteCarloMerge,
  stepWeeks: number,
  slice: () => Promise<void> = async () => {},
): Promise<UncertaintySnapshot> {
  const draws = merge.merged;
  const { shape, kpis } = merge;
  const time = Float64Array.from({ length: shape.points }, (_, k) => k * stepWeeks);
  const bands = merge.bands();
  await slice();
  const kpiPercentiles: Record<KpiKey, KpiPercentiles>[] = [];
  for (const t of kpis.runs) kpiPercentiles.push(await percentileTable(t, KPI_KEYS, draws, slice));
  const differencePercentiles = kpis.differences
    ? await percentileTable(kpis.differences, DIFFERENCE_KEYS, draws, slice)
    : null;
  const [a, b] = kpis.runs;
  let wins: Record<KpiKey, WinShares> | null = null;
  let netValueGaps: Float64Array | null = null;
  if (a && b && kpis.differences) {
    const w = {} as Record<KpiKey, WinShares>;
    KPI_KEYS.forEach((k, j) => (w[k] = winShares(a, b, j, KPI_KEYS.length, draws, KPI_BETTER[k])));
    wins = w;
    const j = DIFFERENCE_KEYS.indexOf('cumulativeNetValueUsd');
    const width = DIFFERENCE_KEYS.length;
    netValueGaps = Float64Array.from(
      { length: draws },
      (_, i) => kpis.differences![i * width + j]!,
    );
  }
  return {
    draws,
    bandMetrics: shape.bandMetrics,
    time,
    bands,
    kpiPercentiles,
    differencePercentiles,
    wins,
    netValueGaps,
  };
}
