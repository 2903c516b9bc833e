/**
 * Screenshots of every built-in step at 1920x1080 and 1280x720 in the light, dark and
 * high-contrast themes into /tmp/shots/present-<w>x<h>-<theme>-<n>-<step>.png, plus the charts
 * without the other scenario, the presenter overlay, and the presenter page (a second page of the
 * same browser context, `#presenter`) during a step and blanked, for looking at
 * legibility. Prints the smallest loop text of each step (and any overlapping or clipped texts).
 * Run: npx tsx tests/present/shots.ts [builtDir]
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { buildWebApp, launchChromium, removeBuild, serveStatic } from '../e2e/harness';
import { BUILT_IN_STORY } from '../../simulation/story';
import { chartTextSizes, loopTextOverlaps, loopTextSizes, loopTextsOutside } from './measure';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots';
const SCREENS = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 720 },
] as const;
const THEMES = ['light', 'dark', 'high-contrast'] as const;
const steps = BUILT_IN_STORY.steps;

async function openStage(browser: Browser, url: string, screen: (typeof SCREENS)[number]) {
  const context = await browser.newContext({ viewport: screen });
  const page = await context.newPage();
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(url);
  await page.locator('[data-testid="kpi-finalActiveUsers"][data-with]').waitFor();
  await page.locator('[data-testid="present-button"]').click();
  return page;
}

/** Presses T until the stage shows `theme`. */
async function useTheme(page: Page, theme: string): Promise<void> {
  for (let i = 0; i < THEMES.length; i++) {
    if ((await page.evaluate('document.documentElement.dataset.theme')) === theme) return;
    await page.keyboard.press('t');
  }
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

async function describeStep(page: Page): Promise<string> {
  const sizes = await loopTextSizes(page);
  const overlaps = await loopTextOverlaps(page);
  const outside = await loopTextsOutside(page);
  const smallest = sizes[0] ?? (await chartTextSizes(page))[0];
  return (
    (smallest
      ? `smallest ${sizes[0] ? 'loop' : 'chart'} text ${smallest.px.toFixed(1)} px (${smallest.px1080.toFixed(1)} at 1080p): "${smallest.text}"`
      : 'no loop or chart') +
    (overlaps.length ? `; OVERLAPS ${JSON.stringify(overlaps)}` : '') +
    (outside.length ? `; OUTSIDE ${JSON.stringify(outside)}` : '')
  );
}

mkdirSync(OUT, { recursive: true });
const given = process.argv[2];
const dir = given ?? (await buildWebApp());
const server = await serveStatic(dir);
const browser = await launchChromium();
try {
  for (const screen of SCREENS) {
    const size = `${screen.width}x${screen.height}`;
    const page = await openStage(browser, server.url, screen);
    for (const theme of THEMES) {
      await useTheme(page, theme);
      await page.keyboard.press('Home');
      for (let i = 0; i < steps.length; i++) {
        await page.locator(`[data-testid="present"][data-step="${steps[i]!.id}"]`).waitFor();
        await page.waitForTimeout(300);
        await page.screenshot({
          path: `${OUT}/present-${size}-${theme}-${i + 1}-${steps[i]!.id}.png`,
        });
        console.log(`${size} ${theme} ${i + 1} ${steps[i]!.id}: ${await describeStep(page)}`);
        if (i < steps.length - 1) await page.keyboard.press('PageDown');
      }
    }
    await useTheme(page, 'light');
    await page.keyboard.press('7');
    await page.keyboard.press('w'); // from both: with
    await page.keyboard.press('w'); // then without
    await page.locator('[data-testid="present"][data-show="without"]').waitFor();
    await page.screenshot({ path: `${OUT}/present-${size}-charts-without.png` });
    await page.keyboard.press('Home');
    await page.keyboard.press('p');
    await page.locator('[data-testid="presenter"]').waitFor();
    await page.screenshot({ path: `${OUT}/present-${size}-presenter-overlay.png` });
    await page.keyboard.press('p');
    const presenter = await page.context().newPage();
    await presenter.goto(`${server.url}#presenter`);
    await page.keyboard.press('5');
    await presenter.locator('[data-testid="presenter-position"]').waitFor();
    await presenter.screenshot({ path: `${OUT}/presenter-page-${size}.png` });
    await page.keyboard.press('b');
    await presenter.locator('[data-testid="presenter-state"][data-blanked="true"]').waitFor();
    await presenter.screenshot({ path: `${OUT}/presenter-page-${size}-blanked.png` });
    await page.close();
    await presenter.close();
  }
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.close();
  if (!given) removeBuild(dir);
}
