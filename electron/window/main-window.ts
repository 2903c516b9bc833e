/**
 * The main window: options (pure, asserted by a test), creation from the remembered state, and
 * keeping that state up to date. The page is always the app's own `app://flywheel/index.html`.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Display } from 'electron';
import { PRODUCT_NAME } from '../../renderer/bridge/contract';
import { readJsonFile, writeJsonFile, type Log } from '../files/json-store';
import { APP_ENTRY_URL } from '../security/origin';
import { secureWebPreferences } from '../security/policy';
import {
  defaultWindowState,
  fitToDisplays,
  MIN_WINDOW_SIZE,
  toStoredWindowState,
  windowStateSchema,
  type Rectangle,
  type WindowState,
} from './window-state';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly iconPath: string | null;
  readonly devTools: boolean;
}

export function mainWindowOptions(
  state: WindowState,
  o: MainWindowOptions,
): BrowserWindowConstructorOptions {
  return {
    ...state.bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    show: false,
    title: PRODUCT_NAME,
    ...(o.iconPath ? { icon: o.iconPath } : {}),
    webPreferences: secureWebPreferences(o.preloadPath, { devTools: o.devTools }),
  };
}

/** Work areas with the primary display first (fitToDisplays falls back to the first). */
export function workAreas(displays: readonly Display[], primary: Display): Rectangle[] {
  return [primary, ...displays.filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

export async function loadWindowState(
  settingsPath: string,
  areas: readonly Rectangle[],
  log: Log,
): Promise<WindowState> {
  const stored = await readJsonFile(
    settingsPath,
    windowStateSchema,
    () => toStoredWindowState(defaultWindowState()),
    log,
  );
  return fitToDisplays({ bounds: stored.bounds, maximized: stored.maximized }, areas);
}

export interface CreateWindowDeps extends MainWindowOptions {
  readonly BrowserWindow: typeof BrowserWindow;
  readonly state: WindowState;
  readonly settingsPath: string;
  readonly log: Log;
}

export function createMainWindow(deps: CreateWindowDeps): BrowserWindow {
  const win = new deps.BrowserWindow(mainWindowOptions(deps.state, deps));
  if (deps.state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  rememberWindowState(win, deps.settingsPath, deps.log);
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

/**
 * Saves size, position and maximised state half a second after they change, and on close; not
 * while the window is full screen.
 */
function rememberWindowState(win: BrowserWindow, settingsPath: string, log: Log): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    // Full screen (the presenter view puts the window on the projector) is not a place to reopen.
    if (win.isDestroyed() || win.isFullScreen()) return;
    const { x, y, width, height } = win.getNormalBounds();
    const state = toStoredWindowState({
      bounds: { x, y, width, height },
      maximized: win.isMaximized(),
    });
    writeJsonFile(settingsPath, state).catch((e) =>
      log(`window state: could not be saved (${String(e)})`),
    );
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('maximize', later);
  win.on('unmaximize', later);
  win.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}
