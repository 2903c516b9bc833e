/**
 * What the worker does with a request: run the scenario with and without data products and pack
 * the series for transfer. The worker sets its backend first (setEngineBackend: WebAssembly where
 * its policy allows it, renderer/engine/backend.ts); the interpreter until then. Pure apart from
 * the clock and the compiled models it keeps; tested in Node.
 */
import {
  compareWithWithout,
  CompiledModelCache,
  layoutKey,
  runScenarios,
  type ScenarioRun,
} from '../../simulation';
import type { Backend } from '../../simulation/engine/compile';
import { isWasmRefusal } from './backend';
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
let backend: Backend = 'interpreter';
let cache: CompiledModelCache | null = null;
const models = (): CompiledModelCache => (cache ??= new CompiledModelCache(backend, 16));

/** The backend of this thread's models (the worker: workerBackend()); drops the compiled models. */
export function setEngineBackend(next: Backend): void {
  backend = next;
  cache = null;
}

/** The backend the engine computes with in this thread (for the page's diagnostics and tests). */
export function engineBackend(): Backend {
  return backend;
}

/** The response and the buffers to transfer with it. */
export function handleRequest(
  request: EngineRequest,
  now: () => number = () => performance.now(),
): { response: EngineResponse; transfer: ArrayBuffer[] } {
  const started = now();
  if (request.type === 'loops') return handleLoops(request.id, request.scenario, now, started);
  if (request.type === 'headline') {
    try {
      const headline = computeHeadline(request.scenario, { models: models() });
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
      const many = runScenarios(request.scenarios, { models: models() });
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
    const comparison = compareWithWithout(request.scenario, { models: models() });
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
 * handleRequest, and where WebAssembly refused the request's model after all, the same request
 * once more on the interpreter (same numbers); the worker then stays on the interpreter.
 */
export function handleRequestWithFallback(
  request: EngineRequest,
  now: () => number = () => performance.now(),
): { response: EngineResponse; transfer: ArrayBuffer[] } {
  const answer = handleRequest(request, now);
  const { response } = answer;
  if (backend !== 'wasm' || response.type !== 'error' || !isWasmRefusal(response.error))
    return answer;
  setEngineBackend('interpreter');
  return handleRequest(request, now);
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
    const dominance = loopDominance(scenario, { models: models(), settings: { mode: 'expected' } });
    return {
      response: { type: 'loops-result', id, dominance, computeMs: now() - started },
      transfer: [],
    };
  } catch (error) {
    return { response: { type: 'error', id, error: serializeError(error) }, transfer: [] };
  }
}
