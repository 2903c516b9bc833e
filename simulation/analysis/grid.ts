/**
 * Two-parameter sweep: a grid of a KPI over two factors (row-major: y rows, x columns), with the
 * break-even contour (where the scenario's and the without run's KPI are equal: their difference
 * is zero) and, on request, contours of the selected KPI at given levels. Contours come from
 * d3-contour's marching squares (pure: no DOM), returned in the factors' own units as polylines
 * (the border of the grid is not part of a line) and as the region at or above the level.
 */
import { contours } from 'd3-contour';
import { hasDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import {
  AnalysisError,
  kpiValue,
  orderedKpi,
  type EvalOutcome,
  type EvalPoint,
  type KpiSelector,
} from './evaluate';
import { changesFor, checkSelector } from './factors';
import { oneBatch, type AnalysisSteps } from './plan';
import { axisValues, resolveAxis, type AxisSpec, type ResolvedAxis } from './seek';
import { checkSteps } from './sweep';

export const MAX_GRID_POINTS = 250_000;

export interface GridSpec {
  readonly kpi: KpiSelector;
  readonly x: AxisSpec;
  readonly y: AxisSpec;
  /** Intervals per axis (default 20: a 21 x 21 grid). */
  readonly steps?: number;
  readonly stepsY?: number;
  /** Levels of the selected KPI to draw contours at (besides the break-even). */
  readonly levels?: readonly number[];
}

export interface GridPlan {
  readonly spec: GridSpec;
  readonly x: ResolvedAxis;
  readonly y: ResolvedAxis;
  readonly xValues: readonly number[];
  readonly yValues: readonly number[];
  /** Row-major: point j * xValues.length + i sets x to xValues[i] and y to yValues[j]. */
  readonly points: readonly EvalPoint[];
  readonly twoRuns: boolean;
}

/** A contour at one level: polylines, and the region where the value is at or above it. */
export interface Contour {
  readonly level: number;
  /** Each line a list of [x, y] points in the factors' units. */
  readonly lines: readonly (readonly [number, number])[][];
  /** GeoJSON-like MultiPolygon coordinates (rings of [x, y]) of the region >= level. */
  readonly region: readonly (readonly (readonly [number, number])[][])[];
}

export interface GridAxis {
  readonly parameter: string;
  readonly label: string;
  readonly unit: string;
  readonly current: number;
  /** The members' lowest and highest values now (they differ for a mixed group). */
  readonly currentRange: readonly [number, number];
  readonly values: readonly number[];
}

export interface GridResult {
  readonly kpi: KpiSelector;
  readonly x: GridAxis;
  readonly y: GridAxis;
  /** The selected KPI, row-major (null: not reached, or the run failed). */
  readonly values: readonly (number | null)[];
  /** The KPI's difference (scenario minus without), row-major; null for a single-run scenario. */
  readonly difference: readonly (number | null)[] | null;
  /** Where the difference is zero; null for a single-run scenario. */
  readonly breakEven: Contour | null;
  readonly contours: readonly Contour[];
  readonly errors: number;
}

export function gridPlan(scenario: Scenario, spec: GridSpec): GridPlan {
  const sx = spec.steps ?? 20;
  const sy = spec.stepsY ?? sx;
  checkSteps(sx);
  checkSteps(sy);
  checkSelector(scenario, spec.kpi);
  const x = resolveAxis(scenario, spec.x);
  const y = resolveAxis(scenario, spec.y);
  const shared = x.factor.names.filter((n) => y.factor.names.includes(n));
  if (shared.length > 0)
    throw new AnalysisError(
      `the two parameters overlap (${shared.join(', ')}): sweep two different assumptions`,
    );
  const xValues = axisValues(x, sx);
  const yValues = axisValues(y, sy);
  if (xValues.length * yValues.length > MAX_GRID_POINTS)
    throw new AnalysisError(
      `a grid of ${xValues.length} x ${yValues.length} points is more than ${MAX_GRID_POINTS} evaluations: use fewer steps`,
    );
  const points: EvalPoint[] = [];
  for (const vy of yValues) {
    const cy = changesFor(y.factor, vy);
    for (const vx of xValues) points.push({ changes: [...changesFor(x.factor, vx), ...cy] });
  }
  return { spec, x, y, xValues, yValues, points, twoRuns: hasDataProducts(scenario) };
}

/** Position `g` (in sample units, 0..n-1) to the axis's value, linearly between samples. */
function axisAt(values: readonly number[], g: number): number {
  if (values.length === 1) return values[0]!;
  const i = Math.max(0, Math.min(values.length - 2, Math.floor(g)));
  return values[i]! + (g - i) * (values[i + 1]! - values[i]!);
}

/** Replaces infinities (a week never reached) by finite values beyond the others, NaN by -max. */
function finiteField(values: readonly number[]): number[] {
  const finite = values.filter(Number.isFinite);
  const lo = finite.length ? Math.min(...finite) : 0;
  const hi = finite.length ? Math.max(...finite) : 0;
  const pad = Math.max(1, hi - lo);
  return values.map((v) =>
    Number.isFinite(v) ? v : v === Infinity ? hi + pad : v === -Infinity ? lo - pad : lo - 2 * pad,
  );
}

/**
 * The contour of `field` (nx x ny, row-major) at `level`, in axis units. d3-contour puts sample
 * (i, j) at (i + 0.5, j + 0.5) and closes rings along the outside of the grid; points outside
 * the samples' hull are that border, which splits rings into the lines.
 */
export function contourAt(
  field: readonly number[],
  xValues: readonly number[],
  yValues: readonly number[],
  level: number,
): Contour {
  const nx = xValues.length;
  const ny = yValues.length;
  const finite = finiteField(field);
  const geometry = contours().size([nx, ny]).contour(finite, level);
  const toAxes = (p: readonly number[]): [number, number] => [
    axisAt(xValues, Math.max(0, Math.min(nx - 1, p[0]! - 0.5))),
    axisAt(yValues, Math.max(0, Math.min(ny - 1, p[1]! - 0.5))),
  ];
  const inside = (p: readonly number[]): boolean =>
    p[0]! >= 0.5 && p[0]! <= nx - 0.5 && p[1]! >= 0.5 && p[1]! <= ny - 0.5;
  const spanX = Math.abs(xValues[nx - 1]! - xValues[0]!) || 1;
  const spanY = Math.abs(yValues[ny - 1]! - yValues[0]!) || 1;
  // Contours through a sample repeat it (once from each cell): keep one.
  const dedupe = (pts: [number, number][]): [number, number][] =>
    pts.filter(
      (p, k) =>
        k === 0 ||
        Math.abs(p[0] - pts[k - 1]![0]) > 1e-12 * spanX ||
        Math.abs(p[1] - pts[k - 1]![1]) > 1e-12 * spanY,
    );
  const lines: [number, number][][] = [];
  for (const polygon of geometry.coordinates)
    for (const ring of polygon) {
      // A ring is closed (last point = first): walk it from a border point so that each line
      // between border points comes out whole; a ring without border points is one closed line.
      const open = ring.slice(0, -1);
      const start = open.findIndex((p) => !inside(p));
      if (start === -1) {
        lines.push(dedupe(ring.map(toAxes)));
        continue;
      }
      let line: [number, number][] = [];
      for (let k = 0; k <= open.length; k++) {
        const p = open[(start + k) % open.length]!;
        if (inside(p)) line.push(toAxes(p));
        else {
          if (line.length >= 2) lines.push(dedupe(line));
          line = [];
        }
      }
      if (line.length >= 2) lines.push(dedupe(line));
    }
  const region = geometry.coordinates.map((polygon) =>
    polygon.map((ring) => dedupe(ring.map(toAxes))),
  );
  return { level, lines, region };
}

export function reduceGrid(plan: GridPlan, outcomes: readonly EvalOutcome[]): GridResult {
  if (outcomes.length !== plan.points.length)
    throw new Error(`a grid needs ${plan.points.length} outcomes, got ${outcomes.length}`);
  const { spec, xValues, yValues } = plan;
  const kpi = spec.kpi;
  const diffSel: KpiSelector = { kpi: kpi.kpi, of: 'difference' };
  const axis = (a: ResolvedAxis, values: readonly number[]): GridAxis => ({
    parameter: a.factor.key,
    label: a.factor.label,
    unit: a.factor.unit,
    current: a.factor.value,
    currentRange: a.factor.valueRange,
    values,
  });
  const selectedOrdered = outcomes.map((o) => orderedKpi(o, kpi));
  return {
    kpi,
    x: axis(plan.x, xValues),
    y: axis(plan.y, yValues),
    values: outcomes.map((o) => kpiValue(o, kpi)),
    difference: plan.twoRuns ? outcomes.map((o) => kpiValue(o, diffSel)) : null,
    breakEven: plan.twoRuns
      ? contourAt(
          outcomes.map((o) => orderedKpi(o, diffSel)),
          xValues,
          yValues,
          0,
        )
      : null,
    contours: (spec.levels ?? []).map((level) =>
      contourAt(selectedOrdered, xValues, yValues, level),
    ),
    errors: outcomes.filter((o) => o.error !== null).length,
  };
}

export function gridSteps(scenario: Scenario, spec: GridSpec): AnalysisSteps<GridResult> {
  const plan = gridPlan(scenario, spec);
  return oneBatch(plan.points, (outcomes) => reduceGrid(plan, outcomes));
}
