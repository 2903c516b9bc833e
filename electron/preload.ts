/**
 * The preload (sandboxed, so bundled as CommonJS): exposes exactly the `FlywheelBridge` of the
 * contract as `window.flywheel`. The page never sees ipcRenderer. Commands that arrive before the
 * page subscribes (a file given on the command line) wait here until it does; the latest presenter
 * snapshot is kept for a presenter view that subscribes after it arrived. Kept small: the
 * bundle contains no zod and no simulation code (the contract's schemas are built lazily).
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  ipcChannel,
  MAX_DROPPED_FILES,
  MENU_COMMAND_CHANNEL,
  PRESENTER_COMMAND_CHANNEL,
  PRESENTER_STATE_CHANNEL,
  type Channel,
  type FlywheelBridge,
  type MenuCommand,
  type PresenterCommand,
  type PresenterSnapshot,
  type RequestOf,
  type ResultOf,
} from '../renderer/bridge/contract';

function invoke<C extends Channel>(channel: C, request?: RequestOf<C>): Promise<ResultOf<C>> {
  return ipcRenderer.invoke(ipcChannel(channel), request) as Promise<ResultOf<C>>;
}

const listeners = new Set<(command: MenuCommand) => void>();
const early: MenuCommand[] = [];
// Only the main process sends on this channel; the page checks each command's shape on arrival.
ipcRenderer.on(MENU_COMMAND_CHANNEL, (_event, command: MenuCommand) => {
  if (listeners.size === 0) early.push(command);
  else for (const l of listeners) l(command);
});

// Presenter relay (the shell sends each only to the window it is meant for, already validated).
const stateListeners = new Set<(snapshot: PresenterSnapshot) => void>();
let latestSnapshot: PresenterSnapshot | null = null;
ipcRenderer.on(PRESENTER_STATE_CHANNEL, (_event, snapshot: PresenterSnapshot) => {
  latestSnapshot = snapshot;
  for (const l of stateListeners) l(snapshot);
});
const commandListeners = new Set<(command: PresenterCommand) => void>();
ipcRenderer.on(PRESENTER_COMMAND_CHANNEL, (_event, command: PresenterCommand) => {
  for (const l of commandListeners) l(command);
});

/** Fire and forget: a refused message is logged by the shell; the page has nothing to do. */
function post<C extends 'publishPresenterState' | 'sendPresenterCommand'>(
  channel: C,
  request: RequestOf<C>,
): void {
  invoke(channel, request).catch(() => undefined);
}

function subscribe<T>(set: Set<(value: T) => void>, listener: (value: T) => void): () => void {
  set.add(listener);
  return () => {
    set.delete(listener);
  };
}

// The shell's record of a drop: the paths of the files in a drop the user made (a trusted event;
// the page can dispatch drag events of its own, never trusted ones). The main process opens a
// dropped file only when its path is in the latest record of this window (ipc/dropped-files.ts).
window.addEventListener(
  'drop',
  (event) => {
    if (!event.isTrusted) return;
    const filePaths = Array.from(event.dataTransfer?.files ?? [], (f) => webUtils.getPathForFile(f))
      .filter((p) => p !== '')
      .slice(0, MAX_DROPPED_FILES);
    if (filePaths.length > 0) invoke('recordDrop', { filePaths }).catch(() => undefined);
  },
  true,
);

const bridge = {
  kind: 'desktop',
  openFile: () => invoke('openDialog'),
  openPath: (filePath: string) => invoke('openPath', { filePath }),
  openDroppedFile: (file: File) =>
    invoke('openDropped', { filePath: webUtils.getPathForFile(file) }),
  save: (request) => invoke('save', request),
  saveAs: (request) => invoke('saveAs', request),
  exportFile: (request) => invoke('exportFile', request),
  listRecent: () => invoke('listRecent'),
  clearRecent: () => invoke('clearRecent'),
  readBackup: () => invoke('readBackup'),
  writeBackup: (request) => invoke('writeBackup', request),
  clearBackup: () => invoke('clearBackup'),
  setDocumentState: (request) => invoke('setDocumentState', request),
  closeWindow: () => invoke('closeWindow'),
  openExternal: (url: string) => invoke('openExternal', { url }),
  onMenuCommand(listener: (command: MenuCommand) => void) {
    listeners.add(listener);
    for (const command of early.splice(0)) listener(command);
    return () => {
      listeners.delete(listener);
    };
  },
  printReportPdf: (request) => invoke('printReportPdf', request),
  openPresenterView: () => invoke('openPresenterView'),
  closePresenterView: () => invoke('closePresenterView'),
  publishPresenterState: (snapshot) => post('publishPresenterState', snapshot),
  onPresenterState(listener: (snapshot: PresenterSnapshot) => void) {
    if (latestSnapshot) listener(latestSnapshot);
    return subscribe(stateListeners, listener);
  },
  sendPresenterCommand: (command) => post('sendPresenterCommand', command),
  onPresenterCommand: (listener: (command: PresenterCommand) => void) =>
    subscribe(commandListeners, listener),
} satisfies FlywheelBridge;

contextBridge.exposeInMainWorld('flywheel', bridge);
