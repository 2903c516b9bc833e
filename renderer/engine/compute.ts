/**
 * What the worker does with a request: run the scenario with and without data products (the
 * 'interpreter' backend: no eval, so it runs under the page's Content-Security-Policy) and pack
 * the series for transfer. Pure apart from the clock and the compiled models it keeps; tested in
 * Node.
 */
import {
  compareWithWithout,
  CompiledModelCache,
  layoutKey,
  runScenarios,
  type ScenarioRun,
} from '../../simulation';
import { computeHeadline } from '../../simulation/analysis/headline';
import { loopDominance } from '../../simulation/analysis/loop-dominance';
import {
  serializeError,
  type EngineRequest,
  type EngineResponse,
  type LoopsRequest,
  type TransferredRun,
} from './protocol';

export function packRun(run: ScenarioRun): TransferredRun {
  return {
    name: run.name,
    scenario: run.scenario,
    kpis: run.kpis,
    settings: run.series.settings,
    points: run.series.points,
    layout: layoutKey(run.series.model),
    time: run.series.time,
    values: run.series.values,
  };
}

/**
 * The worker's compiled models, by structure: a parameter change (a slider step) compiles nothing;
 * only adding or rewiring products and consumers does.
 */
const models = new CompiledModelCache('interpreter', 16);

/** The response and the buffers to transfer with it. */
export function handleRequest(
  request: EngineRequest,
  now: () => number = () => performance.now(),
): { response: EngineResponse; transfer: ArrayBuffer[] } {
  const started = now();
  if (request.type === 'loops') return handleLoops(request.id, request.scenario, now, started);
  if (request.type === 'headline') {
    try {
      const headline = computeHeadline(request.scenario, { models });
      return {
        response: { type: 'headline-result', id: request.id, headline, computeMs: now() - started },
        transfer: [],
      };
    } catch (error) {
      return {
        response: { type: 'error', id: request.id, error: serializeError(error) },
        transfer: [],
      };
    }
  }
  try {
    if (request.type === 'runs') {
      const many = runScenarios(request.scenarios, { models });
      const runs = many.runs.map(packRun);
      return {
        response: {
          type: 'runs-result',
          id: request.id,
          runs,
          engineRuns: many.engineRuns,
          computeMs: now() - started,
        },
        transfer: runs.flatMap((r) => [
          r.time.buffer as ArrayBuffer,
          r.values.buffer as ArrayBuffer,
        ]),
      };
    }
    const comparison = compareWithWithout(request.scenario, { models });
    const runs = comparison.runs.map(packRun);
    const transfer: ArrayBuffer[] = [];
    for (const r of runs)
      transfer.push(r.time.buffer as ArrayBuffer, r.values.buffer as ArrayBuffer);
    return {
      response: {
        type: 'result',
        id: request.id,
        runs,
        differences: comparison.differences,
        computeMs: now() - started,
      },
      transfer,
    };
  } catch (error) {
    return {
      response: { type: 'error', id: request.id, error: serializeError(error) },
      transfer: [],
    };
  }
}

/**
 * Loop dominance, on the expected-value run of the scenario (a stochastic run's weekly noise, which
 * no loop causes, would make the leader flicker): see simulation/analysis/loops.ts.
 */
function handleLoops(
  id: number,
  scenario: LoopsRequest['scenario'],
  now: () => number,
  started: number,
): { response: EngineResponse; transfer: ArrayBuffer[] } {
  try {
    const dominance = loopDominance(scenario, { models, settings: { mode: 'expected' } });
    return {
      response: { type: 'loops-result', id, dominance, computeMs: now() - started },
      transfer: [],
    };
  } catch (error) {
    return { response: { type: 'error', id, error: serializeError(error) }, transfer: [] };
  }
}
