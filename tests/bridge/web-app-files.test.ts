/**
 * The same file path in the real web app (the project's Vite build, DocumentChrome mounted by the
 * workspace), in Chromium with the app's CSP: a scenario uploaded through the file input shows up
 * in the workspace, an edit marks it unsaved, Save downloads a valid file with the edit, and the
 * page raises no CSP violation on the way.
 */
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText, serializeScenario, withPreset } from '../../simulation';
import { cspFor } from '../../renderer/csp';

const root = path.resolve(import.meta.dirname, '..', '..');
const shots = path.join(os.tmpdir(), 'flywheel-bridge-shots');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};
let tmp: string;
let server: http.Server;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-web-app-'));
  await fs.mkdir(shots, { recursive: true });
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir: path.join(tmp, 'site'), emptyOutDir: true, sourcemap: false },
  });
  server = http.createServer(async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const file = path.join(
      tmp,
      'site',
      pathname === '/' ? 'index.html' : decodeURIComponent(pathname),
    );
    try {
      const body = await fs.readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        // The shell's headers: the worker policy on the worker scripts, the page's elsewhere.
        'Content-Security-Policy': cspFor(pathname === '/' ? '/index.html' : pathname),
      });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
  });
  page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { cspViolations: string[] }).cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { cspViolations: string[] }).cspViolations.push(
        `${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`,
      ),
    );
  });
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.getByTestId('document-chrome').waitFor({ state: 'attached', timeout: 60_000 });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await fs.rm(tmp, { recursive: true, force: true });
});

describe('the real web app opens and saves scenario files', () => {
  it(
    'upload through the file input, edit, download: a valid file with the edit, no CSP violation',
    { timeout: 120_000 },
    async () => {
      const file = path.join(tmp, 'board-meeting.flywheel.json');
      await fs.writeFile(file, serializeScenario({ ...withPreset(), name: 'Board meeting plan' }));
      const chooser = page.waitForEvent('filechooser');
      await page.getByTestId('file-open').click();
      await (await chooser).setFiles(file);
      await page.getByTestId('scenario-name').filter({ hasText: 'Board meeting plan' }).waitFor();
      expect(await page.title()).toBe('board-meeting.flywheel.json — Flywheel Lab');
      await page.screenshot({ path: path.join(shots, 'real-app-opened.png') });

      const quality = page.locator(
        '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="number"]',
      );
      await quality.fill('0.95');
      await quality.press('Enter');
      await page.getByTestId('dirty').waitFor();
      expect(await page.title()).toBe('● board-meeting.flywheel.json — Flywheel Lab');
      const download = page.waitForEvent('download');
      await page.getByTestId('file-save').click();
      const saved = await download;
      expect(saved.suggestedFilename()).toBe('board-meeting.flywheel.json');
      const parsed = parseScenarioText(await fs.readFile((await saved.path())!, 'utf8'));
      expect(parsed.ok && parsed.scenario.name).toBe('Board meeting plan');
      expect(parsed.ok && parsed.scenario.dataProducts[0]!.maturity.quality).toBe(0.95);
      await page.getByTestId('dirty').waitFor({ state: 'detached' });
      expect(
        await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
      ).toEqual([]);
    },
  );
});
