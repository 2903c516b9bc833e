/**
 * The presenter window in the desktop app, driven in the built web app in Chromium with a
 * stand-in for the preload's `window.flywheel` (the Electron binary cannot run here): Present
 * opens the presenter's window first; with a second display the page does not also ask for HTML
 * full screen (the shell made the window full screen), with one display it does; the stage
 * publishes snapshots and obeys the presenter window's commands; Escape closes the presenter's
 * window and the last snapshot says the presentation ended.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_STORY } from '../../simulation/story';
import type { PresenterCommand, PresenterSnapshot } from '../../renderer/bridge/contract';
import { buildWebApp, launchChromium, serveStatic, type StaticServer } from '../e2e/harness';

interface FakeShell {
  __calls: string[];
  __snapshots: PresenterSnapshot[];
  __placement: string;
  __command(command: PresenterCommand): void;
}

/** The preload's API as a page script: records the presenter calls; everything else is idle. */
function installFakeShell(placement: string): void {
  const w = window as unknown as FakeShell & { flywheel: unknown };
  w.__calls = [];
  w.__snapshots = [];
  w.__placement = placement;
  const ok = <T>(value: T) => ({ ok: true as const, value });
  const canceled = { ok: false as const, error: { code: 'canceled', message: 'Canceled.' } };
  const none = async () => ok(null);
  const commandListeners = new Set<(c: PresenterCommand) => void>();
  const requestFullscreen = Element.prototype.requestFullscreen;
  Element.prototype.requestFullscreen = function (this: Element, options?: FullscreenOptions) {
    w.__calls.push('requestFullscreen');
    return requestFullscreen.call(this, options);
  };
  w.flywheel = {
    kind: 'desktop',
    openFile: async () => canceled,
    openPath: async () => canceled,
    openDroppedFile: async () => canceled,
    save: async () => canceled,
    saveAs: async () => canceled,
    exportFile: async () => canceled,
    listRecent: async () => ok([]),
    clearRecent: none,
    readBackup: none,
    writeBackup: none,
    clearBackup: none,
    setDocumentState: none,
    closeWindow: none,
    openExternal: none,
    onMenuCommand: () => () => {},
    printReportPdf: async () => canceled,
    async openPresenterView() {
      w.__calls.push('openPresenterView');
      return ok({ placement: w.__placement });
    },
    async closePresenterView() {
      w.__calls.push('closePresenterView');
      return ok(null);
    },
    publishPresenterState(snapshot: PresenterSnapshot) {
      w.__snapshots.push(snapshot);
    },
    onPresenterState: () => () => {},
    sendPresenterCommand() {},
    onPresenterCommand(listener: (c: PresenterCommand) => void) {
      commandListeners.add(listener);
      return () => commandListeners.delete(listener);
    },
  };
  w.__command = (command) => commandListeners.forEach((l) => l(command));
}

const steps = BUILT_IN_STORY.steps;
let server: StaticServer;
let browser: Browser;
const problems: string[] = [];

async function openApp(placement: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  page.setDefaultTimeout(90_000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.addInitScript(installFakeShell, placement);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(server.url);
  await page.locator('[data-testid="kpi-finalActiveUsers"][data-with]').waitFor();
  return page;
}

const calls = (page: Page) => page.evaluate(() => (window as unknown as FakeShell).__calls);
const snapshots = (page: Page) => page.evaluate(() => (window as unknown as FakeShell).__snapshots);

beforeAll(async () => {
  server = await serveStatic(await buildWebApp());
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('presenter window in the desktop app', { timeout: 180_000 }, () => {
  it('second display: opens the presenter window, no HTML full screen, closes it on Escape', async () => {
    const page = await openApp('second-display');
    await page.locator('[data-testid="present-button"]').click();
    await page.locator(`[data-testid="present"][data-step="${steps[0]!.id}"]`).waitFor();
    await page.waitForFunction(() =>
      (window as unknown as FakeShell).__calls.includes('openPresenterView'),
    );
    await page.waitForTimeout(300);
    expect(await calls(page)).toEqual(['openPresenterView']);
    const first = (await snapshots(page)).at(-1)!;
    expect(first).toMatchObject({ active: true, index: 0, count: steps.length });
    expect(first.current.caption).toBe(
      await page.locator('[data-testid="present-caption"]').innerText(),
    );
    // The presenter window's commands drive the stage through the stage's own actions.
    await page.evaluate(() => (window as unknown as FakeShell).__command({ action: 'next' }));
    await page.locator(`[data-testid="present"][data-step="${steps[1]!.id}"]`).waitFor();
    expect((await snapshots(page)).at(-1)).toMatchObject({ active: true, index: 1 });
    await page.evaluate(() =>
      (window as unknown as FakeShell).__command({ action: 'jump', index: 6 }),
    );
    await page.locator(`[data-testid="present"][data-step="${steps[6]!.id}"]`).waitFor();
    await page.evaluate(() => (window as unknown as FakeShell).__command({ action: 'exit' }));
    await page.locator('[data-testid="present"]').waitFor({ state: 'detached' });
    expect(await calls(page)).toEqual(['openPresenterView', 'closePresenterView']);
    expect((await snapshots(page)).at(-1)).toMatchObject({ active: false });
    await page.close();
  });

  it('one display: nothing opens, the page asks for full screen itself', async () => {
    const page = await openApp('none');
    await page.locator('[data-testid="present-button"]').click();
    await page.waitForFunction(() =>
      (window as unknown as FakeShell).__calls.includes('requestFullscreen'),
    );
    expect(await calls(page)).toEqual(['openPresenterView', 'requestFullscreen']);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="present"]').waitFor({ state: 'detached' });
    expect((await calls(page)).at(-1)).toBe('closePresenterView');
    await page.close();
  });

  it('logged no errors or warnings', () => {
    expect(problems).toEqual([]);
  });
});
