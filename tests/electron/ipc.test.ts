import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serializeScenario, withPreset } from '../../simulation';
import {
  ipcChannel,
  MAX_SCENARIO_TEXT_CHARS,
  payloadSize,
  requestSchemas,
  type Channel,
} from '../../renderer/bridge/contract';
import { BackupStore } from '../../electron/files/backup-store';
import { RecentFiles } from '../../electron/files/recent-files';
import { DroppedFiles } from '../../electron/ipc/dropped-files';
import { createHandlers, type FileDialogs, type HandlerDeps } from '../../electron/ipc/handlers';
import { PathGrants } from '../../electron/ipc/path-grants';
import { createLinkOpener } from '../../electron/security/external-links';
import {
  invokeChecked,
  registerHandlers,
  senderProblem,
  type InvokeEventLike,
  type IpcMainLike,
  type SenderPolicy,
} from '../../electron/ipc/wrapper';
import { CHANNEL_ROLES } from '../../electron/ipc/roles';

const APP_WINDOW = 7;
const PRESENTER_WINDOW = 8;
const policy: SenderPolicy = {
  roleOf: (id) => (id === APP_WINDOW ? 'document' : id === PRESENTER_WINDOW ? 'presenter' : null),
};
const appEvent = (
  over: Partial<{ url: string; parent: unknown; senderId: number; frame: null }> = {},
): InvokeEventLike => ({
  sender: { id: over.senderId ?? APP_WINDOW },
  senderFrame:
    over.frame === null
      ? null
      : { url: over.url ?? 'app://flywheel/index.html', parent: over.parent ?? null },
});

describe('the IPC wrapper checks the sender', () => {
  it('accepts the main frame of an app window on app://flywheel', () => {
    expect(senderProblem(appEvent(), policy, 'save')).toBeNull();
    expect(
      senderProblem(appEvent({ url: 'app://flywheel/deep/page.html?x=1#y' }), policy, 'save'),
    ).toBeNull();
  });

  it.each([
    ['a frame that is gone', appEvent({ frame: null }), /gone/],
    ['a subframe', appEvent({ parent: { url: 'app://flywheel/index.html' } }), /subframe/],
    ['a web page', appEvent({ url: 'https://evil.example/index.html' }), /outside the app/],
    ['a file:// page', appEvent({ url: 'file:///tmp/index.html' }), /outside the app/],
    [
      'a look-alike host',
      appEvent({ url: 'app://flywheel.evil.example/index.html' }),
      /outside the app/,
    ],
    [
      'credentials before the host',
      appEvent({ url: 'app://flywheel@evil.example/' }),
      /outside the app/,
    ],
    ['another port', appEvent({ url: 'app://flywheel:8080/' }), /outside the app/],
    ['an unparsable URL', appEvent({ url: 'not a url' }), /outside the app/],
    ['a window the app did not create', appEvent({ senderId: 99 }), /did not create/],
  ])('refuses %s', (_what, event, reason) => {
    expect(senderProblem(event, policy, 'listRecent')).toMatch(reason);
  });
});

describe('the IPC wrapper checks the role of the window', () => {
  const presenterEvent = appEvent({
    senderId: PRESENTER_WINDOW,
    url: 'app://flywheel/index.html#presenter',
  });

  it('the presenter window (app origin, top frame) may send commands and close itself, nothing else', () => {
    expect(senderProblem(presenterEvent, policy, 'sendPresenterCommand')).toBeNull();
    expect(senderProblem(presenterEvent, policy, 'closePresenterView')).toBeNull();
    for (const channel of [
      'save',
      'saveAs',
      'exportFile',
      'openPath',
      'writeBackup',
      'readBackup',
      'setDocumentState',
      'closeWindow',
      'openExternal',
      'printReportPdf',
      'openPresenterView',
      'publishPresenterState',
    ] as const) {
      expect(senderProblem(presenterEvent, policy, channel), channel).toMatch(
        /not accepted from the presenter window/,
      );
    }
  });

  it('the document window may not send presenter commands, and may do everything else', () => {
    expect(senderProblem(appEvent(), policy, 'sendPresenterCommand')).toMatch(
      /not accepted from the document window/,
    );
    const documentChannels = Object.entries(CHANNEL_ROLES)
      .filter(([, roles]) => roles.includes('document'))
      .map(([c]) => c);
    expect(documentChannels).toHaveLength(Object.keys(requestSchemas).length - 1);
    for (const channel of documentChannels)
      expect(senderProblem(appEvent(), policy, channel as Channel)).toBeNull();
  });

  it('a subframe of the presenter window is refused like any other', () => {
    const sub = appEvent({ senderId: PRESENTER_WINDOW, parent: {} });
    expect(senderProblem(sub, policy, 'sendPresenterCommand')).toMatch(/subframe/);
  });
});

describe('invokeChecked', () => {
  let calls: unknown[];
  const handler = async (request: unknown) => {
    calls.push(request);
    return { ok: true as const, value: null };
  };
  const log: string[] = [];
  beforeEach(() => {
    calls = [];
    log.length = 0;
  });
  const call = (channel: Channel, event: InvokeEventLike, args: unknown[]) =>
    invokeChecked(channel, handler as never, policy, (l) => log.push(l), event, args);

  it('passes a valid request from the app to the handler', async () => {
    expect(await call('openExternal', appEvent(), [{ url: 'https://doi.org/10.1/x' }])).toEqual({
      ok: true,
      value: null,
    });
    expect(calls).toEqual([{ url: 'https://doi.org/10.1/x' }]);
  });

  it('refuses a wrong origin and a subframe without calling the handler, and logs it', async () => {
    expect(await call('clearBackup', appEvent({ url: 'https://evil.example/' }), [])).toMatchObject(
      { ok: false, error: { code: 'forbidden' } },
    );
    expect(await call('clearBackup', appEvent({ parent: {} }), [])).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(calls).toEqual([]);
    expect(log).toHaveLength(2);
  });

  it.each([
    ['a missing field', 'setDocumentState', [{ fileName: 'a.json', dirty: true }]],
    ['a wrong type', 'setDocumentState', [{ fileName: 'a.json', filePath: null, dirty: 'yes' }]],
    ['an extra field', 'openPath', [{ filePath: '/a.json', evil: 1 }]],
    ['a payload where none is expected', 'readBackup', [{}]],
    ['two arguments', 'openPath', [{ filePath: '/a.json' }, 2]],
    ['a non-object', 'save', ['text']],
    ['an empty path', 'openPath', [{ filePath: '' }]],
    ['a bad export format', 'exportFile', [{ format: 'exe', suggestedName: 'x', data: 'x' }]],
    [
      'a prototype-polluting key',
      'openExternal',
      [JSON.parse('{"url":"https://doi.org","__proto__":{"x":1}}')],
    ],
  ])('refuses a malformed payload: %s', async (_what, channel, args) => {
    const r = await call(channel as Channel, appEvent(), args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['invalid-request', 'too-large']).toContain(r.error.code);
    expect(calls).toEqual([]);
  });

  it('refuses oversized payloads before validating them', async () => {
    const huge = 'x'.repeat(MAX_SCENARIO_TEXT_CHARS + 1);
    expect(
      await call('save', appEvent(), [{ text: huge, fileName: 'a.json', filePath: null }]),
    ).toMatchObject({ ok: false });
    expect(
      await call('openPath', appEvent(), [{ filePath: `/${'a'.repeat(20_000)}.json` }]),
    ).toMatchObject({ ok: false, error: { code: 'too-large' } });
    const deep = JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`);
    expect(await call('openExternal', appEvent(), [deep])).toMatchObject({
      ok: false,
      error: { code: 'too-large' },
    });
    expect(calls).toEqual([]);
  });

  it('turns a handler exception into a typed internal error', async () => {
    const r = await invokeChecked(
      'listRecent',
      async () => {
        throw new Error('boom');
      },
      policy,
      (l) => log.push(l),
      appEvent(),
      [],
    );
    expect(r).toEqual({ ok: false, error: { code: 'internal', message: expect.any(String) } });
    expect(log.join('\n')).toMatch(/boom/);
  });

  it('payloadSize counts strings, bytes and nesting, and stops at the limit', () => {
    expect(payloadSize({ a: 'xy' }, 100)).toBeLessThan(100);
    expect(payloadSize(new Uint8Array(50), 100)).toBe(50);
    expect(payloadSize({ a: 'x'.repeat(100) }, 100)).toBe(Infinity);
    expect(payloadSize(() => 1, 100)).toBe(Infinity);
  });
});

describe('registerHandlers', () => {
  it('registers every channel of the contract under its name, each wrapped', async () => {
    const registered = new Map<
      string,
      (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>
    >();
    const ipc: IpcMainLike = {
      handle: (channel, listener) => void registered.set(channel, listener),
    };
    const handlers = Object.fromEntries(
      Object.keys(requestSchemas).map((c) => [c, async () => ({ ok: true, value: c })]),
    );
    registerHandlers(ipc, handlers as never, policy, () => undefined);
    expect([...registered.keys()].sort()).toEqual(
      Object.keys(requestSchemas)
        .map((c) => ipcChannel(c as Channel))
        .sort(),
    );
    const listRecent = registered.get(ipcChannel('listRecent'))!;
    expect(await listRecent(appEvent())).toEqual({ ok: true, value: 'listRecent' });
    expect(await listRecent(appEvent({ url: 'https://evil.example/' }))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});

describe('the handlers (real files, fake dialogs)', () => {
  let dir: string;
  let deps: HandlerDeps;
  let chosenOpen: string | null;
  let chosenSave: string | null;
  let documentStates: unknown[];
  let opened: string[];
  let suggested: Array<{ name: string; format: string }>;
  const text = serializeScenario(withPreset());
  const ctx = { senderId: APP_WINDOW };

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-ipc-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'case-'));
    const recent = new RecentFiles({
      storePath: path.join(sub, 'recent.json'),
      log: () => undefined,
    });
    chosenOpen = null;
    chosenSave = null;
    documentStates = [];
    opened = [];
    suggested = [];
    const dialogs: FileDialogs = {
      chooseFileToOpen: async () => chosenOpen,
      chooseSaveLocation: async (_id, name, format) => {
        suggested.push({ name, format });
        return chosenSave;
      },
    };
    deps = {
      dialogs,
      recent,
      backup: new BackupStore({ folder: path.join(sub, 'backup') }),
      grants: new PathGrants(recent),
      drops: new DroppedFiles(),
      windows: {
        setDocumentState: (_id, s) => void documentStates.push(s),
        closeConfirmed: () => undefined,
      },
      openLink: createLinkOpener(
        async (url) => void opened.push(url),
        () => undefined,
      ),
      recentChanged: () => undefined,
    };
  });

  it('open dialog: cancelled, then a valid file (added to the recent list)', async () => {
    const h = createHandlers(deps);
    expect(await h.openDialog(undefined, ctx)).toMatchObject({
      ok: false,
      error: { code: 'canceled' },
    });
    chosenOpen = path.join(dir, 'open-me.flywheel.json');
    await fs.writeFile(chosenOpen, text);
    expect(await h.openDialog(undefined, ctx)).toMatchObject({
      ok: true,
      value: { text, fileName: 'open-me.flywheel.json' },
    });
    expect(await h.listRecent(undefined, ctx)).toMatchObject({
      ok: true,
      value: [{ filePath: chosenOpen }],
    });
  });

  it('openPath only opens files the user chose or has in the recent list', async () => {
    const h = createHandlers(deps);
    const secret = path.join(dir, 'not-granted.flywheel.json');
    await fs.writeFile(secret, text);
    expect(await h.openPath({ filePath: secret }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    deps.grants.add(secret);
    expect(await h.openPath({ filePath: secret }, ctx)).toMatchObject({ ok: true });
  });

  it('a dropped file opens only when the preload recorded the drop on that window, once', async () => {
    const h = createHandlers(deps);
    const dropped = path.join(dir, 'dropped.flywheel.json');
    await fs.writeFile(dropped, text);
    // The page names a path by itself: refused, not read, not granted.
    expect(await h.openDropped({ filePath: dropped }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: expect.stringMatching(/dropped onto its window/) },
    });
    expect(await deps.grants.allows(dropped)).toBe(false);
    // Dropped onto another window: still refused here.
    await h.recordDrop({ filePaths: [dropped] }, { senderId: PRESENTER_WINDOW });
    expect(await h.openDropped({ filePath: dropped }, ctx)).toMatchObject({ ok: false });
    // Dropped onto this window: opened and granted for later saves, once.
    const other = path.join(dir, 'other.flywheel.json');
    await h.recordDrop({ filePaths: [other, dropped] }, ctx);
    expect(await h.openDropped({ filePath: dropped }, ctx)).toMatchObject({ ok: true });
    expect(await deps.grants.allows(dropped)).toBe(true);
    expect(await h.openDropped({ filePath: dropped }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    // A later drop replaces the record.
    await h.recordDrop({ filePaths: [path.join(dir, 'third.flywheel.json')] }, ctx);
    expect(await h.openDropped({ filePath: other }, ctx)).toMatchObject({ ok: false });
    // Recorded, but not a scenario file: refused before it is read.
    await h.recordDrop({ filePaths: ['/etc/passwd'] }, ctx);
    expect(await h.openDropped({ filePath: '/etc/passwd' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid-file' },
    });
  });

  it('through the wrapper: the drop record is per window, and the presenter window cannot record', async () => {
    const registered = new Map<
      string,
      (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>
    >();
    registerHandlers(
      { handle: (channel, listener) => void registered.set(channel, listener) },
      { ...createHandlers(deps) } as never,
      policy,
      () => undefined,
    );
    const send = (channel: Channel, event: InvokeEventLike, payload: unknown) =>
      registered.get(ipcChannel(channel))!(event, payload);
    const dropped = path.join(dir, 'wrapped.flywheel.json');
    await fs.writeFile(dropped, text);
    const presenter = appEvent({ senderId: PRESENTER_WINDOW });
    expect(await send('recordDrop', presenter, { filePaths: [dropped] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await send('recordDrop', appEvent(), { filePaths: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
    expect(
      await send('recordDrop', appEvent(), { filePaths: Array(33).fill(dropped) }),
    ).toMatchObject({ ok: false });
    expect(await send('openDropped', appEvent(), { filePath: dropped })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await send('recordDrop', appEvent(), { filePaths: [dropped] })).toEqual({
      ok: true,
      value: null,
    });
    expect(await send('openDropped', appEvent(), { filePath: dropped })).toMatchObject({
      ok: true,
      value: { text, filePath: dropped },
    });
  });

  it.each([
    ['csv', '../../../../etc/passwd', 'etc-passwd.csv'],
    ['html', '/home/someone/.bashrc', 'home-someone-.bashrc.html'],
    ['png', '..\\..\\Windows\\System32\\evil.png', 'Windows-System32-evil.png'],
    ['pdf', '.hidden report.pdf', 'hidden report.pdf'],
    ['svg', 'loops\u202egvs.exe', 'loops-gvs.exe.svg'],
    ['json', 'a\u0000b\u001b[2Jc.json', 'a-b-[2Jc.json'],
    ['csv', 'CON', '_CON.csv'],
    ['csv', 'series.CSV', 'series.CSV'],
    ['pdf', '....', 'untitled.pdf'],
    ['csv', `${'é'.repeat(200)}.csv`, `${'é'.repeat(125)}.csv`],
  ])('an export as %s of %j is suggested as %j', async (format, name, expected) => {
    const h = createHandlers(deps);
    expect(
      await h.exportFile({ format: format as 'csv', suggestedName: name, data: 'x' }, ctx),
    ).toMatchObject({ ok: false, error: { code: 'canceled' } });
    expect(suggested).toEqual([{ name: expected, format }]);
    expect(Buffer.byteLength(expected)).toBeLessThanOrEqual(255);
  });

  it('Save As suggests a safe scenario file name too', async () => {
    const h = createHandlers(deps);
    await h.saveAs({ text, suggestedName: '../../../../etc/passwd' }, ctx);
    await h.saveAs({ text, suggestedName: 'Q3 plan.flywheel.json' }, ctx);
    await h.saveAs({ text, suggestedName: 'nul' }, ctx);
    expect(suggested.map((s) => s.name)).toEqual([
      'etc-passwd.flywheel.json',
      'Q3 plan.flywheel.json',
      '_nul.flywheel.json',
    ]);
  });

  it('save writes to a granted path; an unknown path goes through the save dialog instead', async () => {
    const h = createHandlers(deps);
    const target = path.join(dir, 'chosen.flywheel.json');
    // The page names a path it was never given: the user is asked where to save.
    const sneaky = path.join(dir, 'sneaky.flywheel.json');
    expect(await h.save({ text, fileName: 'x', filePath: sneaky }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'canceled' },
    });
    await expect(fs.stat(sneaky)).rejects.toThrow();
    chosenSave = target;
    expect(await h.save({ text, fileName: 'x', filePath: null }, ctx)).toEqual({
      ok: true,
      value: { fileName: 'chosen.flywheel.json', filePath: target },
    });
    chosenSave = null;
    // Now granted: saved without a dialog.
    expect(
      await h.save({ text, fileName: 'chosen.flywheel.json', filePath: target }, ctx),
    ).toMatchObject({ ok: true });
    expect(await fs.readFile(target, 'utf8')).toBe(text);
  });

  it('save refuses text that is not a scenario', async () => {
    const h = createHandlers(deps);
    chosenSave = path.join(dir, 'garbage.flywheel.json');
    expect(await h.saveAs({ text: 'not json', suggestedName: 'garbage' }, ctx)).toMatchObject({
      ok: false,
      error: { code: 'invalid-request' },
    });
  });

  it('setDocumentState passes only granted paths on', async () => {
    const h = createHandlers(deps);
    await h.setDocumentState({ fileName: 'a', filePath: '/unknown/a.json', dirty: true }, ctx);
    expect(documentStates).toEqual([{ fileName: 'a', filePath: null, dirty: true }]);
  });

  it('openExternal opens allow-listed https links only', async () => {
    const h = createHandlers(deps);
    expect(await h.openExternal({ url: 'https://doi.org/10.2307/3172830' }, ctx)).toEqual({
      ok: true,
      value: null,
    });
    for (const url of [
      'http://doi.org/x',
      'https://evil.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'https://doi.org.evil.example/',
      'https://user@doi.org/',
    ]) {
      expect(await h.openExternal({ url }, ctx)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(opened).toEqual(['https://doi.org/10.2307/3172830']);
  });

  it('backup: write, read, clear', async () => {
    const h = createHandlers(deps);
    await h.writeBackup({ scenarioText: text, fileName: 'w.flywheel.json', filePath: null }, ctx);
    expect(await h.readBackup(undefined, ctx)).toMatchObject({
      ok: true,
      value: { scenarioText: text, fileName: 'w.flywheel.json' },
    });
    await h.clearBackup(undefined, ctx);
    expect(await h.readBackup(undefined, ctx)).toEqual({ ok: true, value: null });
  });
});
