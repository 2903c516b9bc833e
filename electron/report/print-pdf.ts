/**
 * The report as a PDF: the page's self-contained HTML is loaded into a hidden window that runs no
 * script, has no preload, may not navigate, and lives in a session of its own (in memory) that
 * cancels every request except the document itself; Chromium's print engine (printToPDF) then
 * prints it with the options of renderer/report/print-options.ts, the same as `flywheel report`.
 * The window is destroyed whatever happens, also on error and after a timeout.
 *
 * Electron is injected (`PdfPrinterDeps`): the window factory and the session are narrow
 * interfaces, so a Node test with fakes checks the options, the clean-up and the refusals.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, PrintToPDFOptions, WebPreferences } from 'electron';
import { fail, ok, type ReportPaper, type Result } from '../../renderer/bridge/contract';
import {
  FOOTER_TEMPLATE,
  HEADER_TEMPLATE,
  PAGE_MARGINS_MM,
} from '../../renderer/report/print-options';
import type { Log } from '../log';
import { lockedDownPreferences } from '../security/policy';

/** The in-memory session of the print windows (no `persist:` prefix: nothing reaches the disk). */
export const PRINT_PARTITION = 'flywheel-report-print';
/** Chromium refuses URLs longer than 2 MB; data: URLs stay well below, larger reports go to a file. */
export const MAX_DATA_URL_CHARS = 1.5 * 1024 * 1024;
export const PRINT_TIMEOUT_MS = 60_000;
const MM_PER_INCH = 25.4;

/** Every preference of the print window spelled out: no script, no preload, no Node. */
export function printWindowPreferences(): WebPreferences {
  return {
    partition: PRINT_PARTITION,
    javascript: false,
    ...lockedDownPreferences({ devTools: false }),
  };
}

export function printWindowOptions(): BrowserWindowConstructorOptions {
  return { show: false, width: 900, height: 1200, webPreferences: printWindowPreferences() };
}

/** printToPDF's options for a paper: the same page as the command line's printer. */
export function pdfOptions(paper: ReportPaper): PrintToPDFOptions {
  const inches = (mm: number) => mm / MM_PER_INCH;
  return {
    pageSize: paper === 'a4' ? 'A4' : 'Letter',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: HEADER_TEMPLATE,
    footerTemplate: FOOTER_TEMPLATE,
    margins: {
      top: inches(PAGE_MARGINS_MM.top),
      bottom: inches(PAGE_MARGINS_MM.bottom),
      left: inches(PAGE_MARGINS_MM.left),
      right: inches(PAGE_MARGINS_MM.right),
    },
    preferCSSPageSize: false,
    generateTaggedPDF: true,
    generateDocumentOutline: true,
  };
}

/** The parts of a BrowserWindow the printer uses. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  printToPDF(options: PrintToPDFOptions): Promise<Uint8Array>;
  /** Called for every navigation the page attempts; the printer prevents them all. */
  onWillNavigate(listener: (event: { preventDefault(): void; url: string }) => void): void;
  /** Refuses every window.open (there is no script, but a link target could ask). */
  denyWindowOpen(): void;
  destroy(): void;
  isDestroyed(): boolean;
}

export type RequestListener = (url: string) => boolean;

/** The parts of the print partition's Session the printer uses. */
export interface PrintSession {
  /** Installs the one filter of the session: `allow(url)` false cancels the request. */
  filterRequests(allow: RequestListener): void;
  /** Denies every permission request and check. */
  denyPermissions(): void;
}

export interface PdfPrinterDeps {
  readonly createWindow: (options: BrowserWindowConstructorOptions) => PrintWindow;
  readonly session: PrintSession;
  /** The app's temp folder; large reports are written below it and removed after printing. */
  readonly tempFolder: string;
  readonly log: Log;
  readonly timeoutMs?: number;
}

/** Data URLs load nothing from anywhere: a self-contained report may use them for images. */
export function isInlineUrl(url: string): boolean {
  return url.startsWith('data:');
}

function sameUrl(a: string, b: string): boolean {
  try {
    return new URL(a).href === new URL(b).href;
  } catch {
    return false;
  }
}

class TimeoutError extends Error {}

export type PrintReportPdf = (request: {
  html: string;
  paper: ReportPaper;
}) => Promise<Result<Uint8Array>>;

export function createPdfPrinter(deps: PdfPrinterDeps): PrintReportPdf {
  const timeoutMs = deps.timeoutMs ?? PRINT_TIMEOUT_MS;
  /** The documents being printed right now: the only URLs (besides data:) the session loads. */
  const documents = new Set<string>();
  let sessionReady = false;
  const prepareSession = () => {
    if (sessionReady) return;
    sessionReady = true;
    deps.session.denyPermissions();
    deps.session.filterRequests((url) => {
      const allowed = isInlineUrl(url) || [...documents].some((d) => sameUrl(d, url));
      if (!allowed) deps.log(`report print: request cancelled (${url.slice(0, 80)})`);
      return allowed;
    });
  };

  return async ({ html, paper }) => {
    prepareSession();
    let tempDir: string | null = null;
    let documentUrl = '';
    const dataUrl = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
    let win: PrintWindow | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    try {
      if (dataUrl.length <= MAX_DATA_URL_CHARS) {
        documentUrl = dataUrl;
      } else {
        await fs.mkdir(deps.tempFolder, { recursive: true });
        tempDir = await fs.mkdtemp(path.join(deps.tempFolder, 'flywheel-report-'));
        const file = path.join(tempDir, 'report.html');
        await fs.writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
        documentUrl = pathToFileURL(file).href;
      }
      documents.add(documentUrl);
      const window = deps.createWindow(printWindowOptions());
      win = window;
      window.onWillNavigate((event) => {
        event.preventDefault();
        deps.log('report print: navigation blocked');
      });
      window.denyWindowOpen();
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new TimeoutError()), timeoutMs);
      });
      const pdf = await Promise.race([
        window.loadURL(documentUrl).then(() => window.printToPDF(pdfOptions(paper))),
        timeout,
      ]);
      return ok(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    } catch (e) {
      if (e instanceof TimeoutError) {
        deps.log(`report print: timed out after ${timeoutMs} ms`);
        return fail(
          'internal',
          `The report did not finish printing within ${Math.round(timeoutMs / 1000)} seconds. Try again, or export it as HTML and print that.`,
        );
      }
      deps.log(`report print failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fail(
        'internal',
        'The report could not be printed to PDF; the details are in the log. Exporting it as HTML still works.',
      );
    } finally {
      if (timer) clearTimeout(timer);
      documents.delete(documentUrl);
      if (win && !win.isDestroyed()) win.destroy();
      if (tempDir) {
        await fs
          .rm(tempDir, { recursive: true, force: true })
          .catch((e) => deps.log(`report print: temp folder not removed (${String(e)})`));
      }
    }
  };
}
