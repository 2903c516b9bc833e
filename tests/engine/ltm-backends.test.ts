/**
 * Loops That Matter on the flywheel model itself: both backends' link evaluators (generated code
 * and the table walk) give bit-identical scores, in expected and stochastic mode, and every cycle
 * partition's absolute relative scores sum to 1 wherever one of its loops is active.
 */
import { describe, expect, it } from 'vitest';
import {
  loopScores,
  loopStructure,
  prepareModel,
  runPrepared,
  settingsOf,
  withoutDataProducts,
  withPreset,
} from '../../simulation';

describe('loop scores of the flywheel model', () => {
  for (const mode of ['expected', 'stochastic'] as const) {
    it(`are identical with either backend (${mode})`, () => {
      const s = withoutDataProducts(withPreset());
      const scores = (['interpreter', 'codegen'] as const).map((backend) => {
        const p = prepareModel(s, backend);
        return loopScores(
          runPrepared(p, settingsOf(s, { mode, weeks: 104 })),
          loopStructure(p.compiled),
        );
      });
      expect(scores[1]!.structure.loops.length).toBe(scores[0]!.structure.loops.length);
      expect(scores[1]!.relativeScore.map((r) => [...r])).toEqual(
        scores[0]!.relativeScore.map((r) => [...r]),
      );
      expect(scores[1]!.loopScore.map((r) => [...r])).toEqual(
        scores[0]!.loopScore.map((r) => [...r]),
      );
    });
  }

  it('sums to 1 in every partition with an active loop, and stays within [-1, 1]', () => {
    const s = withPreset();
    const p = prepareModel(s, 'codegen');
    const sc = loopScores(
      runPrepared(p, settingsOf(s, { mode: 'stochastic' })),
      loopStructure(p.compiled),
    );
    let active = 0;
    for (const part of sc.structure.partitions) {
      for (let k = 1; k < sc.points; k++) {
        let sum = 0;
        for (const l of part.loops) {
          const r = sc.relativeScore[l]![k]!;
          expect(Math.abs(r)).toBeLessThanOrEqual(1);
          sum += Math.abs(r);
        }
        if (sum !== 0) {
          active++;
          expect(sum).toBeCloseTo(1, 12);
        }
      }
    }
    // Every week from week 1 has an active partition (since owner load grows with the data the
    // sources hold, their loops join the flywheel's partition: one partition may be all there is).
    expect(active).toBeGreaterThanOrEqual(sc.points - 1);
  });
});
