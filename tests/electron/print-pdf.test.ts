/**
 * The desktop report printer (electron/report/print-pdf.ts) with a fake window factory and
 * session: the hidden window's options are secure, printToPDF gets the paper, footer and margins
 * of renderer/report/print-options.ts, the window is destroyed on success, failure and timeout,
 * a large report goes through a temporary file that is removed afterwards, the session lets
 * nothing but the document load, and the IPC wrapper refuses oversized and malformed requests
 * before the printer sees them.
 */
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_EXPORT_BYTES } from '../../renderer/bridge/contract';
import {
  FOOTER_TEMPLATE,
  HEADER_TEMPLATE,
  PAGE_MARGINS_MM,
} from '../../renderer/report/print-options';
import { invokeChecked, type InvokeEventLike } from '../../electron/ipc/wrapper';
import {
  createPdfPrinter,
  MAX_DATA_URL_CHARS,
  PRINT_PARTITION,
  type PrintWindow,
  type RequestListener,
} from '../../electron/report/print-pdf';

const PDF = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d]); // "%PDF-"

interface FakeWindow extends PrintWindow {
  options: BrowserWindowConstructorOptions;
  loaded: string[];
  printed: PrintToPDFOptions[];
  destroyed: boolean;
  windowOpenDenied: boolean;
  navigate(url: string): boolean;
  /** What the document file held when the page loaded it (temp file path only). */
  fileAtLoad: string | null;
}

let tmp: string;
let windows: FakeWindow[];
let filter: RequestListener | null;
let permissionsDenied: number;
let log: string[];
let behaviour: { load: 'ok' | 'fail' | 'hang'; print: 'ok' | 'fail' };

function fakeWindow(options: BrowserWindowConstructorOptions): FakeWindow {
  let navigationListener: ((e: { preventDefault(): void; url: string }) => void) | null = null;
  const win: FakeWindow = {
    options,
    loaded: [],
    printed: [],
    destroyed: false,
    windowOpenDenied: false,
    fileAtLoad: null,
    async loadURL(url) {
      win.loaded.push(url);
      if (url.startsWith('file:')) win.fileAtLoad = await fs.readFile(fileURLToPath(url), 'utf8');
      if (behaviour.load === 'fail') throw new Error('ERR_FAILED (-2) loading the report');
      if (behaviour.load === 'hang') await new Promise(() => undefined);
    },
    async printToPDF(o) {
      win.printed.push(o);
      if (behaviour.print === 'fail') throw new Error('Printing failed');
      return PDF;
    },
    onWillNavigate(listener) {
      navigationListener = listener;
    },
    denyWindowOpen() {
      win.windowOpenDenied = true;
    },
    destroy() {
      win.destroyed = true;
    },
    isDestroyed: () => win.destroyed,
    navigate(url) {
      let prevented = false;
      navigationListener?.({ url, preventDefault: () => void (prevented = true) });
      return prevented;
    },
  };
  windows.push(win);
  return win;
}

function printer(timeoutMs?: number) {
  return createPdfPrinter({
    createWindow: fakeWindow,
    session: {
      filterRequests: (allow) => void (filter = allow),
      denyPermissions: () => void permissionsDenied++,
    },
    tempFolder: path.join(tmp, 'temp'),
    log: (line) => void log.push(line),
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

beforeEach(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-print-'));
  windows = [];
  filter = null;
  permissionsDenied = 0;
  log = [];
  behaviour = { load: 'ok', print: 'ok' };
});
afterEach(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

const html = '<!doctype html><title>Report</title><h1>Flywheel report</h1>';

describe('the report printer', () => {
  it('prints in a hidden, script-less window of its own session, and returns the PDF bytes', async () => {
    const result = await printer()({ html, paper: 'a4' });
    expect(result).toEqual({ ok: true, value: PDF });
    expect(windows).toHaveLength(1);
    const { options } = windows[0]!;
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      partition: PRINT_PARTITION,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: false,
    });
    expect(options.webPreferences).not.toHaveProperty('preload');
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
    expect(windows[0]!.windowOpenDenied).toBe(true);
    expect(windows[0]!.destroyed).toBe(true);
    expect(permissionsDenied).toBe(1);
  });

  it('loads a small report as a data: URL holding exactly the html', async () => {
    const text = `${html}<p>Ünïcödé — 38 %</p>`;
    await printer()({ html: text, paper: 'a4' });
    const [url] = windows[0]!.loaded;
    expect(url).toMatch(/^data:text\/html;charset=utf-8;base64,/);
    expect(Buffer.from(url!.split(',')[1]!, 'base64').toString('utf8')).toBe(text);
  });

  it('passes the paper, header, footer and margins (mm converted to inches)', async () => {
    const print = printer();
    await print({ html, paper: 'a4' });
    await print({ html, paper: 'letter' });
    const [a4, letter] = windows.map((w) => w.printed[0]!);
    expect(a4!.pageSize).toBe('A4');
    expect(letter!.pageSize).toBe('Letter');
    for (const o of [a4!, letter!]) {
      expect(o).toMatchObject({
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: HEADER_TEMPLATE,
        footerTemplate: FOOTER_TEMPLATE,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
      });
      expect(o.margins!.top).toBeCloseTo(PAGE_MARGINS_MM.top / 25.4, 6);
      expect(o.margins!.bottom).toBeCloseTo(PAGE_MARGINS_MM.bottom / 25.4, 6);
      expect(o.margins!.left).toBeCloseTo(PAGE_MARGINS_MM.left / 25.4, 6);
      expect(o.margins!.right).toBeCloseTo(PAGE_MARGINS_MM.right / 25.4, 6);
    }
    // 16 mm is 0.63 in: a unit slip (mm passed as inches) would be 16.
    expect(a4!.margins!.bottom).toBeCloseTo(0.6299, 3);
  });

  it('prints a large report from a temporary file under the temp folder and removes it', async () => {
    const big = `${html}<p>${'x'.repeat(MAX_DATA_URL_CHARS)}</p>`;
    const result = await printer()({ html: big, paper: 'letter' });
    expect(result.ok).toBe(true);
    const win = windows[0]!;
    const [url] = win.loaded;
    expect(url).toMatch(/^file:/);
    expect(url!.length).toBeLessThan(1000);
    const file = fileURLToPath(url!);
    expect(file.startsWith(path.join(tmp, 'temp') + path.sep)).toBe(true);
    expect(win.fileAtLoad).toBe(big);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.dirname(file))).toBe(false);
    expect(win.destroyed).toBe(true);
  });

  it.each([
    ['the page fails to load', { load: 'fail', print: 'ok' } as const],
    ['printToPDF fails', { load: 'ok', print: 'fail' } as const],
  ])('destroys the window and removes the temp file when %s', async (_what, how) => {
    behaviour = how;
    const big = 'y'.repeat(MAX_DATA_URL_CHARS + 10);
    const result = await printer()({ html: big, paper: 'a4' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('internal');
      expect(result.error.message).toMatch(/could not be printed.*HTML still works/);
    }
    expect(windows[0]!.destroyed).toBe(true);
    expect(await fs.readdir(path.join(tmp, 'temp'))).toEqual([]);
    expect(log.some((l) => l.startsWith('report print failed'))).toBe(true);
  });

  it('gives up after the timeout, destroys the window and says so', async () => {
    behaviour = { load: 'hang', print: 'ok' };
    const started = Date.now();
    const result = await printer(80)({ html, paper: 'a4' });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/did not finish printing within/);
    expect(windows[0]!.destroyed).toBe(true);
    expect(windows[0]!.printed).toEqual([]);
  });

  it('lets the session load the document being printed and data: URLs, nothing else', async () => {
    let checkedDuringPrint: Record<string, boolean> = {};
    const big = `${html}${' '.repeat(MAX_DATA_URL_CHARS)}`;
    const print = createPdfPrinter({
      createWindow: (options) => {
        const win = fakeWindow(options);
        const load = win.loadURL;
        win.loadURL = async (url) => {
          checkedDuringPrint = Object.fromEntries(
            [
              url,
              'data:image/png;base64,iVBORw0KGgo=',
              'https://tracker.example/pixel.png',
              'http://127.0.0.1:8080/',
              'file:///etc/passwd',
              `${url}x`,
              'app://flywheel/index.html',
            ].map((u) => [u, filter!(u)]),
          );
          return load(url);
        };
        return win;
      },
      session: {
        filterRequests: (allow) => void (filter = allow),
        denyPermissions: () => undefined,
      },
      tempFolder: path.join(tmp, 'temp'),
      log: (line) => void log.push(line),
    });
    await print({ html: big, paper: 'a4' });
    const [documentUrl] = windows[0]!.loaded;
    expect(Object.entries(checkedDuringPrint).filter(([, allowed]) => allowed)).toEqual([
      [documentUrl, true],
      ['data:image/png;base64,iVBORw0KGgo=', true],
    ]);
    // Once printed, the document's own URL is not allowed any more either.
    expect(filter!(documentUrl!)).toBe(false);
    expect(log.some((l) => l.includes('request cancelled (https://tracker.example'))).toBe(true);
  });

  it('prevents every navigation of the print window', async () => {
    let prevented: boolean[] = [];
    const print = createPdfPrinter({
      createWindow: (options) => {
        const win = fakeWindow(options);
        const load = win.loadURL;
        win.loadURL = async (url) => {
          prevented = ['https://evil.example/', 'app://flywheel/index.html', url].map((u) =>
            win.navigate(u),
          );
          return load(url);
        };
        return win;
      },
      session: { filterRequests: () => undefined, denyPermissions: () => undefined },
      tempFolder: path.join(tmp, 'temp'),
      log: () => undefined,
    });
    await print({ html, paper: 'a4' });
    expect(prevented).toEqual([true, true, true]);
  });

  it('prints concurrent requests in windows of their own', async () => {
    const print = printer();
    const results = await Promise.all([
      print({ html, paper: 'a4' }),
      print({ html: `${html}<p>2</p>`, paper: 'letter' }),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(windows).toHaveLength(2);
    expect(windows.every((w) => w.destroyed)).toBe(true);
    expect(permissionsDenied).toBe(1);
  });
});

describe('printReportPdf behind the IPC wrapper', () => {
  const event: InvokeEventLike = {
    sender: { id: 3 },
    senderFrame: { url: 'app://flywheel/index.html', parent: null },
  };
  const policy = { roleOf: (id: number) => (id === 3 ? ('document' as const) : null) };

  it.each<[string, unknown[], string]>([
    ['another paper', [{ html, paper: 'a3' }], 'invalid-request'],
    ['a URL instead of html', [{ url: 'https://example.com', paper: 'a4' }], 'invalid-request'],
    ['an extra key', [{ html, paper: 'a4', preload: '/tmp/x.js' }], 'invalid-request'],
    ['no request', [], 'invalid-request'],
    ['two arguments', [{ html, paper: 'a4' }, 'x'], 'invalid-request'],
    [
      'html over the export limit',
      [{ html: 'x'.repeat(MAX_EXPORT_BYTES + 1), paper: 'a4' }],
      'invalid-request',
    ],
    [
      'a payload far over the size limit',
      [{ html: 'x'.repeat(MAX_EXPORT_BYTES * 3 + 1), paper: 'a4' }],
      'too-large',
    ],
  ])('refuses %s without opening a window', async (_what, args, code) => {
    const result = await invokeChecked(
      'printReportPdf',
      printer(),
      policy,
      () => undefined,
      event,
      args,
    );
    expect(result).toMatchObject({ ok: false, error: { code } });
    expect(windows).toHaveLength(0);
  });

  it('refuses a page outside the app, and prints for the app window', async () => {
    const outside = await invokeChecked(
      'printReportPdf',
      printer(),
      policy,
      () => undefined,
      { ...event, senderFrame: { url: 'https://evil.example/', parent: null } },
      [{ html, paper: 'a4' }],
    );
    expect(outside).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(windows).toHaveLength(0);
    const printed = await invokeChecked(
      'printReportPdf',
      printer(),
      policy,
      () => undefined,
      event,
      [{ html, paper: 'a4' }],
    );
    expect(printed).toEqual({ ok: true, value: PDF });
  });
});
