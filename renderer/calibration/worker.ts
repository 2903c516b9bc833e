/// <reference lib="webworker" />
/**
 * The calibration Web Worker: fits the status quo to a history (simulation/calibration) with the
 * interpreter backend (the page's CSP forbids eval), posting progress as it goes. Cancelling
 * terminates the worker; each calibration gets a new one.
 */
import '../bridge/zod-without-eval'; // first: before any zod schema is built
import { calibrate } from '../../simulation/calibration/fit';
import { isCalibrateRequest, type CalibrateResponse } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: CalibrateResponse): void => scope.postMessage(m);

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const r = event.data;
  if (!isCalibrateRequest(r)) {
    post({ type: 'error', message: 'malformed calibration request' });
    return;
  }
  try {
    const result = calibrate(
      { scenario: r.scenario, history: r.history, fit: r.fit, seed: r.seed, starts: r.starts },
      { backend: 'interpreter', onProgress: (progress) => post({ type: 'progress', progress }) },
    );
    post({ type: 'result', result });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
