/**
 * The engine backend of the app's Web Workers: WebAssembly where the worker may compile it (its
 * script is served with renderer/csp.ts's WORKER_CSP, which adds 'wasm-unsafe-eval'), else the
 * interpreter. Never codegen: it needs 'unsafe-eval', which no policy of the app grants, so
 * probing it would only report a violation. Results are bit-identical across backends
 * (tests/engine/backends.property.test.ts), so the choice changes speed, never a number.
 *
 * The page's own thread always uses the interpreter: the document's policy refuses WebAssembly,
 * and a large synchronous compile would block the page.
 */
import type { Backend } from '../../simulation/engine/compile';
import { wasmAvailable } from '../../simulation/engine/wasm/backend';

export type WorkerBackend = Extract<Backend, 'wasm' | 'interpreter'>;

let probed: WorkerBackend | null = null;

/** Probes once per thread (a refused compile is caught: the probe returns false, never throws). */
export function workerBackend(): WorkerBackend {
  probed ??= wasmAvailable() ? 'wasm' : 'interpreter';
  return probed;
}
