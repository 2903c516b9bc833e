/**
 * One metric for both scenarios on one axis: unit-labelled axes, a legend, the current week
 * marked, and a readout of exact values at the week under the pointer (or chosen with the arrow
 * keys). React renders the SVG; chart-math.ts computes. Renderable with react-dom/server (the
 * static layers use no browser API), so reports can reuse it.
 */
import {
  memo,
  useMemo,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactElement,
} from 'react';
import { axisUnitLabel, formatValues, formatWeek } from '../format/format';
import { ChartAxes } from './ChartAxes';
import type { ChartData } from '../state/selectors';
import { ghostValueAt, GhostLines, NO_GHOSTS, type ChartGhost } from './GhostLines';
import {
  chartLayout,
  chartScales,
  linePath,
  nearestIndex,
  px,
  yAxisBroken,
  yDomain,
  type ChartLayout,
  type Scales,
} from './chart-math';

export const CHART_WIDTH = 360;
export const CHART_HEIGHT = 232;
const LEGEND_HEIGHT = 18;

export interface TimeSeriesChartProps {
  readonly data: ChartData;
  /** Point index of the week on screen (playback). */
  readonly currentIndex: number;
  readonly width?: number;
  readonly height?: number;
  /** Hover and keyboard readout (off for static rendering). */
  readonly interactive?: boolean;
  /** Other runs drawn faintly behind (pinned runs, the baseline): GhostLines. */
  readonly ghosts?: readonly ChartGhost[];
}

interface Geometry {
  readonly layout: ChartLayout;
  readonly scales: Scales;
}

function geometryOf(
  data: ChartData,
  width: number,
  height: number,
  ghosts: readonly ChartGhost[] = NO_GHOSTS,
): Geometry {
  const layout = chartLayout(width, height, {
    top: 12 + LEGEND_HEIGHT,
    right: 14,
    bottom: 38,
    left: 58,
  });
  const t = data.time;
  const end = Math.max(t[t.length - 1] ?? 1, ...ghosts.map((g) => g.time[g.time.length - 1] ?? 0));
  const weeks: [number, number] = [t[0] ?? 0, end];
  const scales = chartScales(
    layout,
    weeks,
    yDomain([...data.series.map((s) => s.values), ...ghosts.map((g) => g.values)], data.unit),
  );
  return { layout, scales };
}

/** Axes, grid, legend and lines: redrawn only when the data or the size change. */
const StaticLayers = memo(function StaticLayers({
  data,
  geometry,
}: {
  data: ChartData;
  geometry: Geometry;
}): ReactElement {
  const { layout, scales } = geometry;
  const { margin } = layout;
  return (
    <>
      <g className="fw-chart__legend" transform={`translate(${margin.left},${12})`}>
        {data.series.map((s, i) => (
          <g key={s.key} transform={`translate(${i * 150},0)`}>
            <line className={`fw-series fw-series--${s.key}`} x1={0} x2={20} y1={-4} y2={-4} />
            <text x={26} y={0} className="fw-chart__legend-text">
              {s.key === 'with' ? 'With data products' : 'Without'}
            </text>
          </g>
        ))}
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <ChartAxes layout={layout} scales={scales} unit={data.unit} />
        {/* `without` first so the `with` line is drawn on top where they overlap. */}
        {[...data.series].reverse().map((s) => (
          <path
            key={s.key}
            className={`fw-series fw-series--${s.key}`}
            data-series={s.key}
            d={linePath(data.time, s.values, scales)}
          />
        ))}
      </g>
    </>
  );
});

function Readout({
  data,
  geometry,
  index,
  baseline,
}: {
  data: ChartData;
  geometry: Geometry;
  index: number;
  /** The baseline's ghost: read out too. */
  baseline?: ChartGhost | undefined;
}): ReactElement {
  const { layout, scales } = geometry;
  const x = px(scales.x(data.time[index] ?? 0));
  const texts = valuesAt(data, index);
  const lines = data.series.map((s, i) => `${s.key === 'with' ? 'With' : 'Without'}: ${texts[i]}`);
  const extra = baseline
    ? `${baseline.label}: ${formatValues([ghostValueAt(baseline, data.time[index] ?? 0)], data.unit)[0]}`
    : null;
  if (extra) lines.push(extra);
  // About 6.5 px per character at the readout's 11 px font.
  const boxWidth = Math.max(110, Math.max(...lines.map((l) => l.length)) * 6.5 + 16);
  const boxX = x + boxWidth + 8 > layout.plotWidth ? x - boxWidth - 8 : x + 8;
  return (
    <g
      className="fw-chart__readout"
      transform={`translate(${layout.margin.left},${layout.margin.top})`}
      data-testid="chart-readout"
    >
      <line className="fw-chart__hover-line" x1={x} x2={x} y1={0} y2={layout.plotHeight} />
      {data.series.map((s) => (
        <circle
          key={s.key}
          className={`fw-chart__dot fw-chart__dot--${s.key}`}
          cx={x}
          cy={scales.y(s.values[index] ?? 0)}
          r={3.5}
        />
      ))}
      <rect
        className="fw-chart__readout-box"
        x={boxX}
        y={4}
        width={boxWidth}
        height={16 + 15 * lines.length}
        rx={4}
      />
      <text x={boxX + 8} y={17} className="fw-chart__readout-week">
        Week {formatWeek(data.time[index] ?? 0)}
      </text>
      {data.series.map((s, i) => (
        <text
          key={s.key}
          x={boxX + 8}
          y={32 + 15 * i}
          className={`fw-chart__readout-value fw-chart__readout-value--${s.key}`}
        >
          {s.key === 'with' ? 'With' : 'Without'}: {texts[i]}
        </text>
      ))}
      {extra && baseline ? (
        <text
          x={boxX + 8}
          y={32 + 15 * data.series.length}
          className="fw-chart__readout-value"
          fill={baseline.color}
          data-testid="chart-readout-baseline"
        >
          {extra}
        </text>
      ) : null}
    </g>
  );
}

/** The series' values at a point, on one scale (their difference can be read off them). */
function valuesAt(data: ChartData, index: number): string[] {
  return formatValues(
    data.series.map((s) => s.values[index] ?? Number.NaN),
    data.unit,
  );
}

function describe(data: ChartData, index: number): string {
  const week = formatWeek(data.time[index] ?? 0);
  const texts = valuesAt(data, index);
  const values = data.series
    .map((s, i) => `${s.key === 'with' ? 'with data products' : 'without'} ${texts[i]}`)
    .join(', ');
  return `${data.spec.title} at week ${week}: ${values}`;
}

export function TimeSeriesChart({
  data,
  currentIndex,
  width = CHART_WIDTH,
  height = CHART_HEIGHT,
  interactive = true,
  ghosts = NO_GHOSTS,
}: TimeSeriesChartProps): ReactElement {
  const geometry = useMemo(
    () => geometryOf(data, width, height, ghosts),
    [data, width, height, ghosts],
  );
  const [hoverIndex, setHoverIndex] = useState<number | null>(null);
  const last = Math.max(0, data.time.length - 1);
  const current = Math.min(Math.max(0, currentIndex), last);
  const { layout, scales } = geometry;
  const currentX = px(scales.x(data.time[current] ?? 0));

  const onPointerMove = (event: PointerEvent<SVGSVGElement>): void => {
    const svg = event.currentTarget;
    const box = svg.getBoundingClientRect();
    const plotX = ((event.clientX - box.left) / box.width) * width - layout.margin.left;
    setHoverIndex(nearestIndex(data.time, scales, plotX));
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>): void => {
    const from = hoverIndex ?? current;
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
      if (event.key === 'Escape') setHoverIndex(null);
      return;
    }
    event.preventDefault();
    setHoverIndex(Math.min(Math.max(0, next), last));
  };

  return (
    <svg
      className="fw-chart__svg"
      viewBox={`0 0 ${width} ${height}`}
      role={interactive ? 'group' : 'img'}
      aria-roledescription="chart"
      aria-label={`${data.spec.title} (${axisUnitLabel(data.unit)}) by week, with and without data products${yAxisBroken(scales.y) ? ' (the axis does not start at zero)' : ''}. ${describe(data, hoverIndex ?? current)}`}
      tabIndex={interactive ? 0 : undefined}
      onPointerMove={interactive ? onPointerMove : undefined}
      onPointerLeave={interactive ? () => setHoverIndex(null) : undefined}
      onKeyDown={interactive ? onKeyDown : undefined}
      onBlur={interactive ? () => setHoverIndex(null) : undefined}
    >
      <GhostLines
        ghosts={ghosts}
        scales={scales}
        left={layout.margin.left}
        top={layout.margin.top}
      />
      <StaticLayers data={data} geometry={geometry} />
      <g
        transform={`translate(${layout.margin.left},${layout.margin.top})`}
        data-testid="chart-current-week"
      >
        <line
          className="fw-chart__current"
          x1={currentX}
          x2={currentX}
          y1={0}
          y2={layout.plotHeight}
          data-week={data.time[current]}
        />
      </g>
      {interactive && hoverIndex !== null ? (
        <Readout
          data={data}
          geometry={geometry}
          index={hoverIndex}
          baseline={ghosts.find((g) => g.baseline)}
        />
      ) : null}
    </svg>
  );
}
