/**
 * One metric of several runs on one axis (the comparison view and the report): a line per run in
 * its colour (the baseline dashed), the week on screen marked, and a readout of every run's value
 * at the week under the pointer or chosen with the arrow keys. React renders; chart-math computes.
 */
import {
  memo,
  useMemo,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactElement,
} from 'react';
import {
  chartLayout,
  chartScales,
  linePath,
  px,
  ticksOf,
  X_TICK_COUNT,
  Y_TICK_COUNT,
  yDomain,
} from '../charts/chart-math';
import { ghostValueAt } from '../charts/GhostLines';
import { axisUnitLabel, formatTick, formatValues, formatWeek } from '../format/format';

export interface OverlaySeries {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly dashed: boolean;
  readonly time: Float64Array;
  readonly values: Float64Array;
}

export interface OverlayChartProps {
  readonly title: string;
  readonly unit: string;
  readonly series: readonly OverlaySeries[];
  /** The week on screen (playback), marked by a vertical line. */
  readonly week: number;
  readonly width?: number;
  readonly height?: number;
  readonly interactive?: boolean;
}

function geometryOf(series: readonly OverlaySeries[], unit: string, width: number, height: number) {
  const layout = chartLayout(width, height, { top: 10, right: 14, bottom: 38, left: 58 });
  const end = Math.max(1, ...series.map((s) => s.time[s.time.length - 1] ?? 0));
  const scales = chartScales(
    layout,
    [0, end],
    yDomain(
      series.map((s) => s.values),
      unit,
    ),
  );
  return { layout, scales, end };
}

type Geometry = ReturnType<typeof geometryOf>;

const Lines = memo(function Lines({
  series,
  unit,
  geometry,
}: {
  series: readonly OverlaySeries[];
  unit: string;
  geometry: Geometry;
}): ReactElement {
  const { layout, scales } = geometry;
  const { margin, plotWidth, plotHeight } = layout;
  return (
    <g transform={`translate(${margin.left},${margin.top})`}>
      <g className="fw-chart__grid">
        {ticksOf(scales.y, Y_TICK_COUNT).map((t) => (
          <line key={t.value} x1={0} x2={plotWidth} y1={t.offset} y2={t.offset} />
        ))}
      </g>
      <g className="fw-chart__axis fw-chart__axis--y">
        {ticksOf(scales.y, Y_TICK_COUNT).map((t) => (
          <text key={t.value} x={-6} y={t.offset} dy="0.32em" textAnchor="end">
            {formatTick(t.value, unit)}
          </text>
        ))}
      </g>
      <g className="fw-chart__axis fw-chart__axis--x" transform={`translate(0,${plotHeight})`}>
        <line x1={0} x2={plotWidth} y1={0} y2={0} />
        {ticksOf(scales.x, X_TICK_COUNT).map((t) => (
          <g key={t.value} transform={`translate(${t.offset},0)`}>
            <line y1={0} y2={4} />
            <text y={15} textAnchor="middle">
              {formatWeek(t.value)}
            </text>
          </g>
        ))}
        <text className="fw-chart__axis-title" x={plotWidth / 2} y={32} textAnchor="middle">
          Week
        </text>
      </g>
      <text
        className="fw-chart__axis-title"
        transform={`translate(${-margin.left + 11},${plotHeight / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        {axisUnitLabel(unit)}
      </text>
      {[...series].reverse().map((s) => (
        <path
          key={s.id}
          d={linePath(s.time, s.values, scales)}
          data-run={s.id}
          fill="none"
          stroke={s.color}
          strokeWidth={2.25}
          strokeDasharray={s.dashed ? '7 4' : undefined}
          strokeLinejoin="round"
        />
      ))}
    </g>
  );
});

export function OverlayChart({
  title,
  unit,
  series,
  week,
  width = 520,
  height = 250,
  interactive = true,
}: OverlayChartProps): ReactElement {
  const geometry = useMemo(
    () => geometryOf(series, unit, width, height),
    [series, unit, width, height],
  );
  const [hover, setHover] = useState<number | null>(null);
  const { layout, scales, end } = geometry;
  const step = series[0] ? (series[0].time[1] ?? 1) - (series[0].time[0] ?? 0) || 1 : 1;
  const shown = hover ?? week;
  const texts = formatValues(
    series.map((s) => ghostValueAt({ ...s, baseline: false }, shown)),
    unit,
  );
  const describe = series.map((s, i) => `${s.label} ${texts[i]}`).join(', ');
  const onPointerMove = (event: PointerEvent<SVGSVGElement>): void => {
    const box = event.currentTarget.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * width - layout.margin.left;
    const w = scales.x.invert(x);
    setHover(Math.min(end, Math.max(0, Math.round(w / step) * step)));
  };
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>): void => {
    const from = hover ?? week;
    const moves: Record<string, number> = {
      ArrowLeft: from - step,
      ArrowRight: from + step,
      Home: 0,
      End: end,
    };
    const next = moves[event.key];
    if (next === undefined) {
      if (event.key === 'Escape') setHover(null);
      return;
    }
    event.preventDefault();
    setHover(Math.min(end, Math.max(0, next)));
  };
  const x = px(scales.x(shown));
  const boxWidth = Math.max(
    130,
    ...series.map((s, i) => (s.label.length + (texts[i]?.length ?? 0)) * 6.2 + 40),
  );
  const boxX = x + boxWidth + 8 > layout.plotWidth ? x - boxWidth - 8 : x + 8;
  return (
    <svg
      className="fw-chart__svg"
      viewBox={`0 0 ${width} ${height}`}
      role={interactive ? 'group' : 'img'}
      aria-roledescription="chart"
      aria-label={`${title} (${axisUnitLabel(unit)}) by week, ${series.length} runs. Week ${formatWeek(shown)}: ${describe}`}
      tabIndex={interactive ? 0 : undefined}
      onPointerMove={interactive ? onPointerMove : undefined}
      onPointerLeave={interactive ? () => setHover(null) : undefined}
      onKeyDown={interactive ? onKeyDown : undefined}
      onBlur={interactive ? () => setHover(null) : undefined}
    >
      <Lines series={series} unit={unit} geometry={geometry} />
      <g transform={`translate(${layout.margin.left},${layout.margin.top})`}>
        <line className="fw-chart__current" x1={x} x2={x} y1={0} y2={layout.plotHeight} />
        {interactive && hover !== null ? (
          <g className="fw-chart__readout" data-testid="overlay-readout">
            {series.map((s) => {
              const v = ghostValueAt({ ...s, baseline: false }, shown);
              return Number.isFinite(v) ? (
                <circle key={s.id} cx={x} cy={scales.y(v)} r={3.5} fill={s.color} />
              ) : null;
            })}
            <rect
              className="fw-chart__readout-box"
              x={boxX}
              y={4}
              width={boxWidth}
              height={20 + 15 * series.length}
              rx={4}
            />
            <text x={boxX + 8} y={18} className="fw-chart__readout-week">
              Week {formatWeek(shown)}
            </text>
            {series.map((s, i) => (
              <g key={s.id}>
                <line
                  x1={boxX + 8}
                  x2={boxX + 20}
                  y1={29 + 15 * i}
                  y2={29 + 15 * i}
                  stroke={s.color}
                  strokeWidth={3}
                  strokeDasharray={s.dashed ? '4 2' : undefined}
                />
                <text x={boxX + 26} y={33 + 15 * i} className="fw-chart__readout-value">
                  {s.label}: {texts[i]}
                </text>
              </g>
            ))}
          </g>
        ) : null}
      </g>
    </svg>
  );
}
