/**
 * The report's answer to "isn't that just your assumption?": the break-even maturity gap, how
 * often data products win over the Monte Carlo draws and how much of the gap is cost alone, as
 * figures and in plain words (simulation/analysis/headline.ts, narrative/headline-text.ts: the
 * numbers `flywheel run` writes and the app's cards show). The app passes the headline its engine
 * computed for the scenario on screen; otherwise (the CLI) it is computed here, with the same
 * numbers on either backend.
 */
import type { ReactElement } from 'react';
import {
  breakEvenFigure,
  breakEvenSentence,
  computeHeadline,
  costSentence,
  formatGap,
  formatShare,
  formatValue,
  hasDataProducts,
  winSentence,
  type Comparison,
  type Headline,
  type Scenario,
} from '../../simulation';
import { scenarioHash } from '../../simulation/scenario/hash';

/** Headlines computed here, by scenario (a report rendered again costs nothing more). */
const computed = new Map<string, Headline>();

function headlineOf(scenario: Scenario): Headline {
  const key = scenarioHash(scenario);
  let h = computed.get(key);
  if (!h) {
    h = computeHeadline(scenario, { backend: 'interpreter' });
    if (computed.size >= 8) computed.delete(computed.keys().next().value!);
    computed.set(key, h);
  }
  return h;
}

export function HeadlineSection({
  scenario,
  comparison,
  headline,
}: {
  readonly scenario: Scenario;
  readonly comparison: Comparison;
  readonly headline?: Headline | null;
}): ReactElement | null {
  if (!hasDataProducts(scenario) || comparison.runs.length < 2) return null;
  const h = headline ?? headlineOf(scenario);
  const b = h.breakEven;
  const w = h.win;
  const d = comparison.differences;
  const cost = d ? costSentence(d) : null;
  return (
    <section
      className="fw-report__section fw-report__keep"
      aria-labelledby="report-headline"
      data-testid="report-headline"
    >
      <h2 id="report-headline">Is it just the assumption?</h2>
      <p>
        The verdict rests on how much more mature the data products are than the pipelines each AI
        team would build for itself, and on assumptions that are judgement. Two numbers say how much
        it rests on them: the maturity gap at which data products stop paying off, and how often
        they win when every uncertain assumption is drawn over its plausible range.
      </p>
      <table className="fw-report__table" data-testid="report-headline-table">
        <tbody>
          {b ? (
            <tr data-headline="breakEven">
              <th scope="row">Break-even maturity gap</th>
              <td>{breakEvenFigure(b)}</td>
              <td>{`assumed gap ${formatGap(b.currentGap)}, on a 0 to 1 scale`}</td>
            </tr>
          ) : null}
          {w ? (
            <tr data-headline="winProbability">
              <th scope="row">With wins on net value</th>
              <td>{formatShare(w.probability, w.wins, w.draws)}</td>
              <td>
                {`of ${w.draws} Monte Carlo draws (95% interval ${formatShare(w.low)} to ${formatShare(w.high)})`}
              </td>
            </tr>
          ) : null}
          {d && d.netValueGapFromCostUsd !== null && d.cumulativeNetValueUsd !== null ? (
            <tr data-headline="costAlone">
              <th scope="row">Of the net value gap, cost alone</th>
              <td>{formatValue(d.netValueGapFromCostUsd, 'usd')}</td>
              <td>{`of ${formatValue(d.cumulativeNetValueUsd, 'usd')}`}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {b ? <p data-testid="report-break-even">{breakEvenSentence(b)}</p> : null}
      {w ? <p data-testid="report-win">{winSentence(w)}</p> : null}
      {cost ? <p data-testid="report-cost">{cost}</p> : null}
    </section>
  );
}
