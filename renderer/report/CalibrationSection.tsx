/**
 * The report's "Calibration to the KPI history", when the scenario carries a calibration record:
 * where the data came from, every series of the history against the status quo as the scenario
 * now stands (the same chart as the "Your data" view), the fit statistics (R², MAPE, Theil's
 * UM/US/UC), what was fitted with its approximate 95% interval, and the warnings. Read from
 * simulation/calibration/review.ts (one model run, no fitting).
 */
import type { ReactElement } from 'react';
import { reviewCalibration, type CalibrationReview, type Scenario } from '../../simulation';
import {
  aggregateWords,
  fitInterval,
  fitNumber,
  fitPercent,
  fitR2,
  fitShare,
} from '../calibration/format';
import { SeriesChart } from '../calibration/SeriesChart';

const plural = (n: number, one: string, many: string): string =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

function Source({ review: r }: { review: CalibrationReview }): ReactElement {
  const unit = r.frequency === 'weekly' ? ['week', 'weeks'] : ['month', 'months'];
  const fittedCount = r.fitted.length;
  return (
    <>
      <p>
        The status quo of this scenario (the business before data products and AI, as its history
        was lived) was fitted to {r.file} by weighted least squares:{' '}
        {plural(r.figures, 'figure', 'figures')} in {plural(r.series.length, 'series', 'series')}{' '}
        over {plural(r.periods, unit[0]!, unit[1]!)},{' '}
        {plural(fittedCount, 'parameter', 'parameters')} fitted. The charts and statistics below
        compare the data with the status quo as the scenario now stands.
      </p>
      <dl className="fw-report__facts fw-report__keep" data-testid="report-calibration-source">
        <dt>Data</dt>
        <dd>{r.file}</dd>
        <dt>Adopted</dt>
        <dd>{r.date}</dd>
        <dt>Periods</dt>
        <dd>
          {plural(r.periods, unit[0]!, unit[1]!)}, {r.firstPeriod} to {r.lastPeriod}
          {r.startDate ? ` (week 0 = ${r.startDate})` : ''}
        </dd>
        <dt>Method</dt>
        <dd>
          Levenberg–Marquardt from several starting points (seed {r.seed}), each series&apos; errors
          relative to its mean
        </dd>
      </dl>
    </>
  );
}

function Charts({ review: r }: { review: CalibrationReview }): ReactElement | null {
  if (r.series.length === 0) return null;
  return (
    <>
      <p className="fw-report__note">
        Dots: the history. Line: the status quo of this scenario, read as the data are (a value per
        week, or a month&apos;s total or average).
      </p>
      <div className="fw-report__charts">
        {r.series.map((s) => (
          <figure key={s.metric} className="fw-chart fw-report__keep" data-fit-series={s.metric}>
            <figcaption className="fw-chart__title">
              {s.label}
              <span className="fw-report__chart-description">
                {s.unit}, {aggregateWords(s.aggregate, r.frequency)}
                {s.weight !== 1 ? `, weight ${fitNumber(s.weight)}` : ''}
              </span>
            </figcaption>
            <SeriesChart series={s} model="the status quo of this scenario" />
          </figure>
        ))}
      </div>
    </>
  );
}

function Statistics({ review: r }: { review: CalibrationReview }): ReactElement | null {
  if (r.series.length === 0) return null;
  return (
    <div className="fw-report__keep">
      <h3>Fit statistics</h3>
      <table
        className="fw-report__table fw-report__table--fit"
        data-testid="report-calibration-statistics"
      >
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Figures</th>
            <th scope="col">R²</th>
            <th scope="col">MAPE</th>
            <th scope="col">UM (bias)</th>
            <th scope="col">US (variation)</th>
            <th scope="col">UC (covariation)</th>
          </tr>
        </thead>
        <tbody>
          {r.series.map((s) => (
            <tr key={s.metric} data-fit-series={s.metric}>
              <th scope="row">{s.label}</th>
              <td>{s.statistics.n}</td>
              <td>{fitR2(s.statistics.r2)}</td>
              <td>{fitPercent(s.statistics.mape)}</td>
              <td>{fitShare(s.statistics.um)}</td>
              <td>{fitShare(s.statistics.us)}</td>
              <td>{fitShare(s.statistics.uc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fw-report__note">
        R²: the share of the data&apos;s variation the model follows. MAPE: mean absolute percent
        error. Theil&apos;s statistics split the mean squared error into bias (UM: the means
        differ), unequal variation (US: the spreads differ) and unequal covariation (UC: what is
        left, point by point); they add up to 1, and a good fit of noisy data has most of its error
        in UC (Sterman, Business Dynamics, ch. 21).
      </p>
    </div>
  );
}

function Fitted({ review: r }: { review: CalibrationReview }): ReactElement {
  const anyChanged = r.fitted.some((f) => f.differs);
  return (
    <div className="fw-report__keep">
      <h3>What was fitted</h3>
      <table
        className="fw-report__table fw-report__table--fit"
        data-testid="report-calibration-fitted"
      >
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Fitted</th>
            <th scope="col">Approximate 95% interval</th>
            {anyChanged ? <th scope="col">This scenario</th> : null}
            <th scope="col">Unit</th>
          </tr>
        </thead>
        <tbody>
          {r.fitted.map((f) => (
            <tr key={f.name} data-parameter={f.name} data-identified={f.identified ? 'yes' : 'no'}>
              <th scope="row">
                {f.label}
                <span className="fw-report__description">
                  <code>{f.name}</code>
                </span>
              </th>
              <td>{fitNumber(f.fitted)}</td>
              <td>{fitInterval(f.low, f.high)}</td>
              {anyChanged ? (
                <td>
                  {f.differs ? (
                    <>
                      <strong>{fitNumber(f.current)}</strong>
                      <span className="fw-report__mark"> *</span>
                    </>
                  ) : (
                    'as fitted'
                  )}
                </td>
              ) : null}
              <td>{f.unit}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="fw-report__note">
        Intervals are the usual linearised ones of non-linear least squares (from the fit&apos;s
        sensitivity to each parameter at the optimum), clipped to each value&apos;s valid range:
        good when the model is close to linear near the optimum, optimistic otherwise. A parameter
        the data cannot tell apart from the others, or that the history does not depend on, is not
        identified and keeps its value.
      </p>
    </div>
  );
}

export function CalibrationSection({
  scenario,
  review = reviewCalibration(scenario),
}: {
  scenario: Scenario;
  review?: CalibrationReview | null;
}): ReactElement | null {
  if (!review) return null;
  return (
    <section
      className="fw-report__section"
      aria-labelledby="report-calibration"
      data-testid="report-calibration"
    >
      {/* The heading and the data source stay on the page of the charts they introduce. */}
      <div className="fw-report__keep">
        <h2 id="report-calibration">Calibration to the KPI history</h2>
        <Source review={review} />
        <Charts review={review} />
      </div>
      <Statistics review={review} />
      <Fitted review={review} />
      <div className="fw-report__keep">
        <h3>Warnings</h3>
        {review.warnings.length > 0 ? (
          <ul className="fw-report__warnings" data-testid="report-calibration-warnings">
            {review.warnings.map((w, i) => (
              <li key={i}>{w}</li>
            ))}
          </ul>
        ) : (
          <p data-testid="report-calibration-warnings">
            None: every fitted parameter was identified inside its valid range and has its fitted
            value here, and every series has all its figures, none of them missed by more than 2% on
            average with mostly systematic error.
          </p>
        )}
      </div>
    </section>
  );
}
