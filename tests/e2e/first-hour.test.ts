/**
 * The workspace's first hour, as a new architect meets it (issue #15), in the built web app in
 * Chromium: it opens on a week that tells the story; number boxes group thousands and their
 * Ctrl+Z undoes the scenario edit (box, slider and results agree); amounts are charted from zero
 * and an index's broken axis is marked; cards and readouts do not round into contradictions,
 * explain themselves and never repeat a figure; the theme is remembered; the restore prompt does
 * not claim a crash.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithWithout, formatDisplayValues, withPreset } from '../../simulation';
import { BACKUP_KEY } from '../../renderer/bridge/web-bridge';
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

const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 60_000, interval: 50 });

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

const kpi = (id: string) => page.getByTestId(`kpi-${id}`);
const qualityField = () =>
  page.locator(
    '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"]',
  );
const withOf = async (id: string): Promise<number> =>
  Number(await kpi(id).getAttribute('data-with'));

describe('the workspace on first opening', { timeout: 120_000 }, () => {
  it('opens at the horizon, where every product is live and the loop turns', async () => {
    expect(await page.getByTestId('current-week').getAttribute('data-week')).toBe('156');
    expect(await page.locator('figure.fw-loop--with').getAttribute('data-week')).toBe('156');
    expect(
      await page.locator('figure.fw-loop--with .fw-loop__centre-value').textContent(),
    ).not.toBe('±0.0%');
    expect(
      await page
        .locator('[data-testid="product-customer-360"] [data-testid="health"]')
        .textContent(),
    ).toContain('Live at week 156');
  });

  it('shows cards whose values can be subtracted, explains them, and repeats no figure', async () => {
    const c = compareWithWithout(withPreset(), { backend: 'interpreter' });
    const [users, usersWithout] = formatDisplayValues(
      [c.runs[0]!.kpis.finalActiveUsers, c.runs[1]!.kpis.finalActiveUsers],
      'people',
      false,
    );
    expect(await kpi('finalActiveUsers').getByTestId('kpi-with').textContent()).toBe(users);
    expect(await kpi('finalActiveUsers').getByTestId('kpi-without').textContent()).toBe(
      usersWithout,
    );
    // "1.005M" and "0.931M", not "1M" and "931k" beside +74.3k.
    expect(users).toMatch(/^1\.\d{3}M$/);

    const titles = await page.locator('.fw-kpi__label').allTextContents();
    expect(titles).toContain('Data incidents');
    for (const t of titles) {
      // A unit in brackets only when the label does not say it already.
      const unit = /\(([a-z]+)\)$/.exec(t)?.[1];
      if (unit) expect(t.slice(0, t.lastIndexOf('(')).toLowerCase(), t).not.toContain(unit);
    }
    const deltas = await page.locator('[data-testid="kpi-delta"]').allTextContents();
    const figures = deltas.map((d) =>
      d
        .replace(/^[▲▼ ]+/, '')
        .split(',')[0]!
        .trim(),
    );
    expect(new Set(figures.filter((f) => /\d/.test(f))).size).toBe(
      figures.filter((f) => /\d/.test(f)).length,
    );

    // The status quo is on the net value card, and "?" says what the figures mean.
    const sq = c.runs[0]!.kpis.cumulativeNetValueUsd - c.runs[0]!.kpis.netValueVsStatusQuoUsd;
    expect(await kpi('cumulativeNetValueUsd').getByTestId('kpi-status-quo').textContent()).toBe(
      formatDisplayValues(
        [c.runs[0]!.kpis.cumulativeNetValueUsd, c.runs[1]!.kpis.cumulativeNetValueUsd, sq],
        'usd',
        false,
      )[2],
    );
    for (const [id, words] of [
      ['paybackWeek', /status quo is the same business with no data products and no AI/],
      ['cumulativeNetValueUsd', /Net value is revenue less every cost/],
      ['finalAiPerformance', /performance of the AI models/],
    ] as const) {
      const about = kpi(id).getByTestId('kpi-about');
      expect(await about.isVisible()).toBe(false);
      await kpi(id).getByTestId('kpi-about-toggle').click();
      expect(await about.textContent()).toMatch(words);
      expect(await about.isVisible()).toBe(true);
    }
  });

  it('charts amounts from zero and marks the broken axis of an index', async () => {
    const users = page.getByTestId('chart-active-users');
    const ticks = await users.locator('.fw-chart__axis--y text').allTextContents();
    expect(ticks[0]).toBe('0');
    expect(await users.getByTestId('chart-axis-break').count()).toBe(0);
    const experience = page.getByTestId('chart-experience');
    expect(await experience.getByTestId('chart-axis-break').count()).toBe(1);
    expect(await experience.locator('svg').first().getAttribute('aria-label')).toContain(
      'the axis does not start at zero',
    );
  });

  it('groups thousands in number boxes and reads them back', async () => {
    await page.getByRole('button', { name: 'Market' }).click();
    const market = page.locator(
      '[data-testid="field-parameters.marketSize"] [data-testid="number"]',
    );
    expect(await market.inputValue()).toBe('10,000,000');
    const initial = await withOf('cumulativeNetValueUsd');
    await market.fill('12,500,000');
    await market.press('Enter');
    await eventually(() => market.inputValue()).toBe('12,500,000');
    await page.keyboard.press('Control+z'); // in the box: the scenario's undo
    await eventually(() => market.inputValue()).toBe('10,000,000');
    // The results follow the undo too (the next test reads them as its starting point).
    await eventually(() => withOf('cumulativeNetValueUsd')).toBe(initial);
  });

  it('undoes the scenario edit with Ctrl+Z in a number box: box, slider and results agree', async () => {
    const box = qualityField().getByTestId('number');
    const slider = qualityField().getByTestId('slider');
    const before = await withOf('cumulativeNetValueUsd');
    await box.fill('0.95');
    await box.press('Enter');
    await eventually(() => withOf('cumulativeNetValueUsd')).not.toBe(before);
    const after = await withOf('cumulativeNetValueUsd');
    expect(await slider.inputValue()).toBe('0.95');

    // The focus stays in the box: Ctrl+Z undoes the edit, not just the typing.
    await box.press('Control+z');
    await eventually(() => withOf('cumulativeNetValueUsd')).toBe(before);
    expect(await box.inputValue()).toBe('0.75');
    expect(await slider.inputValue()).toBe('0.75');
    await box.press('Control+Shift+z');
    await eventually(() => withOf('cumulativeNetValueUsd')).toBe(after);
    expect(await box.inputValue()).toBe('0.95');
    expect(await slider.inputValue()).toBe('0.95');

    // Typed but not committed: Ctrl+Z drops the typing and leaves the scenario as it is.
    const revision = await page.getByTestId('charts').getAttribute('data-revision');
    await box.fill('0.5');
    await box.press('Control+z');
    expect(await box.inputValue()).toBe('0.95');
    expect(await slider.inputValue()).toBe('0.95');
    await box.press('Tab');
    expect(await page.getByTestId('charts').getAttribute('data-revision')).toBe(revision);
    expect(await withOf('cumulativeNetValueUsd')).toBe(after);
  });

  it('remembers the theme across reloads, and the restore prompt claims no crash', async () => {
    await page.getByTestId('theme').selectOption('dark');
    // Back to the scenario as loaded: nothing unsaved here, so no backup of this page is pending.
    for (let i = 0; i < 10 && (await page.getByTestId('dirty').count()) > 0; i++) {
      await page.getByTestId('undo').click();
    }
    await eventually(() => page.getByTestId('dirty').count()).toBe(0);
    // A backup left by a normal close of a tab with unsaved work.
    await page.evaluate(
      ([key, text]) =>
        localStorage.setItem(
          key,
          JSON.stringify({
            scenarioText: text,
            fileName: 'plan.flywheel.json',
            filePath: null,
            savedAt: new Date().toISOString(),
          }),
        ),
      [
        BACKUP_KEY,
        JSON.stringify({ kind: 'flywheel-lab/scenario', formatVersion: 1, name: 'Plan' }),
      ] as const,
    );
    await page.reload();
    const prompt = page.getByTestId('prompt-recover');
    await prompt.waitFor();
    const text = (await prompt.textContent()) ?? '';
    expect(text).toContain('plan.flywheel.json');
    expect(text).not.toMatch(/did not close normally|crash/i);
    await page.getByTestId('prompt-discard').click();
    await page.waitForSelector(READY);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.getByTestId('theme').inputValue()).toBe('dark');
    expect(problems).toEqual([]);
  });
});
