/** The fit, as a user judges it: data against model per series, statistics, estimates, warnings. */
import { useState, type ReactElement } from 'react';
import { correlationWarning, type CalibrationResult } from '../../simulation';
import type { Adoption } from './store';
import { fitInterval, fitNumber as num, fitPercent as pct, fitR2, fitShare as f2 } from './format';
import { SeriesChart } from './SeriesChart';

function adoptedText(a: Adoption): string {
  return a.kind === 'base'
    ? 'Adopted as the scenario’s base (Undo reverts it).'
    : `Adopted as the variant ‘${a.name}’, now on screen (Undo reverts it).`;
}

export function FitResults(props: {
  readonly result: CalibrationResult;
  readonly adopted: Adoption | null;
  readonly onAdopt: () => boolean;
  readonly onAdoptAsVariant: () => { readonly name: string } | { readonly problem: string };
}): ReactElement {
  const { result: r, adopted } = props;
  const [problem, setProblem] = useState<string | null>(null);
  const nothing = !r.fitted.some((f) => f.identified);
  const labelOf = new Map(r.fitted.map((f) => [f.name, f.label]));
  const warnings = [
    ...r.warnings,
    ...r.correlations.map((c) =>
      correlationWarning(labelOf.get(c.a) ?? c.a, labelOf.get(c.b) ?? c.b, c.r),
    ),
  ];
  return (
    <section
      className="fw-calibration__step"
      aria-labelledby="cal-result"
      data-testid="fit-results"
    >
      <h3 id="cal-result">4. The fit</h3>
      <div className="fw-calibration__charts">
        {r.series.map((s) => (
          <figure key={s.metric}>
            <figcaption>
              {s.label}{' '}
              <span className="fw-card__meta">
                ({s.unit}
                {s.aggregate === 'total' ? ', monthly totals' : ''})
              </span>
            </figcaption>
            <SeriesChart series={s} />
          </figure>
        ))}
      </div>
      <p className="fw-card__meta">Dots: your data. Line: the fitted status quo.</p>
      <table className="fw-calibration__table" data-testid="fit-statistics">
        <caption>
          Fit by series (Theil: UM bias, US unequal variation, UC unequal covariation)
        </caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">n</th>
            <th scope="col">R²</th>
            <th scope="col">MAPE</th>
            <th scope="col">UM</th>
            <th scope="col">US</th>
            <th scope="col">UC</th>
          </tr>
        </thead>
        <tbody>
          {r.series.map((s) => (
            <tr key={s.metric}>
              <th scope="row" title={s.metric}>
                {s.label}
              </th>
              <td>{s.statistics.n}</td>
              <td>{fitR2(s.statistics.r2)}</td>
              <td>{pct(s.statistics.mape)}</td>
              <td>{f2(s.statistics.um)}</td>
              <td>{f2(s.statistics.us)}</td>
              <td>{f2(s.statistics.uc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="fw-calibration__table" data-testid="fit-estimates">
        <caption>Fitted values with approximate 95% intervals</caption>
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Before</th>
            <th scope="col">Fitted</th>
            <th scope="col">Interval</th>
          </tr>
        </thead>
        <tbody>
          {r.fitted.map((f) => (
            <tr key={f.name} data-identified={f.identified}>
              <th scope="row" title={f.name}>
                {f.label}
              </th>
              <td>{num(f.before)}</td>
              <td>{num(f.value)}</td>
              <td>{f.identified ? fitInterval(f.low, f.high) : 'not identified'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {warnings.length > 0 ? (
        <ul className="fw-calibration__flags" data-testid="fit-warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      ) : null}
      <p className="fw-card__meta" data-testid="fit-summary">
        {r.overall.observations} figures, {r.overall.parameters} parameters, {r.overall.starts}{' '}
        starts (seed {r.overall.seed}), {r.overall.evaluations} model runs; residual spread{' '}
        {pct(r.overall.residualSd)} of each series&apos; mean.
      </p>
      <div className="fw-calibration__adopt">
        <button
          type="button"
          className="fw-button fw-button--primary"
          disabled={adopted !== null || nothing}
          onClick={() => setProblem(props.onAdopt() ? null : 'The fit could not be adopted.')}
          title="Set the fitted values in the scenario itself; their source then reads ‘calibrated to FILE on DATE’"
          data-testid="adopt-fit"
        >
          Adopt as the scenario’s base
        </button>
        <button
          type="button"
          className="fw-button"
          disabled={adopted !== null || nothing}
          onClick={() => {
            const v = props.onAdoptAsVariant();
            setProblem('problem' in v ? v.problem : null);
          }}
          title="Keep the scenario as it is and add a variant with the fitted values, to compare the two"
          data-testid="adopt-fit-variant"
        >
          Adopt as a variant
        </button>
        {adopted ? (
          <span role="status" data-testid="adopt-status">
            {adoptedText(adopted)}
          </span>
        ) : null}
        {problem ? (
          <span className="fw-field__error" role="alert" data-testid="adopt-error">
            {problem}
          </span>
        ) : null}
      </div>
    </section>
  );
}
