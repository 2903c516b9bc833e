/** Key performance indicators of a run, and the differences between two runs. */
import { seriesOf, type RunSeries } from '../engine/run';

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
};

const last = (a: Float64Array): number => a[a.length - 1]!;

export function computeKpis(run: RunSeries, statusQuo: RunSeries): Kpis {
  const s = (n: string): Float64Array => seriesOf(run, n);
  const time = run.time;
  const n = run.points;
  const cum = s('cumulativeNetValue');
  const cumSq = seriesOf(statusQuo, 'cumulativeNetValue');
  const nv = s('netValue');
  const nvSq = seriesOf(statusQuo, 'netValue');
  const impact = s('meanAiImpact');

  // Payback: the last time the cumulative difference is negative, plus one point.
  let lastNegative = -1;
  for (let k = 0; k < n; k++) if (cum[k]! - cumSq[k]! < -1e-6) lastNegative = k;
  const paybackWeek =
    lastNegative === -1 ? 0 : lastNegative === n - 1 ? null : time[lastNegative + 1]!;

  let firstAi: number | null = null;
  const flags = run.model.metricNames.filter((m) => m.endsWith('.deployed')).map(s);
  for (let k = 0; k < n && firstAi === null; k++) {
    for (const f of flags) if (f[k]! > 0) firstAi = time[k]!;
  }

  let lastFailing = n - 1;
  let sustaining = true;
  for (let k = n - 1; k >= 0; k--) {
    if (impact[k]! > 0 && nv[k]! > nvSq[k]!) lastFailing = k - 1;
    else break;
  }
  if (lastFailing === n - 1) sustaining = false;
  const events = s('incidentsPerWeek');
  let incidents = 0;
  for (let k = 0; k < n - 1; k++) incidents += events[k]! * run.settings.stepWeeks;

  return {
    finalActiveUsers: last(s('activeUsers')),
    cumulativeRevenueUsd: last(s('cumulativeRevenue')),
    cumulativeNetValueUsd: last(cum),
    cumulativeSpendingUsd: last(s('cumulativeSpending')),
    netValueVsStatusQuoUsd: last(cum) - last(cumSq),
    paybackWeek,
    firstAiDeploymentWeek: firstAi,
    finalFlywheelMomentum: last(s('flywheelMomentum')),
    selfSustainingWeek: sustaining ? time[lastFailing + 1]! : null,
    finalAiPerformance: last(s('meanAiPerformance')),
    finalExperienceIndex: last(s('experienceIndex')),
    finalDataQuality: last(s('meanSourceQuality')),
    finalTrust: last(s('meanSourceTrust')),
    totalIncidents: incidents,
  };
}

export type ComparisonKpis = { [K in keyof Kpis]: number | null } & {
  /** First week from which the first run's cumulative net value stays above the second's. */
  overtakeWeek: number | null;
};

export function compareKpis(
  a: { kpis: Kpis; series: RunSeries },
  b: { kpis: Kpis; series: RunSeries },
): ComparisonKpis {
  const diff = Object.fromEntries(
    (Object.keys(a.kpis) as (keyof Kpis)[]).map((k) => {
      const x = a.kpis[k];
      const y = b.kpis[k];
      return [k, x === null || y === null ? null : x - y];
    }),
  ) as { [K in keyof Kpis]: number | null };
  const ca = seriesOf(a.series, 'cumulativeNetValue');
  const cb = seriesOf(b.series, 'cumulativeNetValue');
  let lastBehind = -1;
  for (let k = 0; k < a.series.points; k++) if (!(ca[k]! > cb[k]!)) lastBehind = k;
  const overtakeWeek = lastBehind === a.series.points - 1 ? null : a.series.time[lastBehind + 1]!;
  return { ...diff, overtakeWeek };
}
