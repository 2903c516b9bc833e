/**
 * End-to-end in Chromium: "Describe your business" (plausibility question, "your input"), the
 * KPI history import with column mapping, and a calibration in its worker with progress, cancel
 * and adoption ("calibrated to FILE on DATE"). Screenshots go to /work/shots/i14 when it exists.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withPreset } from '../../simulation';
import { syntheticHistory } from '../calibration/synthetic';
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
/** The net value card's figure before anything was adopted (the results change after adoption). */
let netValueBefore: string | null = null;
const problems: string[] = [];
const files = mkdtempSync(join(tmpdir(), 'flywheel-cal-e2e-'));
const SHOTS = existsSync('/work/shots') ? '/work/shots/i14' : null;
const shoot = async (name: string): Promise<void> => {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
};
/** The fit's results at 1600x1000, light and dark, scrolled to the charts (only with SHOTS). */
const shootResults = async (): Promise<void> => {
  if (!SHOTS) return;
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.locator('[data-testid="fit-results"]').scrollIntoViewIfNeeded();
  await page.evaluate(() =>
    document.querySelector('[data-testid="fit-results"]')!.scrollIntoView({ block: 'start' }),
  );
  for (const theme of ['light', 'dark']) {
    await page.selectOption('[data-testid="theme"]', theme);
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme))
      .toBe(theme);
    await page.screenshot({ path: join(SHOTS, `calibration-results-${theme}.png`) });
  }
  await page.selectOption('[data-testid="theme"]', 'light');
  await page.setViewportSize(viewport);
};

beforeAll(async () => {
  const h = syntheticHistory(withPreset(), {
    weeks: 156,
    metrics: ['activeUsers', 'orders'],
    noise: 0.02,
    seed: 3,
    truth: { baseChurnPerWeek: 0.016, bassImitationPerYear: 0.5 },
  });
  const start = Date.UTC(2023, 0, 2);
  const day = (w: number) => new Date(start + w * 7 * 86_400_000).toISOString().slice(0, 10);
  writeFileSync(
    join(files, 'kpis.csv'),
    `Week starting;Active customers;Orders;Notes\n${h.periods
      .map(
        (_, i) =>
          `${day(i)};${Math.round(h.series[0]!.values[i]!)};${Math.round(h.series[1]!.values[i]!)};-`,
      )
      .join('\n')}\n`,
  );
  writeFileSync(join(files, 'broken.csv'), 'week,orders\n0,12\n1,twelve\n2,13\n');
  outDir = await buildWebApp();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  page.setDefaultTimeout(120_000);
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector(
    '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])',
  );
  netValueBefore = await page
    .locator('[data-testid="kpi-cumulativeNetValueUsd"]')
    .getAttribute('data-with');
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeBuild(outDir);
});

describe('your business and your data', { timeout: 180_000 }, () => {
  it('describe your business: a question outside the sources, then "your input" (one undo step)', async () => {
    await page.click('[data-testid="describe-business"]');
    const dialog = page.locator('[data-testid="quickstart"]');
    await dialog.waitFor();
    const churn = dialog.locator('[data-testid="qs-churn"] input');
    await churn.fill('9');
    await dialog.locator('[data-testid="qs-churn"] select').selectOption('week');
    await expect
      .poll(() => dialog.locator('[data-testid="qs-check-churn"]').textContent())
      .toBe(
        'Churn of active customers of 9%/week is above anything in the sources (0.7% to 2.4%/week): sure?',
      );
    await dialog.locator('[data-testid="qs-activeCustomers"] input').fill('250000');
    await dialog.locator('[data-testid="qs-marketSize"] input').fill('4000000');
    await shoot('quickstart-question');
    await dialog.locator('[data-testid="qs-apply"]').click();
    expect(await dialog.locator('[data-testid="qs-confirm"]').textContent()).toMatch(
      /outside what the sources report/,
    );
    await dialog.locator('[data-testid="qs-apply"]').click(); // "Use anyway"
    await dialog.waitFor({ state: 'detached' });
    await page.click('[data-testid="section-customers"] .fw-section__toggle');
    const churnField = page.locator('[data-testid="field-parameters.baseChurnPerWeek"]');
    expect(await churnField.locator('[data-testid="field-provenance"]').textContent()).toBe(
      'your input',
    );
    expect(Number(await churnField.locator('[data-testid="number"]').inputValue())).toBeCloseTo(
      0.09,
      10,
    );
    await shoot('quickstart-applied');
    await page.click('[data-testid="undo"]');
    await expect.poll(() => churnField.locator('[data-testid="field-provenance"]').count()).toBe(0);
    expect(Number(await churnField.locator('[data-testid="number"]').inputValue())).toBe(0.012);
  });

  it('imports a history: preview, guessed and changed mapping, a clear message for a broken file', async () => {
    await page.click('[data-testid="view-tab-calibrate"]');
    await page.setInputFiles('[data-testid="history-file"]', join(files, 'broken.csv'));
    await expect
      .poll(() => page.locator('[data-testid="history-errors"]').textContent())
      .toMatch(/row 3, column 'orders': text where a number belongs \("twelve"\)/);
    await page.setInputFiles('[data-testid="history-file"]', join(files, 'kpis.csv'));
    await page.locator('[data-testid="history-preview"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="history-summary"]').textContent())
      .toMatch(/^156 weeks from 2023-01-02, 2 series: activeUsers, orders/);
    // The user maps Orders away and back (column 2).
    await page.selectOption('[data-testid="map-column-2"]', '');
    await expect
      .poll(() => page.locator('[data-testid="history-summary"]').textContent())
      .toMatch(/1 series: activeUsers$/);
    await page.selectOption('[data-testid="map-column-2"]', 'orders');
    await expect
      .poll(() => page.locator('[data-testid="history-summary"]').textContent())
      .toMatch(/2 series: activeUsers, orders/);
    await shoot('import-mapping');
  });

  it('calibrates in a worker with progress; cancel leaves the scenario as it was; adopting marks the sources', async () => {
    // Cancel a fit that is running and reporting progress: eight parameters from 50 starting
    // points (tens of seconds on two busy cores, seconds on a fast idle machine), cancelled once
    // its progress shows. Progress re-renders only the progress line, so the click is handled at
    // once; when every report re-rendered the whole view, the page's main thread (React's
    // development build here) was too busy to run Playwright's click until the fit had ended.
    const long = [
      'bassInnovationPerYear',
      'wordOfMouthElasticity',
      'winBackPerWeek',
      'baseConversion',
      'marketSize',
    ];
    for (const name of long) await page.check(`[data-testid="fit-${name}"]`);
    await page.fill('[data-testid="calibrate-starts"]', '50');
    const before = await page.evaluate(
      () => document.querySelector('[data-testid="scenario-name"]')?.textContent,
    );
    // A double click starts one fit, in a worker of its own (the second click meets a disabled
    // Fit, never a Cancel that took its place).
    const started = page.waitForEvent('worker');
    await page.dblclick('[data-testid="calibrate"]');
    const worker = await started;
    const closed = new Promise<void>((done) => worker.once('close', () => done()));
    await page.locator('[data-testid="calibrate-cancel"]').waitFor();
    expect(await page.locator('[data-testid="calibrate"]').isDisabled()).toBe(true);
    await page.waitForFunction(() =>
      /^Start \d+ of 50: \d+ model runs$/.test(
        document.querySelector('[data-testid="calibrate-status"]')?.textContent ?? '',
      ),
    );
    await shoot('calibration-progress');
    await page.click('[data-testid="calibrate-cancel"]');
    await expect
      .poll(() => page.locator('[data-testid="calibrate-status"]').textContent())
      .toBe('Cancelled: nothing was changed.');
    await closed; // Cancel terminated the fit's worker: nothing runs on
    expect(await page.locator('[data-testid="calibrate-progress"]').count()).toBe(0);
    expect(await page.locator('[data-testid="fit-results"]').count()).toBe(0);
    expect(await page.locator('[data-testid="dirty"]').count()).toBe(0);
    for (const name of long) await page.uncheck(`[data-testid="fit-${name}"]`);
    await page.uncheck('[data-testid="fit-sessionsPerUserPerWeek"]');

    // A real fit: every status the page shows is recorded, to check that progress was reported.
    await page.fill('[data-testid="calibrate-starts"]', '3');
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenStatus: string[] }).seenStatus = seen;
      new MutationObserver(() => {
        const t = document.querySelector('[data-testid="calibrate-status"]')?.textContent;
        if (t && seen[seen.length - 1] !== t) seen.push(t);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.click('[data-testid="calibrate"]');
    await page.locator('[data-testid="fit-results"]').waitFor();
    const seen = await page.evaluate(
      () => (window as unknown as { seenStatus: string[] }).seenStatus,
    );
    expect(
      seen.some((t) => /^Start [1-3] of 3: \d+ model runs$/.test(t)),
      seen.join(' | '),
    ).toBe(true);
    expect(await page.locator('[data-testid="fit-chart-activeUsers"] circle').count()).toBe(156);
    expect(
      await page.locator('[data-testid="fit-chart-orders"] path.fw-fitchart__model').count(),
    ).toBe(1);
    const rows = await page.locator('[data-testid="fit-estimates"] tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    const churnRow = rows.find((r) => r.startsWith('Churn of active users'))!;
    const [, lo, hi] = /(0\.\d+) to (0\.\d+)$/.exec(churnRow)!.map(Number);
    expect(lo).toBeLessThanOrEqual(0.016);
    expect(hi).toBeGreaterThanOrEqual(0.016);
    expect(await page.locator('[data-testid="fit-warnings"]').textContent()).toMatch(
      /Word of mouth \(Bass q\) and Churn of active users trade off against each other \(r [=>] 0\.9/,
    );
    const onScreen = await page
      .locator('[data-testid="fit-statistics"] tbody tr:first-child td')
      .allTextContents();
    await shootResults();
    await page.click('[data-testid="adopt-fit"]');
    await page.click('[data-testid="view-tab-workspace"]');
    const churnField = page.locator('[data-testid="field-parameters.baseChurnPerWeek"]');
    expect(await churnField.locator('[data-testid="field-provenance"]').textContent()).toMatch(
      /^calibrated to kpis\.csv on \d{4}-\d{2}-\d{2}$/,
    );
    expect(await page.locator('[data-testid="scenario-name"]').textContent()).toBe(before);

    // The report the app exports has the calibration section, with the numbers shown above.
    await expect
      .poll(() =>
        page.locator('[data-testid="kpi-cumulativeNetValueUsd"]').getAttribute('data-with'),
      )
      .not.toBe(netValueBefore);
    await page.click('[data-testid="export-toggle"]');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-report-html"]'),
    ]);
    const html = readFileSync((await download.path())!, 'utf8');
    const section = /<section[^>]*data-testid="report-calibration"[\s\S]*?<\/section>/.exec(
      html,
    )?.[0];
    expect(section).toBeDefined();
    expect(section).toContain('<dt>Data</dt><dd>kpis.csv</dd>');
    expect(section!.match(/<svg/g)).toHaveLength(2);
    expect(section).toContain(
      `<tr data-fit-series="activeUsers"><th scope="row">Active users</th>${onScreen.map((t) => `<td>${t}</td>`).join('')}</tr>`,
    );
    await page.keyboard.press('Escape');
    expect(problems).toEqual([]);
  });

  it('adopts a fit as a variant: shown at once, the base kept, one undo step', async () => {
    await page.click('[data-testid="view-tab-calibrate"]');
    await page.click('[data-testid="calibrate"]');
    await expect
      .poll(() => page.locator('[data-testid="adopt-fit-variant"]').isEnabled())
      .toBe(true);
    await page.click('[data-testid="adopt-fit-variant"]');
    expect(await page.locator('[data-testid="adopt-status"]').textContent()).toBe(
      'Adopted as the variant ‘Calibrated to kpis.csv’, now on screen (Undo reverts it).',
    );
    expect(await page.locator('[data-testid="adopt-fit"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="undo"]').getAttribute('title')).toBe(
      "Undo: Adopt the fit to kpis.csv as 'Calibrated to kpis.csv' (Ctrl+Z)",
    );
    expect(problems).toEqual([]);
  });
});
