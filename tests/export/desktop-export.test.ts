/**
 * File > Export in the desktop app, driven in the built web app in Chromium with a stand-in for the
 * preload's `window.flywheel` (the Electron binary cannot run here). The stand-in records what the
 * page asks the shell to save and prints the report the way the desktop shell does, with
 * Chromium's print engine (cli/pdf.ts, the same options as Electron's printToPDF). Every format of
 * the menu must produce its file; the PDF must carry the report on the locale's paper, with
 * progress shown while it prints and a clear notice when printing fails.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseScenarioText } from '../../simulation';
import {
  EXPORT_FORMATS,
  type ExportFormat,
  type MenuCommand,
} from '../../renderer/bridge/contract';
import { parseCsv } from '../../renderer/export/csv';
import { PNG_SIGNATURE } from '../../renderer/export/png';
import type { SeriesJson } from '../../renderer/export/series';
import { printPdf } from '../../cli/pdf';
import {
  buildWebApp,
  CHROMIUM_PATH,
  launchChromium,
  removeBuild,
  serveStatic,
  type StaticServer,
} from '../e2e/harness';

vi.setConfig({ testTimeout: 180_000 });

interface SavedExport {
  readonly format: ExportFormat;
  readonly suggestedName: string;
  readonly text: string | null;
  readonly base64: string | null;
}

interface PdfRequest {
  readonly html: string;
  readonly paper: string;
}

interface FakeShell {
  __exports: SavedExport[];
  __pdfRequests: PdfRequest[];
  __pdfGate: Promise<void> | null;
  __openPdfGate: (() => void) | null;
  __pdfFailure: string | null;
  __printPdf(html: string, paper: string): Promise<string>;
  __menu(command: MenuCommand): void;
}

let outDir = '';
let server: StaticServer;
let browser: Browser;
let page: Page;
let dir = '';
const problems: string[] = [];
const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';

/** The preload's API as a page script: records saves, prints through Node, relays menu commands. */
function installFakeShell(): void {
  const w = window as unknown as FakeShell & { flywheel: unknown };
  w.__exports = [];
  w.__pdfRequests = [];
  w.__pdfGate = null;
  w.__openPdfGate = null;
  w.__pdfFailure = null;
  const menuListeners = new Set<(c: MenuCommand) => void>();
  const ok = <T>(value: T) => ({ ok: true as const, value });
  const canceled = { ok: false as const, error: { code: 'canceled', message: 'Canceled.' } };
  const base64 = (bytes: Uint8Array): string => {
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  };
  const none = async () => ok(null);
  w.flywheel = {
    kind: 'desktop',
    openFile: async () => canceled,
    openPath: async () => canceled,
    openDroppedFile: async () => canceled,
    save: async () => canceled,
    saveAs: async () => canceled,
    async exportFile(request: { format: ExportFormat; suggestedName: string; data: unknown }) {
      const { format, suggestedName, data } = request;
      w.__exports.push({
        format,
        suggestedName,
        text: typeof data === 'string' ? data : null,
        base64: data instanceof Uint8Array ? base64(data) : null,
      });
      return ok({ fileName: suggestedName, filePath: `/exports/${suggestedName}` });
    },
    listRecent: async () => ok([]),
    clearRecent: none,
    readBackup: none,
    writeBackup: none,
    clearBackup: none,
    setDocumentState: none,
    closeWindow: none,
    openExternal: none,
    onMenuCommand(listener: (c: MenuCommand) => void) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    async printReportPdf({ html, paper }: { html: string; paper: string }) {
      w.__pdfRequests.push({ html, paper });
      if (w.__pdfGate) await w.__pdfGate;
      if (w.__pdfFailure !== null)
        return { ok: false as const, error: { code: 'io', message: w.__pdfFailure } };
      const b64 = await w.__printPdf(html, paper);
      return ok(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
    },
    openPresenterView: async () => ok({ placement: 'none' }),
    closePresenterView: none,
    publishPresenterState() {},
    onPresenterState: () => () => {},
    sendPresenterCommand() {},
    onPresenterCommand: () => () => {},
  };
  w.__menu = (command) => menuListeners.forEach((l) => l(command));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flywheel-desktop-export-'));
  outDir = await buildWebApp();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
    locale: 'en-US',
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.exposeFunction('__printPdf', async (html: string, paper: 'a4' | 'letter') =>
    Buffer.from(await printPdf(html, paper, CHROMIUM_PATH)).toString('base64'),
  );
  await page.addInitScript(installFakeShell);
  await page.goto(server.url);
  await page.waitForSelector(READY);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeBuild(outDir);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const menu = (command: MenuCommand) =>
  page.evaluate((c) => (window as unknown as FakeShell).__menu(c), command);
const exportsSoFar = () =>
  page.evaluate(() => (window as unknown as FakeShell).__exports) as Promise<SavedExport[]>;

/** Sends File > Export > format and returns the file the page asked the shell to save. */
async function exportFromMenu(format: ExportFormat): Promise<SavedExport> {
  const before = (await exportsSoFar()).length;
  await menu({ command: 'export', format });
  await expect
    .poll(async () => (await exportsSoFar()).length, { timeout: 90_000 })
    .toBe(before + 1);
  return (await exportsSoFar())[before]!;
}

const bytesOf = (e: SavedExport): Buffer => Buffer.from(e.base64 ?? '', 'base64');

function pdfInfo(bytes: Buffer): { text: string; pages: number; size: string } {
  const file = join(dir, `report-${Date.now()}.pdf`);
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  return {
    text: text.replace(/\s+/g, ' '),
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    size: /Page size:\s+(.*)/.exec(info)![1]!,
  };
}

describe('File > Export in the desktop app', () => {
  it('prints the report to PDF on the locale paper, showing progress, and saves the bytes', async () => {
    await page.evaluate(() => {
      const w = window as unknown as FakeShell;
      w.__pdfGate = new Promise<void>((open) => (w.__openPdfGate = open));
    });
    await menu({ command: 'export', format: 'pdf' });
    // While the shell prints, the page says so.
    await expect
      .poll(() => page.getByTestId('export-status').textContent(), { timeout: 60_000 })
      .toBe('Printing the report to PDF (Letter)…');
    await page.screenshot({ path: '/tmp/shots/export-desktop-progress.png' });
    await page.evaluate(() => (window as unknown as FakeShell).__openPdfGate!());
    await expect.poll(async () => (await exportsSoFar()).length, { timeout: 90_000 }).toBe(1);
    const [saved] = await exportsSoFar();
    const requests = (await page.evaluate(
      () => (window as unknown as FakeShell).__pdfRequests,
    )) as PdfRequest[];
    expect(requests).toHaveLength(1);
    // en-US: Letter by default; the HTML is the report, as the HTML export makes it.
    expect(requests[0]!.paper).toBe('letter');
    expect(requests[0]!.html).toMatch(/^<!DOCTYPE html>/);
    expect(requests[0]!.html).toContain('flywheel run');
    expect(saved!.format).toBe('pdf');
    expect(saved!.suggestedName).toBe('E-commerce with data products-report.pdf');
    const pdf = bytesOf(saved!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info.size).toMatch(/^612 x 792 pts/);
    expect(info.pages).toBeGreaterThanOrEqual(4);
    expect(info.text).toContain(`Page 1 of ${info.pages}`);
    for (const kpi of ['cumulativeNetValueUsd', 'finalActiveUsers']) {
      const shown = page.locator(`[data-testid="kpi-${kpi}"] [data-testid="kpi-with"]`);
      expect(info.text).toContain((await shown.textContent())!.trim());
    }
    await expect.poll(() => page.getByTestId('export-status').textContent()).toBe('');
    expect(problems).toEqual([]);
  });

  it('uses the paper chosen in the Export menu', async () => {
    await page.getByTestId('export-toggle').click();
    await page.getByTestId('export-paper').selectOption('a4');
    await page.getByTestId('export-toggle').click();
    const saved = await exportFromMenu('pdf');
    const requests = (await page.evaluate(
      () => (window as unknown as FakeShell).__pdfRequests,
    )) as PdfRequest[];
    expect(requests.at(-1)!.paper).toBe('a4');
    expect(pdfInfo(bytesOf(saved)).size).toMatch(/^595\.\d+ x 84[12]\.\d+ pts \(A4\)/);
  });

  it('says clearly when the PDF cannot be printed, and saves nothing', async () => {
    const message = 'The report could not be printed: the print window stopped responding.';
    await page.evaluate((m) => ((window as unknown as FakeShell).__pdfFailure = m), message);
    const before = (await exportsSoFar()).length;
    await menu({ command: 'export', format: 'pdf' });
    const notice = page.getByText(message);
    await notice.waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByText('Export failed').count()).toBeGreaterThan(0);
    expect((await exportsSoFar()).length).toBe(before);
    await page.screenshot({ path: '/tmp/shots/export-desktop-failure.png' });
    await page.evaluate(() => ((window as unknown as FakeShell).__pdfFailure = null));
  });

  it('produces every format of File > Export', async () => {
    const made = new Map<ExportFormat, SavedExport>();
    for (const format of EXPORT_FORMATS) made.set(format, await exportFromMenu(format));
    expect([...made.keys()]).toEqual([...EXPORT_FORMATS]);

    const scenario = made.get('scenario')!;
    expect(parseScenarioText(scenario.text!).ok).toBe(true);
    const json = JSON.parse(made.get('json')!.text!) as SeriesJson;
    const [header, ...rows] = parseCsv(made.get('csv')!.text!);
    expect(rows.length).toBe(json.runs.reduce((n, r) => n + r.time.length, 0));
    // File > Export > CSV writes what the Export menu's button writes: the readable CSV.
    const col = header!.indexOf('Active users (people)');
    expect(Number(rows.filter((r) => r[0] === 'With data products').at(-1)![col])).toBe(
      Math.round(json.runs[0]!.metrics.activeUsers!.at(-1)!),
    );
    expect(made.get('html')!.text).toMatch(/^<!DOCTYPE html>/);
    expect(bytesOf(made.get('pdf')!).subarray(0, 5).toString()).toBe('%PDF-');
    // No chart or loop focused yet: the picture is the loop with data products.
    expect(made.get('png')!.suggestedName).toBe('E-commerce with data products-loop-with.png');
    expect([...bytesOf(made.get('png')!).subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    expect(made.get('svg')!.suggestedName).toBe('E-commerce with data products-loop-with.svg');
    expect(made.get('svg')!.text).toMatch(/<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(problems).toEqual([]);
  });

  it('exports the chart the user last clicked as PNG and SVG', async () => {
    const chart = page.getByTestId('chart-revenue');
    await chart.scrollIntoViewIfNeeded();
    await chart
      .locator('svg')
      .first()
      .click({ position: { x: 5, y: 5 } });
    const svg = await exportFromMenu('svg');
    expect(svg.suggestedName).toBe('E-commerce with data products-revenue.svg');
    expect(svg.text).toContain('<path');
    const png = await exportFromMenu('png');
    expect(png.suggestedName).toBe('E-commerce with data products-revenue.png');
    await page.screenshot({ path: '/tmp/shots/export-desktop-notice.png' });
    expect(problems).toEqual([]);
  });
});
