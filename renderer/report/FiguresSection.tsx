/**
 * The report's figures: every workspace chart (the same TimeSeriesChart, rendered static) and the
 * five-step loops at the chosen week (the same LoopPair, in its reduced-motion static form, with full cards: every sub-item row).
 */
import type { ReactElement } from 'react';
import type { Comparison } from '../../simulation';
import { TimeSeriesChart } from '../charts/TimeSeriesChart';
import { formatWeek } from '../format/format';
import { buildLoopFrame, LoopPair } from '../loop';
import { pointAt } from '../../simulation';
import { CHARTS, selectChartData } from '../state/selectors';

interface FigureProps {
  readonly comparison: Comparison;
  readonly loopWeek: number;
}

export function ChartsSection({ comparison, loopWeek }: FigureProps): ReactElement | null {
  const first = comparison.runs[0];
  if (!first) return null;
  const index = pointAt(first, loopWeek);
  return (
    <section className="fw-report__section" aria-labelledby="report-charts">
      <h2 id="report-charts">Charts</h2>
      <p className="fw-report__note">
        Solid: with data products; dashed: without. The dotted vertical line marks week{' '}
        {formatWeek(first.series.time[index] ?? 0)}, the week of the loop below.
      </p>
      <div className="fw-report__charts">
        {CHARTS.map((spec) => {
          const data = selectChartData(comparison, spec);
          if (!data) return null;
          return (
            <figure key={spec.id} className="fw-chart fw-report__keep" data-chart={spec.id}>
              <figcaption className="fw-chart__title">
                {spec.title}
                <span className="fw-report__chart-description">{data.description}</span>
              </figcaption>
              <TimeSeriesChart data={data} currentIndex={index} interactive={false} />
            </figure>
          );
        })}
      </div>
    </section>
  );
}

export function LoopSection({ comparison, loopWeek }: FigureProps): ReactElement | null {
  const [withRun, withoutRun] = comparison.runs;
  if (!withRun) return null;
  const index = pointAt(withRun, loopWeek);
  const frames = {
    with: buildLoopFrame(withRun, index, withRun),
    without: withoutRun ? buildLoopFrame(withoutRun, index, withRun) : null,
  };
  return (
    <section className="fw-report__section" aria-labelledby="report-loop">
      <h2 id="report-loop">
        The flywheel at week {formatWeek(frames.with.week)}
        {index === withRun.series.points - 1 ? ', the horizon' : ''}
      </h2>
      <p className="fw-report__note">
        The five steps of the loop and the flows between them in that week; both loops are drawn on
        the scale of the run with data products.
      </p>
      <div className="fw-report__loop">
        <LoopPair frames={frames} mode="side-by-side" reducedMotion detail="full" />
      </div>
    </section>
  );
}
