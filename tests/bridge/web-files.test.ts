/**
 * The browser build's file path, in Chromium: the real DocumentChrome, web bridge, controller and
 * workspace store (tests/bridge/harness), built with Vite and served with the app's CSP. Open a
 * scenario through the file input, see it load; bad files get a message and change nothing; Save
 * downloads a valid file; unsaved work is backed up and offered back after a reload; a dropped
 * file opens. Screenshots go to $TMPDIR/flywheel-bridge-shots/.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseScenarioText, serializeScenario, withoutPreset, withPreset } from '../../simulation';
import { launchChromium, serveStatic, type StaticServer } from '../e2e/harness';
import { backedUpName, LEGACY_BACKUP_KEY, plantBackup, storedBackup } from './stored-backup';

const here = import.meta.dirname;
const shots = path.join(os.tmpdir(), 'flywheel-bridge-shots');
let tmp: string;
let server: StaticServer | undefined;
let url: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

// Generous limits: these tests share two cores with everything else running on the machine.
vi.setConfig({ testTimeout: 90_000 });

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'flywheel-web-files-'));
  await fs.mkdir(shots, { recursive: true });
  await build({
    configFile: false,
    root: path.join(here, 'harness'),
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
  url = server.url;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fs.rm(tmp, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1000, height: 640 },
  });
  page = await context.newPage();
  await page.goto(url);
  // Started: the page has read (and set aside) any backup, so one planted now is read only by
  // the next page load, as in the tests below (planted earlier, the page itself could take it).
  await page
    .locator('[data-testid="document-chrome"][data-started="true"]')
    .waitFor({ state: 'attached' });
}, 60_000);

afterEach(async () => {
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  await context.close();
}, 60_000);

async function writeFixture(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(tmp, name);
  await fs.writeFile(file, content);
  return file;
}

async function openThroughFileInput(file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('file-open').click();
  await (await chooser).setFiles(file);
}

describe('the browser build opens and saves scenario files', () => {
  it('shows New, Open and Save buttons, and opens a scenario chosen in the file input', async () => {
    await expect(page.getByTestId('file-new').isVisible()).resolves.toBe(true);
    const file = await writeFixture(
      'q3-plan.flywheel.json',
      serializeScenario({ ...withoutPreset(), name: 'Q3 plan without products' }),
    );
    await openThroughFileInput(file);
    await page.getByText('Q3 plan without products').waitFor();
    expect(await page.getByTestId('file-name').textContent()).toBe('q3-plan.flywheel.json');
    expect(await page.getByTestId('dirty').textContent()).toBe('saved');
    expect(await page.title()).toBe('q3-plan.flywheel.json — Flywheel Lab');
  });

  it.each([
    [
      'newer-version file',
      'future.flywheel.json',
      JSON.stringify({ kind: 'flywheel-lab/scenario', formatVersion: 42, name: 'x' }),
      /newer than this app/,
    ],
    [
      'malformed file',
      'broken.flywheel.json',
      '{"kind": "flywheel-lab/scenario",',
      /not valid JSON/,
    ],
    ['foreign file', 'package.json', '{"name": "left-pad"}', /not a Flywheel Lab scenario/],
  ])(
    'a %s gets a clear message and the current work stays',
    async (_what, name, content, message) => {
      const before = await page.getByTestId('scenario-name').textContent();
      await openThroughFileInput(await writeFixture(name, content));
      const notice = page.getByTestId('notice-error');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(message);
      expect(await notice.textContent()).toContain(name);
      expect(await page.getByTestId('scenario-name').textContent()).toBe(before);
      if (name === 'future.flywheel.json')
        await page.screenshot({ path: path.join(shots, 'error-notice.png') });
    },
  );

  it('a file over 5 MB is refused before it is read', async () => {
    await openThroughFileInput(
      await writeFixture('huge.flywheel.json', Buffer.alloc(5 * 1024 * 1024 + 10, 32)),
    );
    const notice = page.getByTestId('notice-error');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/5\.0 MB.*not opened/);
  });

  it('Save downloads a valid scenario file with the edits, and the document is clean again', async () => {
    await page.getByTestId('edit').click();
    expect(await page.getByTestId('dirty').textContent()).toBe('edited');
    expect(await page.title()).toBe('● Untitled.flywheel.json — Flywheel Lab');
    const download = page.waitForEvent('download');
    await page.getByTestId('file-save').click();
    const saved = await download;
    // A document never saved is saved under its scenario's name.
    expect(saved.suggestedFilename()).toBe(`${withPreset().name} (edited).flywheel.json`);
    const parsed = parseScenarioText(await fs.readFile((await saved.path())!, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.scenario.name).toBe(`${withPreset().name} (edited)`);
    await page.getByText('saved', { exact: true }).waitFor();
  });

  it('Ctrl+S saves too', async () => {
    await page.getByTestId('edit').click();
    const download = page.waitForEvent('download');
    await page.keyboard.press('Control+s');
    // Saved once already: the same file name, whatever the scenario is called now.
    expect((await download).suggestedFilename()).toBe(
      `${withPreset().name} (edited).flywheel.json`,
    );
  });

  it('opening another file with unsaved changes asks first; Cancel keeps the work', async () => {
    await page.getByTestId('edit').click();
    await page.getByTestId('file-open').click();
    await page.getByTestId('prompt-unsaved').waitFor();
    await page.screenshot({ path: path.join(shots, 'unsaved-prompt.png') });
    await page.getByTestId('prompt-cancel').click();
    await page.getByTestId('prompt-unsaved').waitFor({ state: 'detached' });
    expect(await page.getByTestId('dirty').textContent()).toBe('edited');
  });

  it('opens a file dropped onto the window', async () => {
    const text = serializeScenario({ ...withPreset(), name: 'Dropped plan' });
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.flywheel.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, cancelable: true }));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, cancelable: true }));
    }, text);
    await page.getByTestId('drop-overlay').waitFor();
    await page.screenshot({ path: path.join(shots, 'drop-overlay.png') });
    await page.evaluate((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'dropped.flywheel.json', { type: 'application/json' }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, cancelable: true }));
    }, text);
    await page.getByText('Dropped plan').waitFor();
    expect(await page.getByTestId('file-name').textContent()).toBe('dropped.flywheel.json');
    expect(await page.getByTestId('drop-overlay').count()).toBe(0);
  });
});

describe('autosave and recovery in the browser', () => {
  const edited = `${withPreset().name} (edited)`;
  const waitForBackupOf = (name: string) =>
    vi.waitFor(async () => expect(await backedUpName(page)).toBe(name), {
      timeout: 5000,
      interval: 100,
    });

  it('unsaved work is backed up in IndexedDB about a second after an edit and offered back after a reload', async () => {
    await page.getByTestId('edit').click();
    await waitForBackupOf(edited);
    expect(await page.evaluate((k) => localStorage.getItem(k), LEGACY_BACKUP_KEY)).toBeNull();
    // Simulate a crash: leave without the unsaved-changes prompt.
    page.on('dialog', (d) => void d.accept());
    await page.reload();
    await page.getByTestId('prompt-recover').waitFor();
    await page.screenshot({ path: path.join(shots, 'recover-prompt.png') });
    await page.getByTestId('prompt-restore').click();
    await page.getByText(edited).waitFor();
    // Restored work is unsaved: the title says so, and the backup stays until it is saved.
    expect(await page.title()).toBe('● Untitled.flywheel.json — Flywheel Lab');
    expect(await backedUpName(page)).toBe(edited);
    await page.getByText('Unsaved work restored').waitFor();
    // Saved: the backup is gone.
    const download = page.waitForEvent('download');
    await page.getByTestId('file-save').click();
    await download;
    await vi.waitFor(async () => expect(await storedBackup(page)).toBeNull());
  });

  it('Escape on the recovery prompt (once, or pressed again) never discards the work', async () => {
    await page.getByTestId('edit').click();
    await waitForBackupOf(edited);
    page.on('dialog', (d) => void d.accept());
    for (const presses of [1, 2]) {
      await page.reload();
      const prompt = page.getByTestId('prompt-recover');
      await prompt.waitFor();
      for (let i = 0; i < presses; i++) await page.keyboard.press('Escape');
      await prompt.waitFor({ state: 'detached' });
      await page.getByText(edited).waitFor();
      expect(await page.getByTestId('dirty').textContent()).toBe('edited');
      expect(await backedUpName(page)).toBe(edited);
    }
  });

  it('a backup an earlier version left in localStorage is offered, then moved to IndexedDB', async () => {
    const legacy = {
      scenarioText: serializeScenario({ ...withPreset(), name: 'Kept in local storage' }),
      fileName: 'legacy.flywheel.json',
      filePath: null,
      savedAt: '2026-11-30T10:00:00.000Z',
    };
    await page.evaluate(([k, v]) => localStorage.setItem(k, v), [
      LEGACY_BACKUP_KEY,
      JSON.stringify(legacy),
    ] as const);
    await page.reload();
    await page.getByTestId('prompt-recover').waitFor();
    expect(await page.getByTestId('prompt-recover').textContent()).toContain(
      'legacy.flywheel.json',
    );
    expect(await storedBackup(page)).toEqual(legacy);
    expect(await page.evaluate((k) => localStorage.getItem(k), LEGACY_BACKUP_KEY)).toBeNull();
    await page.getByTestId('prompt-restore').click();
    await page.getByText('Kept in local storage').waitFor();
    expect(await page.getByTestId('file-name').textContent()).toBe('legacy.flywheel.json');
  });

  it.each([
    ['in IndexedDB', 'idb'],
    ['in localStorage (an earlier version’s)', 'legacy'],
  ])(
    'a damaged backup %s gives a message, not a crash, and is set aside',
    async (_where, where) => {
      if (where === 'idb') await plantBackup(page, { scenarioText: 3 });
      else
        await page.evaluate(
          (k) => localStorage.setItem(k, '{"scenarioText": 3'),
          LEGACY_BACKUP_KEY,
        );
      await page.reload();
      const notice = page.getByTestId('notice-error');
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/could not be restored/);
      expect(await page.getByTestId('scenario-name').textContent()).toBe(withPreset().name);
      expect(await storedBackup(page)).toBeNull();
      expect(await page.evaluate((k) => localStorage.getItem(k), LEGACY_BACKUP_KEY)).toBeNull();
      if (where === 'idb')
        expect(await storedBackup(page, 'unreadable')).toEqual({ scenarioText: 3 });
      else
        expect(
          await page.evaluate((k) => localStorage.getItem(`${k}-unreadable`), LEGACY_BACKUP_KEY),
        ).toBe('{"scenarioText": 3');
    },
  );
});
