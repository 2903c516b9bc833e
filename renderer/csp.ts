/**
 * The Content-Security-Policy of the built app (RELIABILITY.md). `BUILD_CSP` is the document's
 * whole policy, for servers and the desktop shell's protocol handler to send as a header;
 * `WORKER_CSP` is the policy of the app's Web Worker scripts (see below).
 *
 * Browsers ignore `frame-ancestors` in a <meta> policy and log a console error for it, so the
 * meta tag Vite writes into the built index.html (`META_CSP`) carries every other directive; the
 * header adds the framing rule.
 *
 * Workers: a dedicated worker loaded from its own URL takes its policy from its script's response,
 * not from the document (CSP3; Chromium since its policy containers), so the servers send
 * `WORKER_CSP` with every script under `WORKER_DIR` (where vite.config.ts writes the worker
 * bundles) and `BUILD_CSP` with everything else. The worker policy is the document's with one
 * source added to `script-src`: `'wasm-unsafe-eval'`, which allows compiling WebAssembly and
 * nothing else (no `eval`, no `new Function`, no inline script: never `'unsafe-eval'`). The
 * engine and analysis workers compile the run loop the engine generates for a model into one
 * WebAssembly module (simulation/engine/wasm/), about three times the interpreter's speed. A
 * dedicated worker has no DOM, receives only scenario data by postMessage, and compiles only
 * bytes the engine wrote itself; the document keeps a policy without any `unsafe-*` source.
 */
export const BUILD_CSP_DIRECTIVES = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
] as const;

export const BUILD_CSP = BUILD_CSP_DIRECTIVES.join('; ');

/** Directives a <meta> policy cannot carry (ignored there, with a console error). */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

export const META_CSP = BUILD_CSP_DIRECTIVES.filter(
  (d) => !HEADER_ONLY.some((name) => d.startsWith(`${name} `)),
).join('; ');

/** The worker scripts' policy: the document's, with `'wasm-unsafe-eval'` added to script-src. */
export const WORKER_CSP = BUILD_CSP_DIRECTIVES.map((d) =>
  d === "script-src 'self'" ? "script-src 'self' 'wasm-unsafe-eval'" : d,
).join('; ');

/** The folder of the built app (relative to its root) holding the worker bundles, and only them. */
export const WORKER_DIR = 'assets/workers';

/**
 * The policy for a response to `pathname` (a URL path of the built app, decoded): the worker
 * policy for a script in WORKER_DIR, the document's for everything else.
 */
export function cspFor(pathname: string): string {
  const segments = pathname.split('/').filter((s) => s !== '');
  const dir = WORKER_DIR.split('/');
  const inWorkerDir =
    segments.length === dir.length + 1 && dir.every((name, i) => segments[i] === name);
  return inWorkerDir && /\.m?js$/.test(segments[segments.length - 1]!) ? WORKER_CSP : BUILD_CSP;
}
