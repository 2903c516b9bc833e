/// <reference lib="webworker" />
/** The engine's Web Worker: answers compare requests (see protocol.ts and compute.ts). */
import '../bridge/zod-without-eval'; // first: before any zod schema is built
import { workerBackend } from './backend';
import { handleRequestWithFallback, setEngineBackend } from './compute';
import { isEngineRequest, serializeError } from './protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
setEngineBackend(workerBackend());

scope.addEventListener('message', (event: MessageEvent<unknown>) => {
  const data = event.data;
  if (!isEngineRequest(data)) {
    const id =
      typeof (data as { id?: unknown })?.id === 'number' ? (data as { id: number }).id : -1;
    scope.postMessage({
      type: 'error',
      id,
      error: serializeError(new Error('malformed engine request')),
    });
    return;
  }
  const { response, transfer } = handleRequestWithFallback(data);
  scope.postMessage(response, transfer);
});
