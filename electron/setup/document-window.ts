/**
 * The window showing the document: created from the remembered state, titled with the file name
 * and unsaved state, and closed only after the page has dealt with unsaved changes.
 */
import { BrowserWindow } from 'electron';
import {
  MENU_COMMAND_CHANNEL,
  windowTitle,
  type MenuCommand,
  type RequestOf,
} from '../../renderer/bridge/contract';
import type { Log } from '../log';
import { CloseGuard } from '../lifecycle/close-guard';
import type { OpenQueue } from '../lifecycle/open-requests';
import { createMainWindow } from '../window/main-window';
import type { WindowState } from '../window/window-state';

export interface DocumentWindowDeps {
  readonly state: WindowState;
  readonly preloadPath: string;
  readonly iconPath: string | null;
  readonly devTools: boolean;
  readonly settingsPath: string;
  readonly log: Log;
  readonly openQueue: OpenQueue;
  /** Grants the path and sends it to the page as an open request. */
  readonly deliverOpen: (window: DocumentWindow, filePath: string) => void;
  /** Every time the user (or a quit) asks the window to close. */
  readonly onCloseRequested: () => void;
  /** After the window has closed; `clean` when no unsaved work was left behind. */
  readonly onClosed: (clean: boolean) => void;
}

export class DocumentWindow {
  readonly win: BrowserWindow;
  readonly guard = new CloseGuard();
  readonly webContentsId: number;

  constructor(deps: DocumentWindowDeps) {
    this.win = createMainWindow({ ...deps, BrowserWindow });
    this.webContentsId = this.win.webContents.id;
    const contents = this.win.webContents;
    this.win.on('page-title-updated', (event) => event.preventDefault());
    this.win.on('close', (event) => {
      // The page's own confirmed close is the second half of an earlier request, not a new one.
      if (!this.guard.wasConfirmed()) deps.onCloseRequested();
      if (this.guard.onCloseRequested() === 'close') return;
      event.preventDefault();
      this.send({ command: 'close' });
    });
    this.win.on('unresponsive', () => {
      deps.log('window unresponsive: closing is allowed without asking (the backup stays)');
      this.guard.setUnresponsive(true);
    });
    this.win.on('responsive', () => this.guard.setUnresponsive(false));
    contents.on('render-process-gone', (_event, details) => {
      deps.log(`renderer gone (${details.reason}); the backup of unsaved work stays for recovery`);
      this.guard.setUnresponsive(true);
    });
    contents.on('did-finish-load', () => deps.openQueue.attach((p) => deps.deliverOpen(this, p)));
    this.win.on('closed', () => {
      deps.openQueue.detach();
      deps.onClosed(this.guard.closedCleanly());
    });
  }

  send(command: MenuCommand): void {
    if (!this.win.isDestroyed()) this.win.webContents.send(MENU_COMMAND_CHANNEL, command);
  }

  setDocumentState(state: RequestOf<'setDocumentState'>): void {
    this.guard.setDirty(state.dirty);
    const mac = process.platform === 'darwin';
    this.win.setTitle(windowTitle(state.fileName, state.dirty, mac ? 'darwin' : 'other'));
    if (mac) {
      this.win.setDocumentEdited(state.dirty);
      this.win.setRepresentedFilename(state.filePath ?? '');
    }
  }

  closeConfirmed(): void {
    this.guard.confirm();
    this.win.close();
  }

  focus(): void {
    if (this.win.isMinimized()) this.win.restore();
    this.win.focus();
  }
}
