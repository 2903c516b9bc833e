/**
 * The Uncertainty view's figures as a Monte Carlo fills them in: each takes a new snapshot in a
 * task of its own (stagger.ts), so redrawing ten figures never blocks the page for long, and each
 * says which draws it shows (`data-draws`: the results are all on screen when every figure shows
 * the snapshot's draws). Memoised: a progress update re-renders nothing of a snapshot shown.
 */
import { memo, type ReactElement } from 'react';
import type { UncertaintySnapshot } from '../../analysis/mc-snapshot';
import { BandChart as BandChartStatic, type BandChartData } from '../../charts/BandChart';
import { GapHistogram as GapHistogramStatic } from '../../charts/GapHistogram';
import { CHART_HEIGHT, CHART_WIDTH } from '../../charts/TimeSeriesChart';
import { KpiIntervals as KpiIntervalsStatic } from './KpiIntervals';
import { useStaggered } from './stagger';

const BandChartMemo = memo(BandChartStatic);
const GapHistogramMemo = memo(GapHistogramStatic);
const KpiIntervalsMemo = memo(KpiIntervalsStatic);

/** One band chart of a snapshot (one object per snapshot and chart: the unit of staggering). */
export interface BandFigure {
  /** The chart's id in CHARTS (renderer/state/selectors.ts). */
  readonly id: string;
  readonly data: BandChartData;
  readonly draws: number;
}

const HISTOGRAM_WIDTH = 560;

/** An empty box of a chart's size, until the chart's first turn to draw. */
function Pending({ width, height }: { width: number; height: number }): ReactElement {
  return (
    <svg className="fw-chart__pending" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" />
  );
}

export const StaggeredBandChart = memo(function StaggeredBandChart({
  figure,
}: {
  figure: BandFigure;
}): ReactElement {
  const shown = useStaggered(figure);
  return (
    <div className="fw-chart__plot" data-draws={shown?.draws ?? 0}>
      {shown ? (
        <BandChartMemo data={shown.data} />
      ) : (
        <Pending width={CHART_WIDTH} height={CHART_HEIGHT + 14} />
      )}
    </div>
  );
});

/** The net-value gap's histogram (a snapshot of a run with and without data products). */
export const StaggeredGapHistogram = memo(function StaggeredGapHistogram({
  snapshot,
}: {
  snapshot: UncertaintySnapshot;
}): ReactElement {
  const shown = useStaggered(snapshot);
  return (
    <div className="fw-chart__plot" data-draws={shown?.draws ?? 0}>
      {shown?.netValueGaps && shown.wins ? (
        <GapHistogramMemo
          values={shown.netValueGaps}
          unit="usd"
          title="Cumulative net value gap"
          median={shown.differencePercentiles?.cumulativeNetValueUsd.p50 ?? null}
          aheadShare={shown.wins.cumulativeNetValueUsd.withBetter}
        />
      ) : (
        <Pending width={HISTOGRAM_WIDTH} height={CHART_HEIGHT} />
      )}
    </div>
  );
});

export const StaggeredKpiIntervals = memo(function StaggeredKpiIntervals({
  snapshot,
}: {
  snapshot: UncertaintySnapshot;
}): ReactElement | null {
  const shown = useStaggered(snapshot);
  return shown ? <KpiIntervalsMemo snapshot={shown} /> : null;
});
