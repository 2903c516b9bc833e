/**
 * PDF printing for `flywheel report`: finds a Chromium-family browser and prints the report's
 * HTML with its print engine (the same one as Electron's printToPDF) through playwright-core.
 * The browser is found from --chromium, then FLYWHEEL_CHROMIUM, then the usual install paths.
 */
import { existsSync, statSync } from 'node:fs';
import {
  FOOTER_TEMPLATE,
  HEADER_TEMPLATE,
  PAGE_MARGINS_MM,
  type Paper,
} from '../renderer/report/print-options';
import { InputError } from './errors';
import { shown } from './terminal';

export { PAPERS, type Paper } from '../renderer/report/print-options';

/** Where browsers are usually installed, per platform (checked in this order). */
export function knownChromiumPaths(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  switch (platform) {
    case 'darwin':
      return [
        '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
        '/Applications/Chromium.app/Contents/MacOS/Chromium',
        '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      ];
    case 'win32': {
      const roots = [env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.LOCALAPPDATA].filter(
        (r): r is string => typeof r === 'string' && r !== '',
      );
      return roots.flatMap((r) => [
        `${r}\\Google\\Chrome\\Application\\chrome.exe`,
        `${r}\\Chromium\\Application\\chrome.exe`,
        `${r}\\Microsoft\\Edge\\Application\\msedge.exe`,
      ]);
    }
    default:
      return [
        '/usr/bin/chromium',
        '/usr/bin/chromium-browser',
        '/usr/bin/google-chrome',
        '/usr/bin/google-chrome-stable',
        '/snap/bin/chromium',
        '/usr/bin/microsoft-edge',
      ];
  }
}

export interface ChromiumLookup {
  readonly flag: string | null;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly platform: NodeJS.Platform;
  readonly isFile?: (path: string) => boolean;
}

const defaultIsFile = (p: string): boolean => {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
};

/** The browser to print with; an InputError naming every way to give one when none is found. */
export function findChromium(lookup: ChromiumLookup): string {
  const isFile = lookup.isFile ?? defaultIsFile;
  if (lookup.flag !== null) {
    if (isFile(lookup.flag)) return lookup.flag;
    throw new InputError(`--chromium ${shown(lookup.flag)}: no such file`);
  }
  const fromEnv = lookup.env.FLYWHEEL_CHROMIUM;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (isFile(fromEnv)) return fromEnv;
    throw new InputError(`FLYWHEEL_CHROMIUM=${shown(fromEnv)}: no such file`);
  }
  const known = knownChromiumPaths(lookup.platform, lookup.env);
  const found = known.find(isFile);
  if (found) return found;
  throw new InputError(
    [
      'flywheel report: a PDF needs Chromium, Google Chrome or Microsoft Edge, and none was found.',
      'Give its path with --chromium PATH or the FLYWHEEL_CHROMIUM environment variable,',
      `install one where it is usually found (${known.slice(0, 3).join(', ')}, ...),`,
      'or write HTML instead (--out report.html) and print it from any browser.',
    ].join('\n'),
  );
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const PLAYWRIGHT: string = 'playwright-core';

/** Prints self-contained HTML to PDF bytes. No request leaves the page (all are refused). */
export async function printPdf(
  html: string,
  paper: Paper,
  executablePath: string,
): Promise<Uint8Array> {
  // Loaded from node_modules at run time, not bundled: playwright-core reads files beside itself.
  const { chromium } = (await import(PLAYWRIGHT)) as typeof import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: paper === 'a4' ? 'A4' : 'Letter',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: HEADER_TEMPLATE,
      footerTemplate: FOOTER_TEMPLATE,
      margin: {
        top: `${PAGE_MARGINS_MM.top}mm`,
        bottom: `${PAGE_MARGINS_MM.bottom}mm`,
        left: `${PAGE_MARGINS_MM.left}mm`,
        right: `${PAGE_MARGINS_MM.right}mm`,
      },
      tagged: true,
      outline: true,
    });
    return new Uint8Array(pdf);
  } finally {
    await browser.close();
  }
}
