/**
 * The loops the analysis finds in the flywheel model, grouped and named: the documented loops by
 * their characteristic variables, one mechanism across data products, own pipelines and AI
 * consumers, and dominance periods that cover the run.
 */
import { describe, expect, it } from 'vitest';
import { withoutDataProducts, withPreset } from '../../simulation';
import { loopDominance } from '../../simulation/analysis/loop-dominance';
import { documentedLoopOf, mechanismName } from '../../simulation/analysis/loop-names';

describe('loop names', () => {
  it('replaces entity ids by placeholders', () => {
    expect(mechanismName('dataProduct.customer-360.trust')).toBe('dataProduct.<product>.trust');
    expect(mechanismName('aiConsumer.recs.ownPipeline.2.trust')).toBe(
      'aiConsumer.<consumer>.ownPipeline.<k>.trust',
    );
    expect(mechanismName('aiConsumer.recs.performance')).toBe('aiConsumer.<consumer>.performance');
    expect(mechanismName('activeUsers')).toBe('activeUsers');
  });

  it('recognises documented loops by their characteristic variables', () => {
    expect(documentedLoopOf(['activeUsers', 'adoption'])?.id).toBe('R2');
    expect(documentedLoopOf(['potentialUsers', 'adoption'])?.id).toBe('B1');
    expect(documentedLoopOf(['freshEvents', 'eventsAgeing'])?.id).toBe('B4');
    expect(
      documentedLoopOf(['freshEvents', 'aiConsumer.<consumer>.performance', 'eventsRecorded'])?.id,
    ).toBe('R1');
    expect(
      documentedLoopOf(['dataProduct.<product>.trust', 'dataProduct.<product>.trustChange'])?.id,
    ).toBe('S5');
    expect(documentedLoopOf(['x', 'y'])).toBeNull();
  });
});

describe('loop dominance of the default scenario', () => {
  const d = loopDominance(withPreset(), { settings: { mode: 'expected' } });

  it('groups the same mechanism across entities', () => {
    const [withRun, withoutRun] = d.runs;
    const s5 = withRun!.loops.groups.find((g) => g.id === 'S5')!;
    expect(s5.loopCount).toBe(withPreset().dataProducts.length);
    expect(s5.paths).toHaveLength(1);
    const s5without = withoutRun!.loops.groups.find((g) => g.id === 'S5')!;
    const pipelines = withoutDataProducts(withPreset()).aiConsumers.reduce(
      (n, c) => n + c.ownPipelines,
      0,
    );
    expect(s5without.loopCount).toBe(pipelines);
    const r1 = withRun!.loops.groups.find((g) => g.id === 'R1')!;
    expect(r1.inFlywheel).toBe(true);
    expect(r1.paths.length).toBeGreaterThan(1);
    expect(r1.paths.reduce((s, p) => s + p.loopCount, 0)).toBe(r1.loopCount);
    expect(r1.variables).toContain('aiConsumer.<consumer>.performance');
  });

  it('finds the documented user and data loops with their documented polarity', () => {
    for (const run of d.runs) {
      const byId = new Map(run.loops.groups.map((g) => [g.id, g]));
      for (const [id, polarity] of [
        ['R1', 'R'],
        ['R2', 'R'],
        ['B1', 'B'],
        ['B4', 'B'],
      ] as const) {
        expect(byId.get(id)?.polarity, `${run.name} ${id}`).toBe(polarity);
        expect(byId.get(id)?.inFlywheel).toBe(true);
      }
    }
  });

  it('has one leader per week after week 0, and periods that cover the run without gaps', () => {
    for (const run of d.runs) {
      const { periods, leader } = run.loops;
      expect(leader[0]).toBeNull();
      expect(periods[0]!.fromWeek).toBe(1);
      expect(periods.at(-1)!.toWeek).toBe(156);
      for (let i = 1; i < periods.length; i++) {
        expect(periods[i]!.fromWeek).toBe(periods[i - 1]!.toWeek + 1);
        expect(periods[i]!.loopId).not.toBe(periods[i - 1]!.loopId);
      }
    }
  });
});
