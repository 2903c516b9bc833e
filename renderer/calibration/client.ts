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
  if (!worker) {
    let cancelled = false;
    const done = new Promise<CalibrationResult>((resolve, reject) =>
      setTimeout(() => {
        try {
          resolve(
            calibrate(request, {
              onProgress,
              shouldStop: () => cancelled,
            }),
          );
        } catch (e) {
          reject(cancelled ? new CancelledError() : e);
        }
      }, 0),
    );
    return { done, cancel: () => (cancelled = true) };
  }
  const w = worker;
  let settle: { reject: (e: Error) => void } | null = null;
  const done = new Promise<CalibrationResult>((resolve, reject) => {
    settle = { reject };
    w.addEventListener('message', (event: MessageEvent<CalibrateResponse>) => {
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
      w.terminate();
      reject(new Error(event.message || 'the calibration worker failed'));
    });
    w.postMessage({ type: 'calibrate', ...request } satisfies CalibrateRequest);
  });
  return {
    done,
    cancel() {
      w.terminate();
      settle?.reject(new CancelledError());
    },
  };
}
