/**
 * Screenshots of what issue #15 added, as a user sees them, at 1600x1000 and 1920x1080 in the
 * light, dark and high-contrast themes: the workspace, the workshop's title slide, New from a
 * built-in scenario, the details panel (of a chart and of a loop step) and the weekly table.
 * Run: npx tsx tests/e2e/first-hour-shots.ts [builtDir]   (SHOTS_DIR, default /tmp/shots/i15)
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { buildWebApp, launchChromium, removeBuild, serveStatic } from './harness';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots/i15';
const SCREENS = [
  { width: 1600, height: 1000 },
  { width: 1920, height: 1080 },
] as const;
const THEMES = ['light', 'dark', 'high-contrast'] as const;
const ONLY = process.env.SHOTS_ONLY?.split(',') ?? null;
const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';

async function shot(page: Page, name: string): Promise<void> {
  if (ONLY && !ONLY.some((o) => name.includes(o))) return;
  await page.screenshot({ path: `${OUT}/${name}.png` });
  console.log(`${OUT}/${name}.png`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const given = process.argv[2];
  const dir = given ?? (await buildWebApp());
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    for (const screen of SCREENS) {
      for (const theme of THEMES) {
        const tag = `${screen.width}x${screen.height}-${theme}`;
        const context = await browser.newContext({ viewport: screen, reducedMotion: 'reduce' });
        await context.addInitScript(
          (t) => localStorage.setItem('flywheel-lab/theme', JSON.stringify(t)),
          theme,
        );
        const page = await context.newPage();
        await page.goto(server.url);
        await page.waitForSelector(READY);
        await shot(page, `${tag}-workspace`);
        await page.getByTestId('chart-active-users').click();
        await page.getByTestId('details').waitFor();
        await page.getByTestId('chart-active-users').scrollIntoViewIfNeeded();
        await shot(page, `${tag}-details-chart`);
        await page.getByTestId('details-close').click();
        await page.locator('figure.fw-loop--with [data-step="consumers"]').click();
        await page.getByTestId('details').waitFor();
        await shot(page, `${tag}-details-loop`);
        await page.getByTestId('details-table').click();
        await page.getByTestId('table').waitFor();
        await shot(page, `${tag}-table`);
        await page.getByTestId('table-run-difference').check();
        await shot(page, `${tag}-table-difference`);
        await page.getByTestId('view-tab-workspace').click();
        await page.getByTestId('file-new-builtin').click();
        await page.getByTestId('builtin-dialog').waitFor();
        await shot(page, `${tag}-builtin`);
        await page.getByTestId('builtin-mesh').click();
        await page.waitForFunction(
          () =>
            document.querySelector('[data-testid="scenario-name"]')?.textContent ===
            'E-commerce as a data mesh',
        );
        await page.waitForSelector(READY);
        await shot(page, `${tag}-mesh`);
        if ((await page.getByTestId('present-button').count()) > 0) {
          await page.getByTestId('present-button').click();
          await page.getByTestId('present-cover').waitFor();
          await shot(page, `${tag}-present-title`);
          await page.keyboard.press('Escape');
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    if (!given) removeBuild(dir);
  }
}

void main();
