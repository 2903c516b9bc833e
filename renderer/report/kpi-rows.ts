/**
 * The KPI comparison table's rows: KPI_INFO's labels and units, each value formatted exactly as
 * the app's cards format it (renderer/format), with, without and the difference.
 */
import { KPI_INFO, type ComparisonKpis, type Kpis } from '../../simulation/analysis/kpis';
import type { ScenarioRun } from '../../simulation/analysis/simulate';
import { formatDelta, formatValue, formatValues } from '../format/format';

export interface KpiRow {
  readonly key: keyof Kpis | 'overtakeWeek';
  readonly label: string;
  readonly unit: string;
  readonly withText: string;
  /** Null when the scenario has no `without` run. */
  readonly withoutText: string | null;
  readonly differenceText: string | null;
}

export const KPI_KEYS = Object.keys(KPI_INFO) as (keyof Kpis)[];

/** A KPI value as the report (and the app's cards) print it. */
export function formatKpi(key: keyof Kpis, value: number | null): string {
  return formatValue(value, KPI_INFO[key].unit);
}

export function kpiRows(
  runs: readonly ScenarioRun[],
  differences: ComparisonKpis | null,
): KpiRow[] {
  const [withRun, withoutRun] = runs;
  if (!withRun) return [];
  const rows: KpiRow[] = KPI_KEYS.map((key) => {
    const unit = KPI_INFO[key].unit;
    // Side by side on one scale, so the difference can be read off the two values.
    const [withText, withoutText] = withoutRun
      ? formatValues([withRun.kpis[key], withoutRun.kpis[key]], unit)
      : [formatKpi(key, withRun.kpis[key]), null];
    return {
      key,
      label: KPI_INFO[key].label,
      unit,
      withText: withText!,
      withoutText: withoutText ?? null,
      differenceText: differences ? formatDelta(differences[key], unit) : null,
    };
  });
  if (differences) {
    rows.push({
      key: 'overtakeWeek',
      label: 'With overtakes without (cumulative net value)',
      unit: 'week',
      withText: formatValue(differences.overtakeWeek, 'week'),
      withoutText: null,
      differenceText: null,
    });
  }
  return rows;
}
