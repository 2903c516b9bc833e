/** Key performance indicators of a run, and the differences between two runs. */
import type { RunSeries } from '../engine/run';
import { ModelError } from '../engine/types';

export interface Kpis {
  /** Active users at the horizon (people). */
  readonly finalActiveUsers: number;
  readonly cumulativeRevenueUsd: number;
  readonly cumulativeNetValueUsd: number;
  /** Data and AI spending over the horizon. */
  readonly cumulativeSpendingUsd: number;
  /** Cumulative net value above the status quo at the horizon (usd). */
  readonly netValueVsStatusQuoUsd: number;
  /**
   * First week from which cumulative net value stays at or above the status quo's (the business
   * with no data products and no AI); 0 when it never falls below; null when it has not by the horizon.
   */
  readonly paybackWeek: number | null;
  /** First week any AI consumer is deployed; null if none is. */
  readonly firstAiDeploymentWeek: number | null;
  /** Flywheel momentum at the horizon (0 = the loop's quantities as at the start). */
  readonly finalFlywheelMomentum: number;
  /**
   * First week from which, to the horizon, AI is delivering (impact > 0) and every week's net value
   * exceeds the status quo's: the loop pays its own way. Null if that never holds.
   */
  readonly selfSustainingWeek: number | null;
  readonly finalAiPerformance: number;
  readonly finalExperienceIndex: number;
  readonly finalDataQuality: number;
  readonly finalTrust: number;
  readonly totalIncidents: number;
  /**
   * The revenue above the status quo's over the horizon that comes from having more active users
   * (and the part below, from more revenue per user): each week's difference split at the midpoint,
   * (users - users0) x (rpu + rpu0) / 2 and (rpu - rpu0) x (users + users0) / 2, so that the two
   * add up exactly to cumulative revenue minus the status quo's.
   */
  readonly revenueUpliftFromUsersUsd: number;
  readonly revenueUpliftFromRevenuePerUserUsd: number;
}

export const KPI_INFO: Record<keyof Kpis, { label: string; unit: string }> = {
  finalActiveUsers: { label: 'Active users at horizon', unit: 'people' },
  cumulativeRevenueUsd: { label: 'Cumulative revenue', unit: 'usd' },
  cumulativeNetValueUsd: { label: 'Cumulative net value', unit: 'usd' },
  cumulativeSpendingUsd: { label: 'Data and AI spending', unit: 'usd' },
  netValueVsStatusQuoUsd: { label: 'Net value above status quo', unit: 'usd' },
  paybackWeek: { label: 'Payback week', unit: 'week' },
  firstAiDeploymentWeek: { label: 'First AI deployment', unit: 'week' },
  finalFlywheelMomentum: { label: 'Flywheel momentum at horizon', unit: 'relative change' },
  selfSustainingWeek: { label: 'Loop self-sustaining from', unit: 'week' },
  finalAiPerformance: { label: 'AI performance at horizon', unit: 'fraction' },
  finalExperienceIndex: { label: 'Experience index at horizon', unit: 'dimensionless' },
  finalDataQuality: { label: 'Data quality at horizon', unit: 'fraction' },
  finalTrust: { label: 'Trust in data at horizon', unit: 'fraction' },
  totalIncidents: { label: 'Data incidents', unit: 'incidents' },
  revenueUpliftFromUsersUsd: { label: 'Revenue gain, more users', unit: 'usd' },
  revenueUpliftFromRevenuePerUserUsd: { label: 'Revenue gain, more per user', unit: 'usd' },
};

/**
 * Some variables of a run at every point: the value of a variable at point k is
 * `values[k * stride + columnOf(name)]`. A whole RunSeries is one (its slots are the columns); Monte
 * Carlo keeps only the columns the KPIs and bands read (see montecarlo-draws.ts).
 */
export interface SeriesTable {
  readonly values: Float64Array;
  readonly stride: number;
  readonly points: number;
  readonly stepWeeks: number;
  /** Every metric of the model (the AI consumers' `.deployed` flags are found among them). */
  readonly metricNames: readonly string[];
  columnOf(name: string): number;
}

export function tableOf(run: RunSeries): SeriesTable {
  const { model } = run;
  return {
    values: run.values,
    stride: model.variables.length,
    points: run.points,
    stepWeeks: run.settings.stepWeeks,
    metricNames: model.metricNames,
    columnOf: (name) => {
      const slot = model.slotOf.get(name);
      if (slot === undefined) throw new ModelError(`no variable named '${name}'`);
      return slot;
    },
  };
}

/** The series a status quo run must keep for the KPIs of the runs measured against it. */
export const STATUS_QUO_KPI_SERIES: readonly string[] = [
  'cumulativeNetValue',
  'netValue',
  'activeUsers',
  'revenue',
];

/** The series computeKpis reads from a run (plus every `.deployed` metric: see kpiSeries). */
const KPI_SERIES = [
  'cumulativeNetValue',
  'netValue',
  'meanAiImpact',
  'incidentsPerWeek',
  'activeUsers',
  'cumulativeRevenue',
  'cumulativeSpending',
  'flywheelMomentum',
  'meanAiPerformance',
  'experienceIndex',
  'meanSourceQuality',
  'meanSourceTrust',
  'revenue',
] as const;

/** Names of the series the KPIs of a run of a model with these metrics read. */
export function kpiSeries(metricNames: readonly string[]): string[] {
  return [...KPI_SERIES, ...deployedFlags(metricNames)];
}

function deployedFlags(metricNames: readonly string[]): string[] {
  return metricNames.filter((m) => m.endsWith('.deployed'));
}

/** A run's KPI series resolved to columns once (Monte Carlo reuses it for every draw). */
export interface KpiColumns {
  readonly table: SeriesTable;
  readonly column: Readonly<Record<(typeof KPI_SERIES)[number], number>>;
  readonly deployed: Int32Array;
}

export function kpiColumns(table: SeriesTable): KpiColumns {
  return {
    table,
    column: Object.fromEntries(KPI_SERIES.map((n) => [n, table.columnOf(n)])) as Record<
      (typeof KPI_SERIES)[number],
      number
    >,
    deployed: Int32Array.from(deployedFlags(table.metricNames).map((n) => table.columnOf(n))),
  };
}

/** The status quo's columns the KPIs read. */
export interface StatusQuoColumns {
  readonly table: SeriesTable;
  readonly cumulativeNetValue: number;
  readonly netValue: number;
  readonly activeUsers: number;
  readonly revenue: number;
}

export function statusQuoColumns(table: SeriesTable): StatusQuoColumns {
  return {
    table,
    cumulativeNetValue: table.columnOf('cumulativeNetValue'),
    netValue: table.columnOf('netValue'),
    activeUsers: table.columnOf('activeUsers'),
    revenue: table.columnOf('revenue'),
  };
}

export function computeKpis(run: RunSeries, statusQuo: RunSeries): Kpis {
  return kpisOf(kpiColumns(tableOf(run)), statusQuoColumns(tableOf(statusQuo)));
}

/** The KPIs of a run against its status quo, read in place from their tables. */
export function kpisOf(run: KpiColumns, statusQuo: StatusQuoColumns): Kpis {
  const { values: v, stride, points: n, stepWeeks: dt } = run.table;
  const c = run.column;
  const { values: vSq, stride: strideSq } = statusQuo.table;
  const cumSq = statusQuo.cumulativeNetValue;
  const nvSq = statusQuo.netValue;
  const at = (column: number, k: number): number => v[k * stride + column]!;
  const last = (column: number): number => v[(n - 1) * stride + column]!;
  const time = (k: number): number => k * dt; // as runModel computes a run's time axis

  // Payback: the last time the cumulative difference is negative, plus one point.
  let lastNegative = -1;
  for (let k = 0; k < n; k++)
    if (at(c.cumulativeNetValue, k) - vSq[k * strideSq + cumSq]! < -1e-6) lastNegative = k;
  const paybackWeek =
    lastNegative === -1 ? 0 : lastNegative === n - 1 ? null : time(lastNegative + 1);

  let firstAi: number | null = null;
  const flags = run.deployed;
  for (let k = 0; k < n && firstAi === null; k++) {
    for (let f = 0; f < flags.length; f++) if (at(flags[f]!, k) > 0) firstAi = time(k);
  }

  let lastFailing = n - 1;
  let sustaining = true;
  for (let k = n - 1; k >= 0; k--) {
    if (at(c.meanAiImpact, k) > 0 && at(c.netValue, k) > vSq[k * strideSq + nvSq]!)
      lastFailing = k - 1;
    else break;
  }
  if (lastFailing === n - 1) sustaining = false;
  let incidents = 0;
  for (let k = 0; k < n - 1; k++) incidents += at(c.incidentsPerWeek, k) * dt;
  const uplift = revenueUplift(run, statusQuo);

  const cum = last(c.cumulativeNetValue);
  return {
    finalActiveUsers: last(c.activeUsers),
    cumulativeRevenueUsd: last(c.cumulativeRevenue),
    cumulativeNetValueUsd: cum,
    cumulativeSpendingUsd: last(c.cumulativeSpending),
    netValueVsStatusQuoUsd: cum - vSq[(n - 1) * strideSq + cumSq]!,
    paybackWeek,
    firstAiDeploymentWeek: firstAi,
    finalFlywheelMomentum: last(c.flywheelMomentum),
    selfSustainingWeek: sustaining ? time(lastFailing + 1) : null,
    finalAiPerformance: last(c.meanAiPerformance),
    finalExperienceIndex: last(c.experienceIndex),
    finalDataQuality: last(c.meanSourceQuality),
    finalTrust: last(c.meanSourceTrust),
    totalIncidents: incidents,
    revenueUpliftFromUsersUsd: uplift.users,
    revenueUpliftFromRevenuePerUserUsd: uplift.perUser,
  };
}

/**
 * Revenue above the status quo's, split into more users and more revenue per user (the midpoint
 * split of each week, integrated as cumulative revenue is: the sum over the steps before the
 * horizon, times the step).
 */
function revenueUplift(
  run: KpiColumns,
  statusQuo: StatusQuoColumns,
): { users: number; perUser: number } {
  const { values: v, stride, points: n, stepWeeks: dt } = run.table;
  const { values: v0, stride: stride0 } = statusQuo.table;
  const cu = run.column.activeUsers;
  const cr = run.column.revenue;
  let users = 0;
  let perUser = 0;
  for (let k = 0; k < n - 1; k++) {
    const u1 = v[k * stride + cu]!;
    const r1 = v[k * stride + cr]!;
    const u0 = v0[k * stride0 + statusQuo.activeUsers]!;
    const r0 = v0[k * stride0 + statusQuo.revenue]!;
    const rpu1 = u1 > 0 ? r1 / u1 : 0;
    const rpu0 = u0 > 0 ? r0 / u0 : 0;
    users += (u1 - u0) * (rpu1 + rpu0) * 0.5;
    perUser += (rpu1 - rpu0) * (u1 + u0) * 0.5;
  }
  return { users: users * dt, perUser: perUser * dt };
}

export type ComparisonKpis = { [K in keyof Kpis]: number | null } & {
  /** First week from which the first run's cumulative net value stays above the second's. */
  overtakeWeek: number | null;
  /**
   * The part of the cumulative net value gap that is cost alone: the second run's data and AI
   * spending minus the first's (the rest of the gap is gross profit and inventory savings).
   */
  netValueGapFromCostUsd: number | null;
};

/** Comparison-only keys: what a comparison reports beyond the differences of the KPIs. */
export const COMPARISON_ONLY_INFO = {
  overtakeWeek: { label: 'Pulls ahead from', unit: 'week' },
  netValueGapFromCostUsd: { label: 'Net value gap from cost alone', unit: 'usd' },
} as const;

export function compareKpis(
  a: { kpis: Kpis; series: RunSeries },
  b: { kpis: Kpis; series: RunSeries },
): ComparisonKpis {
  return compareKpisOf(a.kpis, tableOf(a.series), b.kpis, tableOf(b.series));
}

/** compareKpis on tables that hold each run's cumulativeNetValue. */
export function compareKpisOf(
  a: Kpis,
  tableA: SeriesTable,
  b: Kpis,
  tableB: SeriesTable,
): ComparisonKpis {
  const diff = Object.fromEntries(
    (Object.keys(a) as (keyof Kpis)[]).map((k) => {
      const x = a[k];
      const y = b[k];
      return [k, x === null || y === null ? null : x - y];
    }),
  ) as { [K in keyof Kpis]: number | null };
  return {
    ...diff,
    overtakeWeek: overtakeWeekOf(tableA, tableB),
    netValueGapFromCostUsd: b.cumulativeSpendingUsd - a.cumulativeSpendingUsd,
  };
}

/**
 * First week from which the first run's cumulative net value stays above the second's (null if
 * it is not ahead at the horizon): the `overtakeWeek` of compareKpisOf.
 */
export function overtakeWeekOf(tableA: SeriesTable, tableB: SeriesTable): number | null {
  const ca = tableA.columnOf('cumulativeNetValue');
  const cb = tableB.columnOf('cumulativeNetValue');
  const va = tableA.values;
  const vb = tableB.values;
  const n = tableA.points;
  let lastBehind = -1;
  for (let k = 0; k < n; k++)
    if (!(va[k * tableA.stride + ca]! > vb[k * tableB.stride + cb]!)) lastBehind = k;
  return lastBehind === n - 1 ? null : (lastBehind + 1) * tableA.stepWeeks;
}
