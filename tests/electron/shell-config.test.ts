import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveAppAsset, respondToAppRequest } from '../../electron/app-protocol';
import { CloseGuard } from '../../electron/lifecycle/close-guard';
import { OpenQueue, scenarioPathsFromArgv } from '../../electron/lifecycle/open-requests';
import { buildMenuTemplate, type Platform } from '../../electron/menu/template';
import { navigationDecision, permissionDecision } from '../../electron/security/guards';
import { isAllowedExternalUrl, isAppUrl } from '../../electron/security/origin';
import {
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
  securityHeadersFor,
  WORKER_CONTENT_SECURITY_POLICY,
} from '../../electron/security/policy';
import { cspFor, WORKER_DIR } from '../../renderer/csp';
import { loadWindowState, mainWindowOptions } from '../../electron/window/main-window';
import { defaultWindowState, fitToDisplays } from '../../electron/window/window-state';
import { windowTitle, type MenuCommand } from '../../renderer/bridge/contract';

describe('window options', () => {
  const options = mainWindowOptions(defaultWindowState(), {
    preloadPath: '/app/dist/electron/preload.js',
    iconPath: null,
    devTools: false,
  });
  const prefs = options.webPreferences!;

  it('spell out every security preference', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.devTools).toBe(false);
    expect(prefs.preload).toBe('/app/dist/electron/preload.js');
  });

  it('enable no Blink features and no other preference than those reviewed', () => {
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });

  it('start hidden (shown when ready) at the remembered size', () => {
    expect(options.show).toBe(false);
    expect(options.width).toBe(1400);
    expect(options.height).toBe(900);
  });
});

describe('Content-Security-Policy', () => {
  it('is exactly shared contract 5, without unsafe-anything', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; " +
        "worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe|\*|http:|https:/);
  });

  it("of the worker scripts is the document's with exactly 'wasm-unsafe-eval' added, never 'unsafe-eval'", () => {
    const directives = (p: string) => p.split('; ');
    const worker = directives(WORKER_CONTENT_SECURITY_POLICY);
    const page = directives(CONTENT_SECURITY_POLICY);
    expect(worker).toHaveLength(page.length);
    const changed = worker.filter((d, i) => d !== page[i]);
    expect(changed).toEqual(["script-src 'self' 'wasm-unsafe-eval'"]);
    expect(WORKER_CONTENT_SECURITY_POLICY.match(/unsafe[-\w]*/g)).toEqual(['unsafe-eval']);
    expect(WORKER_CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|unsafe-inline|unsafe-hashes/);
    expect(WORKER_CONTENT_SECURITY_POLICY).not.toMatch(/\*|http:|https:|data:.*script/);
  });

  it('goes to the worker scripts only: everything else gets the document policy', () => {
    expect(cspFor(`/${WORKER_DIR}/worker-Dx4HblYv.js`)).toBe(WORKER_CONTENT_SECURITY_POLICY);
    expect(cspFor(`${WORKER_DIR}/worker.mjs`)).toBe(WORKER_CONTENT_SECURITY_POLICY);
    for (const p of [
      '/index.html',
      '/',
      '/assets/index-CauvQRdv.js',
      `/${WORKER_DIR}/worker.js.map`,
      `/${WORKER_DIR}/nested/worker.js`,
      `/${WORKER_DIR}`,
      `/${WORKER_DIR}/`,
      `/x/${WORKER_DIR}/worker.js`,
      '/assets/worker.js',
      `/${WORKER_DIR}/index.html`,
    ])
      expect(cspFor(p), p).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('the app:// protocol', () => {
  let root: string;
  beforeAll(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-web-'));
    await fs.mkdir(path.join(root, 'assets'));
    await fs.writeFile(path.join(root, 'index.html'), '<!doctype html><title>x</title>');
    await fs.writeFile(path.join(root, 'assets', 'app.js'), 'console.log(1)');
    await fs.writeFile(path.join(root, '..', `${path.basename(root)}-secret.txt`), 'secret');
  });
  afterAll(async () => {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(path.join(root, '..', `${path.basename(root)}-secret.txt`), { force: true });
  });

  it('serves the built files with the CSP and nosniff headers', async () => {
    const r = await respondToAppRequest('app://flywheel/index.html', root);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await r.text()).toContain('<title>x</title>');
    const js = await respondToAppRequest('app://flywheel/assets/app.js', root);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect((await respondToAppRequest('app://flywheel/', root)).status).toBe(200);
  });

  it('serves the worker scripts with the worker policy, and the rest of the headers unchanged', async () => {
    await fs.mkdir(path.join(root, ...WORKER_DIR.split('/')), { recursive: true });
    await fs.writeFile(path.join(root, ...WORKER_DIR.split('/'), 'worker-abc.js'), 'self.x = 1');
    const r = await respondToAppRequest(`app://flywheel/${WORKER_DIR}/worker-abc.js`, root);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-security-policy')).toBe(WORKER_CONTENT_SECURITY_POLICY);
    expect(r.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const [name, value] of Object.entries(SECURITY_HEADERS))
      if (name !== 'Content-Security-Policy') expect(r.headers.get(name)).toBe(value);
    // A path that only looks like one (encoded, or climbing out and back) is not a worker script.
    const sneaky = await respondToAppRequest(
      `app://flywheel/${WORKER_DIR}/..%2f..%2findex.html`,
      root,
    );
    expect(sneaky.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(securityHeadersFor('/index.html')).toBe(SECURITY_HEADERS);
  });

  it.each([
    '/../SECRET',
    '/%2e%2e/SECRET',
    '/assets/%2e%2e/%2e%2e/SECRET',
    '/..%2fSECRET',
    '/..%5cSECRET',
    '/index.html%00.png',
    '/missing.js',
    '/assets',
    '/index.exe',
  ])('never serves anything outside the web root or unknown: %s', async (pathPart) => {
    const secret = `${path.basename(root)}-secret.txt`;
    const url = `app://flywheel${pathPart.replace('SECRET', secret)}`;
    const resolved = resolveAppAsset(url, root);
    if (resolved.ok) expect(path.relative(root, resolved.filePath).startsWith('..')).toBe(false);
    const r = await respondToAppRequest(url, root);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(await r.text()).not.toContain('secret');
    expect(r.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://other/index.html',
    'app://flywheel:1234/index.html',
    'file:///etc/passwd',
    'app://x@flywheel/index.html',
    '::',
  ])('refuses a URL that is not the app: %s', (url) => {
    expect(resolveAppAsset(url, root).ok).toBe(false);
  });

  it('maps the headers once, in one place', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('origins, navigation, links and permissions', () => {
  it('recognises the app origin on parsed URLs only', () => {
    expect(isAppUrl('app://flywheel/index.html')).toBe(true);
    for (const u of [
      'app://flywheel.evil/',
      'app://evil/flywheel',
      'https://flywheel/',
      'app://x@flywheel/',
      'app://flywheel:1/',
      '',
    ]) {
      expect(isAppUrl(u)).toBe(false);
    }
  });

  it('navigation stays in the app; allow-listed links go to the browser; everything else is denied', () => {
    expect(navigationDecision('app://flywheel/index.html#loop')).toBe('allow');
    expect(navigationDecision('https://github.com/electron/electron')).toBe('open-external');
    expect(navigationDecision('https://evil.example/')).toBe('deny');
    expect(navigationDecision('file:///home/user/scenario.flywheel.json')).toBe('deny');
    expect(navigationDecision('javascript:alert(1)')).toBe('deny');
  });

  it('external links: https on listed hosts, no credentials, no other ports', () => {
    expect(isAllowedExternalUrl('https://doi.org/10.1287/mnsc.15.5.215')).toBe(true);
    expect(isAllowedExternalUrl('https://doi.org:443/x')).toBe(true);
    for (const u of [
      'http://doi.org/',
      'https://doi.org:8443/',
      'https://a:b@doi.org/',
      'https://sub.doi.org/',
      'smb://doi.org/',
      'mailto:x@doi.org',
    ]) {
      expect(isAllowedExternalUrl(u)).toBe(false);
    }
  });

  it('denies every permission except full screen for the app itself', () => {
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'midi',
      'usb',
      'unknown',
    ]) {
      expect(permissionDecision(p, 'app://flywheel/index.html')).toBe(false);
    }
    expect(permissionDecision('fullscreen', 'app://flywheel/index.html')).toBe(true);
    expect(permissionDecision('fullscreen', 'https://evil.example/')).toBe(false);
  });
});

type Item = MenuItemConstructorOptions;
const submenu = (item: Item | undefined): Item[] => (item?.submenu ?? []) as Item[];
const labels = (items: Item[]) => items.map((i) => i.label ?? i.role ?? i.type);

function menuFor(platform: Platform, sent: MenuCommand[] = []) {
  return buildMenuTemplate({
    platform,
    recentFiles: [
      {
        fileName: 'q1 & q2.flywheel.json',
        filePath: '/work/q1 & q2.flywheel.json',
        openedAt: '2025-01-01T00:00:00.000Z',
      },
    ],
    theme: 'dark',
    developerTools: false,
    send: (c) => void sent.push(c),
    actions: {
      clearRecent: () => undefined,
      showAbout: () => undefined,
      openDocumentation: () => undefined,
      chooseTheme: () => undefined,
    },
  });
}

describe('menu template', () => {
  it.each(['darwin', 'win32', 'linux'] as const)(
    '%s: File, Edit, View and Help with the document commands',
    (platform) => {
      const menu = menuFor(platform);
      const find = (name: string) => menu.find((m) => (m.label ?? '').replace('&', '') === name);
      const file = submenu(find('File')).map((i) =>
        (i.label ?? i.role ?? i.type ?? '').replace(/&/g, ''),
      );
      expect(file).toEqual(
        expect.arrayContaining(['New', 'Open…', 'Open Recent', 'Save', 'Save As…', 'Export']),
      );
      const edit = submenu(find('Edit'));
      expect(labels(edit)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll']));
      const view = submenu(find('View'));
      expect(labels(view)).toEqual(
        expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'Theme']),
      );
      expect(labels(submenu(find('Help')))).toContain('Documentation');
    },
  );

  it('uses each platform’s accelerators and menus', () => {
    const accel = (menu: Item[], top: string, label: string) =>
      submenu(menu.find((m) => (m.label ?? '').replace('&', '') === top)).find(
        (i) => (i.label ?? '').replace(/&/g, '') === label,
      )?.accelerator;
    const mac = menuFor('darwin');
    const win = menuFor('win32');
    const linux = menuFor('linux');
    expect(accel(mac, 'File', 'Save')).toBe('CmdOrCtrl+S');
    expect(accel(mac, 'File', 'Save As…')).toBe('CmdOrCtrl+Shift+S');
    expect(accel(mac, 'Edit', 'Undo')).toBe('CmdOrCtrl+Z');
    expect(accel(mac, 'Edit', 'Redo')).toBe('Shift+Cmd+Z');
    expect(accel(win, 'Edit', 'Redo')).toBe('Ctrl+Y');
    expect(accel(linux, 'Edit', 'Redo')).toBe('Ctrl+Shift+Z');
    // macOS: the app menu first (About, Services, Hide, Quit) and a Window menu; About is not in Help.
    expect(mac[0]!.label).toBe('Flywheel Lab');
    expect(labels(submenu(mac[0]))).toEqual(
      expect.arrayContaining(['About Flywheel Lab', 'services', 'hide', 'quit']),
    );
    expect(mac.some((m) => m.role === 'windowMenu')).toBe(true);
    expect(labels(submenu(mac.find((m) => m.label === 'Help')))).not.toContain(
      'About Flywheel Lab',
    );
    // Windows: File > Exit; Linux: File > Quit (Ctrl+Q); both have About in Help, no app menu.
    expect(submenu(win[0]).at(-1)).toMatchObject({ role: 'quit', label: 'E&xit' });
    expect(submenu(linux[0]).at(-1)).toMatchObject({ role: 'quit', accelerator: 'Ctrl+Q' });
    expect(labels(submenu(win.at(-1)))).toContain('About Flywheel Lab');
    expect(win.some((m) => m.role === 'windowMenu')).toBe(false);
  });

  it('sends document commands to the page, recent files with their path', () => {
    const sent: MenuCommand[] = [];
    const menu = menuFor('linux', sent);
    const click = (item: Item | undefined) => (item?.click as unknown as () => void)();
    const file = submenu(menu[0]);
    click(file.find((i) => i.label === '&New'));
    click(file.find((i) => i.label === '&Save'));
    const recent = submenu(file.find((i) => i.label === 'Open Recent'));
    expect(recent[0]!.label).toBe('q1 && q2.flywheel.json  —  /work');
    click(recent[0]);
    click(
      submenu(file.find((i) => i.label === '&Export')).find((i) => i.label === 'Report as PDF…'),
    );
    click(submenu(menu[1]).find((i) => i.label === '&Redo'));
    expect(sent).toEqual([
      { command: 'new' },
      { command: 'save' },
      { command: 'open-recent', filePath: '/work/q1 & q2.flywheel.json' },
      { command: 'export', format: 'pdf' },
      { command: 'redo' },
    ]);
  });

  it('shows the chosen theme checked and offers developer tools only in development', () => {
    const view = submenu(menuFor('linux')[2]);
    const themes = submenu(view.find((i) => i.label === 'Theme'));
    expect(themes.filter((t) => t.checked).map((t) => t.label)).toEqual(['Dark']);
    expect(labels(view)).not.toContain('toggleDevTools');
  });
});

describe('window state', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };
  const second = { x: 1920, y: 0, width: 1280, height: 1024 };

  it('keeps a window that is on a display, capped to its work area', () => {
    expect(
      fitToDisplays({ bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: false }, [
        primary,
      ]).bounds,
    ).toEqual({ x: 100, y: 50, width: 1200, height: 800 });
    expect(
      fitToDisplays({ bounds: { x: 2000, y: 10, width: 3000, height: 3000 }, maximized: true }, [
        primary,
        second,
      ]),
    ).toEqual({
      bounds: { x: 1920, y: 0, width: 1280, height: 1024 },
      maximized: true,
    });
  });

  it('brings back a window saved on a display that is gone, centred on the primary one', () => {
    const fitted = fitToDisplays(
      { bounds: { x: 4000, y: 200, width: 1000, height: 700 }, maximized: false },
      [primary],
    );
    expect(fitted.bounds).toEqual({ x: 460, y: 170, width: 1000, height: 700 });
  });

  it('enforces the minimum size', () => {
    expect(
      fitToDisplays({ bounds: { x: 0, y: 0, width: 200, height: 100 }, maximized: false }, [
        primary,
      ]).bounds,
    ).toMatchObject({ width: 900, height: 600 });
  });

  it('a corrupt or hostile settings file gives the defaults and a log line, never a crash', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-ws-'));
    try {
      for (const content of [
        '{',
        '{"version":1,"bounds":{"width":1e309,"height":5},"maximized":false}',
        '[]',
        '{"version":1,"bounds":{"x":"0","width":800,"height":600},"maximized":false}',
      ]) {
        const file = path.join(dir, 'window-state.json');
        await fs.writeFile(file, content);
        const lines: string[] = [];
        const state = await loadWindowState(file, [primary], (l) => lines.push(l));
        expect(state).toEqual({ bounds: { width: 1400, height: 900 }, maximized: false });
        expect(lines).toHaveLength(1);
      }
      await fs.writeFile(
        path.join(dir, 'window-state.json'),
        '{"version":1,"bounds":{"x":10,"y":20,"width":1000,"height":700},"maximized":true}',
      );
      expect(
        await loadWindowState(path.join(dir, 'window-state.json'), [primary], () => undefined),
      ).toEqual({ bounds: { x: 10, y: 20, width: 1000, height: 700 }, maximized: true });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('window title', () => {
  it('shows the file name and the unsaved marker (macOS uses the close button instead)', () => {
    expect(windowTitle('plan.flywheel.json', true, 'other')).toBe(
      '● plan.flywheel.json — Flywheel Lab',
    );
    expect(windowTitle('plan.flywheel.json', false, 'other')).toBe(
      'plan.flywheel.json — Flywheel Lab',
    );
    expect(windowTitle('plan.flywheel.json', true, 'darwin')).toBe(
      'plan.flywheel.json — Flywheel Lab',
    );
  });
});

describe('files from the OS and closing', () => {
  it('finds scenario files in command-line arguments', () => {
    expect(
      scenarioPathsFromArgv(
        [
          '/usr/bin/flywheel-lab',
          '--no-sandbox',
          'a.flywheel.json',
          '/abs/b.JSON',
          'dist/electron/main.js',
          '.',
        ],
        '/home/u',
      ),
    ).toEqual(['/home/u/a.flywheel.json', '/abs/b.JSON']);
  });

  it('queues open requests until the page can take them, then delivers in order', () => {
    const q = new OpenQueue();
    const got: string[] = [];
    q.push('/a.json');
    q.push('/b.json');
    q.attach((p) => got.push(p));
    q.push('/c.json');
    q.detach();
    q.push('/d.json');
    expect(got).toEqual(['/a.json', '/b.json', '/c.json']);
  });

  it('asks the page before closing with unsaved changes, and lets an unresponsive page close', () => {
    const g = new CloseGuard();
    expect(g.onCloseRequested()).toBe('close');
    g.setDirty(true);
    expect(g.onCloseRequested()).toBe('ask-page');
    expect(g.closedCleanly()).toBe(false);
    g.setUnresponsive(true);
    expect(g.onCloseRequested()).toBe('close');
    g.setUnresponsive(false);
    g.confirm();
    expect(g.onCloseRequested()).toBe('close');
    expect(g.closedCleanly()).toBe(true);
  });
});
