/**
 * KPI cards: each KPI with and without data products (on one scale, so the difference can be
 * read off them), the difference with its direction, and what the KPI means behind its "?". The
 * net value card also shows the status quo, the yardstick of payback.
 */
import { useId, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatDelta, formatValue, formatValues, isCountUnit } from '../format/format';
import { KPI_MEANINGS } from '../state/explanations';
import { resultsStore } from '../state/results';
import { selectKpiCards, selectOvertakeWeek, type KpiCard } from '../state/selectors';
import { BaselineLine } from '../compare/BaselineLine';
import { useBaseline, type Baseline } from '../compare/hooks';

function verdict(card: KpiCard): string {
  if (card.improved === null) return card.delta === null ? 'no comparison' : 'no difference';
  return card.improved ? 'better with data products' : 'worse with data products';
}

/** The card's title: its label, with a count unit in brackets unless the label says it already. */
export function cardTitle(card: Pick<KpiCard, 'label' | 'unit'>): string {
  if (!isCountUnit(card.unit)) return card.label;
  const word = card.unit.split('/')[0]!.toLowerCase();
  return card.label.toLowerCase().includes(word) ? card.label : `${card.label} (${card.unit})`;
}

function Card({
  card,
  hasWithout,
  baseline,
}: {
  readonly card: KpiCard;
  readonly hasWithout: boolean;
  readonly baseline: Baseline | null;
}): ReactElement {
  const id = useId();
  const [aboutOpen, setAboutOpen] = useState(false);
  const tone = card.improved === null ? 'even' : card.improved ? 'good' : 'bad';
  const arrow = card.delta === null || card.delta === 0 ? '' : card.delta > 0 ? '▲' : '▼';
  const meaning = card.id === 'overtakeWeek' ? undefined : KPI_MEANINGS[card.id];
  const statusQuo = card.statusQuoValue;
  // One scale for the values, so the difference below can be read off them.
  const shown = hasWithout
    ? formatValues(
        [card.withValue, card.withoutValue, ...(statusQuo !== undefined ? [statusQuo] : [])],
        card.unit,
        false,
      )
    : [formatValue(card.withValue, card.unit, false), '–'];
  const title = cardTitle(card);
  return (
    <div
      className="fw-kpi"
      role="group"
      aria-label={title}
      data-testid={`kpi-${card.id}`}
      data-with={card.withValue ?? ''}
      data-without={card.withoutValue ?? ''}
      data-delta={card.delta ?? ''}
    >
      <div className="fw-kpi__head">
        <h3 className="fw-kpi__label">{title}</h3>
        {meaning ? (
          <button
            type="button"
            className="fw-icon-button fw-kpi__about-toggle"
            aria-expanded={aboutOpen}
            aria-controls={`${id}-about`}
            aria-label={`What ${card.label} means`}
            title="What this means"
            onClick={() => setAboutOpen(!aboutOpen)}
            data-testid="kpi-about-toggle"
          >
            ?
          </button>
        ) : null}
      </div>
      <dl className="fw-kpi__values">
        <div className="fw-kpi__row fw-kpi__row--with">
          <dt>With</dt>
          <dd data-testid="kpi-with">{shown[0]}</dd>
        </div>
        <div className="fw-kpi__row fw-kpi__row--without">
          <dt>Without</dt>
          <dd data-testid="kpi-without">{shown[1]}</dd>
        </div>
        {hasWithout && statusQuo !== undefined ? (
          <div className="fw-kpi__row fw-kpi__row--status-quo">
            <dt title="The same business with no data products and no AI">Status quo</dt>
            <dd data-testid="kpi-status-quo">{shown[2]}</dd>
          </div>
        ) : null}
      </dl>
      <p className={`fw-kpi__delta fw-kpi__delta--${tone}`} data-testid="kpi-delta">
        <span aria-hidden="true">{arrow} </span>
        {card.delta === null && card.withValue !== null && card.withoutValue === null && hasWithout
          ? 'only with data products'
          : formatDelta(card.delta, card.unit)}
        <span className="fw-visually-hidden">, {verdict(card)}</span>
      </p>
      {baseline ? <BaselineLine card={card} baseline={baseline} /> : null}
      {meaning ? (
        <p className="fw-kpi__about" id={`${id}-about`} hidden={!aboutOpen} data-testid="kpi-about">
          {meaning}
        </p>
      ) : null}
    </div>
  );
}

export function KpiCards(): ReactElement {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const cards = selectKpiCards(comparison);
  const overtake = selectOvertakeWeek(comparison);
  const hasWithout = (comparison?.runs.length ?? 0) > 1;
  const baseline = useBaseline();
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
          <Card key={c.id} card={c} hasWithout={hasWithout} baseline={baseline} />
        ))}
      </div>
    </section>
  );
}
