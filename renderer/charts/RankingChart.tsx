/**
 * The global ranking of the uncertain assumptions from Monte Carlo draws: each assumption's
 * standardised rank regression coefficient as a bar left (the KPI falls as it rises) or right
 * (rises with it) of zero, its first-order share beside it, largest first. Static: renders with
 * react-dom/server for reports.
 */
import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import type { GlobalSensitivityResult } from '../../simulation';
import { formatPercent } from '../format/format';
import { px, ticksOf } from './chart-math';

const LABEL_WIDTH = 300;
const ROW = 22;
const TOP = 40;

export function RankingChart({
  result,
  kpiLabel,
  top,
  width = 820,
}: {
  readonly result: GlobalSensitivityResult;
  readonly kpiLabel: string;
  readonly top: number;
  readonly width?: number;
}): ReactElement {
  const factors = result.factors.filter((f) => f.srrc !== null).slice(0, Math.max(1, top));
  const plotWidth = width - LABEL_WIDTH - 120;
  const extent = Math.max(0.05, ...factors.map((f) => Math.abs(f.srrc ?? 0)));
  const x = scaleLinear().domain([-extent, extent]).range([0, plotWidth]).nice(4);
  const zero = px(x(0));
  const height = TOP + factors.length * ROW + 34;
  const ticks = ticksOf(x, 4);
  return (
    <svg
      className="fw-chart__svg fw-ranking"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Global ranking for ${kpiLabel} over ${result.draws} draws: ${factors
        .slice(0, 5)
        .map((f) => `${f.rank}. ${f.label} (${(f.srrc ?? 0).toFixed(2)})`)
        .join('; ')}`}
    >
      <g className="fw-chart__legend" transform="translate(0,14)">
        <text x={LABEL_WIDTH} y={0} className="fw-chart__legend-text">
          rank regression coefficient: left, the KPI falls as the assumption rises; right, it rises
        </text>
        <text x={LABEL_WIDTH + plotWidth + 12} y={18} className="fw-chart__legend-note">
          first-order share
        </text>
      </g>
      <g transform={`translate(${LABEL_WIDTH},${TOP})`}>
        <g className="fw-chart__grid">
          {ticks.map((t) => (
            <line key={t.value} x1={t.offset} x2={t.offset} y1={-4} y2={factors.length * ROW} />
          ))}
        </g>
        {factors.map((f, i) => {
          const v = f.srrc ?? 0;
          const y = i * ROW + 3;
          return (
            <g
              key={f.name}
              data-testid="ranking-bar"
              data-name={f.name}
              data-srrc={v}
              data-rank={f.rank}
            >
              <title>{`${f.label} (${f.name})`}</title>
              <text
                className="fw-chart__legend-text"
                x={-8}
                y={y + (ROW - 6) / 2}
                dy="0.32em"
                textAnchor="end"
              >
                {f.label.length > 44 ? `${f.label.slice(0, 43)}…` : f.label}
              </text>
              <rect
                className={v >= 0 ? 'fw-chart__tornado--high' : 'fw-chart__tornado--low'}
                x={Math.min(zero, px(x(v)))}
                y={y}
                width={Math.max(0.5, Math.abs(px(x(v)) - zero))}
                height={ROW - 6}
              />
              <text
                className="fw-chart__legend-note"
                x={plotWidth + 12}
                y={y + (ROW - 6) / 2}
                dy="0.32em"
              >
                {v >= 0 ? '+' : '−'}
                {Math.abs(v).toFixed(2)}
                {f.firstOrder === null ? '' : `   ${formatPercent(f.firstOrder, 0)}`}
              </text>
            </g>
          );
        })}
        <line className="fw-chart__zero" x1={zero} x2={zero} y1={-4} y2={factors.length * ROW} />
        <g className="fw-chart__axis" transform={`translate(0,${factors.length * ROW + 14})`}>
          {ticks.map((t) => (
            <text key={t.value} x={t.offset} y={0} textAnchor="middle">
              {t.value.toFixed(1)}
            </text>
          ))}
        </g>
      </g>
    </svg>
  );
}
