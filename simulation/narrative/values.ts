/**
 * Named values of a comparison at a week: the vocabulary of captions and report summaries. Every
 * value is read from the simulation's own series and KPIs, never typed in, so a sentence built
 * from these names can only show numbers the simulation produced.
 */
import { seriesOf } from '../engine/run';
import type { Comparison, ScenarioRun } from '../analysis/simulate';
import type { Kpis } from '../analysis/kpis';
import type { ValueUnit } from './format';

export interface NamedValue {
  readonly value: number | null;
  readonly unit: ValueUnit;
}

/** Series read at the chosen week, per run, with their units in words. */
export const WEEKLY_VALUES: Readonly<Record<string, ValueUnit>> = {
  activeUsers: 'people',
  sessions: 'number',
  orders: 'number',
  revenue: 'usd/week',
  netValue: 'usd/week',
  cumulativeRevenue: 'usd',
  cumulativeNetValue: 'usd',
  cumulativeSpending: 'usd',
  meanAiPerformance: 'fraction',
  meanAiImpact: 'fraction',
  meanSourceQuality: 'fraction',
  meanSourceTrust: 'fraction',
  experienceIndex: 'index',
  searchSuccess: 'fraction',
  conversionRate: 'fraction',
  averageOrderValue: 'usd',
  churnRate: 'fraction',
  stockoutRate: 'fraction',
  eventsRecorded: 'events/week',
  freshEvents: 'events',
  incidentsPerWeek: 'incidents/week',
  flywheelMomentum: 'change',
};

const KPI_UNITS: Readonly<Record<keyof Kpis, ValueUnit>> = {
  finalActiveUsers: 'people',
  cumulativeRevenueUsd: 'usd',
  cumulativeNetValueUsd: 'usd',
  cumulativeSpendingUsd: 'usd',
  netValueVsStatusQuoUsd: 'usd',
  paybackWeek: 'week',
  firstAiDeploymentWeek: 'week',
  finalFlywheelMomentum: 'change',
  selfSustainingWeek: 'week',
  finalAiPerformance: 'fraction',
  finalExperienceIndex: 'index',
  finalDataQuality: 'fraction',
  finalTrust: 'fraction',
  totalIncidents: 'incidents',
  revenueUpliftFromUsersUsd: 'usd',
  revenueUpliftFromRevenuePerUserUsd: 'usd',
};

/** Index of the reporting point nearest to `week` (clamped to the run). */
export function pointAt(run: ScenarioRun, week: number): number {
  const dt = run.series.settings.stepWeeks;
  return Math.max(0, Math.min(run.series.points - 1, Math.round(week / dt)));
}

function addRun(out: Map<string, NamedValue>, prefix: string, run: ScenarioRun, k: number): void {
  for (const [name, unit] of Object.entries(WEEKLY_VALUES)) {
    out.set(`${prefix}.${name}`, { value: seriesOf(run.series, name)[k]!, unit });
  }
  for (const [name, unit] of Object.entries(KPI_UNITS) as [keyof Kpis, ValueUnit][]) {
    out.set(`${prefix}.${name}`, { value: run.kpis[name], unit });
  }
}

/**
 * Names: `week`, `horizon`, `with.<value>` and `without.<value>` for every WEEKLY_VALUES entry at
 * the week and every KPI, `change.<value>` (with relative to without, e.g. +0.38 = 38% higher),
 * `gap.<value>` (with minus without) and `overtakeWeek`. With a single run only `with.*` exists.
 */
export function comparisonValues(c: Comparison, week: number): Map<string, NamedValue> {
  const out = new Map<string, NamedValue>();
  const [a, b] = c.runs;
  if (!a) return out;
  const k = pointAt(a, week);
  out.set('week', { value: a.series.time[k]!, unit: 'week' });
  out.set('horizon', { value: a.series.time[a.series.points - 1]!, unit: 'weeks' });
  addRun(out, 'with', a, k);
  if (!b) return out;
  addRun(out, 'without', b, pointAt(b, week));
  for (const [name, unit] of Object.entries(WEEKLY_VALUES)) {
    const x = out.get(`with.${name}`)!.value!;
    const y = out.get(`without.${name}`)!.value!;
    out.set(`gap.${name}`, { value: x - y, unit: unit === 'change' ? 'change' : unit });
    out.set(`change.${name}`, { value: y !== 0 ? x / y - 1 : null, unit: 'change' });
  }
  out.set('overtakeWeek', { value: c.differences?.overtakeWeek ?? null, unit: 'week' });
  return out;
}
