/** The grid of time-series charts, following the playback week. */
import { useLayoutEffect, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { markChartsRendered } from '../perf';
import { pointIndexOf, playbackStore } from '../state/playback';
import { resultsStore } from '../state/results';
import { CHARTS, selectChartData } from '../state/selectors';
import { TimeSeriesChart } from './TimeSeriesChart';

export function ChartsGrid(): ReactElement {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const revision = useStore(resultsStore, (s) => s.revision);
  const pointIndex = useStore(playbackStore, pointIndexOf);

  useLayoutEffect(() => {
    if (comparison) markChartsRendered(revision);
  }, [comparison, revision]);

  if (!comparison) {
    return (
      <p className="fw-empty" role="status">
        Computing the first run…
      </p>
    );
  }
  return (
    <div className="fw-charts" data-testid="charts" data-revision={revision}>
      {CHARTS.map((spec) => {
        const data = selectChartData(comparison, spec);
        if (!data) return null;
        return (
          <figure key={spec.id} className="fw-chart" data-testid={`chart-${spec.id}`}>
            <figcaption className="fw-chart__title">
              {spec.title}
              <span className="fw-chart__description">{data.description}</span>
            </figcaption>
            <TimeSeriesChart data={data} currentIndex={pointIndex} />
          </figure>
        );
      })}
    </div>
  );
}
