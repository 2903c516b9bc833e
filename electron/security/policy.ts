/**
 * The security settings of the shell as data, so that a test can assert them: the page's
 * Content-Security-Policy and the window's webPreferences.
 */
import type { WebPreferences } from 'electron';
import { BUILD_CSP } from '../../renderer/csp';

/** Shared contract 5 (RELIABILITY.md), defined once with the web build: no inline code, no eval. */
export const CONTENT_SECURITY_POLICY = BUILD_CSP;

/** Headers on every response of the app:// protocol. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

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
