/**
 * Finding out what the numbers are (issue #15), in the built web app in Chromium: a click on a
 * chart or a loop step opens its details (the engine's value at the week on screen, what it
 * means, how it is computed, its sources, links to its chart and its table column); the weekly
 * numbers as a table (the readable CSV's cells, with, without and their difference); New from a
 * built-in scenario (every preset of `flywheel --preset`, mesh loads the mesh scenario's numbers).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  formatDisplayValues,
  meshPreset,
  metricSeries,
  PRESETS,
  PRESET_NAMES,
  withPreset,
} from '../../simulation';
import { readableNumber } from '../../renderer/export/readable-csv';
import {
  buildWebApp,
  launchChromium,
  removeBuild,
  serveStatic,
  type StaticServer,
} from './harness';

let outDir = '';
let server: StaticServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';
const engine = compareWithWithout(withPreset(), { backend: 'interpreter' });
const horizon = engine.runs[0]!.series.points - 1;
const at = (run: 0 | 1, metric: string, k = horizon): number =>
  metricSeries(engine.runs[run]!, metric)[k]!;

beforeAll(async () => {
  outDir = await buildWebApp();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1600, height: 1000 },
    reducedMotion: 'reduce',
  });
  page.setDefaultTimeout(60_000);
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector(READY);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeBuild(outDir);
});

const details = () => page.getByTestId('details');

describe('details, the weekly table and the built-in scenarios', { timeout: 120_000 }, () => {
  it("a click on a chart shows its details: the engine's values at the week shown, meaning, computation, sources", async () => {
    await page.getByTestId('chart-active-users').locator('svg').click();
    await details().waitFor();
    expect(await details().getAttribute('data-metric')).toBe('activeUsers');
    const [w, wo] = formatDisplayValues([at(0, 'activeUsers'), at(1, 'activeUsers')], 'people');
    expect(await page.getByTestId('details-with').textContent()).toBe(w);
    expect(await page.getByTestId('details-without').textContent()).toBe(wo);
    expect(await page.getByTestId('details-meaning').textContent()).toBe(
      engine.runs[0]!.metrics.find((m) => m.name === 'activeUsers')!.description,
    );
    expect(await page.getByTestId('details-computed').textContent()).toMatch(
      /running total.*adds Adoption.*takes away Churn/,
    );
    expect(await page.getByTestId('details-sources').textContent()).toContain('Addressable market');
    // Escape closes it and gives the focus back to the chart.
    await page.keyboard.press('Escape');
    await expect.poll(() => details().count()).toBe(0);
    expect(
      await page.evaluate(
        () => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? '',
      ),
    ).toBe('chart-active-users');
  });

  it('a loop step opens its details; a result it reads opens in turn; the link leads to its chart', async () => {
    await page.locator('figure.fw-loop--with [data-step="activity"]').click();
    await details().waitFor();
    expect(await details().getAttribute('data-metric')).toBe('activeUsers');
    await page.getByTestId('details-reads').getByRole('button', { name: 'Churn' }).click();
    await expect.poll(() => details().getAttribute('data-metric')).toBe('churn');
    await page.getByTestId('details-close').click();
    await page.locator('figure.fw-loop--with [data-step="experience"]').press('Enter');
    await expect.poll(() => details().getAttribute('data-metric')).toBe('experienceIndex');
    await page.getByTestId('details-chart').click();
    await expect.poll(() => details().count()).toBe(0);
    await expect
      .poll(() =>
        page.evaluate(
          () => document.activeElement?.closest('figure')?.getAttribute('data-testid') ?? '',
        ),
      )
      .toBe('chart-experience');
  });

  it("the table shows the run's weekly numbers as the readable CSV writes them, its difference too", async () => {
    await page.locator('figure.fw-loop--with [data-step="consumers"]').click();
    await expect.poll(() => details().getAttribute('data-metric')).toBe('meanAiImpact');
    await page.getByTestId('details-table').click();
    const table = page.getByTestId('table');
    await table.waitFor();
    expect(await page.getByTestId('view-tab-table').getAttribute('aria-selected')).toBe('true');
    // The column asked for comes first, its header has the focus.
    expect(await table.locator('thead th').nth(1).getAttribute('data-column')).toBe('meanAiImpact');
    expect(
      await page.evaluate(() => document.activeElement?.closest('th')?.dataset.column ?? ''),
    ).toBe('meanAiImpact');
    const cell = async (week: number, column: number) =>
      table.locator(`tr[data-point="${week}"] td`).nth(column).textContent();
    expect(await cell(0, 0)).toBe(readableNumber(at(0, 'meanAiImpact', 0), 'fraction'));
    // The week on screen is marked (the last: the app opens at the horizon), in sight once scrolled.
    await page.getByTestId('table-filter').fill('active users');
    expect(await table.locator('thead th').nth(1).getAttribute('data-column')).toBe('activeUsers');
    await page
      .locator('.fw-table-view__scroller')
      .evaluate((el) => el.scrollTo(0, el.scrollHeight));
    const current = table.locator('tr[aria-current="true"]');
    await current.waitFor();
    expect(await current.getAttribute('data-point')).toBe(String(horizon));
    expect(await current.locator('td').first().textContent()).toBe(
      readableNumber(at(0, 'activeUsers'), 'people'),
    );
    await page.getByTestId('table-run-without').check();
    await expect
      .poll(() => current.locator('td').first().textContent())
      .toBe(readableNumber(at(1, 'activeUsers'), 'people'));
    await page.getByTestId('table-run-difference').check();
    await expect
      .poll(() => current.locator('td').first().textContent())
      .toBe(`+${readableNumber(at(0, 'activeUsers') - at(1, 'activeUsers'), 'people')}`);
    const count = (await page.getByTestId('table-count').textContent()) ?? '';
    expect(count).toMatch(/^\d+ of \d+ columns · 157 weeks$/);
    // A header opens the column's details.
    await table.locator('thead th[data-column="activeUsers"] button').click();
    await expect.poll(() => details().getAttribute('data-metric')).toBe('activeUsers');
    await page.getByTestId('details-close').click();
  });

  it('New from a built-in scenario offers every preset and loads the one chosen', async () => {
    await page.getByTestId('view-tab-workspace').click();
    await page.getByTestId('file-new-builtin').click();
    const dialog = page.getByTestId('builtin-dialog');
    await dialog.waitFor();
    for (const name of PRESET_NAMES)
      expect(await dialog.getByTestId(`builtin-${name}`).textContent()).toContain(
        PRESETS[name]().name,
      );
    // Escape closes it and changes nothing.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    expect(await page.getByTestId('scenario-name').textContent()).toBe(withPreset().name);

    await page.getByTestId('file-new-builtin').click();
    await dialog.getByTestId('builtin-mesh').click();
    await expect
      .poll(() => page.getByTestId('scenario-name').textContent())
      .toBe(meshPreset().name);
    const mesh = compareWithWithout(meshPreset(), { backend: 'interpreter' });
    await expect
      .poll(async () =>
        Number(await page.getByTestId('kpi-cumulativeNetValueUsd').getAttribute('data-with')),
      )
      .toBe(mesh.runs[0]!.kpis.cumulativeNetValueUsd);
    expect(await page.getByTestId('dirty').count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
