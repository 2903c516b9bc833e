/**
 * Ghost lines: other runs (pinned runs, the baseline) drawn faintly behind a chart's lines, each
 * in its run's colour, the baseline dashed. Paths are remembered per series and scale, so a
 * parameter change that leaves the axes as they were redraws none of them.
 */
import { memo, type ReactElement } from 'react';
import { linePath, type Scales } from './chart-math';

export interface ChartGhost {
  readonly id: string;
  readonly label: string;
  readonly color: string;
  /** The baseline: dashed, and read out on hover. */
  readonly baseline: boolean;
  readonly time: Float64Array;
  readonly values: Float64Array;
}

export const NO_GHOSTS: readonly ChartGhost[] = [];

const paths = new WeakMap<Float64Array, Map<string, string>>();

/** The path of a ghost on these scales (the same string for the same series and axes). */
function ghostPath(g: ChartGhost, scales: Scales): string {
  const key = `${scales.x.domain().join()}|${scales.x.range().join()}|${scales.y.domain().join()}|${scales.y.range().join()}`;
  let byScale = paths.get(g.values);
  if (!byScale) {
    byScale = new Map();
    paths.set(g.values, byScale);
  }
  let d = byScale.get(key);
  if (d === undefined) {
    d = linePath(g.time, g.values, scales);
    if (byScale.size > 4) byScale.clear();
    byScale.set(key, d);
  }
  return d;
}

export const GhostLines = memo(function GhostLines({
  ghosts,
  scales,
  left,
  top,
}: {
  ghosts: readonly ChartGhost[];
  scales: Scales;
  left: number;
  top: number;
}): ReactElement | null {
  if (ghosts.length === 0) return null;
  return (
    <g className="fw-chart__ghosts" transform={`translate(${left},${top})`} aria-hidden="true">
      {ghosts.map((g) => (
        <path
          key={g.id}
          className="fw-chart__ghost"
          data-ghost={g.id}
          d={ghostPath(g, scales)}
          fill="none"
          stroke={g.color}
          strokeWidth={g.baseline ? 2 : 1.5}
          strokeOpacity={g.baseline ? 0.75 : 0.5}
          strokeDasharray={g.baseline ? '6 4' : undefined}
          strokeLinejoin="round"
        >
          <title>{g.label}</title>
        </path>
      ))}
    </g>
  );
});

/** A ghost's value at a week (its own step may differ), or NaN outside its horizon. */
export function ghostValueAt(g: ChartGhost, week: number): number {
  const t = g.time;
  if (t.length === 0 || week < t[0]! || week > t[t.length - 1]!) return Number.NaN;
  let lo = 0;
  let hi = t.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < week) lo = mid + 1;
    else hi = mid;
  }
  return g.values[lo]!;
}
