/**
 * A Monte Carlo worker thread (bundled to dist/cli/mc-worker.mjs). It compiles the job once, then
 * answers the pool's requests: pilot ranges, draws counted into its own histogram, and finally the
 * histogram. Errors go back as one message; the pool decides what to do.
 */
import { CompiledModelCache, type SharedRunLoop } from '../simulation/analysis/model-cache';
import { fastestBackend } from '../simulation/engine/compile';
import { parentPort, workerData } from 'node:worker_threads';
import {
  accumulateDraws,
  accumulatePilot,
  BAND_FRACTIONS,
  bandRows,
  createJob,
  finishCountingToSend,
  newHistogram,
  pilotKeeping,
  shapeOf,
  type BinLayout,
  type HistogramSketch,
  type MonteCarloJob,
  type PilotBlock,
} from '../simulation/analysis/montecarlo';
import type { FromWorker, ToWorker, WorkerSetup } from './mc-protocol';

const port = parentPort;
if (!port) throw new Error('mc-worker must run as a worker thread');

const reply = (message: FromWorker, transfer: ArrayBuffer[] = []): void =>
  port.postMessage(message, transfer);
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let job: MonteCarloJob | null = null;
let histogram: HistogramSketch | null = null;
let layout: BinLayout | null = null;
/** This worker's pilot draws, counted from memory when the pool asks for them in pass 2. */
let pilot: PilotBlock | null = null;

function handle(msg: ToWorker): void {
  if (msg.type === 'models') return begin(msg.loops);
  if (!job) throw new Error('worker not initialised');
  switch (msg.type) {
    case 'pilot': {
      const { ranges: r, block } = pilotKeeping(job, msg.start, msg.end);
      pilot = block;
      reply({ type: 'pilot', min: r.min, max: r.max }, [
        r.min.buffer as ArrayBuffer,
        r.max.buffer as ArrayBuffer,
      ]);
      return;
    }
    case 'layout':
      layout = { rows: job.rows, bins: msg.bins, lo: msg.lo, width: msg.width };
      histogram = newHistogram(layout);
      return;
    case 'draws': {
      if (!histogram) throw new Error('draws before layout');
      const kept = pilot;
      pilot = null;
      const t =
        kept && kept.start === msg.start && kept.start + kept.count === msg.end
          ? accumulatePilot(job, histogram, kept, false)
          : accumulateDraws(job, histogram, msg.start, msg.end, undefined, false);
      const transfer = t.runs.map((a) => a.buffer as ArrayBuffer);
      if (t.differences) transfer.push(t.differences.buffer as ArrayBuffer);
      reply(
        { type: 'draws', start: t.start, count: t.count, runs: t.runs, differences: t.differences },
        transfer,
      );
      return;
    }
    case 'collect': {
      if (!histogram) throw new Error('collect before layout');
      // The counts are the band counter's shared memory where it has one (the pool reads them
      // there, without a copy); other buffers are transferred.
      const counts = finishCountingToSend(job);
      const h = histogram;
      histogram = null;
      const buffers = [counts.buffer, h.min.buffer, h.max.buffer];
      reply(
        { type: 'histogram', counts, min: h.min, max: h.max },
        buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer),
      );
      return;
    }
    case 'bands': {
      if (!layout) throw new Error('bands before layout');
      const b = bandRows(layout, msg.parts, BAND_FRACTIONS, msg.start, msg.end);
      reply({ type: 'bands', ...b }, [b.quantiles.buffer as ArrayBuffer]);
      return;
    }
  }
}

port.on('message', (msg: ToWorker) => {
  try {
    handle(msg);
  } catch (e) {
    reply({ type: 'error', message: messageOf(e) });
  }
});

const setup = workerData as WorkerSetup;

/** Compiles the job (reusing the run loops given where they fit) and says it is ready. */
function begin(loops: readonly SharedRunLoop[]): void {
  if (job) throw new Error('the job is compiled already');
  const models = new CompiledModelCache(setup.backend ?? fastestBackend());
  models.adopt(loops);
  job = createJob(setup.spec, models);
  reply({ type: 'ready', shape: shapeOf(job) });
}

if (!setup.awaitModels) {
  try {
    begin([]);
  } catch (e) {
    reply({ type: 'error', message: messageOf(e) });
  }
}
