/**
 * Screenshots of the Analyse area for people to look at (`npx tsx bench/analyse-shots.ts
 * [outDir]`, default /tmp/shots): each analysis at 1600x1000 in the light, dark and high-contrast
 * themes, while running and with its results.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildWebApp, launchChromium, removeBuild, serveStatic } from '../tests/e2e/harness';

const OUT = process.argv[2] ?? '/tmp/shots';
const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';
const THEMES = (process.env.SHOTS_THEMES ?? 'light,dark,high-contrast').split(',');

async function open(page: Page, url: string, theme: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(READY);
  await page.locator('[data-testid="theme"]').selectOption(theme);
  await page.getByTestId('view-tab-analyse').click();
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const dir = await buildWebApp();
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  const shots: string[] = [];
  const shoot = async (page: Page, name: string, full = false): Promise<void> => {
    const path = join(OUT, `${name}.png`);
    await page.screenshot({ path, fullPage: full });
    shots.push(path);
  };
  /** The results of an analysis, whole (beyond the viewport). */
  const shootResults = async (page: Page, testId: string, name: string): Promise<void> => {
    const path = join(OUT, `${name}.png`);
    await page.getByTestId(testId).screenshot({ path });
    shots.push(path);
  };
  try {
    const only = (process.env.SHOTS_ONLY ?? 'uncertainty,sensitivity,sweep,seek').split(',');
    for (const theme of THEMES) {
      const page = await browser.newPage({
        viewport: { width: 1600, height: 1000 },
        acceptDownloads: true,
      });
      page.setDefaultTimeout(300_000);
      await open(page, server.url, theme);
      const done = (id: string) =>
        page.waitForSelector(`[data-testid="${id}-status"][data-running="false"]`);
      if (only.includes('uncertainty')) {
        await shoot(page, `analyse-empty-${theme}`);
        await page.getByTestId('mc-draws').fill('1000');
        await page.getByTestId('mc-run').click();
        await page.waitForFunction(() => {
          const d = Number(
            document.querySelector('[data-testid="mc-results"]')?.getAttribute('data-draws'),
          );
          return d >= 300;
        });
        await shoot(page, `analyse-uncertainty-running-${theme}`);
        await done('mc');
        // Every figure shows the last draws (they take a new snapshot one per task).
        await page.waitForFunction(() => {
          const results = document.querySelector('[data-testid="mc-results"]');
          const draws = results?.getAttribute('data-draws');
          return [...(results?.querySelectorAll('[data-draws]') ?? [])].every(
            (e) => e.getAttribute('data-draws') === draws,
          );
        });
        await shoot(page, `analyse-uncertainty-${theme}`);
        await page.locator('main').evaluate((el) => (el.scrollTop = 700));
        await page
          .locator('[data-testid="chart-uncertainty-active-users"] svg')
          .hover({ position: { x: 220, y: 120 } });
        await shoot(page, `analyse-uncertainty-charts-${theme}`);
      }
      if (only.includes('sensitivity')) {
        await page.getByTestId('analysis-sensitivity-choice').click();
        await page.getByTestId('tornado-run').click();
        await done('tornado');
        await page.locator('main').evaluate((el) => (el.scrollTop = 0));
        await shoot(page, `analyse-tornado-${theme}`);
        await shootResults(page, 'tornado-results', `analyse-tornado-results-${theme}`);
        if (only.includes('uncertainty')) {
          await page.getByTestId('global-run').click();
          await done('global');
          await page.getByTestId('global').scrollIntoViewIfNeeded();
          await shoot(page, `analyse-global-${theme}`);
        }
      }
      if (only.includes('sweep') && (await page.getByTestId('analysis-sweep-choice').count()) > 0) {
        await page.getByTestId('analysis-sweep-choice').click();
        await page.getByTestId('sweep-run').click();
        await done('sweep');
        await page.locator('main').evaluate((el) => (el.scrollTop = 0));
        await shoot(page, `analyse-sweep-${theme}`);
        await shootResults(page, 'sweep-results', `analyse-sweep-results-${theme}`);
        await page.getByTestId('sweep-mode-two').check();
        await page.getByTestId('sweep-run').click();
        await done('sweep');
        await shoot(page, `analyse-grid-${theme}`);
        await shootResults(page, 'sweep-results', `analyse-grid-results-${theme}`);
      }
      if (only.includes('seek') && (await page.getByTestId('analysis-seek-choice').count()) > 0) {
        await page.getByTestId('analysis-seek-choice').click();
        await page.getByTestId('seek-run').click();
        await done('seek');
        await page.locator('main').evaluate((el) => (el.scrollTop = 0));
        await shoot(page, `analyse-seek-${theme}`);
        await page.getByTestId('seek-target').fill('10000000');
        await page.getByTestId('seek-run').click();
        await page.waitForSelector('[data-testid="seek-answer"]');
        await done('seek');
        await shootResults(page, 'seek-results', `analyse-seek-answer-${theme}`);
        await page.getByTestId('seek-mode-cheapest').check();
        await page.getByTestId('seek-axis-add').click();
        await page
          .getByTestId('seek-axis-1-picker-list')
          .selectOption('ownPipelineTemplate.maturity.*');
        await page.getByTestId('seek-target').fill('20000000');
        await page.getByTestId('seek-run').click();
        await page.waitForSelector('[data-testid="seek-results"][data-kind="cheapest"]');
        await shootResults(page, 'analysis-seek', `analyse-cheapest-${theme}`);
      }
      // The report's analyses section, as the app exports it.
      await page.click('[data-testid="export-toggle"]');
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid="export-report-html"]'),
      ]);
      const html = join(OUT, `report-${theme}.html`);
      await file.saveAs(html);
      const report = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
      await report.goto(`file://${html}`);
      const path = join(OUT, `report-analyses-${theme}.png`);
      await report.getByTestId('report-analyses').screenshot({ path });
      shots.push(path);
      await report.close();
      await page.close();
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
