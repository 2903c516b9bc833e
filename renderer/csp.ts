/**
 * The Content-Security-Policy of the built page (RELIABILITY.md). `BUILD_CSP` is the whole
 * policy, for servers and the desktop shell's protocol handler to send as a header.
 *
 * Browsers ignore `frame-ancestors` in a <meta> policy and log a console error for it, so the
 * meta tag Vite writes into the built index.html (`META_CSP`) carries every other directive; the
 * header adds the framing rule.
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
