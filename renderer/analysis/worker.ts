/// <reference lib="webworker" />
/**
 * An analysis Web Worker (the page starts one per core): Monte Carlo draws and other independent
 * evaluations, on the WebAssembly backend where this worker's policy allows it (renderer/csp.ts's
 * WORKER_CSP), else the interpreter (renderer/engine/backend.ts). See protocol.ts and handler.ts.
 */
import '../bridge/zod-without-eval'; // first: before any zod schema is built
import { workerBackend } from '../engine/backend';
import { serializeError } from '../engine/protocol';
import { AnalysisHandler } from './handler';
import { isAnalysisRequest } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = new AnalysisHandler(workerBackend());

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (!isAnalysisRequest(data)) {
    const id =
      typeof (data as { id?: unknown })?.id === 'number' ? (data as { id: number }).id : -1;
    scope.postMessage({
      type: 'error',
      id,
      error: serializeError(new Error('malformed analysis request')),
    });
    return;
  }
  const { response, transfer } = handler.handle(data);
  scope.postMessage(response, transfer);
});
