/**
 * Loop dominance of a scenario and, when it has data products, of the same business without them:
 * the loops of both runs, grouped and named (loops.ts), with the weeks each loop leads. The CLI
 * (`flywheel loops`), the app's engine worker and the report all call this.
 */
import { hasDataProducts, withoutDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import { analyseLoops, type RunLoops } from './loops';
import { prepareModel, runPrepared, settingsOf, type RunOptions } from './simulate';

export interface ScenarioLoops {
  /** Short name: `with` or `without` (the scenario alone: `with`). */
  readonly name: 'with' | 'without';
  readonly scenario: Scenario;
  readonly loops: RunLoops;
}

export interface LoopDominance {
  readonly runs: readonly ScenarioLoops[];
}

export function loopDominance(scenario: Scenario, options: RunOptions = {}): LoopDominance {
  const scenarios = hasDataProducts(scenario)
    ? [scenario, withoutDataProducts(scenario)]
    : [scenario];
  const runs = scenarios.map((s, i): ScenarioLoops => {
    const prepared = options.models ? options.models.prepare(s) : prepareModel(s, options.backend);
    const series = runPrepared(prepared, settingsOf(s, options.settings));
    return { name: i === 0 ? 'with' : 'without', scenario: s, loops: analyseLoops(series) };
  });
  return { runs };
}
