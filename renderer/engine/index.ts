/**
 * The engine as the app uses it: in a module Web Worker when the page can start one, otherwise
 * in this thread.
 */
import { createDirectEngineClient, createWorkerEngineClient, type EngineClient } from './client';

export type { ComparisonResult, EngineClient, EngineOutcome } from './client';

export function createAppEngineClient(): EngineClient {
  if (typeof Worker === 'function') {
    try {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), {
        type: 'module',
        name: 'flywheel-engine',
      });
      return createWorkerEngineClient(worker);
    } catch (error) {
      console.warn('engine worker unavailable, computing in the page', error);
    }
  }
  return createDirectEngineClient('interpreter');
}
