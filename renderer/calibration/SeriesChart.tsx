/** One fitted series: the data as dots, the fitted model as a line, period by period. */
import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import type { SeriesFit } from '../../simulation';
import { formatTick } from '../format/format';

const W = 360;
const H = 150;
const M = { top: 10, right: 10, bottom: 22, left: 52 };

export function SeriesChart({ series }: { readonly series: SeriesFit }): ReactElement {
  const xs = series.periods.map((p) => (p.fromWeek + p.toWeek) / 2);
  const values = [...series.model, ...series.data.filter((v): v is number => v !== null)].filter(
    Number.isFinite,
  );
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.1 || 1;
  const x = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs)])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([lo - pad, hi + pad])
    .nice(4)
    .range([H - M.bottom, M.top]);
  const line = series.model
    .map((v, i) =>
      Number.isFinite(v) ? `${i === 0 ? 'M' : 'L'}${x(xs[i]!).toFixed(1)},${y(v).toFixed(1)}` : '',
    )
    .join('');
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="fw-calibration__chart"
      role="img"
      aria-label={`${series.label}: data against the fitted model, ${series.periods.length} periods`}
      data-testid={`fit-chart-${series.metric}`}
    >
      {y.ticks(4).map((t) => (
        <g key={t}>
          <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} className="fw-calibration__grid" />
          <text x={M.left - 4} y={y(t) + 3} textAnchor="end" className="fw-calibration__tick">
            {formatTick(t, series.unit)}
          </text>
        </g>
      ))}
      <text x={M.left} y={H - 6} className="fw-calibration__tick">
        {series.periods[0]?.label}
      </text>
      <text x={W - M.right} y={H - 6} textAnchor="end" className="fw-calibration__tick">
        {series.periods[series.periods.length - 1]?.label}
      </text>
      {series.data.map((v, i) =>
        v === null ? null : (
          <circle key={i} cx={x(xs[i]!)} cy={y(v)} r={1.8} className="fw-calibration__data" />
        ),
      )}
      <path d={line} className="fw-calibration__model" />
    </svg>
  );
}
