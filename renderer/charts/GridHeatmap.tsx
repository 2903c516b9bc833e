/**
 * A two-parameter sweep as a heatmap: each cell the KPI's difference (with minus without: the
 * with colour where data products come out ahead, the without colour where they fall behind,
 * stronger the larger the gap) or, for a single run, the KPI itself; the break-even contour
 * (d3-contour's line where the difference is zero) drawn over it and the scenario's own values
 * marked. Static: renders with react-dom/server for reports.
 */
import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import type { GridResult } from '../../simulation';
import { formatTick, formatValue } from '../format/format';
import { px, ticksOf } from './chart-math';

export interface GridHeatmapProps {
  readonly result: GridResult;
  readonly kpiLabel: string;
  readonly unit: string;
  readonly width?: number;
  readonly height?: number;
}

/** Cell edges: halfway between neighbouring values, half a step beyond the ends. */
export function cellEdges(values: readonly number[]): number[] {
  const n = values.length;
  if (n === 1) return [values[0]! - 0.5, values[0]! + 0.5];
  const edges = [values[0]! - (values[1]! - values[0]!) / 2];
  for (let i = 0; i + 1 < n; i++) edges.push((values[i]! + values[i + 1]!) / 2);
  edges.push(values[n - 1]! + (values[n - 1]! - values[n - 2]!) / 2);
  return edges;
}

export function GridHeatmap({
  result,
  kpiLabel,
  unit,
  width = 640,
  height = 480,
}: GridHeatmapProps): ReactElement {
  const margin = { top: 46, right: 20, bottom: 48, left: 70 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const xs = result.x.values;
  const ys = result.y.values;
  const xe = cellEdges(xs);
  const ye = cellEdges(ys);
  const x = scaleLinear()
    .domain([xe[0]!, xe[xe.length - 1]!])
    .range([0, plotWidth]);
  const y = scaleLinear()
    .domain([ye[0]!, ye[ye.length - 1]!])
    .range([plotHeight, 0]);
  const diverging = result.difference !== null;
  const cells = diverging ? result.difference! : result.values;
  let extent = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of cells)
    if (v !== null && Number.isFinite(v)) {
      extent = Math.max(extent, Math.abs(v));
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  const strength = (v: number): number =>
    diverging
      ? extent > 0
        ? 0.12 + 0.78 * (Math.abs(v) / extent)
        : 0.12
      : hi > lo
        ? 0.12 + 0.78 * ((v - lo) / (hi - lo))
        : 0.5;
  const side = (v: number): string =>
    !diverging ? 'with' : v > 0 ? 'with' : v < 0 ? 'without' : 'even';
  const path = (line: readonly (readonly [number, number])[]): string =>
    line.map(([a, b], i) => `${i === 0 ? 'M' : 'L'}${px(x(a))},${px(y(b))}`).join('');
  const xTicks = ticksOf(x, 6);
  const yTicks = ticksOf(y, 6);
  const nx = xs.length;
  const ahead = cells.filter((v) => v !== null && v > 0).length;
  const known = cells.filter((v) => v !== null).length;
  return (
    <svg
      className="fw-chart__svg fw-heatmap"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`${kpiLabel} over ${result.x.label} and ${result.y.label}: ${diverging ? `with data products ahead in ${ahead} of ${known} combinations; the line marks the break-even` : ''}`}
    >
      <g className="fw-chart__legend" transform={`translate(${margin.left},14)`}>
        {diverging ? (
          <>
            <rect className="fw-chart__bar--without" x={0} y={-9} width={10} height={10} />
            <text x={15} y={0} className="fw-chart__legend-text">
              without ahead
            </text>
            <rect className="fw-chart__bar--with" x={110} y={-9} width={10} height={10} />
            <text x={125} y={0} className="fw-chart__legend-text">
              with data products ahead (stronger: a larger gap, up to {formatValue(extent, unit)})
            </text>
          </>
        ) : (
          <text x={0} y={0} className="fw-chart__legend-text">
            {kpiLabel}: {formatValue(lo, unit)} (light) to {formatValue(hi, unit)} (dark)
          </text>
        )}
        <line className="fw-chart__contour" x1={0} x2={20} y1={14} y2={14} />
        <text x={26} y={18} className="fw-chart__legend-note">
          break-even: with equals without
        </text>
        <circle className="fw-chart__dot--current" cx={220} cy={14} r={4} />
        <text x={228} y={18} className="fw-chart__legend-note">
          the scenario as it is
        </text>
      </g>
      <g transform={`translate(${margin.left},${margin.top})`}>
        {cells.map((v, k) => {
          const i = k % nx;
          const j = Math.floor(k / nx);
          const x0 = px(x(xe[i]!));
          const x1 = px(x(xe[i + 1]!));
          const y0 = px(y(ye[j + 1]!));
          const y1 = px(y(ye[j]!));
          return (
            <rect
              key={k}
              className={v === null ? 'fw-chart__cell--none' : `fw-chart__bar--${side(v)}`}
              fillOpacity={v === null ? undefined : px(strength(v))}
              data-x={xs[i]}
              data-y={ys[j]}
              data-value={v ?? ''}
              x={x0}
              y={y0}
              width={Math.max(0, x1 - x0)}
              height={Math.max(0, y1 - y0)}
            />
          );
        })}
        {(result.breakEven?.lines ?? []).map((line, i) => (
          <path key={i} className="fw-chart__contour" data-contour="break-even" d={path(line)} />
        ))}
        <circle
          className="fw-chart__dot--current"
          cx={px(x(result.x.current))}
          cy={px(y(result.y.current))}
          r={5}
        />
        <g className="fw-chart__axis" transform={`translate(0,${plotHeight})`}>
          <line x1={0} x2={plotWidth} y1={0} y2={0} />
          {xTicks.map((t) => (
            <g key={t.value} transform={`translate(${t.offset},0)`}>
              <line y1={0} y2={4} />
              <text y={15} textAnchor="middle">
                {formatTick(t.value, result.x.unit)}
              </text>
            </g>
          ))}
          <text className="fw-chart__axis-title" x={plotWidth / 2} y={34} textAnchor="middle">
            {result.x.label}
          </text>
        </g>
        <g className="fw-chart__axis">
          {yTicks.map((t) => (
            <text key={t.value} x={-6} y={t.offset} dy="0.32em" textAnchor="end">
              {formatTick(t.value, result.y.unit)}
            </text>
          ))}
        </g>
        <text
          className="fw-chart__axis-title"
          transform={`translate(${-margin.left + 12},${plotHeight / 2}) rotate(-90)`}
          textAnchor="middle"
        >
          {result.y.label}
        </text>
      </g>
    </svg>
  );
}
