/**
 * Electron's side of the presenter view (presenter/manager.ts): the displays from `screen`, the
 * presenter BrowserWindow, and the document window seen as the audience window.
 */
import { BrowserWindow, screen } from 'electron';
import type { Log } from '../log';
import { PresenterManager, type AudienceWindow } from '../presenter/manager';
import { PRESENTER_ENTRY_URL, presenterWindowOptions } from '../presenter/window-options';
import type { MainWindowOptions } from '../window/main-window';

/** How long to wait for macOS's full-screen animation before moving the window anyway. */
const LEAVE_FULL_SCREEN_MS = 2000;

export function setupPresenterView(options: MainWindowOptions, log: Log): PresenterManager {
  return new PresenterManager({
    screen: {
      getAllDisplays: () => screen.getAllDisplays(),
      getPrimaryDisplay: () => screen.getPrimaryDisplay(),
    },
    createPresenterWindow: (bounds) => {
      const win = new BrowserWindow(presenterWindowOptions(bounds, options));
      win.once('ready-to-show', () => win.show());
      win.on('page-title-updated', (event) => event.preventDefault());
      void win.loadURL(PRESENTER_ENTRY_URL);
      const contents = win.webContents;
      const id = contents.id;
      return {
        webContentsId: id,
        isDestroyed: () => win.isDestroyed(),
        close: () => win.close(),
        focus: () => win.focus(),
        send: (channel, payload) => contents.send(channel, payload),
        onLoaded: (listener) => void contents.on('did-finish-load', listener),
        onClosed: (listener) => void win.on('closed', listener),
      };
    },
    log,
  });
}

export function audienceWindow(win: BrowserWindow): AudienceWindow {
  return {
    webContentsId: win.webContents.id,
    isDestroyed: () => win.isDestroyed(),
    getBounds: () => win.getBounds(),
    getNormalBounds: () => win.getNormalBounds(),
    isMaximized: () => win.isMaximized(),
    isFullScreen: () => win.isFullScreen(),
    maximize: () => win.maximize(),
    unmaximize: () => win.unmaximize(),
    setBounds: (bounds) => win.setBounds(bounds),
    setFullScreen: (flag) => win.setFullScreen(flag),
    leaveFullScreen: () =>
      new Promise<void>((resolve) => {
        if (win.isDestroyed() || !win.isFullScreen()) return resolve();
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          win.off('leave-full-screen', done);
          resolve();
        }, LEAVE_FULL_SCREEN_MS);
        win.once('leave-full-screen', done);
        win.setFullScreen(false);
      }),
    send: (channel, payload) => {
      if (!win.isDestroyed()) win.webContents.send(channel, payload);
    },
  };
}
