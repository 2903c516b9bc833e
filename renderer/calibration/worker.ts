/// <reference lib="webworker" />
/**
 * The calibration Web Worker: fits the status quo to a history (simulation/calibration) on the
 * workers' backend (WebAssembly where the worker policy lets it compile, else the interpreter:
 * renderer/engine/backend.ts; the same numbers either way), posting progress as it goes.
 * Cancelling terminates the worker; each calibration gets a new one.
 */
import '../bridge/zod-without-eval'; // first: before any zod schema is built
import { calibrate } from '../../simulation/calibration/fit';
import { workerBackend } from '../engine/backend';
import { isCalibrateRequest, type CalibrateResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: CalibrateResponse): void => scope.postMessage(m);
/** Progress is posted at most this often: enough for a progress bar, little work for the page. */
const PROGRESS_EVERY_MS = 100;

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const r = event.data;
  if (!isCalibrateRequest(r)) {
    post({ type: 'error', message: 'malformed calibration request' });
    return;
  }
  let posted = -Infinity;
  try {
    const result = calibrate(
      { scenario: r.scenario, history: r.history, fit: r.fit, seed: r.seed, starts: r.starts },
      {
        backend: workerBackend(),
        onProgress: (progress) => {
          const now = performance.now();
          if (now - posted < PROGRESS_EVERY_MS) return;
          posted = now;
          post({ type: 'progress', progress });
        },
      },
    );
    post({ type: 'result', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
