/**
 * An analysis worker thread (bundled to dist/cli/analysis-worker.mjs): compiles the comparison
 * once (codegen) and evaluates the points and Monte Carlo draws the pool sends it. The numbers
 * depend only on the points and draws, never on which worker computes them.
 */
import { fastestBackend } from '../simulation/engine/compile';
import { parentPort, workerData } from 'node:worker_threads';
import { ScenarioEvaluator } from '../simulation/analysis/evaluate';
import { drawKpis } from '../simulation/analysis/global';
import { DrawRunner } from '../simulation/analysis/montecarlo';
import type {
  AnalysisWorkerSetup,
  FromAnalysisWorker,
  ToAnalysisWorker,
} from './analysis-protocol';

const port = parentPort;
if (!port) throw new Error('analysis-worker must run as a worker thread');
const setup = workerData as AnalysisWorkerSetup;
let evaluator: ScenarioEvaluator | null = null;
let runner: DrawRunner | null = null;

const reply = (m: FromAnalysisWorker, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(m, transfer);

function handle(msg: ToAnalysisWorker): void {
  if (msg.type === 'points') {
    evaluator ??= new ScenarioEvaluator(setup.scenario, setup.settings, {
      backend: fastestBackend(),
    });
    const outcomes = msg.points.map((p) => evaluator!.evaluate(p));
    reply(
      { type: 'points', outcomes },
      outcomes.map((o) => o.kpis.buffer as ArrayBuffer),
    );
  } else {
    if (!runner) {
      runner = new DrawRunner(setup.scenario, setup.settings, fastestBackend());
      runner.keepOnly([]);
    }
    const tables = drawKpis(runner, msg.start, msg.end);
    const transfer = tables.runs.map((t) => t.buffer as ArrayBuffer);
    if (tables.differences) transfer.push(tables.differences.buffer as ArrayBuffer);
    reply({ type: 'draws', tables }, transfer);
  }
}

port.on('message', (msg: ToAnalysisWorker) => {
  try {
    handle(msg);
  } catch (e) {
    reply({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
reply({ type: 'ready' });
