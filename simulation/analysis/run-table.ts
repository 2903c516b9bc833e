/**
 * The comparison table of several runs: every KPI of each run, its difference from the baseline
 * run, and which run is best on it. One table for the app's comparison view, the report and
 * `flywheel compare`, so they agree to the digit. Pure.
 */
import { KPI_INFO, type Kpis } from './kpis';
import { betterIsLower } from './evaluate';
import { KPI_KEYS, type KpiKey } from './montecarlo-draws';

/**
 * Which way is better for each KPI (a week reached sooner is better; never reached is worst):
 * evaluate.ts's LOWER_IS_BETTER, the one list of it.
 */
export const KPI_BETTER: Readonly<Record<KpiKey, 'higher' | 'lower'>> = Object.fromEntries(
  KPI_KEYS.map((k) => [k, betterIsLower(k) ? 'lower' : 'higher']),
) as Record<KpiKey, 'higher' | 'lower'>;

export interface RunTableRow {
  readonly key: KpiKey;
  readonly label: string;
  readonly unit: string;
  readonly better: 'higher' | 'lower';
  /** One value per run (null: a week never reached). */
  readonly values: readonly (number | null)[];
  /** Each run minus the baseline (null for the baseline itself, or when either is null). */
  readonly deltas: readonly (number | null)[];
  /** Indexes of the best runs on this KPI; empty when all runs are equal. */
  readonly best: readonly number[];
}

/** A value's rank key: higher is better after this (null weeks rank below every week). */
function score(value: number | null, better: 'higher' | 'lower'): number {
  if (value === null) return -Infinity;
  return better === 'higher' ? value : -value;
}

/**
 * The KPIs a table on a screen shows: all but the split of the revenue uplift into more users and
 * more revenue per user (two parts of revenue above the status quo, in each run's own results),
 * so that eight runs still fit one terminal screen. JSON and CSV carry every KPI.
 */
export const SCREEN_TABLE_KEYS: readonly KpiKey[] = KPI_KEYS.filter(
  (k) => k !== 'revenueUpliftFromUsersUsd' && k !== 'revenueUpliftFromRevenuePerUserUsd',
);

/** The table of `kpis` (one per run) against the run at `baseline` (0-based), on `keys`. */
export function runTable(
  kpis: readonly Kpis[],
  baseline: number,
  keys: readonly KpiKey[] = KPI_KEYS,
): RunTableRow[] {
  if (kpis.length > 0 && (baseline < 0 || baseline >= kpis.length))
    throw new RangeError(`baseline ${baseline} is not one of the ${kpis.length} runs`);
  return keys.map((key) => {
    const better = KPI_BETTER[key];
    const values = kpis.map((k) => k[key]);
    const base = values[baseline] ?? null;
    const deltas = values.map((v, i) =>
      i === baseline || v === null || base === null ? null : v - base,
    );
    const scores = values.map((v) => score(v, better));
    const top = Math.max(...scores);
    const best =
      scores.length > 1 && scores.some((s) => s !== top)
        ? scores.flatMap((s, i) => (s === top ? [i] : []))
        : [];
    return {
      key,
      label: KPI_INFO[key].label,
      unit: KPI_INFO[key].unit,
      better,
      values,
      deltas,
      best,
    };
  });
}
