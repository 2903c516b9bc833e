/**
 * Pure selectors from results to what the views show: KPI cards with deltas, chart series for
 * both scenarios, a product's health at the current week.
 */
import {
  KPI_BETTER,
  KPI_INFO,
  metricSeries,
  type Better,
  type ComparisonKpis,
  type Kpis,
  type ScenarioRun,
} from '../../simulation';
import type { ComparisonResult } from '../engine/client';
import { fieldName, readerOf } from '../loop/read';

/** Which direction is better for a KPI (for colouring a delta good or bad). */
export type { Better };

export interface KpiCard {
  readonly id: keyof Kpis | 'overtakeWeek';
  readonly label: string;
  readonly unit: string;
  readonly withValue: number | null;
  readonly withoutValue: number | null;
  /** With minus without (null when either is missing or there is no `without` run). */
  readonly delta: number | null;
  readonly better: Better;
  /** True when the delta points the better way, false the worse way, null when even or unknown. */
  readonly improved: boolean | null;
  /** The same KPI for the status quo (no data products, no AI), where the card shows it. */
  readonly statusQuoValue?: number | null;
}

/**
 * The KPIs on the cards, in reading order, and which way is better. Net value above the status
 * quo is not a card of its own: with minus without it is the same figure as cumulative net value's
 * (both runs are measured against one status quo), so that card shows the status quo instead.
 */
export const CARD_KPIS: readonly { readonly id: keyof Kpis; readonly better: Better }[] = (
  [
    'cumulativeNetValueUsd',
    'finalActiveUsers',
    'cumulativeRevenueUsd',
    'paybackWeek',
    'finalAiPerformance',
    'finalDataQuality',
    'finalTrust',
    'totalIncidents',
    'cumulativeSpendingUsd',
  ] as const
).map((id) => ({ id, better: KPI_BETTER[id] }));

function improvedOf(
  delta: number | null,
  better: Better,
  withValue: number | null,
  withoutValue: number | null,
): boolean | null {
  // A week reached only with data products (payback) is better; reached only without, worse.
  if (delta === null && better === 'lower' && (withValue === null) !== (withoutValue === null)) {
    return withValue !== null;
  }
  if (delta === null || Math.abs(delta) < 1e-12) return null;
  return better === 'higher' ? delta > 0 : delta < 0;
}

export function selectKpiCards(comparison: ComparisonResult | null): KpiCard[] {
  if (!comparison) return [];
  const withRun = comparison.runs[0];
  const withoutRun = comparison.runs[1] ?? null;
  if (!withRun) return [];
  const diffs: ComparisonKpis | null = comparison.differences;
  return CARD_KPIS.map(({ id, better }) => {
    const withValue = withRun.kpis[id];
    const withoutValue = withoutRun ? withoutRun.kpis[id] : null;
    const delta = diffs ? diffs[id] : null;
    const statusQuo =
      id === 'cumulativeNetValueUsd'
        ? {
            statusQuoValue:
              withRun.kpis.cumulativeNetValueUsd - withRun.kpis.netValueVsStatusQuoUsd,
          }
        : {};
    return {
      ...statusQuo,
      id,
      label: KPI_INFO[id].label,
      unit: KPI_INFO[id].unit,
      withValue,
      withoutValue,
      delta,
      better,
      improved: withoutRun ? improvedOf(delta, better, withValue, withoutValue) : null,
    };
  });
}

/** The week from which `with` stays ahead on cumulative net value (null: never, or no `without`). */
export function selectOvertakeWeek(comparison: ComparisonResult | null): number | null {
  return comparison?.differences?.overtakeWeek ?? null;
}

export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly metric: string;
}

/** The time-series charts, each one metric for both scenarios on one axis. */
export const CHARTS: readonly ChartSpec[] = [
  { id: 'active-users', title: 'Active users', metric: 'activeUsers' },
  { id: 'revenue', title: 'Revenue', metric: 'revenue' },
  { id: 'ai-performance', title: 'AI performance', metric: 'meanAiPerformance' },
  { id: 'data-quality', title: 'Data quality', metric: 'meanSourceQuality' },
  { id: 'trust', title: 'Trust in data', metric: 'meanSourceTrust' },
  { id: 'net-value', title: 'Net value', metric: 'netValue' },
  { id: 'cumulative-net-value', title: 'Cumulative net value', metric: 'cumulativeNetValue' },
  { id: 'experience', title: 'Experience index', metric: 'experienceIndex' },
];

export type ScenarioKey = 'with' | 'without';

export interface ChartSeries {
  readonly key: ScenarioKey;
  readonly label: string;
  readonly values: Float64Array;
}

export interface ChartData {
  readonly spec: ChartSpec;
  readonly unit: string;
  readonly description: string;
  readonly time: Float64Array;
  readonly series: readonly ChartSeries[];
}

export const SCENARIO_LABELS: Record<ScenarioKey, string> = {
  with: 'With data products',
  without: 'Without data products',
};

const seriesCache = new WeakMap<ScenarioRun, Map<string, Float64Array>>();

/** A run's metric series, extracted once per run (the run's buffer is point-major). */
export function cachedSeries(run: ScenarioRun, metric: string): Float64Array {
  let byMetric = seriesCache.get(run);
  if (!byMetric) {
    byMetric = new Map();
    seriesCache.set(run, byMetric);
  }
  let values = byMetric.get(metric);
  if (!values) {
    values = metricSeries(run, metric);
    byMetric.set(metric, values);
  }
  return values;
}

const chartCache = new WeakMap<ComparisonResult, Map<string, ChartData>>();

/** A chart's data for a comparison (the same object for the same comparison: cheap re-renders). */
export function selectChartData(
  comparison: ComparisonResult | null,
  spec: ChartSpec,
): ChartData | null {
  const withRun = comparison?.runs[0];
  if (!comparison || !withRun) return null;
  let bySpec = chartCache.get(comparison);
  if (!bySpec) {
    bySpec = new Map();
    chartCache.set(comparison, bySpec);
  }
  const cached = bySpec.get(spec.id);
  if (cached) return cached;
  const info = withRun.metrics.find((m) => m.name === spec.metric);
  const keys: ScenarioKey[] = ['with', 'without'];
  const series = comparison.runs.slice(0, 2).map((run, i) => ({
    key: keys[i]!,
    label: SCENARIO_LABELS[keys[i]!],
    values: cachedSeries(run, spec.metric),
  }));
  const data: ChartData = {
    spec,
    unit: info?.unit ?? '',
    description: info?.description ?? '',
    time: withRun.series.time,
    series,
  };
  bySpec.set(spec.id, data);
  return data;
}

/** The `with` and `without` runs (the latter null when the scenario has no data products). */
export function selectRuns(comparison: ComparisonResult | null): {
  withRun: ScenarioRun | null;
  withoutRun: ScenarioRun | null;
} {
  return { withRun: comparison?.runs[0] ?? null, withoutRun: comparison?.runs[1] ?? null };
}

export interface ProductHealth {
  readonly live: boolean;
  readonly quality: number;
  readonly trust: number;
  readonly availability: number;
  readonly incidentsPerWeek: number;
}

/**
 * A data product's health at a point of the `with` run, or null when the run does not have the
 * product (it was added after the run was computed).
 */
export function selectProductHealth(
  run: ScenarioRun | null,
  productId: string,
  pointIndex: number,
): ProductHealth | null {
  if (!run) return null;
  const prefix = `dataProduct.${productId}`;
  const r = readerOf(run);
  if (!r.has(fieldName(prefix, 'quality'))) return null;
  const k = Math.min(Math.max(0, pointIndex), run.series.points - 1);
  // Read in place: a fresh run arrives with every change, and one point of it is shown.
  const at = (field: string): number => r.at(fieldName(prefix, field), k);
  return {
    live: at('live') > 0,
    quality: at('quality'),
    trust: at('trust'),
    availability: at('availability'),
    incidentsPerWeek: at('incidents'),
  };
}

/** Simulated week at a point of a run. */
export function selectWeek(run: ScenarioRun | null, pointIndex: number): number {
  if (!run) return 0;
  const k = Math.min(Math.max(0, pointIndex), run.series.points - 1);
  return run.series.time[k]!;
}
