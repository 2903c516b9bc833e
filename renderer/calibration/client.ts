/**
 * Running a calibration off the page's thread: a new module Web Worker per calibration (so that
 * Cancel can simply terminate it), or in the page when workers are unavailable.
 */
import { calibrate, type CalibrationProgress, type CalibrationResult } from '../../simulation';
import type { CalibrateRequest, CalibrateResponse } from './protocol';

export interface RunningCalibration {
  readonly done: Promise<CalibrationResult>;
  /** Stops the calibration: `done` rejects with a CancelledError. */
  cancel(): void;
}

export class CancelledError extends Error {
  constructor() {
    super('Calibration cancelled');
  }
}

export function startCalibration(
  request: Omit<CalibrateRequest, 'type'>,
  onProgress: (p: CalibrationProgress) => void,
): RunningCalibration {
  let worker: Worker | null = null;
  if (typeof Worker === 'function') {
    try {
      worker = new Worker(new URL('./worker.ts', import.meta.url), {
        type: 'module',
        name: 'flywheel-calibration',
      });
    } catch {
      worker = null;
    }
  }
  // Cancel settles `done` at once, whatever the fit still does: nothing after it is reported.
  let cancelled = false;
  let rejectDone: (e: Error) => void = () => undefined;
  if (!worker) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = new Promise<CalibrationResult>((resolve, reject) => {
      rejectDone = reject;
      timer = setTimeout(() => {
        // A promise chain, so that a fit that throws or returns a promise settles `done` alike.
        Promise.resolve()
          .then(() =>
            calibrate(request, {
              onProgress: (p) => {
                if (!cancelled) onProgress(p);
              },
              shouldStop: () => cancelled,
            }),
          )
          .then(resolve, (e: unknown) =>
            reject(
              cancelled ? new CancelledError() : e instanceof Error ? e : new Error(String(e)),
            ),
          );
      }, 0);
    });
    return {
      done,
      cancel() {
        cancelled = true;
        clearTimeout(timer);
        rejectDone(new CancelledError());
      },
    };
  }
  const w = worker;
  const done = new Promise<CalibrationResult>((resolve, reject) => {
    rejectDone = reject;
    w.addEventListener('message', (event: MessageEvent<CalibrateResponse>) => {
      if (cancelled) return;
      const m = event.data;
      if (m.type === 'progress') onProgress(m.progress);
      else if (m.type === 'result') {
        w.terminate();
        resolve(m.result);
      } else {
        w.terminate();
        reject(new Error(m.message));
      }
    });
    w.addEventListener('error', (event) => {
      if (cancelled) return;
      w.terminate();
      reject(new Error(event.message || 'the calibration worker failed'));
    });
    w.postMessage({ type: 'calibrate', ...request } satisfies CalibrateRequest);
  });
  return {
    done,
    cancel() {
      cancelled = true;
      w.terminate();
      rejectDone(new CancelledError());
    },
  };
}
