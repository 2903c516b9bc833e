/**
 * A histogram of one number per Monte Carlo draw (the net-value gap, with minus without): bars by
 * d3-array's bin, coloured by the side of zero they lie on, zero and the median marked. Static
 * layers render with react-dom/server (reports).
 */
import { bin, scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import { axisUnitLabel, formatTick, formatValue } from '../format/format';
import { chartLayout, px, ticksOf, X_TICK_COUNT, Y_TICK_COUNT } from './chart-math';
import { CHART_HEIGHT } from './TimeSeriesChart';

export interface HistogramBar {
  readonly x0: number;
  readonly x1: number;
  readonly count: number;
}

/** About `target` equal bins over the finite values (one bin when they are all equal). */
export function histogramBars(values: ArrayLike<number>, target = 40): HistogramBar[] {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite.push(values[i]!);
  if (finite.length === 0) return [];
  const bins = bin().thresholds(target)(finite);
  return bins.map((b) => ({ x0: b.x0!, x1: b.x1!, count: b.length }));
}

export interface GapHistogramProps {
  readonly values: Float64Array;
  readonly unit: string;
  /** What the values are, for the axis and the label ("Cumulative net value gap"). */
  readonly title: string;
  /** The exact median (the KPI percentiles') and the share of draws above zero (the win share). */
  readonly median: number | null;
  readonly aheadShare: number;
  readonly width?: number;
  readonly height?: number;
}

export function GapHistogram({
  values,
  unit,
  title,
  median: medianValue,
  aheadShare: share,
  width = 560,
  height = CHART_HEIGHT,
}: GapHistogramProps): ReactElement {
  const layout = chartLayout(width, height, { top: 30, right: 16, bottom: 38, left: 52 });
  const bars = histogramBars(values);
  const lo = Math.min(0, bars[0]?.x0 ?? 0);
  const hi = Math.max(0, bars[bars.length - 1]?.x1 ?? 1);
  const x = scaleLinear()
    .domain([lo, hi > lo ? hi : lo + 1])
    .range([0, layout.plotWidth])
    .nice(X_TICK_COUNT);
  const top = Math.max(1, ...bars.map((b) => b.count));
  const y = scaleLinear().domain([0, top]).range([layout.plotHeight, 0]).nice(Y_TICK_COUNT);
  const n = values.length;
  const median = medianValue ?? NaN;
  const xTicks = ticksOf(x, X_TICK_COUNT);
  const yTicks = ticksOf(y, Y_TICK_COUNT).filter((t) => Number.isInteger(t.value));
  const zero = px(x(0));
  const { margin, plotWidth, plotHeight } = layout;
  const side = (b: HistogramBar): string => (b.x0 >= 0 ? 'with' : b.x1 <= 0 ? 'without' : 'even');
  return (
    <svg
      className="fw-chart__svg fw-histogram"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-roledescription="histogram"
      aria-label={`${title} over ${n} draws: with data products ahead in ${Math.round(share * 100)}% of draws, median ${formatValue(median, unit)}`}
    >
      <g className="fw-chart__legend" transform={`translate(${margin.left},14)`}>
        <rect className="fw-chart__bar fw-chart__bar--with" x={0} y={-9} width={10} height={10} />
        <text x={15} y={0} className="fw-chart__legend-text">
          with data products ahead ({Math.round(share * 100)}% of draws)
        </text>
        <rect
          className="fw-chart__bar fw-chart__bar--without"
          x={280}
          y={-9}
          width={10}
          height={10}
        />
        <text x={295} y={0} className="fw-chart__legend-text">
          without ahead
        </text>
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <g className="fw-chart__grid">
          {yTicks.map((t) => (
            <line key={t.value} x1={0} x2={plotWidth} y1={t.offset} y2={t.offset} />
          ))}
        </g>
        <g className="fw-chart__axis fw-chart__axis--y">
          {yTicks.map((t) => (
            <text key={t.value} x={-6} y={t.offset} dy="0.32em" textAnchor="end">
              {t.value}
            </text>
          ))}
        </g>
        {bars.map((b) => (
          <rect
            key={b.x0}
            className={`fw-chart__bar fw-chart__bar--${side(b)}`}
            data-x0={b.x0}
            data-x1={b.x1}
            data-count={b.count}
            x={px(x(b.x0)) + 0.5}
            width={Math.max(0.5, px(x(b.x1) - x(b.x0)) - 1)}
            y={px(y(b.count))}
            height={px(plotHeight - y(b.count))}
          />
        ))}
        <line className="fw-chart__zero" x1={zero} x2={zero} y1={0} y2={plotHeight} />
        {Number.isFinite(median) ? (
          <g transform={`translate(${px(x(median))},0)`}>
            <line className="fw-chart__median" y1={0} y2={plotHeight} />
            <text className="fw-chart__legend-note" x={4} y={10}>
              median {formatValue(median, unit)}
            </text>
          </g>
        ) : null}
        <g className="fw-chart__axis fw-chart__axis--x" transform={`translate(0,${plotHeight})`}>
          <line x1={0} x2={plotWidth} y1={0} y2={0} />
          {xTicks.map((t) => (
            <g key={t.value} transform={`translate(${t.offset},0)`}>
              <line y1={0} y2={4} />
              <text y={15} textAnchor="middle">
                {formatTick(t.value, unit)}
              </text>
            </g>
          ))}
          <text className="fw-chart__axis-title" x={plotWidth / 2} y={32} textAnchor="middle">
            {title} ({axisUnitLabel(unit)})
          </text>
        </g>
        <text
          className="fw-chart__axis-title"
          transform={`translate(${-margin.left + 11},${plotHeight / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          draws
        </text>
      </g>
    </svg>
  );
}
