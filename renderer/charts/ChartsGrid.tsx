/** The grid of time-series charts, following the playback week. */
import { useLayoutEffect, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { detailsStore } from '../details/store';
import { markChartsRendered } from '../perf';
import { pointIndexOf, playbackStore } from '../state/playback';
import { resultsStore } from '../state/results';
import { CHARTS, selectChartData } from '../state/selectors';
import { chartGhostsOf, useGhosts } from '../compare/hooks';
import { TimeSeriesChart } from './TimeSeriesChart';

/** The details of a chart's metric; the focus goes back to the chart (its svg) on close. */
function openDetails(metric: string, figure: HTMLElement): void {
  detailsStore.getState().open(metric, figure.querySelector('svg') ?? figure);
}

export function ChartsGrid(): ReactElement {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const revision = useStore(resultsStore, (s) => s.revision);
  const pointIndex = useStore(playbackStore, pointIndexOf);
  const ghosts = useGhosts();

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
          <figure
            key={spec.id}
            className="fw-chart"
            data-testid={`chart-${spec.id}`}
            title="Click (or Enter) for what it means, how it is computed and its sources"
            onClick={(e) => openDetails(spec.metric, e.currentTarget)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                openDetails(spec.metric, e.currentTarget);
              }
            }}
          >
            <figcaption className="fw-chart__title">
              {spec.title}
              <span className="fw-chart__description">{data.description}</span>
            </figcaption>
            <TimeSeriesChart
              data={data}
              currentIndex={pointIndex}
              ghosts={chartGhostsOf(ghosts, spec.metric)}
            />
          </figure>
        );
      })}
    </div>
  );
}
