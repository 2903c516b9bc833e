/**
 * What a window's page may do beyond showing the app: navigate nowhere else, open no windows,
 * attach no <webview>, hand only allow-listed https links to the system browser, and get no
 * permissions except full screen for the app's own page (the presenter's story mode).
 */
import type { Session, WebContents } from 'electron';
import type { OpenLink } from './external-links';
import { isAllowedExternalUrl, isAppUrl } from './origin';

export type Log = (line: string) => void;

/** The only permission the app's own page is granted: user-initiated full screen. */
export const PERMISSIONS_GRANTED_TO_APP: readonly string[] = ['fullscreen'];

export function permissionDecision(permission: string, requestingUrl: string): boolean {
  return PERMISSIONS_GRANTED_TO_APP.includes(permission) && isAppUrl(requestingUrl);
}

export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/** Navigation of a window: within the app, or an allow-listed link for the browser, or nothing. */
export function navigationDecision(url: string): NavigationDecision {
  if (isAppUrl(url)) return 'allow';
  if (isAllowedExternalUrl(url)) return 'open-external';
  return 'deny';
}

export interface GuardDeps {
  readonly openLink: OpenLink;
  readonly log: Log;
}

/** Attaches the navigation, window-open and webview guards to one window's contents. */
export function guardWebContents(contents: WebContents, deps: GuardDeps): void {
  const leave = (url: string, what: string) => {
    const decision = navigationDecision(url);
    if (decision === 'open-external')
      void deps.openLink(url).catch((e) => deps.log(`opening a link failed: ${String(e)}`));
    else deps.log(`${what} blocked: ${describe(url)}`);
  };
  contents.on('will-navigate', (event) => {
    if (navigationDecision(event.url) === 'allow') return;
    event.preventDefault();
    leave(event.url, 'navigation');
  });
  contents.on('will-redirect', (event) => {
    if (navigationDecision(event.url) === 'allow') return;
    event.preventDefault();
    deps.log(`redirect blocked: ${describe(event.url)}`);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    deps.log('webview blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (navigationDecision(url) === 'open-external') leave(url, 'new window');
    else deps.log(`new window blocked: ${describe(url)}`);
    return { action: 'deny' };
  });
}

/** Denies permission requests and checks for every page of the session (see the exception above). */
export function guardSession(session: Session, log: Log): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const granted = permissionDecision(permission, details.requestingUrl || contents.getURL());
    if (!granted) log(`permission ${permission} denied`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionDecision(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  session.on('will-download', (event) => {
    // Downloads started by the page are not needed: exports go through the bridge's save dialog.
    event.preventDefault();
    log('download blocked');
  });
}

function describe(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.length > 60 ? `${u.pathname.slice(0, 60)}...` : u.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}
