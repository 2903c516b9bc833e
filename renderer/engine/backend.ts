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

/** True for WebAssembly refusing a module (compiling or linking it), which the interpreter never does. */
export function isWasmRefusal(error: unknown): boolean {
  const wasm = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  if (wasm === undefined) return false;
  if (error instanceof wasm.CompileError || error instanceof wasm.LinkError) return true;
  // An error that crossed threads keeps its name only.
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'CompileError' || name === 'LinkError';
}

/**
 * Runs `work` on `backend`; where that is wasm and WebAssembly refuses the model after all (the
 * probe compiles an empty module; a real one could still be refused, e.g. for its size), runs it
 * once more on the interpreter, which gives the same numbers, and calls `onFallback` (the caller
 * then stays on the interpreter). Any other error is thrown as it is.
 */
export function withWasmFallback<T>(
  backend: Backend,
  work: (backend: Backend) => T,
  onFallback: () => void = () => {},
): T {
  if (backend !== 'wasm') return work(backend);
  try {
    return work('wasm');
  } catch (error) {
    if (!isWasmRefusal(error)) throw error;
    probed = 'interpreter';
    onFallback();
    return work('interpreter');
  }
}
