/**
 * A one-parameter sweep: the KPI with and without data products over the parameter's range (or
 * the scenario's curve alone, or any one curve with a target line for goal seek), the crossings
 * marked (where the two curves meet: the break-even) and the scenario's own value. Static:
 * renders with react-dom/server for reports.
 */
import type { ReactElement } from 'react';
import { formatValue } from '../format/format';
import type { ScenarioKey } from '../state/selectors';
import { ChartAxes } from './ChartAxes';
import { chartLayout, chartScales, linePath, px, yDomain } from './chart-math';

export interface SweepCurve {
  readonly key: ScenarioKey;
  readonly label: string;
  readonly values: readonly (number | null)[];
}

export interface SweepMark {
  readonly value: number;
  readonly label: string;
  /** 'crossing' (break-even, answer), 'current' (the scenario's value). */
  readonly kind: 'crossing' | 'current';
}

export interface SweepChartProps {
  readonly xValues: readonly number[];
  readonly xLabel: string;
  readonly xUnit: string;
  readonly yUnit: string;
  readonly yLabel: string;
  readonly curves: readonly SweepCurve[];
  readonly marks: readonly SweepMark[];
  /** A horizontal line (goal seek's target). */
  readonly target?: { readonly value: number; readonly label: string } | null;
  readonly width?: number;
  readonly height?: number;
}

const asArray = (values: readonly (number | null)[]): Float64Array =>
  Float64Array.from(values, (v) => (v === null ? NaN : v));

export function SweepChart({
  xValues,
  xLabel,
  xUnit,
  yUnit,
  yLabel,
  curves,
  marks,
  target = null,
  width = 640,
  height = 320,
}: SweepChartProps): ReactElement {
  const layout = chartLayout(width, height, { top: 34, right: 16, bottom: 42, left: 64 });
  const xs = Float64Array.from(xValues);
  const ys = curves.map((c) => asArray(c.values));
  const lo = xs[0] ?? 0;
  const hi = xs[xs.length - 1] ?? 1;
  const domain = yDomain(target ? [...ys, Float64Array.of(target.value)] : ys, yUnit);
  const scales = chartScales(layout, [lo, hi], domain);
  const { margin, plotWidth, plotHeight } = layout;
  const formatX = (v: number): string => formatValue(v, xUnit, false);
  return (
    <svg
      className="fw-chart__svg fw-sweep"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${yLabel} against ${xLabel}: ${curves.map((c) => c.label).join(' and ')}${marks.length ? `; ${marks.map((m) => `${m.label} at ${formatX(m.value)}`).join('; ')}` : ''}`}
    >
      <g className="fw-chart__legend" transform={`translate(${margin.left},14)`}>
        {curves.map((c, i) => (
          <g key={c.key} transform={`translate(${i * 180},0)`}>
            <line className={`fw-series fw-series--${c.key}`} x1={0} x2={20} y1={-4} y2={-4} />
            <text x={26} y={0} className="fw-chart__legend-text">
              {c.label}
            </text>
          </g>
        ))}
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        <ChartAxes
          layout={layout}
          scales={scales}
          unit={yUnit}
          formatX={formatX}
          xTitle={xLabel}
          yTitle={yLabel}
        />
        {target ? (
          <g>
            <line
              className="fw-chart__median"
              x1={0}
              x2={plotWidth}
              y1={px(scales.y(target.value))}
              y2={px(scales.y(target.value))}
            />
            <text
              className="fw-chart__legend-note"
              x={plotWidth - 4}
              y={px(scales.y(target.value)) - 4}
              textAnchor="end"
            >
              {target.label}
            </text>
          </g>
        ) : null}
        {[...curves].reverse().map((c, i) => (
          <path
            key={c.key}
            className={`fw-series fw-series--${c.key}`}
            data-series={c.key}
            d={linePath(xs, ys[curves.length - 1 - i]!, scales)}
          />
        ))}
        {marks.map((m, i) => {
          const mx = px(scales.x(m.value));
          return (
            <g key={`${m.kind}${m.value}`} data-mark={m.kind} data-value={m.value}>
              <line
                className={m.kind === 'crossing' ? 'fw-chart__zero' : 'fw-chart__current'}
                x1={mx}
                x2={mx}
                y1={0}
                y2={plotHeight}
              />
              <text
                className="fw-chart__legend-note"
                x={mx + (mx > plotWidth * 0.7 ? -4 : 4)}
                y={12 + i * 12}
                textAnchor={mx > plotWidth * 0.7 ? 'end' : 'start'}
              >
                {m.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
