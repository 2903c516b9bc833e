/**
 * `npm run bench`, loop dominance: the Loops That Matter pass (link, loop and relative loop scores
 * of every loop at every week, simulation/engine/ltm.ts) over an expected-value run of both presets,
 * per backend, set against the plain run it analyses; and the app worker's loops request.
 */
import type { Backend } from '../simulation/engine/compile';
import { loopScores } from '../simulation/engine/ltm';
import { loopStructure } from '../simulation/engine/loop-structure';
import { runModel, type RunSeries } from '../simulation/engine/run';
import { loopDominance } from '../simulation/analysis/loop-dominance';
import { CompiledModelCache, prepareModel, settingsOf } from '../simulation/analysis/simulate';
import { withoutPreset, withPreset } from '../simulation/scenario/presets';

type Timer = (
  fn: () => void,
  warmup: number,
  repeats: number,
  batch: number,
) => {
  wall: { median: number };
  cpu: { median: number; min: number; max: number; samples: number };
};
type Line = (
  label: string,
  st: { median: number; min: number; max: number; samples: number },
  unit: string,
  digits: number,
) => string;

export function benchLoopDominance(timeMicros: Timer, line: Line): void {
  console.log(
    '(a2) Loop dominance (Loops That Matter) of both presets, 156 weeks, expected values:',
  );
  for (const backend of ['interpreter', 'codegen'] as Backend[]) {
    const prepared = [withPreset(), withoutPreset()].map((s) => prepareModel(s, backend));
    const settings = settingsOf(withPreset(), { weeks: 156, mode: 'expected' });
    const structures = prepared.map((p) => loopStructure(p.compiled));
    const runs: RunSeries[] = prepared.map((p) =>
      runModel(p.compiled, p.built.parameterValues, settings),
    );
    const plain = timeMicros(
      () => {
        for (const p of prepared) runModel(p.compiled, p.built.parameterValues, settings);
      },
      200,
      21,
      20,
    );
    const extra = timeMicros(
      () => {
        runs.forEach((r, i) => loopScores(r, structures[i]));
      },
      100,
      21,
      10,
    );
    console.log(line(`    ${backend}, plain run of both, CPU`, plain.cpu, 'us', 1));
    console.log(line(`    ${backend}, loop scores of both (the extra), CPU`, extra.cpu, 'us', 1));
    console.log(
      `    ${backend}: the extra cost is ${(extra.cpu.median / plain.cpu.median).toFixed(2)}x a plain run (aim: about 1x, so run + scores is about twice a run)`,
    );
  }
  const models = new CompiledModelCache('interpreter');
  const request = timeMicros(
    () => loopDominance(withPreset(), { models, settings: { mode: 'expected' } }),
    5,
    11,
    3,
  );
  console.log(
    line('    app worker loops request (runs, scores, grouping), CPU', request.cpu, 'us', 0),
  );
  console.log('');
}
