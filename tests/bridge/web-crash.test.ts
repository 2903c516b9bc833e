/**
 * The browser build's backup survives the browser being killed (issue #16, item 5). Chromium with
 * a profile of its own (a persistent user-data-dir) runs the real document chrome, bridge,
 * controller and store (tests/bridge/harness); after an edit, once the app has written its backup,
 * the browser process is killed with SIGKILL 0-3 s later, Chromium is started again on the same
 * profile, and the edit must be offered for restore. Four rounds, each building on the work the
 * previous one restored. (With the backup in localStorage, which Chromium writes to disk late,
 * every one of these kills lost the edit.)
 */
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withPreset } from '../../simulation';
import { CHROMIUM_ARGS } from '../../cli/pdf';
import { CHROMIUM_PATH, serveStatic, type StaticServer } from '../e2e/harness';
import { backedUpName, LEGACY_BACKUP_KEY } from './stored-backup';

let tmp: string;
let server: StaticServer | undefined;
let profile: string;
let context: BrowserContext | null = null;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-web-crash-'));
  profile = path.join(tmp, 'profile');
  await build({
    configFile: false,
    root: path.join(import.meta.dirname, 'harness'),
    base: './',
    logLevel: 'error',
    plugins: [react()],
    build: {
      outDir: path.join(tmp, 'site'),
      emptyOutDir: true,
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
    },
  });
  server = await serveStatic(path.join(tmp, 'site'));
}, 120_000);

afterAll(async () => {
  for (const pid of chromiumProcesses()) process.kill(pid, 'SIGKILL');
  await context?.close().catch(() => undefined);
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
}, 60_000);

/** Chromium's processes on this test's profile: the browser process first. */
function chromiumProcesses(): number[] {
  const browser: number[] = [];
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // ended meanwhile
    }
    if (!args.includes(`--user-data-dir=${profile}`)) continue;
    (args.some((a) => a.startsWith('--type=')) ? children : browser).push(Number(entry));
  }
  return [...browser, ...children];
}

async function startBrowser(): Promise<Page> {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1000, height: 640 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server!.url);
  await page.getByTestId('document-chrome').waitFor({ state: 'attached' });
  return page;
}

/** The backup's scenario name, wherever the app keeps it (IndexedDB, or an old localStorage). */
async function anyBackedUpName(page: Page): Promise<string | null> {
  const durable = await backedUpName(page);
  if (durable !== null) return durable;
  const legacy = await page.evaluate((k) => localStorage.getItem(k), LEGACY_BACKUP_KEY);
  return legacy ? (JSON.parse(JSON.parse(legacy).scenarioText) as { name: string }).name : null;
}

/** SIGKILL to the browser process, as a crash or the system would; waits until all are gone. */
async function killBrowser(): Promise<void> {
  const [browserPid] = chromiumProcesses();
  expect(browserPid).toBeDefined();
  const closed = new Promise((resolve) => context!.once('close', resolve));
  process.kill(browserPid!, 'SIGKILL');
  await closed;
  context = null;
  await vi.waitFor(() => expect(chromiumProcesses()).toEqual([]), {
    timeout: 30_000,
    interval: 100,
  });
}

describe('the browser is killed after an edit', () => {
  it(
    'every edit whose backup was written 0-3 s before the kill is offered back on the same profile',
    { timeout: 300_000 },
    async () => {
      let expected = withPreset().name;
      let page = await startBrowser();
      for (const delayMs of [0, 1000, 2000, 3000]) {
        await page.getByTestId('edit').click();
        expected = `${expected} (edited)`;
        await page.getByTestId('scenario-name').filter({ hasText: expected }).waitFor();
        // The app writes its backup about a second after the edit.
        await vi.waitFor(async () => expect(await anyBackedUpName(page)).toBe(expected), {
          timeout: 10_000,
          interval: 50,
        });
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await killBrowser();

        page = await startBrowser();
        const prompt = page.getByTestId('prompt-recover');
        await prompt.waitFor({ timeout: 20_000 }).catch(() => {
          throw new Error(
            `lost: the edit to '${expected}' was backed up ${delayMs} ms before the kill, but no restore was offered`,
          );
        });
        await page.getByTestId('prompt-restore').click();
        await page.getByTestId('scenario-name').filter({ hasText: expected }).waitFor();
        expect(await page.getByTestId('scenario-name').textContent()).toBe(expected);
        expect(await page.getByTestId('dirty').textContent()).toBe('edited');
      }
      await context?.close();
      context = null;
    },
  );
});
