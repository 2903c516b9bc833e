/**
 * Methodology: the model's own descriptions of its stocks, the charted metrics and the anatomy,
 * and what Monte Carlo draws and how.
 */
import type { ReactElement } from 'react';
import { formatValue, type Comparison, type Scenario } from '../../simulation';
import { axisUnitLabel } from '../format/format';
import { CHARTS } from '../state/selectors';
import { DrawnAssumptions } from './DrawnAssumptions';
import { methodologyOf, type ModelTerm } from './methodology';

function Terms({ terms }: { terms: readonly ModelTerm[] }): ReactElement {
  return (
    <dl className="fw-report__terms">
      {terms.map((t) => (
        <div key={t.name} className="fw-report__term">
          <dt>
            {t.label} <span className="fw-report__unit">({axisUnitLabel(t.unit)})</span>
          </dt>
          <dd>{t.description}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MethodologySection({
  comparison,
  scenario,
}: {
  comparison: Comparison;
  scenario: Scenario;
}): ReactElement | null {
  const run = comparison.runs[0];
  if (!run) return null;
  const m = methodologyOf(
    run,
    CHARTS.map((c) => c.metric),
  );
  return (
    <section className="fw-report__section" aria-labelledby="report-method">
      <h2 id="report-method">Methodology</h2>
      <p>
        A stock-and-flow model integrated with Euler steps of {formatValue(m.stepWeeks, 'weeks')}.
        The run without data products is the same scenario with every data product removed; the
        status quo, against which payback is measured, has neither data products nor AI. The
        descriptions below are the model’s own.
      </p>
      <h3>Stocks</h3>
      <dl className="fw-report__terms">
        {m.stocks.map((s) => (
          <div key={s.name} className="fw-report__term">
            <dt>
              {s.label} <span className="fw-report__unit">({axisUnitLabel(s.unit)})</span>
            </dt>
            <dd>
              {s.description}
              {s.inflows.length > 0 ? ` In: ${s.inflows.join(', ')}.` : ''}
              {s.outflows.length > 0 ? ` Out: ${s.outflows.join(', ')}.` : ''}
            </dd>
          </div>
        ))}
      </dl>
      <h3>Charted metrics</h3>
      <Terms terms={m.metrics} />
      <h3>The eight parts of a data product</h3>
      <Terms terms={m.anatomy} />
      <DrawnAssumptions scenario={scenario} />
    </section>
  );
}
