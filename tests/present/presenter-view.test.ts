/**
 * The presenter's own window end to end, in Debian's Chromium against the built web app: the app
 * presents in one page, the presenter page (`#presenter`) is a second page of the same browser
 * context (the browser bridge's BroadcastChannel reaches it). It shows the stage's current and
 * next step and the same caption; its keys drive the stage (PageDown, B, Escape); it says when
 * the presentation has ended. The overlay's "Open in a separate window" opens the same page.
 * Screenshot: /tmp/shots/presenter-page-1920x1080.png.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILT_IN_STORY } from '../../simulation/story';
import { buildWebApp, launchChromium, serveStatic, type StaticServer } from '../e2e/harness';

const SHOTS = process.env.SHOTS_DIR ?? '/tmp/shots';
const steps = BUILT_IN_STORY.steps;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let stagePage: Page;
let presenter: Page;
const problems: string[] = [];

function watch(page: Page, name: string): void {
  page.setDefaultTimeout(90_000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning')
      problems.push(`${name} ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`${name} pageerror: ${e.message}`));
}

const stage = () => stagePage.locator('[data-testid="present"]');
const atStep = (index: number) =>
  stagePage.locator(`[data-testid="present"][data-step="${steps[index]!.id}"]`).waitFor();
const text = (page: Page, testId: string) => page.locator(`[data-testid="${testId}"]`).innerText();

/** The presenter page shows step `index` (its position and title). */
async function presenterAt(index: number): Promise<void> {
  await presenter.waitForFunction(
    (k) =>
      document
        .querySelector('[data-testid="presenter-position"]')
        ?.textContent?.startsWith(`step ${k + 1} of`) === true,
    index,
  );
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await serveStatic(await buildWebApp());
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  stagePage = await context.newPage();
  watch(stagePage, 'stage');
  await stagePage.emulateMedia({ reducedMotion: 'reduce' });
  await stagePage.goto(server.url);
  await stagePage.locator('[data-testid="kpi-finalActiveUsers"][data-with]').waitFor();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('presenter view in its own page', { timeout: 180_000 }, () => {
  it('waits for a presentation, then shows the stage’s step, caption and next step', async () => {
    presenter = await context.newPage();
    watch(presenter, 'presenter');
    await presenter.goto(`${server.url}#presenter`);
    await presenter.locator('[data-testid="presenter-waiting"]').waitFor();
    await stagePage.locator('[data-testid="present-button"]').click();
    await atStep(0);
    await presenterAt(0);
    // The title slide: its name for the presenter, the story's title on stage.
    expect(await text(presenter, 'presenter-current-title')).toBe(steps[0]!.title);
    expect(await text(stagePage, 'present-cover-title')).toBe(BUILT_IN_STORY.title);
    expect(await text(presenter, 'presenter-caption')).toBe(
      await text(stagePage, 'present-caption'),
    );
    expect(await text(presenter, 'presenter-next-title')).toBe(`Next: ${steps[1]!.title}`);
    expect(await text(presenter, 'presenter-notes')).toContain('Say who you are');
    await presenter.bringToFront();
    await presenter.keyboard.press('PageDown');
    await atStep(1);
    await presenterAt(1);
    expect(await text(presenter, 'presenter-current-title')).toBe(
      await text(stagePage, 'present-title'),
    );
    expect(await text(presenter, 'presenter-notes')).toContain('Start with the business');
    await presenter.keyboard.press('PageUp');
    await atStep(0);
    await presenterAt(0);
    expect(await text(presenter, 'presenter-elapsed')).toMatch(/^\d+:\d\d$/);
  });

  it('PageDown in the presenter page advances the stage; the caption follows', async () => {
    await presenter.bringToFront();
    await presenter.keyboard.press('PageDown');
    await atStep(1);
    await presenterAt(1);
    expect(await text(presenter, 'presenter-caption')).toBe(
      await text(stagePage, 'present-caption'),
    );
    await presenter.keyboard.press('End');
    await atStep(steps.length - 1);
    await presenterAt(steps.length - 1);
    expect(await text(presenter, 'presenter-next-title')).toBe('Next: end of the story');
    await presenter.keyboard.press('Home');
    await atStep(0);
    await presenterAt(0);
  });

  it('B in the presenter page blanks the stage and says so; W flips with/without', async () => {
    await presenter.keyboard.press('b');
    await stagePage.locator('[data-testid="present-blank"]').waitFor();
    await presenter.locator('[data-testid="presenter-state"][data-blanked="true"]').waitFor();
    await presenter.screenshot({ path: `${SHOTS}/presenter-page-blanked-1920x1080.png` });
    await presenter.keyboard.press('b');
    await stagePage.locator('[data-testid="present-caption"]').waitFor();
    await presenter.keyboard.press('w');
    await stagePage.locator('[data-testid="present"][data-show="without"]').waitFor();
    await presenter.locator('[data-testid="presenter-state"][data-show="without"]').waitFor();
    await presenter.keyboard.press('w');
    await stagePage.locator('[data-testid="present"][data-show="with"]').waitFor();
    await presenter.keyboard.press('3');
    await atStep(2);
    await presenterAt(2);
    await presenter.screenshot({ path: `${SHOTS}/presenter-page-1920x1080.png` });
  });

  it('Escape in the presenter page ends the presentation; the page says it has ended', async () => {
    await presenter.keyboard.press('Escape');
    await stage().waitFor({ state: 'detached' });
    expect(await stagePage.locator('.fw-app').getAttribute('aria-hidden')).toBe(null);
    await presenter.locator('[data-testid="presenter-ended"]').waitFor();
    // Keys there no longer do anything.
    await presenter.keyboard.press('PageDown');
    await stagePage.waitForTimeout(300);
    expect(await stage().count()).toBe(0);
    await presenter.screenshot({ path: `${SHOTS}/presenter-page-ended-1920x1080.png` });
  });

  it('a new presentation reaches the open presenter page again', async () => {
    await stagePage.bringToFront();
    await stagePage.locator('[data-testid="present-button"]').click();
    await atStep(0);
    await presenterAt(0);
    await presenter.close();
  });

  it('the overlay’s "Open in a separate window" opens the presenter page, or says why not', async () => {
    await stagePage.keyboard.press('p');
    await stagePage.locator('[data-testid="presenter"]').waitFor();
    expect(await text(stagePage, 'presenter-caption')).toBe(
      await text(stagePage, 'present-caption'),
    );
    // A blocked pop-up: the overlay says so and stays.
    await stagePage.evaluate(() => {
      const open = window.open;
      window.open = () => null;
      (window as unknown as { restoreOpen: () => void }).restoreOpen = () => (window.open = open);
    });
    await stagePage.locator('[data-testid="presenter-open-window"]').click();
    expect(await text(stagePage, 'presenter-notice')).toMatch(/blocked the presenter window/);
    await stagePage.evaluate(() =>
      (window as unknown as { restoreOpen: () => void }).restoreOpen(),
    );
    const [popup] = await Promise.all([
      context.waitForEvent('page'),
      stagePage.locator('[data-testid="presenter-open-window"]').click(),
    ]);
    watch(popup, 'popup');
    expect(new URL(popup.url()).hash).toBe('#presenter');
    await popup.locator('[data-testid="presenter-position"]').waitFor();
    expect(await text(popup, 'presenter-current-title')).toBe(steps[0]!.title);
    // The overlay gave way to the window.
    await stagePage.locator('[data-testid="presenter"]').waitFor({ state: 'detached' });
    await stagePage.keyboard.press('Escape');
    await stage().waitFor({ state: 'detached' });
    await popup.locator('[data-testid="presenter-ended"]').waitFor();
    await popup.close();
  });

  it('logged no errors, warnings or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
