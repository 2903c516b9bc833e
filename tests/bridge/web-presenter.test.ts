/**
 * The browser build's presenter view in Chromium: the audience page opens the app with
 * `#presenter` in a second window, which gets the last snapshot at once (hello handshake) and
 * every later one, and whose commands reach the audience page; a blocked popup gives a message;
 * nothing breaks the page's Content-Security-Policy.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import { launchChromium, serveStatic, type StaticServer } from '../e2e/harness';
import { snapshot } from './presenter-fixtures';

const here = import.meta.dirname;
let tmp: string;
let server: StaticServer | undefined;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

vi.setConfig({ testTimeout: 90_000 });

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-web-presenter-'));
  await build({
    configFile: false,
    root: path.join(here, 'presenter-harness'),
    base: './',
    logLevel: 'error',
    build: {
      outDir: path.join(tmp, 'site'),
      emptyOutDir: true,
      modulePreload: { polyfill: false },
    },
  });
  server = await serveStatic(path.join(tmp, 'site'));
  url = server.url;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.harness !== undefined);
});

afterEach(async () => {
  for (const p of context.pages())
    expect(await p.evaluate(() => window.cspViolations), p.url()).toEqual([]);
  await context.close();
});

describe('the presenter view in a browser', () => {
  it('opens #presenter in a second window that follows the audience page and drives it', async () => {
    await page.evaluate((s) => window.harness.publish(s), snapshot({ index: 2 }));
    const popup = context.waitForEvent('page');
    expect(await page.evaluate(() => window.harness.open())).toEqual({
      ok: true,
      value: { placement: 'window' },
    });
    const presenter = await popup;
    expect(new URL(presenter.url()).hash).toBe('#presenter');
    // Published before the window existed: it arrives through the hello handshake.
    await presenter.getByText('3 / 9: AI consumes data products').waitFor();
    await page.evaluate(
      (s) => window.harness.publish(s),
      snapshot({ index: 3, current: { title: 'A better experience', caption: '', notes: '' } }),
    );
    await presenter.getByText('4 / 9: A better experience').waitFor();

    await presenter.evaluate(() => {
      window.harness.send({ action: 'next' });
      window.harness.send({ action: 'jump', index: 0 });
    });
    await page.waitForFunction(() => window.harness.commands.length === 2);
    expect(await page.evaluate(() => window.harness.commands)).toEqual([
      { action: 'next' },
      { action: 'jump', index: 0 },
    ]);
    // The presenter page never receives its own commands, and the audience no snapshots.
    expect(await presenter.evaluate(() => window.harness.commands)).toEqual([]);

    const closed = presenter.waitForEvent('close');
    expect(await page.evaluate(() => window.harness.close())).toEqual({ ok: true, value: null });
    await closed;
  });

  it('says how to allow the window when the browser blocks it', async () => {
    await page.evaluate(() => {
      window.open = () => null;
    });
    const result = (await page.evaluate(() => window.harness.open())) as {
      ok: boolean;
      error?: { message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error?.message).toMatch(/blocked the presenter window.*Allow pop-ups/);
  });
});
