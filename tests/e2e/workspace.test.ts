/**
 * End-to-end tests of the built web app in Debian's Chromium: the workspace as users see it.
 * Numbers on the page are checked against the engine run here in Node (the same code, the same
 * interpreter backend), so "the direction the model says" is the model's own answer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  breakEvenFigure,
  breakEvenSentence,
  compareWithWithout,
  computeHeadline,
  formatShare,
  withPreset,
  type Scenario,
} from '../../simulation';
import { META_CSP } from '../../renderer/csp';
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
const consoleProblems: string[] = [];
/** Every URL the pages requested (the app must fetch nothing beyond its own files). */
const requested: string[] = [];

/** Polls until the assertion holds (the machine may be busy: generous, but fails in the end). */
const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 60_000, interval: 50 });

const kpi = (id: string) => page.locator(`[data-testid="kpi-${id}"]`);
const withValueOf = async (id: string): Promise<number> =>
  Number(await kpi(id).getAttribute('data-with'));
const chartsRevision = async (): Promise<number> =>
  Number(await page.locator('[data-testid="charts"]').getAttribute('data-revision'));
const qualityBox = () =>
  page.locator(
    '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="number"]',
  );

async function waitForKpiChange(id: string, previous: number): Promise<number> {
  await page.waitForFunction(
    ([sel, prev]) => {
      const v = document.querySelector(sel)?.getAttribute('data-with');
      return v !== null && v !== undefined && v !== '' && Number(v) !== prev;
    },
    [`[data-testid="kpi-${id}"]`, previous] as const,
  );
  return withValueOf(id);
}

function expectedWith(scenario: Scenario) {
  return compareWithWithout(scenario, { backend: 'interpreter' });
}

beforeAll(async () => {
  outDir = await buildWebApp();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  // Reduced motion: the loop shows its rates without moving particles, so the page's main thread
  // stays free for the interactions under test (the benchmark measures the animation).
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
  await openWorkspace(page);
}, 300_000);

const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';

/** Loads the app in `p`, recording console errors, warnings, page errors and CSP violations. */
async function openWorkspace(p: Page): Promise<void> {
  p.setDefaultTimeout(120_000);
  p.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') {
      consoleProblems.push(`${m.type()}: ${m.text()}`);
    }
  });
  p.on('pageerror', (e) => consoleProblems.push(`pageerror: ${e.message}`));
  p.on('request', (r) => requested.push(r.url()));
  await p.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await p.goto(server.url);
  await p.waitForSelector(READY);
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeBuild(outDir);
});

// Generous limits: the suite runs beside other heavy tests on two cores; a slow step still fails.
describe('the built workspace', { timeout: 120_000 }, () => {
  it('ships the strict Content-Security-Policy and runs the engine in a worker', async () => {
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta?.replaceAll('&#39;', "'")).toBe(META_CSP);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline scripts
    expect(html).not.toMatch(/<style|style="/);
    // The engine, and a second one for the headline results (hundreds of runs, never in a chart's way).
    expect(page.workers()).toHaveLength(2);
    expect(requested.length).toBeGreaterThan(2);
    expect(requested.filter((url) => !url.startsWith(server.url))).toEqual([]);
  });

  it('opens on the default scenario with both runs: KPIs, charts and numbers from the engine', async () => {
    const expected = expectedWith(withPreset());
    expect(await withValueOf('cumulativeNetValueUsd')).toBe(
      expected.runs[0]!.kpis.cumulativeNetValueUsd,
    );
    expect(Number(await kpi('cumulativeNetValueUsd').getAttribute('data-without'))).toBe(
      expected.runs[1]!.kpis.cumulativeNetValueUsd,
    );
    expect(
      await page.locator('[data-testid="kpis"] [data-testid^="kpi-"]').count(),
    ).toBeGreaterThanOrEqual(8);
    const chart = page.locator('[data-testid="chart-active-users"]');
    await eventually(() => chart.locator('path[data-series]').count()).toBe(2);
    expect(await chart.locator('path[data-series="with"]').getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+L/,
    );
    expect(await chart.locator('path[data-series="without"]').getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+L/,
    );
  });

  it('shows the break-even maturity gap and how often with wins, as the engine computes them', async () => {
    const h = computeHeadline(withPreset(), { backend: 'codegen' });
    const section = page.locator('[data-testid="headline"]');
    await eventually(() => section.getAttribute('data-current')).toBe('yes');
    expect(await page.locator('[data-testid="headline-break-even-figure"]').textContent()).toBe(
      breakEvenFigure(h.breakEven!),
    );
    expect(await page.locator('[data-testid="headline-break-even-words"]').textContent()).toBe(
      breakEvenSentence(h.breakEven!),
    );
    expect(await page.locator('[data-testid="headline-win-figure"]').textContent()).toBe(
      formatShare(h.win!.probability, h.win!.wins, h.win!.draws),
    );
    expect(await page.locator('[data-testid="headline-win-words"]').textContent()).toMatch(
      /ends ahead of own pipelines in .* of 400 Monte Carlo draws/,
    );
    expect(await page.locator('[data-testid="headline-cost-words"]').textContent()).toMatch(
      /is cost alone/,
    );
  });

  it('raising Customer 360 quality raises cumulative net value as the model says; undo restores it exactly', async () => {
    const before = await withValueOf('cumulativeNetValueUsd');
    await qualityBox().fill('0.95');
    await qualityBox().press('Enter');
    const after = await waitForKpiChange('cumulativeNetValueUsd', before);
    const edited = withPreset();
    edited.dataProducts[0]!.maturity.quality = 0.95;
    expect(after).toBe(expectedWith(edited).runs[0]!.kpis.cumulativeNetValueUsd);
    expect(after).toBeGreaterThan(before);

    await page.locator('main').focus(); // shortcuts do not act inside a text box
    await page.keyboard.press('Control+z');
    expect(await waitForKpiChange('cumulativeNetValueUsd', after)).toBe(before);
    await eventually(() => qualityBox().inputValue()).toBe('0.75');

    await page.keyboard.press('Control+Shift+z');
    expect(await waitForKpiChange('cumulativeNetValueUsd', before)).toBe(after);
    await page.keyboard.press('Control+z');
    expect(await waitForKpiChange('cumulativeNetValueUsd', after)).toBe(before);
  });

  it('a slider drag is one undo step', async () => {
    const before = await withValueOf('cumulativeNetValueUsd');
    const field = page.locator(
      '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.datasets"]',
    );
    const slider = field.locator('[data-testid="slider"]');
    await slider.scrollIntoViewIfNeeded();
    const box = (await slider.boundingBox())!;
    const y = box.y + box.height / 2;
    const xAt = (v: number): number => box.x + 8 + (box.width - 16) * v; // thumb radius ~8 px
    await page.mouse.move(xAt(0.8), y);
    await page.mouse.down();
    for (const v of [0.7, 0.6, 0.5, 0.4, 0.3]) await page.mouse.move(xAt(v), y, { steps: 3 });
    await page.mouse.up();
    const dragged = Number(await field.locator('[data-testid="number"]').inputValue());
    expect(dragged).toBeLessThan(0.5);
    await waitForKpiChange('cumulativeNetValueUsd', before);
    await eventually(() => page.locator('[data-testid="undo"]').getAttribute('title')).toBe(
      'Undo: Customer 360: Datasets (Ctrl+Z)',
    );
    await page.keyboard.press('Control+z'); // focus is on the slider: not a text field
    // The results come back to where they were. (Not the next change: results of the drag's
    // last values may still be arriving when Ctrl+Z is pressed, under load.)
    await eventually(() => withValueOf('cumulativeNetValueUsd')).toBe(before);
    expect(await field.locator('[data-testid="number"]').inputValue()).toBe('0.8');
    expect(await page.locator('[data-testid="undo"]').isDisabled()).toBe(true); // one step, all undone
  });

  it('an invalid value shows its message and leaves the results as they were', async () => {
    const before = await withValueOf('cumulativeNetValueUsd');
    const revision = await chartsRevision();
    await qualityBox().fill('1.5');
    await qualityBox().press('Enter');
    const field = page.locator(
      '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"]',
    );
    await eventually(() => field.locator('[data-testid="field-error"]').textContent()).toMatch(
      /expected a number from 0 to 1.*got 1\.5/,
    );
    expect(await qualityBox().getAttribute('aria-invalid')).toBe('true');
    await page.waitForTimeout(300);
    expect(await chartsRevision()).toBe(revision);
    expect(await withValueOf('cumulativeNetValueUsd')).toBe(before);
    await qualityBox().press('Escape');
    await eventually(() => field.locator('[data-testid="field-error"]').count()).toBe(0);
  });

  it('play advances the week, and the charts mark it', async () => {
    const week = page.locator('[data-testid="current-week"]');
    // The app opens at the horizon; Play from there starts again from week 0.
    expect(Number(await week.getAttribute('data-week'))).toBe(156);
    await page.locator('[data-testid="play"]').click();
    await eventually(async () => Number(await week.getAttribute('data-week'))).toBeGreaterThan(4);
    expect(Number(await week.getAttribute('data-week'))).toBeLessThan(156);
    await page.locator('[data-testid="play"]').click(); // pause
    const paused = Number(await week.getAttribute('data-week'));
    await page.waitForTimeout(200);
    expect(Number(await week.getAttribute('data-week'))).toBe(paused);
    const marked = await page
      .locator('[data-testid="chart-revenue"] [data-testid="chart-current-week"] line')
      .getAttribute('data-week');
    expect(Number(marked)).toBe(paused);
  });

  it('adding a data product shows up in the panel, the loop and the charts', async () => {
    const quality = page.locator('[data-testid="chart-data-quality"] path[data-series="with"]');
    const pathBefore = await quality.getAttribute('d');
    const spendingBefore = await withValueOf('cumulativeSpendingUsd');
    await page.locator('[data-testid="add-product"]').click();
    await eventually(() => page.locator('[data-testid="product-data-product-5"]').count()).toBe(1);
    expect(await waitForKpiChange('cumulativeSpendingUsd', spendingBefore)).toBeGreaterThan(
      spendingBefore,
    );
    await eventually(() => quality.getAttribute('d')).not.toBe(pathBefore);
    await eventually(() => page.locator('[data-testid="loops"]').textContent()).toContain(
      'Data product 5',
    );
  });

  it('animates the loop when motion is allowed', async () => {
    const animated = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    try {
      await openWorkspace(animated);
      await animated.locator('[data-testid="play"]').click();
      const week = animated.locator('[data-testid="current-week"]');
      await eventually(async () => Number(await week.getAttribute('data-week'))).toBeGreaterThan(2);
    } finally {
      await animated.close();
    }
  });

  it('logged no console errors, warnings or CSP violations', () => {
    expect(consoleProblems).toEqual([]);
  });
});
