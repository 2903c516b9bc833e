/**
 * A Monte Carlo worker thread (bundled to dist/cli/mc-worker.mjs). It compiles the job once, runs
 * its part of the pilot as soon as it is ready, then answers the pool's requests: draws counted
 * into its own histogram, the histogram, the band quantiles of a range of rows. Errors go back as
 * one message; the pool decides what to do.
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
import { splitRange, type FromWorker, type ToWorker, type WorkerSetup } from './mc-protocol';

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
  if (msg.type === 'models') return adopt(msg.loops);
  if (!job) throw new Error('worker not initialised');
  if (msg.type === 'lanes') {
    models.adoptLanes(msg.loops);
    pairDraws();
    return;
  }
  switch (msg.type) {
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

/**
 * The job is compiled at once. Where the pool's thread translates the compared models
 * (awaitModels), their WebAssembly run loops wait for its translations ('models'), which come
 * meanwhile: the first draw instantiates them.
 */
const models = new CompiledModelCache(setup.backend ?? fastestBackend(), 8, setup.awaitModels);
let awaiting = setup.awaitModels === true;

/** Takes the pool's translations and says the job is ready. */
function adopt(loops: readonly SharedRunLoop[]): void {
  if (!awaiting) throw new Error('unexpected models');
  awaiting = false;
  models.adopt(loops);
  ready();
}

/**
 * Runs the job's draws two at a time from now on (DrawRunner.enablePairs), with the loops for
 * pairs of runs this thread's cache has or makes; the numbers are those of draws run alone.
 */
function pairDraws(): void {
  job?.runner.enablePairs((model) => models.laneLoop(model));
}

/** Says the job is ready, then runs this worker's part of the pilot (see WorkerSetup.share). */
function ready(): void {
  if (!job) throw new Error('worker not initialised');
  reply({ type: 'ready', shape: shapeOf(job) });
  const [start, end] = splitRange(job.pilotDraws, setup.share.count)[setup.share.index]!;
  const { ranges: r, block } = pilotKeeping(job, start, end);
  pilot = block;
  reply({ type: 'pilot', min: r.min, max: r.max }, [
    r.min.buffer as ArrayBuffer,
    r.max.buffer as ArrayBuffer,
  ]);
  // The pilot's draws ran one at a time; the rest run in pairs, with this worker's own loops for
  // them unless the pool's thread sends its translations.
  if (!setup.awaitLanes) pairDraws();
}

try {
  job = createJob(setup.spec, models);
  if (!awaiting) ready();
} catch (e) {
  reply({ type: 'error', message: messageOf(e) });
}
