/**
 * The relative scores of the flywheel's loops over the weeks of one run, stacked: reinforcing loops
 * above the axis, balancing loops below it, so the height at a week is the whole change (1) and
 * each band a loop's share of it. A strip on top shows the leading loop each week; a line marks
 * the week on screen. React renders the SVG; d3 computes the scales and shapes.
 */
import { area, scaleLinear } from 'd3';
import { memo, useMemo, type ReactElement } from 'react';
import type { RunLoops } from '../../simulation/analysis/loops';
import type { ChartBand } from './read';

export const LOOP_COLOURS = [
  '#0072b2',
  '#e69f00',
  '#009e73',
  '#cc79a7',
  '#56b4e9',
  '#d55e00',
  '#c9b800',
  '#8c8c8c',
] as const;

export function colourOf(ids: readonly string[], id: string): string {
  const i = ids.indexOf(id);
  return id === 'other' ? LOOP_COLOURS[7] : LOOP_COLOURS[(i < 0 ? 0 : i) % 7]!;
}

const W = 560;
const H = 300;
const M = { top: 30, right: 12, bottom: 36, left: 54 };

export interface DominanceChartProps {
  readonly title: string;
  readonly loops: RunLoops;
  readonly bands: readonly ChartBand[];
  readonly ids: readonly string[];
  readonly currentIndex: number;
}

function Static({
  title,
  loops,
  bands,
  ids,
}: Omit<DominanceChartProps, 'currentIndex'>): ReactElement {
  const time = loops.time;
  const x = scaleLinear()
    .domain([0, time[time.length - 1] ?? 1])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([-1, 1])
    .range([H - M.bottom, M.top + 8]);
  const paths = useMemo(() => {
    const n = time.length;
    const pos = new Float64Array(n);
    const neg = new Float64Array(n);
    return bands.map((band) => {
      const y0 = new Float64Array(n);
      const y1 = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const v = band.values[k]!;
        if (v >= 0) {
          y0[k] = pos[k]!;
          pos[k] = pos[k]! + v;
          y1[k] = pos[k]!;
        } else {
          y0[k] = neg[k]!;
          neg[k] = neg[k]! + v;
          y1[k] = neg[k]!;
        }
      }
      const shape = area<number>()
        .x((k) => x(time[k]!))
        .y0((k) => y(y0[k]!))
        .y1((k) => y(y1[k]!));
      return { id: band.id, d: shape(Array.from({ length: n }, (_, k) => k)) ?? '' };
    });
  }, [bands, time]);
  const strip = loops.periods.map((p) => ({
    key: `${p.fromWeek}`,
    x0: x(p.fromWeek - 0.5),
    x1: x(p.toWeek + 0.5),
    colour:
      p.loopId === null
        ? 'transparent'
        : colourOf(ids, ids.includes(p.loopId) ? p.loopId : 'other'),
    label: p.loopId ?? '',
  }));
  const xTicks = x.ticks(6);
  return (
    <g>
      <text className="fw-dominance__title" x={M.left} y={14}>
        {title}
      </text>
      {strip.map((s) => (
        <g key={s.key}>
          <rect
            x={s.x0}
            y={M.top - 8}
            width={Math.max(0.5, s.x1 - s.x0)}
            height={10}
            fill={s.colour}
          />
          {s.x1 - s.x0 > 26 ? (
            <text
              className="fw-dominance__strip-label"
              x={(s.x0 + s.x1) / 2}
              y={M.top - 0.5}
              textAnchor="middle"
            >
              {s.label}
            </text>
          ) : null}
        </g>
      ))}
      {[-1, -0.5, 0, 0.5, 1].map((v) => (
        <g key={v} className="fw-dominance__grid">
          <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
          <text x={M.left - 6} y={y(v) + 4} textAnchor="end">
            {`${v > 0 ? '+' : ''}${Math.round(v * 100)}%`}
          </text>
        </g>
      ))}
      {paths.map((p) => (
        <path key={p.id} d={p.d} fill={colourOf(ids, p.id)} fillOpacity={0.85} data-loop={p.id} />
      ))}
      <line className="fw-dominance__axis" x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} />
      {xTicks.map((t) => (
        <text
          key={t}
          className="fw-dominance__tick"
          x={x(t)}
          y={H - M.bottom + 16}
          textAnchor="middle"
        >
          {t}
        </text>
      ))}
      <text
        className="fw-dominance__tick"
        x={(M.left + W - M.right) / 2}
        y={H - 4}
        textAnchor="middle"
      >
        week
      </text>
      <text className="fw-dominance__side" x={M.left + 4} y={y(0.93)}>
        reinforcing
      </text>
      <text className="fw-dominance__side" x={M.left + 4} y={y(-0.97)}>
        balancing
      </text>
    </g>
  );
}

const StaticLayer = memo(Static);

export function DominanceChart({
  title,
  loops,
  bands,
  ids,
  currentIndex,
}: DominanceChartProps): ReactElement {
  const time = loops.time;
  const k = Math.max(0, Math.min(time.length - 1, currentIndex));
  const x = scaleLinear()
    .domain([0, time[time.length - 1] ?? 1])
    .range([M.left, W - M.right]);
  const xNow = x(time[k] ?? 0);
  return (
    <svg
      className="fw-dominance__svg"
      data-export-picture=""
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${title}: each loop's share of the change in users and data, week by week`}
      data-week={time[k]}
    >
      <StaticLayer title={title} loops={loops} bands={bands} ids={ids} />
      <line className="fw-dominance__now" x1={xNow} x2={xNow} y1={M.top - 10} y2={H - M.bottom} />
    </svg>
  );
}
