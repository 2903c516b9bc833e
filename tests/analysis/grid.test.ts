/**
 * Two-parameter sweeps: contours are exact on a linear field (the border of the grid is not part
 * of a line), the grid is row-major over both axes, any split gives the same result, and the
 * break-even line runs through points where the model's difference is zero.
 */
import { describe, expect, it } from 'vitest';
import {
  contourAt,
  evaluatePoints,
  gridPlan,
  reduceGrid,
  runSteps,
  gridSteps,
  ScenarioEvaluator,
  seekSteps,
  splitBatch,
  withPreset,
  type KpiSelector,
} from '../../simulation';
import { ToyEvaluator } from './toy';

const scenario = withPreset();
const netGap: KpiSelector = { kpi: 'cumulativeNetValueUsd', of: 'difference' };
const range = (n: number, a: number, b: number) =>
  Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));

describe('contours', () => {
  it('are exact on a linear field, without the grid border', () => {
    const xs = range(11, 0, 1);
    const ys = range(7, 0, 3);
    const field = ys.flatMap((y) => xs.map((x) => 2 * x + y - 2));
    const c = contourAt(field, xs, ys, 0);
    expect(c.lines).toHaveLength(1);
    for (const [x, y] of c.lines[0]!) expect(2 * x + y - 2).toBeCloseTo(0, 12);
    const ends = [c.lines[0]![0]!, c.lines[0]!.at(-1)!].sort((a, b) => a[0] - b[0]);
    expect(ends[0]![0]).toBeCloseTo(0, 12);
    expect(ends[0]![1]).toBeCloseTo(2, 12);
    expect(ends[1]![0]).toBeCloseTo(1, 12);
    expect(ends[1]![1]).toBeCloseTo(0, 12);
    // The region >= 0 is the part above the line, inside the grid.
    for (const [x, y] of c.region[0]![0]!) {
      expect(2 * x + y - 2).toBeGreaterThanOrEqual(-1e-12);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(3);
    }
  });

  it('close around a bump inside the grid', () => {
    const xs = range(21, -1, 1);
    const field = xs.flatMap((y) => xs.map((x) => 0.25 - x * x - y * y));
    const c = contourAt(field, xs, xs, 0);
    expect(c.lines).toHaveLength(1);
    const line = c.lines[0]!;
    expect(line[0]).toEqual(line.at(-1));
    for (const [x, y] of line) expect(Math.hypot(x, y)).toBeCloseTo(0.5, 1);
  });
});

describe('grid', () => {
  it('is row-major over y rows and x columns', () => {
    const toy = new ToyEvaluator(
      scenario,
      netGap,
      (v) => 10 * v('baseChurnPerWeek') + v('grossMargin'),
    );
    const r = runSteps(
      gridSteps(scenario, {
        kpi: netGap,
        x: { parameter: 'baseChurnPerWeek', from: 0, to: 0.1 },
        y: { parameter: 'grossMargin', from: 0.2, to: 0.4 },
        steps: 4,
        stepsY: 2,
        levels: [0.5],
      }),
      toy,
    );
    expect(r.x.values).toEqual(range(5, 0, 0.1));
    expect(r.y.values).toEqual([0.2, 0.30000000000000004, 0.4]);
    expect(r.values[1 * 5 + 3]).toBeCloseTo(10 * 0.075 + 0.3, 12);
    expect(r.contours[0]!.lines).toHaveLength(1);
  });

  it('refuses overlapping axes and oversized grids', () => {
    expect(() =>
      gridPlan(scenario, {
        kpi: netGap,
        x: { parameter: 'dataProduct.*.maturity.quality' },
        y: { parameter: 'dataProduct.customer-360.maturity.quality' },
      }),
    ).toThrow(/overlap \(dataProduct.customer-360.maturity.quality\)/);
    expect(() =>
      gridPlan(scenario, {
        kpi: netGap,
        x: { parameter: 'baseChurnPerWeek' },
        y: { parameter: 'grossMargin' },
        steps: 1000,
      }),
    ).toThrow(/more than 250000 evaluations/);
  });

  it('on the model: the same for any split, and the break-even line is where the gap is zero', () => {
    const s = {
      ...scenario,
      simulation: { ...scenario.simulation, weeks: 52, mode: 'expected' as const },
    };
    const spec = {
      kpi: netGap,
      x: { parameter: 'dataProduct.*.maturity.*', from: 0, to: 1 },
      y: { parameter: 'ownPipelineTemplate.maturity.*', from: 0, to: 1 },
      steps: 6,
    };
    const plan = gridPlan(s, spec);
    const whole = reduceGrid(
      plan,
      evaluatePoints(new ScenarioEvaluator(s, s.simulation), plan.points),
    );
    const split = reduceGrid(
      plan,
      splitBatch(plan.points, 4).flatMap((slice) =>
        evaluatePoints(new ScenarioEvaluator(s, s.simulation, { backend: 'codegen' }), slice),
      ),
    );
    expect(split).toEqual(whole);
    expect(whole.breakEven!.lines.length).toBeGreaterThan(0);
    // On a grid row, the line's x is the seek's answer for that row's y, within the grid's
    // linear interpolation (a sixth of the range here).
    const y = whole.y.values[3]!;
    const row = whole.breakEven!.lines.flat().filter((p) => Math.abs(p[1] - y) < 1e-12);
    expect(row).toHaveLength(1);
    const atY = {
      ...s,
      ownPipeline: {
        ...s.ownPipeline,
        maturity: Object.fromEntries(
          Object.keys(s.ownPipeline.maturity).map((k) => [k, y]),
        ) as typeof s.ownPipeline.maturity,
      },
    };
    const seek = runSteps(
      seekSteps(atY, {
        parameter: 'dataProduct.*.maturity.*',
        from: 0,
        to: 1,
        kpi: netGap,
        target: 0,
      }),
      new ScenarioEvaluator(atY, atY.simulation, { backend: 'codegen' }),
    );
    expect(Math.abs(row[0]![0] - seek.answer!.value)).toBeLessThan(1 / 6);
  });
});
