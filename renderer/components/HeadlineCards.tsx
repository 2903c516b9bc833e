/**
 * The headline cards beside the KPI cards: the answer to "isn't that just your assumption?". How
 * much more mature the data products must be than own pipelines for them to pay off (the
 * break-even maturity gap), how often they win over the Monte Carlo draws, and how much of the
 * net value gap is cost alone, each with its figure and a sentence in plain words. The numbers and
 * the words are simulation/'s (analysis/headline.ts, narrative/headline-text.ts), as in
 * `flywheel run` and the report.
 */
import type { ReactElement, ReactNode } from 'react';
import { useStore } from 'zustand';
import {
  breakEvenFigure,
  breakEvenSentence,
  costSentence,
  formatGap,
  formatShare,
  formatValue,
  winSentence,
} from '../../simulation';
import { headlineStore } from '../state/headline';
import { resultsStore } from '../state/results';

function HeadlineCard({
  id,
  title,
  figure,
  detail,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly figure: string;
  readonly detail: string;
  readonly children: ReactNode;
}): ReactElement {
  return (
    <div className="fw-kpi fw-headline__card" role="group" aria-label={title} data-testid={id}>
      <div className="fw-kpi__head">
        <h3 className="fw-kpi__label">{title}</h3>
      </div>
      <p className="fw-headline__figure" data-testid={`${id}-figure`}>
        {figure}
      </p>
      <p className="fw-headline__detail">{detail}</p>
      <p className="fw-headline__words" data-testid={`${id}-words`}>
        {children}
      </p>
    </div>
  );
}

export function HeadlineCards(): ReactElement | null {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const resultsRevision = useStore(resultsStore, (s) => s.revision);
  const headline = useStore(headlineStore, (s) => s.headline);
  const revision = useStore(headlineStore, (s) => s.revision);
  const error = useStore(headlineStore, (s) => s.error);
  const hasWithout = (comparison?.runs.length ?? 0) > 1;
  if (!comparison || !hasWithout) return null;
  const current = headline !== null && revision === resultsRevision;
  const d = comparison.differences;
  const b = headline?.breakEven ?? null;
  const w = headline?.win ?? null;
  const cost = d ? costSentence(d) : null;
  const status = error
    ? `The headline results could not be computed: ${error.message}`
    : current
      ? null
      : headline === null
        ? 'Computing the break-even gap and the Monte Carlo draws (some hundreds of runs)…'
        : 'Recomputing for the scenario as it now stands; the figures below are for the previous one.';
  return (
    <section
      className="fw-headline"
      aria-label="Is it just the assumption? Break-even and how often data products win"
      aria-busy={!current && !error}
      data-testid="headline"
      data-current={current ? 'yes' : 'no'}
    >
      <h3 className="fw-headline__title">Is it just the assumption?</h3>
      {status ? (
        <p className="fw-headline__status" role="status" data-testid="headline-status">
          {status}
        </p>
      ) : null}
      <div className={`fw-kpis${current ? '' : ' fw-headline--stale'}`}>
        {b ? (
          <HeadlineCard
            id="headline-break-even"
            title="Break-even maturity gap"
            figure={breakEvenFigure(b)}
            detail={`Assumed gap ${formatGap(b.currentGap)} (maturity on a 0 to 1 scale)`}
          >
            {breakEvenSentence(b)}
          </HeadlineCard>
        ) : null}
        {w ? (
          <HeadlineCard
            id="headline-win"
            title="With wins on net value"
            figure={formatShare(w.probability, w.wins, w.draws)}
            detail={`of ${w.draws} Monte Carlo draws (95% interval ${formatShare(w.low)} to ${formatShare(w.high)})`}
          >
            {winSentence(w)}
          </HeadlineCard>
        ) : null}
        {d && d.netValueGapFromCostUsd !== null && cost ? (
          <HeadlineCard
            id="headline-cost"
            title="Of the gap, cost alone"
            figure={formatValue(d.netValueGapFromCostUsd, 'usd')}
            detail={`of ${formatValue(d.cumulativeNetValueUsd ?? 0, 'usd')} more net value with data products`}
          >
            {cost}
          </HeadlineCard>
        ) : null}
      </div>
    </section>
  );
}
