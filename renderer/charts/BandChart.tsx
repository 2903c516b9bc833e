/**
 * One metric's Monte Carlo percentile bands for both scenarios on one axis: the middle 90% of
 * draws (p5-p95) lightly shaded, the middle 50% (p25-p75) darker, the median as the scenario's
 * line, and a readout of the week under the pointer (or chosen with the arrow keys). React renders
 * the SVG, chart-math computes; static layers render with react-dom/server (reports).
 */
import {
  memo,
  useMemo,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactElement,
} from 'react';
import type { Bands } from '../../simulation';
import { axisUnitLabel, formatValue, formatWeek } from '../format/format';
import type { ScenarioKey } from '../state/selectors';
import { ChartAxes } from './ChartAxes';
import {
  bandPath,
  chartLayout,
  chartScales,
  linePath,
  nearestIndex,
  px,
  yDomain,
  type ChartLayout,
  type Scales,
} from './chart-math';
import { CHART_HEIGHT, CHART_WIDTH } from './TimeSeriesChart';

export interface BandSeries {
  readonly key: ScenarioKey;
  readonly bands: Bands;
}

export interface BandChartData {
  readonly title: string;
  readonly unit: string;
  readonly time: Float64Array;
  readonly series: readonly BandSeries[];
}

const LEGEND_HEIGHT = 32;
const NAMES: Record<ScenarioKey, string> = { with: 'With data products', without: 'Without' };

interface Geometry {
  readonly layout: ChartLayout;
  readonly scales: Scales;
}

function geometryOf(data: BandChartData, width: number, height: number): Geometry {
  const layout = chartLayout(width, height, {
    top: 12 + LEGEND_HEIGHT,
    right: 14,
    bottom: 38,
    left: 58,
  });
  const t = data.time;
  const weeks: [number, number] = [t[0] ?? 0, t[t.length - 1] ?? 1];
  const extremes = data.series.flatMap((s) => [s.bands.p5, s.bands.p95]);
  return { layout, scales: chartScales(layout, weeks, yDomain(extremes, data.unit)) };
}

const Layers = memo(function Layers({
  data,
  geometry,
}: {
  data: BandChartData;
  geometry: Geometry;
}): ReactElement {
  const { layout, scales } = geometry;
  const { margin } = layout;
  // `without` first so the `with` bands and median are drawn on top where they overlap.
  const ordered = [...data.series].reverse();
  return (
    <>
      <g className="fw-chart__legend" transform={`translate(${margin.left},${12})`}>
        {data.series.map((s, i) => (
          <g key={s.key} transform={`translate(${i * 150},0)`}>
            <line className={`fw-series fw-series--${s.key}`} x1={0} x2={20} y1={-4} y2={-4} />
            <text x={26} y={0} className="fw-chart__legend-text">
              {NAMES[s.key]}
            </text>
          </g>
        ))}
        <g transform="translate(0,15)">
          <rect
            className="fw-chart__band fw-chart__band--outer fw-chart__band--with"
            x={0}
            y={-8}
            width={9}
            height={9}
          />
          <rect
            className="fw-chart__band fw-chart__band--inner fw-chart__band--with"
            x={11}
            y={-8}
            width={9}
            height={9}
          />
          <text x={26} y={0} className="fw-chart__legend-note">
            line: median; shaded: middle 90% and 50% of draws
          </text>
        </g>
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <ChartAxes layout={layout} scales={scales} unit={data.unit} />
        {ordered.map((s) => (
          <g key={s.key} data-series={s.key}>
            <path
              className={`fw-chart__band fw-chart__band--outer fw-chart__band--${s.key}`}
              data-band="p5-p95"
              d={bandPath(data.time, s.bands.p5, s.bands.p95, scales)}
            />
            <path
              className={`fw-chart__band fw-chart__band--inner fw-chart__band--${s.key}`}
              data-band="p25-p75"
              d={bandPath(data.time, s.bands.p25, s.bands.p75, scales)}
            />
            {(['p5', 'p95'] as const).map((p) => (
              <path
                key={p}
                className={`fw-chart__band-edge fw-chart__band-edge--${s.key}`}
                data-band={p}
                d={linePath(data.time, s.bands[p], scales)}
              />
            ))}
          </g>
        ))}
        {ordered.map((s) => (
          <path
            key={s.key}
            className={`fw-series fw-series--${s.key}`}
            data-series={s.key}
            data-band="p50"
            d={linePath(data.time, s.bands.p50, scales)}
          />
        ))}
      </g>
    </>
  );
});

function intervalText(b: Bands, k: number, unit: string): string {
  const v = (x: number | undefined): string => formatValue(x ?? Number.NaN, unit, false);
  return `${v(b.p50[k])} (${v(b.p5[k])} to ${v(b.p95[k])})`;
}

function Readout({
  data,
  geometry,
  index,
}: {
  data: BandChartData;
  geometry: Geometry;
  index: number;
}): ReactElement {
  const { layout, scales } = geometry;
  const x = px(scales.x(data.time[index] ?? 0));
  const lines = data.series.map(
    (s) => `${s.key === 'with' ? 'With' : 'Without'}: ${intervalText(s.bands, index, data.unit)}`,
  );
  const boxWidth = Math.min(
    layout.plotWidth,
    Math.max(120, Math.max(...lines.map((l) => l.length)) * 6.6 + 16),
  );
  const boxX = x + boxWidth + 8 > layout.plotWidth ? Math.max(0, x - boxWidth - 8) : x + 8;
  return (
    <g
      className="fw-chart__readout"
      transform={`translate(${layout.margin.left},${layout.margin.top})`}
      data-testid="chart-readout"
    >
      <line className="fw-chart__hover-line" x1={x} x2={x} y1={0} y2={layout.plotHeight} />
      <rect
        className="fw-chart__readout-box"
        x={boxX}
        y={4}
        width={boxWidth}
        height={16 + 15 * lines.length}
        rx={4}
      />
      <text x={boxX + 8} y={17} className="fw-chart__readout-week">
        Week {formatWeek(data.time[index] ?? 0)}: median (90% of draws)
      </text>
      {lines.map((l, i) => (
        <text key={l} x={boxX + 8} y={32 + 15 * i} className="fw-chart__readout-value">
          {l}
        </text>
      ))}
    </g>
  );
}

export interface BandChartProps {
  readonly data: BandChartData;
  readonly width?: number;
  readonly height?: number;
  readonly interactive?: boolean;
}

export function BandChart({
  data,
  width = CHART_WIDTH,
  height = CHART_HEIGHT + 14,
  interactive = true,
}: BandChartProps): ReactElement {
  const geometry = useMemo(() => geometryOf(data, width, height), [data, width, height]);
  const [hover, setHover] = useState<number | null>(null);
  const last = Math.max(0, data.time.length - 1);
  const end = hover ?? last;
  const label = `${data.title} (${axisUnitLabel(data.unit)}) by week, Monte Carlo percentiles with and without data products. Week ${formatWeek(data.time[end] ?? 0)}: ${data.series
    .map((s) => `${NAMES[s.key]} median ${intervalText(s.bands, end, data.unit)}`)
    .join(', ')}`;

  const onPointerMove = (event: PointerEvent<SVGSVGElement>): void => {
    const box = event.currentTarget.getBoundingClientRect();
    const plotX = ((event.clientX - box.left) / box.width) * width - geometry.layout.margin.left;
    setHover(nearestIndex(data.time, geometry.scales, plotX));
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>): void => {
    const from = hover ?? last;
    const big = Math.max(1, Math.round(last / 12));
    const moves: Record<string, number> = {
      ArrowLeft: from - 1,
      ArrowRight: from + 1,
      PageDown: from - big,
      PageUp: from + big,
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if (next === undefined) {
      if (event.key === 'Escape') setHover(null);
      return;
    }
    event.preventDefault();
    setHover(Math.min(Math.max(0, next), last));
  };

  return (
    <svg
      className="fw-chart__svg"
      viewBox={`0 0 ${width} ${height}`}
      role={interactive ? 'group' : 'img'}
      aria-roledescription="chart"
      aria-label={label}
      tabIndex={interactive ? 0 : undefined}
      onPointerMove={interactive ? onPointerMove : undefined}
      onPointerLeave={interactive ? () => setHover(null) : undefined}
      onKeyDown={interactive ? onKeyDown : undefined}
      onBlur={interactive ? () => setHover(null) : undefined}
    >
      <Layers data={data} geometry={geometry} />
      {interactive && hover !== null ? (
        <Readout data={data} geometry={geometry} index={hover} />
      ) : null}
    </svg>
  );
}
