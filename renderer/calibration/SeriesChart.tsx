/**
 * One fitted series: the data as dots, the model as a line, period by period (geometry in
 * fit-chart.ts). Drawn in the "Your data" view and, static, in the report; its rules in app.css
 * (`.fw-fitchart`) are among the chart rules the report's stylesheet embeds.
 */
import type { ReactElement } from 'react';
import type { SeriesFit } from '../../simulation';
import { formatTick } from '../format/format';
import { FIT_CHART, fitChartGeometry } from './fit-chart';

export function SeriesChart({
  series,
  model = 'the fitted model',
}: {
  readonly series: SeriesFit;
  /** What the line is, for the accessible name. */
  readonly model?: string;
}): ReactElement {
  const { width: W, height: H, left, right, bottom } = FIT_CHART;
  const g = fitChartGeometry(series);
  const last = g.xTicks.length - 1;
  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className="fw-fitchart"
      role="img"
      aria-label={`${series.label}: data against ${model}, ${series.periods.length} periods`}
      data-testid={`fit-chart-${series.metric}`}
    >
      {g.yTicks.map((t) => (
        <g key={t.value}>
          <line x1={left} x2={W - right} y1={t.y} y2={t.y} className="fw-fitchart__grid" />
          <text x={left - 4} y={t.y + 3} textAnchor="end" className="fw-fitchart__tick">
            {formatTick(t.value, series.unit)}
          </text>
        </g>
      ))}
      <line
        x1={left}
        x2={W - right}
        y1={H - bottom}
        y2={H - bottom}
        className="fw-fitchart__axis"
      />
      {g.xTicks.map((t, i) => (
        <g key={i}>
          <line
            x1={t.x}
            x2={t.x}
            y1={H - bottom}
            y2={H - bottom + 3}
            className="fw-fitchart__axis"
          />
          <text
            x={t.x}
            y={H - bottom + 13}
            textAnchor={i === 0 && last > 0 ? 'start' : i === last && last > 0 ? 'end' : 'middle'}
            className="fw-fitchart__tick"
          >
            {t.label}
          </text>
        </g>
      ))}
      {g.points.map((p) => (
        <circle key={p.period} cx={p.x} cy={p.y} r={1.8} className="fw-fitchart__data" />
      ))}
      <path d={g.path} className="fw-fitchart__model" />
    </svg>
  );
}
