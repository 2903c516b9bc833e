/**
 * A KPI card's line against the baseline run, under its with/without difference: "1 week sooner
 * than 'as is'", "$2.1M more than 'as is'" (the run on screen's "with" value against the
 * baseline's), coloured by whether that is better.
 */
import type { ReactElement } from 'react';
import { baselineDelta } from '../../simulation';
import type { KpiCard } from '../state/selectors';
import type { Baseline } from './hooks';

export function BaselineLine({
  card,
  baseline,
}: {
  readonly card: KpiCard;
  readonly baseline: Baseline;
}): ReactElement | null {
  if (baseline.isOnScreen) return null;
  if (card.id === 'overtakeWeek') return null;
  if (!baseline.run)
    return (
      <p className="fw-kpi__baseline fw-kpi__baseline--pending" data-testid="kpi-baseline">
        computing '{baseline.name}'…
      </p>
    );
  const base = baseline.run.kpis[card.id];
  const d = baselineDelta(card.withValue, base, card.unit, card.better, baseline.name);
  const tone = d.improved === null ? 'even' : d.improved ? 'good' : 'bad';
  return (
    <p
      className={`fw-kpi__baseline fw-kpi__baseline--${tone}`}
      data-testid="kpi-baseline"
      data-baseline={base ?? ''}
      title={`Against the baseline run ‘${baseline.name}’`}
    >
      {d.text}
    </p>
  );
}
