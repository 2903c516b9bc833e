/**
 * The grid, the axes with their ticks and titles, shared by every weekly chart (the workspace's
 * lines, the Uncertainty view's bands). Static: renders with react-dom/server for reports.
 */
import type { ReactElement } from 'react';
import { axisUnitLabel, formatTick, formatWeek } from '../format/format';
import {
  ticksOf,
  X_TICK_COUNT,
  Y_TICK_COUNT,
  yAxisBroken,
  type ChartLayout,
  type Scales,
} from './chart-math';

export interface ChartAxesProps {
  readonly layout: ChartLayout;
  readonly scales: Scales;
  /** The unit of the y axis (ticks and title). */
  readonly unit: string;
  /** Tick label and title of the x axis (weeks by default). */
  readonly formatX?: (value: number) => string;
  readonly xTitle?: string;
  readonly yTitle?: string;
}

/** Grid, y ticks and title, x axis with ticks and title, in plot coordinates (inside the margins). */
export function ChartAxes({
  layout,
  scales,
  unit,
  formatX = formatWeek,
  xTitle = 'Week',
  yTitle = axisUnitLabel(unit),
}: ChartAxesProps): ReactElement {
  const { margin, plotWidth, plotHeight } = layout;
  const xTicks = ticksOf(scales.x, X_TICK_COUNT);
  const yTicks = ticksOf(scales.y, Y_TICK_COUNT);
  const broken = yAxisBroken(scales.y);
  return (
    <>
      <g className="fw-chart__grid">
        {yTicks.map((t) => (
          <line key={`y${t.value}`} x1={0} x2={plotWidth} y1={t.offset} y2={t.offset} />
        ))}
      </g>
      <g className="fw-chart__axis fw-chart__axis--y">
        {broken ? <line x1={0} x2={0} y1={0} y2={plotHeight} /> : null}
        {yTicks.map((t) => (
          <text key={`y${t.value}`} x={-6} y={t.offset} dy="0.32em" textAnchor="end">
            {formatTick(t.value, unit)}
          </text>
        ))}
      </g>
      <g className="fw-chart__axis fw-chart__axis--x" transform={`translate(0,${plotHeight})`}>
        <line x1={0} x2={plotWidth} y1={0} y2={0} />
        {xTicks.map((t) => (
          <g key={`x${t.value}`} transform={`translate(${t.offset},0)`}>
            <line y1={0} y2={4} />
            <text y={15} textAnchor="middle">
              {formatX(t.value)}
            </text>
          </g>
        ))}
        <text className="fw-chart__axis-title" x={plotWidth / 2} y={32} textAnchor="middle">
          {xTitle}
        </text>
      </g>
      {broken ? (
        // The axis does not start at zero: a break across its foot says so.
        <g
          className="fw-chart__axis-break"
          data-testid="chart-axis-break"
          transform={`translate(0,${plotHeight - 12})`}
        >
          <title>The axis does not start at zero</title>
          <path className="fw-chart__axis-break-gap" d="M-5,-1 L5,-4.5 L5,1 L-5,4.5 Z" />
          <path d="M-5,-1 L5,-4.5 M-5,4.5 L5,1" />
        </g>
      ) : null}
      <text
        className="fw-chart__axis-title"
        transform={`translate(${-margin.left + 11},${plotHeight / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {yTitle}
      </text>
    </>
  );
}
