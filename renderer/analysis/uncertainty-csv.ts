/**
 * The Uncertainty analysis as CSV files (pure): the bands week by week (columns named as
 * `flywheel run --runs N --format csv` names them, `<metric>.<percentile>`), the KPI percentiles
 * with the win shares, and every draw (its drawn assumptions and its KPIs) for one's own analysis.
 */
import {
  DIFFERENCE_KEYS,
  COMPARISON_ONLY_INFO,
  KPI_INFO,
  KPI_KEYS,
  PERCENTILE_KEYS,
  type KpiPercentiles,
} from '../../simulation';
import { csvNumber, csvRecord, csvText, CSV_EOL } from '../export/csv';
import { RUN_NAMES } from '../export/series';
import type { MonteCarloMerge } from './mc-merge';
import type { UncertaintySnapshot } from './mc-snapshot';

const line = (cells: string[]): string => csvRecord(cells) + CSV_EOL;
const maybe = (v: number | null | undefined): string =>
  v === null || v === undefined ? '' : csvNumber(v);

/** run, week, then p5..p95 of every band metric. */
export function bandsCsv(s: UncertaintySnapshot): string {
  const header = ['run', 'week'];
  for (const m of s.bandMetrics) for (const k of PERCENTILE_KEYS) header.push(csvText(`${m}.${k}`));
  let out = line(header);
  s.bands.forEach((bands, r) => {
    const name = csvText(RUN_NAMES[r] ?? `run${r + 1}`);
    for (let k = 0; k < s.time.length; k++) {
      const cells = [name, csvNumber(s.time[k]!)];
      for (const m of s.bandMetrics)
        for (const p of PERCENTILE_KEYS) cells.push(csvNumber(bands[m]![p][k]!));
      out += line(cells);
    }
  });
  return out;
}

const KPI_LABELS: Record<string, { label: string; unit: string }> = {
  ...KPI_INFO,
  overtakeWeek: { label: 'With pulls ahead on cumulative net value from', unit: 'week' },
  netValueGapFromCostUsd: COMPARISON_ONLY_INFO.netValueGapFromCostUsd,
};

/**
 * One row per KPI and run (with, without, difference): percentiles, the share of draws where the
 * KPI was not reached (weeks), and on the difference rows how often each side was better.
 */
export function kpisCsv(s: UncertaintySnapshot): string {
  let out = line([
    'kpi',
    'label',
    'unit',
    'run',
    ...PERCENTILE_KEYS,
    'notReachedShare',
    'withBetterShare',
    'withoutBetterShare',
    'draws',
  ]);
  const row = (key: string, run: string, p: KpiPercentiles, wins = ['', '']): void => {
    const info = KPI_LABELS[key]!;
    out += line([
      csvText(key),
      csvText(info.label),
      csvText(info.unit),
      csvText(run),
      ...PERCENTILE_KEYS.map((k) => maybe(p[k])),
      csvNumber(p.nullShare),
      ...wins,
      String(s.draws),
    ]);
  };
  for (const key of DIFFERENCE_KEYS) {
    s.kpiPercentiles.forEach((t, r) => {
      const p = (t as Record<string, KpiPercentiles>)[key];
      if (p) row(key, RUN_NAMES[r] ?? `run${r + 1}`, p);
    });
    const d = s.differencePercentiles?.[key];
    if (d) {
      const w = key in KPI_INFO ? s.wins?.[key as keyof typeof KPI_INFO] : undefined;
      row(
        key,
        'difference',
        d,
        w ? [csvNumber(w.withBetter), csvNumber(w.withoutBetter)] : ['', ''],
      );
    }
  }
  return out;
}

/** One row per draw: its index, its drawn assumptions, then each run's KPIs. */
export function drawsCsv(merge: MonteCarloMerge, parameters: readonly string[]): string {
  const runs = merge.kpis.runs.length;
  const header = ['draw', ...parameters.map(csvText)];
  for (let r = 0; r < runs; r++)
    for (const k of KPI_KEYS) header.push(csvText(`${RUN_NAMES[r] ?? `run${r + 1}`}.${k}`));
  const chunks = [line(header)];
  const p = parameters.length;
  const width = KPI_KEYS.length;
  for (let i = 0; i < merge.merged; i++) {
    const cells = [String(i)];
    for (let j = 0; j < p; j++) cells.push(csvNumber(merge.parameters[i * p + j]!));
    for (let r = 0; r < runs; r++) {
      const t = merge.kpis.runs[r]!;
      for (let j = 0; j < width; j++) cells.push(csvNumber(t[i * width + j]!));
    }
    chunks.push(line(cells));
  }
  return chunks.join('');
}
