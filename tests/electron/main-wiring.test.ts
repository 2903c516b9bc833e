/**
 * The bundled main process (dist/electron/main.js as built), run in Node against a stand-in for
 * the `electron` module (fake-electron.ts): the wiring between the feature files is what the unit
 * tests cannot see, and the real binary is not available here. Checks that it registers the
 * app:// scheme before ready, creates one secure window on app://flywheel, guards navigation and
 * permissions, serves the web app with the CSP, registers every IPC channel behind the sender
 * check, titles the window, holds a dirty window's close for the page, and sends a file given on
 * the command line to the page.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeScenario, withPreset } from '../../simulation';
import {
  ipcChannel,
  MENU_COMMAND_CHANNEL,
  PRESENTER_COMMAND_CHANNEL,
  PRESENTER_STATE_CHANNEL,
  requestSchemas,
  type Channel,
} from '../../renderer/bridge/contract';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/policy';
import { createFakeElectron, fakeEvent } from './fake-electron';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
let tmp: string;
let fake: ReturnType<typeof createFakeElectron>;
let scenarioFile: string;
/** Temporary files of interrupted saves, made before the app starts: removed, or kept. */
let leftovers: { removed: string[]; kept: string[] };

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-main-'));
  const built = spawnSync(
    process.execPath,
    ['scripts/build-electron.mjs', '--outdir', path.join(tmp, 'dist', 'electron'), '--quiet'],
    { cwd: root, encoding: 'utf8' },
  );
  expect(built.status, built.stderr).toBe(0);
  await fs.mkdir(path.join(tmp, 'dist', 'web'), { recursive: true });
  await fs.writeFile(
    path.join(tmp, 'dist', 'web', 'index.html'),
    '<!doctype html><title>Flywheel Lab</title>',
  );
  scenarioFile = path.join(tmp, 'from-the-command-line.flywheel.json');
  await fs.writeFile(scenarioFile, serializeScenario(withPreset()));

  // A process that has ended: what a crash during a save leaves behind names its pid.
  const dead = spawnSync(process.execPath, ['-e', '0']).pid;
  const stale = (folder: string, target: string) =>
    path.join(folder, `.${target}.${dead}-0123456789ab.flywheel-tmp`);
  const userData = path.join(tmp, 'user-data');
  const docs = path.join(tmp, 'docs');
  const recentFile = path.join(docs, 'plan.flywheel.json');
  leftovers = {
    removed: [
      stale(path.join(userData, 'backup'), 'unsaved-work.json'),
      stale(userData, 'window-state.json'),
      stale(docs, 'plan.flywheel.json'),
    ],
    kept: [stale(docs, 'not-recent.json'), path.join(userData, 'backup', 'unsaved-work.json.tmp')],
  };
  await fs.mkdir(path.join(userData, 'backup'), { recursive: true });
  await fs.mkdir(docs);
  await fs.writeFile(recentFile, serializeScenario(withPreset()));
  await fs.writeFile(
    path.join(userData, 'recent-files.json'),
    JSON.stringify({
      version: 1,
      files: [{ filePath: recentFile, openedAt: new Date().toISOString() }],
    }),
  );
  for (const f of [...leftovers.removed, ...leftovers.kept]) await fs.writeFile(f, 'partial');

  fake = createFakeElectron({
    userData: path.join(tmp, 'user-data'),
    logs: path.join(tmp, 'logs'),
  });
  const Module = require('node:module') as {
    _load: (request: string, ...rest: unknown[]) => unknown;
  };
  const originalLoad = Module._load;
  const originalArgv = process.argv;
  Module._load = function (request: string, ...rest: unknown[]) {
    return request === 'electron' ? fake.electron : originalLoad.call(this, request, ...rest);
  };
  process.argv = [process.execPath, path.join(tmp, 'dist', 'electron', 'main.js'), scenarioFile];
  try {
    require(path.join(tmp, 'dist', 'electron', 'main.js'));
  } finally {
    process.argv = originalArgv;
  }
  await until(() => fake.windows.length === 1 && fake.handlers.size > 0, 'the window');
  Module._load = originalLoad;
}, 60_000);

afterAll(async () => {
  // The closed window saves its state asynchronously: let it finish before the folder goes.
  await new Promise((r) => setTimeout(r, 300));
  await fs.rm(tmp, { recursive: true, force: true });
});

const win = () => fake.windows[0]!;
const appEvent = () => ({
  sender: { id: win().webContents.id },
  senderFrame: { url: 'app://flywheel/index.html', parent: null },
});
const invoke = (channel: Channel, payload?: unknown, event: unknown = appEvent()) =>
  fake.handlers.get(ipcChannel(channel))!(event, ...(payload === undefined ? [] : [payload]));

describe('the bundled main process', () => {
  it('registers app:// as a standard, secure scheme', () => {
    expect(fake.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('creates one window with the secure preferences, the preload beside it, on app://flywheel', () => {
    expect(fake.windows).toHaveLength(1);
    const prefs = win().options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(prefs.preload).toBe(path.join(tmp, 'dist', 'electron', 'preload.js'));
    expect(win().webContents.url).toBe('app://flywheel/index.html');
    // Titled "Flywheel Lab" (the window option) until the page reports its document.
    expect(win().options.title).toBe('Flywheel Lab');
    expect(win().title).toBe('');
  });

  it("bundles a small preload: the contract's channel names, no zod, no simulation code", async () => {
    const preload = await fs.readFile(path.join(tmp, 'dist', 'electron', 'preload.js'), 'utf8');
    expect(preload).toContain('flywheel:presenter-state');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/simulation\/|zod|safeParse|PARAMETERS/);
    expect(preload.length).toBeLessThan(8 * 1024);
  });

  it('serves the web app with the CSP header', async () => {
    const response = await fake.protocolHandlers.get('app')!({ url: 'app://flywheel/index.html' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('blocks navigation away from the app and new windows; allow-listed links go to the browser', () => {
    const away = fakeEvent({ url: 'https://evil.example/' });
    win().webContents.emit('will-navigate', away);
    expect(away.defaultPrevented).toBe(true);
    const inside = fakeEvent({ url: 'app://flywheel/index.html#x' });
    win().webContents.emit('will-navigate', inside);
    expect(inside.defaultPrevented).toBe(false);
    expect(win().webContents.windowOpenHandler!({ url: 'https://github.com/' })).toEqual({
      action: 'deny',
    });
    expect(win().webContents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const webview = fakeEvent();
    win().webContents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });

  it('denies permission requests', () => {
    const answers: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications']) {
      fake.permissions.request!(win().webContents, permission, (g) => answers.push(g), {
        requestingUrl: 'app://flywheel/index.html',
      });
    }
    expect(answers).toEqual([false, false, false]);
    expect(fake.permissions.check!(win().webContents, 'clipboard-read', 'app://flywheel')).toBe(
      false,
    );
  });

  it('registers every channel of the contract behind the sender check', async () => {
    expect([...fake.handlers.keys()].sort()).toEqual(
      Object.keys(requestSchemas)
        .map((c) => ipcChannel(c as Channel))
        .sort(),
    );
    expect(await invoke('listRecent')).toMatchObject({
      ok: true,
      value: [{ fileName: 'plan.flywheel.json' }],
    });
    const evil = {
      sender: { id: win().webContents.id },
      senderFrame: { url: 'https://evil.example/', parent: null },
    };
    expect(await invoke('listRecent', undefined, evil)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('prints a report in a hidden script-less window of the print session, then destroys it', async () => {
    const before = fake.windows.length;
    const result = (await invoke('printReportPdf', {
      html: '<!doctype html><h1>Report</h1>',
      paper: 'letter',
    })) as { ok: boolean; value: Uint8Array };
    expect(result.ok).toBe(true);
    expect(Buffer.from(result.value).toString('latin1')).toMatch(
      /^%PDF-1\.7 fake of data:text\/html/,
    );
    expect(fake.windows).toHaveLength(before + 1);
    const printWindow = fake.windows.at(-1)!;
    expect(printWindow.options.show).toBe(false);
    const prefs = printWindow.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      partition: 'flywheel-report-print',
    });
    expect(prefs.preload).toBeUndefined();
    expect(printWindow.webContents.printed).toEqual([
      expect.objectContaining({ pageSize: 'Letter', displayHeaderFooter: true }),
    ]);
    expect(printWindow.destroyed).toBe(true);
    // The print session cancels everything but data: URLs once the document is printed.
    const printSession = fake.partitions.get('flywheel-report-print')!;
    expect(printSession.cancels('https://tracker.example/p.png')).toBe(true);
    expect(printSession.cancels('file:///etc/passwd')).toBe(true);
    expect(printSession.cancels('data:image/png;base64,AAAA')).toBe(false);
    let granted: boolean | null = null;
    printSession.permissionRequest!(null, 'media', (g) => void (granted = g));
    expect(granted).toBe(false);
    // The window guards of the app cover it as well (it is created through web-contents-created).
    expect(printWindow.webContents.windowOpenHandler!({ url: 'https://github.com/' })).toEqual({
      action: 'deny',
    });
    // The document window is untouched.
    expect(win().destroyed).toBe(false);
  });

  it('presenter view: nothing with one display; with a projector, the audience window goes full screen there and a presenter window opens', async () => {
    expect(await invoke('openPresenterView')).toEqual({ ok: true, value: { placement: 'none' } });
    // Where the window is now, remembered (saved half a second after a move).
    const stateFile = path.join(tmp, 'user-data', 'window-state.json');
    win().emit('move');
    await new Promise((r) => setTimeout(r, 700));
    expect(JSON.parse(await fs.readFile(stateFile, 'utf8')).bounds.x).toBe(10);
    const before = fake.windows.length;
    fake.displays.push({
      id: 2,
      bounds: { x: 1920, y: 0, width: 1280, height: 720 },
      workArea: { x: 1920, y: 0, width: 1280, height: 720 },
      scaleFactor: 1.5,
    });
    try {
      expect(await invoke('openPresenterView')).toEqual({
        ok: true,
        value: { placement: 'second-display' },
      });
      expect(fake.windows).toHaveLength(before + 1);
      const presenter = fake.windows.at(-1)!;
      expect(presenter.webContents.url).toBe('app://flywheel/index.html#presenter');
      expect(presenter.options.webPreferences).toEqual(win().options.webPreferences);
      expect(presenter.options).toMatchObject({ x: 0, y: 0, width: 1920, height: 1040 });
      expect(win().placements).toEqual(['bounds 1920,0', 'fullscreen true']);
      // The projector is not remembered as the window's place (the state is saved after 500 ms).
      win().emit('move');
      await new Promise((r) => setTimeout(r, 700));
      const stored = JSON.parse(await fs.readFile(stateFile, 'utf8'));
      expect(stored.bounds).toEqual({ x: 10, y: 20, width: 1200, height: 800 });
      // The app-wide guards cover the presenter window.
      const away = fakeEvent({ url: 'https://evil.example/' });
      presenter.webContents.emit('will-navigate', away);
      expect(away.defaultPrevented).toBe(true);

      // State: from the document window to the presenter window (the cached one after its load).
      const state = {
        active: true,
        storyTitle: 'Story',
        index: 1,
        count: 3,
        startedAtMs: 1,
        blanked: false,
        show: 'both',
        current: { title: 'T', caption: 'C', notes: 'N' },
        next: null,
      };
      expect(await invoke('publishPresenterState', state)).toEqual({ ok: true, value: null });
      presenter.webContents.sent.length = 0;
      presenter.webContents.emit('did-finish-load');
      expect(presenter.webContents.sent).toEqual([
        { channel: PRESENTER_STATE_CHANNEL, args: [state] },
      ]);
      const fromPresenter = {
        sender: { id: presenter.webContents.id },
        senderFrame: { url: 'app://flywheel/index.html#presenter', parent: null },
      };
      // The presenter window may not publish state, save, or read the backup.
      for (const [channel, payload] of [
        ['publishPresenterState', state],
        ['readBackup', undefined],
        ['save', { text: '{}', fileName: 'x.json', filePath: null }],
      ] as const) {
        expect(await invoke(channel, payload, fromPresenter), channel).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
      // Commands: from the presenter window to the document window, validated.
      win().webContents.sent.length = 0;
      expect(await invoke('sendPresenterCommand', { action: 'next' }, fromPresenter)).toEqual({
        ok: true,
        value: null,
      });
      expect(
        await invoke('sendPresenterCommand', { action: 'jump', index: -1 }, fromPresenter),
      ).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
      expect(await invoke('sendPresenterCommand', { action: 'next' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
      expect(win().webContents.sent).toEqual([
        { channel: PRESENTER_COMMAND_CHANNEL, args: [{ action: 'next' }] },
      ]);

      // Closing from the presenter window restores the document window.
      expect(await invoke('closePresenterView', undefined, fromPresenter)).toEqual({
        ok: true,
        value: null,
      });
      await new Promise((r) => setTimeout(r, 0));
      expect(presenter.destroyed).toBe(true);
      expect(win().placements).toEqual([
        'bounds 1920,0',
        'fullscreen true',
        'fullscreen false',
        'bounds 10,20',
      ]);
      expect(win().fullScreen).toBe(false);
    } finally {
      fake.displays.pop();
      win().webContents.sent.length = 0;
    }
  });

  it('removes the temporary files of interrupted saves at start-up, where they are the app’s', async () => {
    const exists = (f: string) =>
      fs.stat(f).then(
        () => true,
        () => false,
      );
    for (let i = 0; i < 200; i++) {
      if (!(await Promise.all(leftovers.removed.map(exists))).some(Boolean)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await Promise.all(leftovers.removed.map(exists))).toEqual(
      leftovers.removed.map(() => false),
    );
    expect(await Promise.all(leftovers.kept.map(exists))).toEqual(leftovers.kept.map(() => true));
  });

  it('installs the application menu', () => {
    const menu = fake.menus.at(-1) as Array<{ label?: string }>;
    expect(menu.map((m) => (m.label ?? '').replace('&', ''))).toEqual(
      expect.arrayContaining(['File', 'Edit', 'View', 'Help']),
    );
  });

  it('sends the file given on the command line to the page once it has loaded', async () => {
    expect(win().webContents.sent).toEqual([]);
    win().webContents.emit('did-finish-load');
    expect(win().webContents.sent).toEqual([
      { channel: MENU_COMMAND_CHANNEL, args: [{ command: 'open-path', filePath: scenarioFile }] },
    ]);
    // ... and the page may now open it by path (it was granted).
    expect(await invoke('openPath', { filePath: scenarioFile })).toMatchObject({
      ok: true,
      value: { fileName: 'from-the-command-line.flywheel.json' },
    });
  });

  it('the preload records the files of a drop the user made; main opens only those (webUtils paths)', async () => {
    const dropped = path.join(tmp, 'dropped.flywheel.json');
    await fs.writeFile(dropped, serializeScenario(withPreset()));
    const invoked: string[] = [];
    const dropListeners: Array<(event: unknown) => void> = [];
    let bridge: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    const electron = {
      contextBridge: {
        exposeInMainWorld: (_key: string, api: typeof bridge) => void (bridge = api),
      },
      ipcRenderer: {
        on: () => undefined,
        // The preload's messages go to the main process's registered (wrapped) handlers.
        invoke: (channel: string, ...args: unknown[]) => {
          invoked.push(channel);
          return fake.handlers.get(channel)!(appEvent(), ...args.filter((a) => a !== undefined));
        },
      },
      webUtils: { getPathForFile: (file: { path?: string }) => file.path ?? '' },
    };
    const Module = require('node:module') as {
      _load: (request: string, ...rest: unknown[]) => unknown;
    };
    const originalLoad = Module._load;
    const g = globalThis as { window?: unknown };
    g.window = {
      addEventListener: (type: string, listener: (event: unknown) => void, capture: boolean) => {
        if (type === 'drop' && capture) dropListeners.push(listener);
      },
    };
    Module._load = function (request: string, ...rest: unknown[]) {
      return request === 'electron' ? electron : originalLoad.call(this, request, ...rest);
    };
    try {
      require(path.join(tmp, 'dist', 'electron', 'preload.js'));
    } finally {
      Module._load = originalLoad;
      delete g.window;
    }
    expect(dropListeners).toHaveLength(1);
    const file = { name: 'dropped.flywheel.json', path: dropped };
    const drop = (isTrusted: boolean, files: unknown[]) =>
      dropListeners[0]!({ isTrusted, dataTransfer: { files } });

    // The page hands over a File it made or got elsewhere: no drop was recorded, refused.
    expect(await bridge.openDroppedFile!(file)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // A drop the page dispatched itself (not trusted) records nothing.
    drop(false, [file]);
    expect(await bridge.openDroppedFile!(file)).toMatchObject({ ok: false });
    // A file with no path on disk (made in the page) is not recorded either.
    drop(true, [{ name: 'made-up.json' }]);
    expect(invoked.filter((c) => c === ipcChannel('recordDrop'))).toEqual([]);
    // The user drops the file: it opens, and is granted for saving without a dialog.
    drop(true, [{ name: 'made-up.json' }, file]);
    await new Promise((r) => setTimeout(r, 0));
    expect(await bridge.openDroppedFile!(file)).toMatchObject({
      ok: true,
      value: { fileName: 'dropped.flywheel.json', filePath: dropped },
    });
    expect(
      await invoke('save', {
        text: serializeScenario(withPreset()),
        fileName: 'dropped.flywheel.json',
        filePath: dropped,
      }),
    ).toMatchObject({ ok: true, value: { filePath: dropped } });
  });

  it('titles the window from the document state and holds a dirty window’s close for the page', async () => {
    await invoke('setDocumentState', {
      fileName: 'plan.flywheel.json',
      filePath: null,
      dirty: true,
    });
    expect(win().title).toBe(
      process.platform === 'darwin'
        ? 'plan.flywheel.json — Flywheel Lab'
        : '● plan.flywheel.json — Flywheel Lab',
    );
    win().webContents.sent.length = 0;
    win().close();
    expect(win().destroyed).toBe(false);
    expect(win().webContents.sent).toEqual([
      { channel: MENU_COMMAND_CHANNEL, args: [{ command: 'close' }] },
    ]);
    // The page asked the user, who chose to close: now the window goes and the app quits.
    const quitsBefore = fake.app.quitCalls;
    expect(await invoke('closeWindow')).toEqual({ ok: true, value: null });
    expect(win().destroyed).toBe(true);
    if (process.platform !== 'darwin') expect(fake.app.quitCalls).toBeGreaterThan(quitsBefore);
  });
});
