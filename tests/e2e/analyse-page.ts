/**
 * What the Analyse view's e2e files share: the built app open in Chromium at 1600x1000 (reduced
 * motion, downloads accepted, console errors and warnings collected), downloads, and the CLI run
 * with the command an analysis shows, on the default scenario.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { ensureBuilt, flywheel, tempFolder } from '../cli/helpers';
import { buildWebApp, launchChromium, removeBuild, serveStatic } from './harness';

/** The app has results on screen. */
export const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';
/** The file name a never-saved document's commands name (it is named after its scenario). */
export const FILE = 'E-commerce with data products.flywheel.json';

export const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 120_000, interval: 50 });

export interface OpenApp {
  readonly page: Page;
  /** Page errors, console errors and warnings so far. */
  readonly problems: string[];
  close(): Promise<void>;
}

/** Builds the web app, serves it and opens it in Chromium until its first results show. */
export async function openBuiltApp(): Promise<OpenApp> {
  ensureBuilt();
  const outDir = await buildWebApp();
  const server = await serveStatic(outDir);
  const browser = await launchChromium();
  const page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
    reducedMotion: 'reduce',
    acceptDownloads: true,
  });
  const problems: string[] = [];
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector(READY);
  return {
    page,
    problems,
    close: async () => {
      await browser.close();
      await server.close();
      removeBuild(outDir);
    },
  };
}

/** Clicks a download button and reads the file it gives. */
export async function download(
  page: Page,
  testId: string,
): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const bytes = readFileSync(await file.path());
  return { name: file.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

/** The words of the command an element shows (quotes removed), checked to run `flywheel`. */
export async function shownCommand(page: Page, testId: string): Promise<string[]> {
  const command = (await page.getByTestId(testId).textContent())!;
  const words = command.match(/'[^']*'|\S+/g)!.map((w) => w.replace(/^'(.*)'$/, '$1'));
  expect(words[0]).toBe('flywheel');
  // A document never saved is named after its scenario.
  expect(words[2]).toBe(FILE);
  return words;
}

/**
 * The CLI's JSON results for the command an element shows, run on the default scenario as a
 * child process; its standard error must be empty or match `stderr`.
 */
export async function cliResults(
  page: Page,
  testId: string,
  stderr: RegExp | '' = '',
): Promise<Record<string, unknown>> {
  const words = await shownCommand(page, testId);
  const { dir, cleanup } = tempFolder();
  try {
    const r = flywheel([words[1]!, ...words.slice(3), '--format', 'json'], dir);
    if (stderr === '') expect(r.stderr).toBe('');
    else expect(r.stderr).toMatch(stderr);
    return (JSON.parse(r.stdout) as { results: Record<string, unknown> }).results;
  } finally {
    cleanup();
  }
}

/** Waits until a step analysis (tornado, global, sweep, seek) is no longer running. */
export const stepDone = (page: Page, id: string) =>
  eventually(() => page.getByTestId(`${id}-status`).getAttribute('data-running')).toBe('false');
