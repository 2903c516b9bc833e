/**
 * Which URLs are the app itself, which links may leave it, compared on parsed URLs (never on
 * string prefixes: `app://flywheel.evil.com` and `app://flywheel@evil` must not pass).
 */
import { APP_HOST, APP_SCHEME } from '../../renderer/bridge/contract';

export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Hosts that links in the app may open in the system browser (https only): references for the
 * model's sources and the project's documentation. Everything else is refused.
 */
export const EXTERNAL_LINK_HOSTS: readonly string[] = [
  'github.com',
  'doi.org',
  'arxiv.org',
  'en.wikipedia.org',
  'www.electronjs.org',
];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for URLs of the app's own origin (`app://flywheel/...`). */
export function isAppUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.hostname === APP_HOST &&
    u.port === '' &&
    u.username === '' &&
    u.password === ''
  );
}

/** Links the shell hands to the system browser: https on an allow-listed host, no credentials. */
export function isAllowedExternalUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === 'https:' &&
    u.username === '' &&
    u.password === '' &&
    (u.port === '' || u.port === '443') &&
    EXTERNAL_LINK_HOSTS.includes(u.hostname)
  );
}
