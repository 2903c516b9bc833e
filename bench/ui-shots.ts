/**
 * Screenshots of the built web app's main views for people to look at (`npx tsx
 * bench/ui-shots.ts [outDir]`, default /tmp/shots): light, dark and high-contrast themes at
 * 1440x900 and 1920x1080; the top of the workspace, the charts with a hover readout, the loop
 * alone, an invalid entry, and the week half-way through playback.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildWebApp, launchChromium, removeBuild, serveStatic } from '../tests/e2e/harness';

const OUT = process.argv[2] ?? '/tmp/shots';
const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';

async function open(page: Page, url: string, theme: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(READY);
  await page.locator('[data-testid="theme"]').selectOption(theme);
  await page.locator('[data-testid="scrub"]').fill('80');
  await page.waitForTimeout(400);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dir = await buildWebApp();
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  const shots: string[] = [];
  const shoot = async (page: Page, name: string): Promise<void> => {
    const path = join(OUT, `${name}.png`);
    await page.screenshot({ path });
    shots.push(path);
  };
  try {
    for (const [width, height] of [
      [1440, 900],
      [1920, 1080],
    ] as const) {
      for (const theme of ['light', 'dark', 'high-contrast']) {
        if (theme === 'high-contrast' && width !== 1440) continue;
        const page = await browser.newPage({ viewport: { width, height } });
        await open(page, server.url, theme);
        const tag = `${theme}-${width}x${height}`;
        await shoot(page, `workspace-${tag}`);
        await page.locator('main').evaluate((el) => (el.scrollTop = el.scrollHeight));
        await page
          .locator('[data-testid="chart-cumulative-net-value"] svg')
          .hover({ position: { x: 200, y: 120 } });
        await shoot(page, `charts-${tag}`);
        if (width === 1440) {
          await page.locator('main').evaluate((el) => (el.scrollTop = 0));
          await page.getByLabel('Without', { exact: true }).check();
          await page.locator('.fw-loop-section').scrollIntoViewIfNeeded();
          await shoot(page, `loop-without-${tag}`);
          const box = page.locator(
            '[data-testid="field-dataProducts[0].maturity.quality"] [data-testid="number"]',
          );
          await box.fill('1.5');
          await box.press('Enter');
          await box.evaluate((el) => el.closest('.fw-field')?.scrollIntoView({ block: 'center' }));
          await shoot(page, `invalid-${tag}`);
        }
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await server.close();
    removeBuild(dir);
  }
  console.log(shots.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
