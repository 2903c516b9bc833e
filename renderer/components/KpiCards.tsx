/** KPI cards: each KPI with and without data products, and the difference with its direction. */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatDelta, formatValue, formatValues, isCountUnit } from '../format/format';
import { resultsStore } from '../state/results';
import { selectKpiCards, selectOvertakeWeek, type KpiCard } from '../state/selectors';

function verdict(card: KpiCard): string {
  if (card.improved === null) return card.delta === null ? 'no comparison' : 'no difference';
  return card.improved ? 'better with data products' : 'worse with data products';
}

function Card({
  card,
  hasWithout,
}: {
  readonly card: KpiCard;
  readonly hasWithout: boolean;
}): ReactElement {
  const tone = card.improved === null ? 'even' : card.improved ? 'good' : 'bad';
  const arrow = card.delta === null || card.delta === 0 ? '' : card.delta > 0 ? '▲' : '▼';
  // One scale for both values, so the difference below can be read off them.
  const [withText, withoutText] = hasWithout
    ? formatValues([card.withValue, card.withoutValue], card.unit, false)
    : [formatValue(card.withValue, card.unit, false), '–'];
  return (
    <div
      className="fw-kpi"
      role="group"
      aria-label={card.label}
      data-testid={`kpi-${card.id}`}
      data-with={card.withValue ?? ''}
      data-without={card.withoutValue ?? ''}
      data-delta={card.delta ?? ''}
    >
      <h3 className="fw-kpi__label">
        {card.label}
        {isCountUnit(card.unit) ? ` (${card.unit})` : ''}
      </h3>
      <dl className="fw-kpi__values">
        <div className="fw-kpi__row fw-kpi__row--with">
          <dt>With</dt>
          <dd data-testid="kpi-with">{withText}</dd>
        </div>
        <div className="fw-kpi__row fw-kpi__row--without">
          <dt>Without</dt>
          <dd data-testid="kpi-without">{withoutText}</dd>
        </div>
      </dl>
      <p className={`fw-kpi__delta fw-kpi__delta--${tone}`} data-testid="kpi-delta">
        <span aria-hidden="true">{arrow} </span>
        {card.delta === null && card.withValue !== null && card.withoutValue === null && hasWithout
          ? 'only with data products'
          : formatDelta(card.delta, card.unit)}
        <span className="fw-visually-hidden">, {verdict(card)}</span>
      </p>
    </div>
  );
}

export function KpiCards(): ReactElement {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const cards = selectKpiCards(comparison);
  const overtake = selectOvertakeWeek(comparison);
  const hasWithout = (comparison?.runs.length ?? 0) > 1;
  return (
    <section className="fw-kpis-section" aria-label="Key results over the horizon">
      <p className="fw-kpis-summary" data-testid="overtake">
        {!comparison
          ? 'Computing…'
          : !hasWithout
            ? 'This scenario has no data products: there is nothing to compare against.'
            : overtake === null
              ? 'With data products does not pull ahead on cumulative net value within the horizon.'
              : `With data products pulls ahead on cumulative net value from week ${overtake} and stays ahead.`}
      </p>
      <div className="fw-kpis" data-testid="kpis">
        {cards.map((c) => (
          <Card key={c.id} card={c} hasWithout={hasWithout} />
        ))}
      </div>
    </section>
  );
}
