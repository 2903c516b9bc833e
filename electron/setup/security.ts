/** Guards for every web contents the app ever creates, and for the default session. */
import { app, session, type WebContents } from 'electron';
import type { Log } from '../log';
import type { OpenLink } from '../security/external-links';
import { guardSession, guardWebContents } from '../security/guards';

export function setupSecurity(log: Log, openLink: OpenLink): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    guardWebContents(contents, { openLink, log });
  });
  guardSession(session.defaultSession, log);
}
