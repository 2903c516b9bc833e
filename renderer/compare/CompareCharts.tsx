/**
 * Every weekly chart with the compared runs overlaid, and one legend for all of them whose
 * buttons hide and show a run (the view remembers which).
 */
import { useMemo, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { CHARTS, cachedSeries, type ChartSpec } from '../state/selectors';
import { compareUi, toggleHidden, type ComparedRun } from './compared';
import { OverlayChart, type OverlaySeries } from './OverlayChart';
import { Swatch } from './Swatch';

export function CompareLegend({
  runs,
  baseline,
}: {
  readonly runs: readonly ComparedRun[];
  readonly baseline: number;
}): ReactElement {
  const hidden = useStore(compareUi, (s) => s.hidden);
  return (
    <div
      className="fw-compare__legend"
      role="group"
      aria-label="Runs on the charts"
      data-testid="compare-legend"
    >
      {runs.map((r, i) => {
        const visible = !hidden.includes(r.id);
        return (
          <button
            key={r.id}
            type="button"
            className={`fw-compare__legend-item${visible ? '' : ' is-hidden'}`}
            aria-pressed={visible}
            title={visible ? `Hide ${r.label} from the charts` : `Show ${r.label} on the charts`}
            onClick={() => toggleHidden(r.id)}
            data-testid={`legend-${r.id}`}
          >
            <Swatch color={r.color} dashed={i === baseline} />
            {r.label}
          </button>
        );
      })}
    </div>
  );
}

function CompareChart({
  spec,
  shown,
  baselineId,
  week,
}: {
  readonly spec: ChartSpec;
  readonly shown: readonly ComparedRun[];
  readonly baselineId: string | undefined;
  readonly week: number;
}): ReactElement {
  // The lines change with the runs, not with the week on screen (playback redraws the marker only).
  const series = useMemo(
    () =>
      shown
        .filter((r) => r.run!.metrics.some((m) => m.name === spec.metric))
        .map((r): OverlaySeries => ({
          id: r.id,
          label: r.label,
          color: r.color,
          dashed: r.id === baselineId,
          time: r.run!.series.time,
          values: cachedSeries(r.run!, spec.metric),
        })),
    [shown, spec, baselineId],
  );
  const info = shown[0]?.run?.metrics.find((m) => m.name === spec.metric);
  return (
    <figure className="fw-chart fw-compare__chart" data-testid={`compare-chart-${spec.id}`}>
      <figcaption className="fw-chart__title">
        {spec.title}
        <span className="fw-chart__description">{info?.description ?? ''}</span>
      </figcaption>
      {series.length === 0 ? (
        <p className="fw-empty">Every run is hidden.</p>
      ) : (
        <OverlayChart title={spec.title} unit={info?.unit ?? ''} series={series} week={week} />
      )}
    </figure>
  );
}

export function CompareCharts({
  runs,
  baseline,
  week,
}: {
  readonly runs: readonly ComparedRun[];
  readonly baseline: number;
  readonly week: number;
}): ReactElement {
  const hidden = useStore(compareUi, (s) => s.hidden);
  const shown = useMemo(
    () => runs.filter((r) => r.run !== null && !hidden.includes(r.id)),
    [runs, hidden],
  );
  return (
    <div className="fw-compare__charts" data-testid="compare-charts">
      {CHARTS.map((spec) => (
        <CompareChart
          key={spec.id}
          spec={spec}
          shown={shown}
          baselineId={runs[baseline]?.id}
          week={week}
        />
      ))}
    </div>
  );
}
