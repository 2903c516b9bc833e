/**
 * A tornado: one bar per assumption, ranked by how far moving it alone over its range swings the
 * KPI; each bar runs from the KPI with the assumption at the low end to the KPI at the high end,
 * split at the scenario's own KPI (the vertical line). A KPI never reached (a week) is drawn to
 * the edge and says so. Static: renders with react-dom/server for reports.
 */
import { scaleLinear } from 'd3';
import type { ReactElement } from 'react';
import type { TornadoBar, TornadoResult } from '../../simulation';
import { formatTick, formatValue } from '../format/format';
import { px, ticksOf } from './chart-math';

const LABEL_WIDTH = 300;
const ROW = 24;
const TOP = 46;
const BOTTOM = 30;

export interface TornadoChartProps {
  readonly result: TornadoResult;
  /** The KPI in words and its unit (the axis). */
  readonly kpiLabel: string;
  readonly unit: string;
  /** Bars shown (the largest swings). */
  readonly top: number;
  readonly width?: number;
}

/** A bar's ends on the axis: a KPI never reached goes to the far edge (later than any week). */
function ends(bar: TornadoBar, base: number, domain: [number, number]): [number, number] {
  const at = (v: number | null): number => (v === null ? domain[1] : v);
  return [at(bar.kpiAtLow), at(bar.kpiAtHigh)].map((v) => (Number.isFinite(v) ? v : base)) as [
    number,
    number,
  ];
}

function domainOf(bars: readonly TornadoBar[], base: number): [number, number] {
  let lo = base;
  let hi = base;
  for (const b of bars)
    for (const v of [b.kpiAtLow, b.kpiAtHigh])
      if (v !== null && Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
  if (hi - lo < 1e-12 * Math.max(1, Math.abs(hi))) return [lo - 1, hi + 1];
  const pad = (hi - lo) * 0.04;
  return [lo - pad, hi + pad];
}

const rangeText = (b: TornadoBar): string =>
  `${formatValue(b.low, b.unit, false)} to ${formatValue(b.high, b.unit, false)}`;

export function TornadoChart({
  result,
  kpiLabel,
  unit,
  top,
  width = 820,
}: TornadoChartProps): ReactElement {
  const bars = result.bars.slice(0, Math.max(1, top));
  const base = result.base ?? 0;
  const domain = domainOf(bars, base);
  const plotWidth = width - LABEL_WIDTH - 16;
  const x = scaleLinear().domain(domain).range([0, plotWidth]).nice(6);
  const height = TOP + bars.length * ROW + BOTTOM;
  const baseX = px(x(base));
  const ticks = ticksOf(x, 6);
  const describe = bars
    .slice(0, 5)
    .map(
      (b) =>
        `${b.rank}. ${b.label} (${rangeText(b)}): ${formatValue(b.kpiAtLow, unit)} to ${formatValue(b.kpiAtHigh, unit)}`,
    )
    .join('; ');
  return (
    <svg
      className="fw-chart__svg fw-tornado"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Tornado of ${kpiLabel}: the scenario gives ${formatValue(result.base, unit)}; the largest swings: ${describe}`}
    >
      <g className="fw-chart__legend" transform="translate(0,14)">
        <rect className="fw-chart__tornado--low" x={LABEL_WIDTH} y={-9} width={10} height={10} />
        <text x={LABEL_WIDTH + 15} y={0} className="fw-chart__legend-text">
          assumption at the low end of its range
        </text>
        <rect
          className="fw-chart__tornado--high"
          x={LABEL_WIDTH + 250}
          y={-9}
          width={10}
          height={10}
        />
        <text x={LABEL_WIDTH + 265} y={0} className="fw-chart__legend-text">
          at the high end
        </text>
      </g>
      <g transform={`translate(${LABEL_WIDTH},${TOP})`}>
        <g className="fw-chart__grid">
          {ticks.map((t) => (
            <line key={t.value} x1={t.offset} x2={t.offset} y1={-6} y2={bars.length * ROW} />
          ))}
        </g>
        <g className="fw-chart__axis">
          {ticks.map((t) => (
            <text key={t.value} x={t.offset} y={-10} textAnchor="middle">
              {formatTick(t.value, unit)}
            </text>
          ))}
        </g>
        {bars.map((b, i) => {
          const [lo, hi] = ends(b, base, [x.domain()[0]!, x.domain()[1]!]);
          const y = i * ROW + 4;
          const seg = (v: number, cls: string, end: 'low' | 'high') => {
            const a = Math.min(baseX, px(x(v)));
            const w = Math.abs(px(x(v)) - baseX);
            return (
              <rect
                className={`fw-chart__tornado--${cls}`}
                data-end={end}
                x={a}
                y={y}
                width={Math.max(w, 0.5)}
                height={ROW - 8}
              />
            );
          };
          const never = b.kpiAtLow === null || b.kpiAtHigh === null;
          return (
            <g
              key={b.name}
              data-testid="tornado-bar"
              data-name={b.name}
              data-rank={b.rank}
              data-swing={b.swing}
              data-low={b.kpiAtLow ?? ''}
              data-high={b.kpiAtHigh ?? ''}
            >
              <text
                className="fw-chart__legend-text"
                x={-8}
                y={y + (ROW - 8) / 2}
                dy="0.32em"
                textAnchor="end"
              >
                {b.label.length > 44 ? `${b.label.slice(0, 43)}…` : b.label}
              </text>
              {seg(lo, 'low', 'low')}
              {seg(hi, 'high', 'high')}
              <text
                className="fw-chart__legend-note"
                x={Math.max(px(x(Math.max(lo, hi))), baseX) + 4}
                y={y + (ROW - 8) / 2}
                dy="0.32em"
              >
                {rangeText(b)}
                {never ? ' (never reached at one end)' : ''}
              </text>
            </g>
          );
        })}
        <line className="fw-chart__zero" x1={baseX} x2={baseX} y1={-6} y2={bars.length * ROW} />
        <text
          className="fw-chart__axis-title"
          x={plotWidth / 2}
          y={bars.length * ROW + 22}
          textAnchor="middle"
        >
          {kpiLabel}; line: the scenario as it is ({formatValue(result.base, unit)})
        </text>
      </g>
    </svg>
  );
}
