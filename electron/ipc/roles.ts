/**
 * Which of the app's windows may send which request. The document window may ask for everything
 * except presenter commands; the presenter window (the same app page with `#presenter`) only
 * sends its commands and may close itself. Every channel is listed, so a new one must be placed.
 */
import type { Channel } from '../../renderer/bridge/contract';

export type WindowRole = 'document' | 'presenter';

const DOCUMENT: readonly WindowRole[] = ['document'];
const PRESENTER: readonly WindowRole[] = ['presenter'];
const BOTH: readonly WindowRole[] = ['document', 'presenter'];

export const CHANNEL_ROLES: Readonly<Record<Channel, readonly WindowRole[]>> = {
  openDialog: DOCUMENT,
  openPath: DOCUMENT,
  openDropped: DOCUMENT,
  recordDrop: DOCUMENT,
  save: DOCUMENT,
  saveAs: DOCUMENT,
  exportFile: DOCUMENT,
  listRecent: DOCUMENT,
  clearRecent: DOCUMENT,
  readBackup: DOCUMENT,
  writeBackup: DOCUMENT,
  clearBackup: DOCUMENT,
  setDocumentState: DOCUMENT,
  closeWindow: DOCUMENT,
  openExternal: DOCUMENT,
  printReportPdf: DOCUMENT,
  openPresenterView: DOCUMENT,
  closePresenterView: BOTH,
  publishPresenterState: DOCUMENT,
  sendPresenterCommand: PRESENTER,
};
