/**
 * The one way a link leaves the app: checked against the allow-list (origin.ts), then handed to
 * the system browser. Navigation guards and the openExternal IPC request both go through here.
 */
import { isAllowedExternalUrl } from './origin';

export type OpenLink = (url: string) => Promise<boolean>;

export function createLinkOpener(
  openInBrowser: (url: string) => Promise<void>,
  log: (line: string) => void,
): OpenLink {
  return async (url) => {
    if (!isAllowedExternalUrl(url)) {
      log('external link refused: not on the allow-list');
      return false;
    }
    await openInBrowser(url);
    return true;
  };
}
