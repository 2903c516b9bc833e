/** Guards for every web contents the app ever creates, and for the default session. */
import { app, session, shell, type WebContents } from 'electron';
import type { Log } from '../log';
import { guardSession, guardWebContents } from '../security/guards';

export function setupSecurity(log: Log): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    guardWebContents(contents, { openExternal: (url) => shell.openExternal(url), log });
  });
  guardSession(session.defaultSession, log);
}
