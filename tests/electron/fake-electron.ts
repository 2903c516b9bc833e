/**
 * A stand-in for the `electron` module, just enough of it to run the bundled main process in Node
 * (where the real binary cannot be had) and watch what it does: windows it creates, handlers it
 * registers, menus, titles, events. Used by main-wiring.test.ts only.
 */
import { EventEmitter } from 'node:events';
import path from 'node:path';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
  url?: string;
}

export const fakeEvent = (extra: Partial<FakeEvent> = {}): FakeEvent => ({
  defaultPrevented: false,
  preventDefault() {
    this.defaultPrevented = true;
  },
  ...extra,
});

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  url = '';
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  readonly printed: unknown[] = [];
  async printToPDF(options: unknown): Promise<Buffer> {
    this.printed.push(options);
    return Buffer.from(`%PDF-1.7 fake of ${this.url.slice(0, 40)}`);
  }
}

type BeforeRequestListener = (
  details: { url: string },
  callback: (response: { cancel: boolean }) => void,
) => void;

/** A session from `session.fromPartition`: records its filter and permission handlers. */
export class FakeSession extends EventEmitter {
  beforeRequest: BeforeRequestListener | null = null;
  permissionRequest: ((wc: unknown, p: string, cb: (granted: boolean) => void) => void) | null =
    null;
  permissionCheck: (() => boolean) | null = null;
  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener) => void (this.beforeRequest = listener),
  };
  constructor(
    readonly partition: string,
    readonly options: unknown,
  ) {
    super();
  }
  setPermissionRequestHandler(h: FakeSession['permissionRequest']) {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheck']) {
    this.permissionCheck = h;
  }
  setDevicePermissionHandler() {}
  /** What the session's filter answers for a request to `url` (true: cancelled). */
  cancels(url: string): boolean {
    let cancel: boolean | null = null;
    this.beforeRequest?.({ url }, (r) => void (cancel = r.cancel));
    if (cancel === null) throw new Error('no request filter installed');
    return cancel;
  }
}

export function createFakeElectron(paths: { userData: string; logs: string; temp?: string }) {
  const app = Object.assign(new EventEmitter(), {
    quitCalls: 0,
    isPackaged: false,
    setPath(name: string, value: string) {
      if (name === 'userData') paths.userData = value;
    },
    getPath: (name: string) =>
      name === 'logs'
        ? paths.logs
        : name === 'temp'
          ? (paths.temp ?? path.join(paths.userData, 'temp'))
          : paths.userData,
    getVersion: () => '0.1.0-test',
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    setAboutPanelOptions: () => undefined,
    showAboutPanel: () => undefined,
    clearRecentDocuments: () => undefined,
    addRecentDocument: () => undefined,
    quit() {
      this.quitCalls++;
    },
    exit: (code: number) => {
      throw new Error(`app.exit(${code})`);
    },
  });

  const windows: FakeBrowserWindow[] = [];
  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    title = '';
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
      app.emit('web-contents-created', fakeEvent(), this.webContents);
    }
    static getAllWindows = () => windows.filter((w) => !w.destroyed);
    static fromWebContents = (wc: FakeWebContents) =>
      windows.find((w) => w.webContents === wc) ?? null;
    async loadURL(url: string) {
      this.webContents.url = url;
    }
    setTitle(title: string) {
      this.title = title;
    }
    bounds = { x: 10, y: 20, width: 1200, height: 800 };
    fullScreen = false;
    /** setBounds and setFullScreen calls, in order. */
    readonly placements: string[] = [];
    getNormalBounds = () => ({ ...this.bounds });
    getBounds = () => ({ ...this.bounds });
    setBounds = (b: { x: number; y: number; width: number; height: number }) => {
      this.placements.push(`bounds ${b.x},${b.y}`);
      this.bounds = { ...b };
    };
    isFullScreen = () => this.fullScreen;
    setFullScreen = (flag: boolean) => {
      this.placements.push(`fullscreen ${flag}`);
      this.fullScreen = flag;
      // Linux and Windows change at once; the event follows as in Electron.
      this.emit(flag ? 'enter-full-screen' : 'leave-full-screen');
    };
    unmaximize = () => undefined;
    isMaximized = () => false;
    isMinimized = () => false;
    isDestroyed = () => this.destroyed;
    maximize = () => undefined;
    show = () => undefined;
    focus = () => undefined;
    restore = () => undefined;
    setDocumentEdited = () => undefined;
    setRepresentedFilename = () => undefined;
    destroy() {
      if (this.destroyed) return;
      this.destroyed = true;
      this.emit('closed');
    }
    /** As in Electron: 'close' can be prevented; otherwise the window goes and 'closed' follows. */
    close() {
      const event = fakeEvent();
      this.emit('close', event);
      if (event.defaultPrevented) return;
      this.destroyed = true;
      this.emit('closed');
    }
  }

  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>();
  const protocolHandlers = new Map<string, (request: { url: string }) => Promise<Response>>();
  const privileged: unknown[] = [];
  type PermissionRequestHandler = (
    wc: unknown,
    permission: string,
    cb: (granted: boolean) => void,
    details: { requestingUrl: string },
  ) => void;
  type PermissionCheckHandler = (wc: unknown, permission: string, origin: string) => boolean;
  const permissions: {
    request: PermissionRequestHandler | null;
    check: PermissionCheckHandler | null;
  } = { request: null, check: null };
  const session = Object.assign(new EventEmitter(), {
    setPermissionRequestHandler(h: PermissionRequestHandler | null) {
      permissions.request = h;
    },
    setPermissionCheckHandler(h: PermissionCheckHandler | null) {
      permissions.check = h;
    },
    setDevicePermissionHandler: () => undefined,
    setDisplayMediaRequestHandler: () => undefined,
  });
  const partitions = new Map<string, FakeSession>();
  /** The displays `screen` reports, primary first; tests may add a projector. */
  const displays: Array<{
    id: number;
    bounds: { x: number; y: number; width: number; height: number };
    workArea: { x: number; y: number; width: number; height: number };
    scaleFactor: number;
  }> = [
    {
      id: 1,
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
      scaleFactor: 1,
    },
  ];
  const menus: unknown[] = [];
  const openedLinks: string[] = [];

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
        void handlers.set(channel, fn),
    },
    protocol: {
      registerSchemesAsPrivileged: (list: unknown[]) => void privileged.push(...list),
      handle: (scheme: string, fn: (request: { url: string }) => Promise<Response>) =>
        void protocolHandlers.set(scheme, fn),
    },
    session: {
      defaultSession: session,
      fromPartition(partition: string, options?: unknown) {
        let found = partitions.get(partition);
        if (!found) partitions.set(partition, (found = new FakeSession(partition, options)));
        return found;
      },
    },
    shell: {
      openExternal: async (url: string) => void openedLinks.push(url),
      openPath: async () => '',
    },
    Menu: {
      buildFromTemplate: (t: unknown) => t,
      setApplicationMenu: (m: unknown) => void menus.push(m),
    },
    dialog: {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 0 }),
    },
    screen: {
      getAllDisplays: () => displays,
      getPrimaryDisplay: () => displays[0]!,
    },
    webContents: {
      fromId: (id: number) => windows.find((w) => w.webContents.id === id)?.webContents ?? null,
    },
  };
  return {
    electron,
    app,
    windows,
    handlers,
    protocolHandlers,
    privileged,
    session,
    permissions,
    menus,
    openedLinks,
    partitions,
    displays,
  };
}
