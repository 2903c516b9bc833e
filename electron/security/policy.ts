/**
 * The security settings of the shell as data, so that a test can assert them: the page's
 * Content-Security-Policy, its Web Workers' and the window's webPreferences.
 */
import type { WebPreferences } from 'electron';
import { BUILD_CSP, cspFor, WORKER_CSP } from '../../renderer/csp';

/** Shared contract 5 (RELIABILITY.md), defined once with the web build: no inline code, no eval. */
export const CONTENT_SECURITY_POLICY = BUILD_CSP;

/**
 * The policy of the worker scripts (renderer/csp.ts): the document's plus 'wasm-unsafe-eval',
 * so that the engine and analysis workers may compile the engine's WebAssembly; never 'unsafe-eval'.
 */
export const WORKER_CONTENT_SECURITY_POLICY = WORKER_CSP;

const COMMON_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
} as const;

/** Headers on every response of the app:// protocol but the worker scripts'. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  ...COMMON_HEADERS,
};

/** The headers of the response to `pathname` (decoded, under the web root). */
export function securityHeadersFor(pathname: string): Readonly<Record<string, string>> {
  const csp = cspFor(pathname);
  return csp === CONTENT_SECURITY_POLICY
    ? SECURITY_HEADERS
    : { 'Content-Security-Policy': csp, ...COMMON_HEADERS };
}

/**
 * Every security-relevant preference spelled out, none left to a default, for any window of the
 * app: the document and presenter windows add the preload, the report printer its own session and
 * no script.
 */
export function lockedDownPreferences(options: { devTools: boolean }): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

/** The app's windows (document, presenter): the locked-down preferences and the preload. */
export function secureWebPreferences(
  preloadPath: string,
  options: { devTools: boolean },
): WebPreferences {
  return { preload: preloadPath, ...lockedDownPreferences(options) };
}
