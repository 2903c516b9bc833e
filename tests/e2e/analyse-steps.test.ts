/**
 * The Analyse view's sensitivity, sweep and goal-seek analyses in the built app in Chromium:
 * progress while they run on the analysis workers, Cancel giving the previous result back, bad
 * settings refused with a message, exports, the answer of a goal seek added as a variant, and the
 * numbers on screen and in the exports equal to `flywheel sensitivity|sweep|seek` for the same
 * settings (the CLI run here as a child process, with the command the app shows).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../renderer/export/csv';
import { PNG_SIGNATURE } from '../../renderer/export/png';
import {
  cliResults,
  download as downloadFrom,
  eventually,
  openBuiltApp,
  stepDone,
  type OpenApp,
} from './analyse-page';

/** The goal seek's answer as the app's sentence shows it (the report must say the same). */
let seekValueShown = '';
let app: OpenApp;
let page: Page;

beforeAll(async () => {
  app = await openBuiltApp();
  page = app.page;
  await page.getByTestId('view-tab-analyse').click();
}, 300_000);

afterAll(async () => {
  await app?.close();
});

const download = (testId: string) => downloadFrom(page, testId);
/** The CLI's JSON for the command the app shows (the scenario file is the default scenario). */
const cli = (testId: string, stderr: RegExp | '' = '') => cliResults(page, testId, stderr);
const done = (id: string) => stepDone(page, id);

/**
 * Clicks Run and resolves with the first progress short of the end that the analysis shows (null
 * if it ended without showing any), clicking Cancel right then when `cancel`. A mutation observer
 * in the page checks every change in the task that made it, so the analysis cannot end in between:
 * on the WebAssembly backend a whole tornado takes a few tenths of a second.
 */
function runSeeingProgress(
  id: string,
  cancel = false,
): Promise<{ done: number; total: number } | null> {
  return page.evaluate(
    ([testId, andCancel]) =>
      new Promise<{ done: number; total: number } | null>((resolve) => {
        const q = (name: string) => document.querySelector(`[data-testid="${testId}-${name}"]`);
        let started = false;
        const check = () => {
          const bar = q('progress');
          const d = Number(bar?.getAttribute('data-done'));
          const t = Number(bar?.getAttribute('data-total'));
          const running = q('status')?.getAttribute('data-running');
          if (running === 'true') started = true;
          if (bar && d > 0 && (t === 0 || d < t)) {
            if (andCancel) (q('cancel') as HTMLButtonElement).click();
            observer.disconnect();
            resolve({ done: d, total: t });
          } else if (started && running === 'false') {
            observer.disconnect();
            resolve(null);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, attributes: true, childList: true });
        (q('run') as HTMLButtonElement).click();
      }),
    [id, cancel] as const,
  );
}

describe('Analyse: sensitivity, sweeps and goal seek', { timeout: 600_000 }, () => {
  it('tornado: progress, then every bar equal to flywheel sensitivity', async () => {
    await page.getByTestId('analysis-sensitivity-choice').click();
    const seen = await runSeeingProgress('tornado');
    expect(seen?.total).toBeGreaterThan(200);
    await done('tornado');
    expect(await page.getByTestId('tornado-command').textContent()).toBe(
      "flywheel sensitivity 'E-commerce with data products.flywheel.json' --weeks 156 --seed 1 --mode stochastic --kpi cumulativeNetValueUsd --difference",
    );
    const json = (await cli('tornado-command')) as {
      tornado: { bars: { name: string; kpiAtLow: number; kpiAtHigh: number; swing: number }[] };
    };
    const csv = parseCsv((await download('tornado-export-csv')).text).filter((r) => r.length > 1);
    const [head, ...rows] = csv;
    expect(rows).toHaveLength(json.tornado.bars.length);
    const col = (n: string) => head!.indexOf(n);
    json.tornado.bars.forEach((b, i) => {
      const r = rows[i]!;
      expect(r[col('parameter')], `rank ${i + 1}`).toBe(b.name);
      expect(Number(r[col('cumulativeNetValueUsd_at_low')])).toBe(b.kpiAtLow);
      expect(Number(r[col('cumulativeNetValueUsd_at_high')])).toBe(b.kpiAtHigh);
      expect(Number(r[col('swing')])).toBe(b.swing);
    });
    expect(await page.getByTestId('tornado-results').getAttribute('data-bars')).toBe(
      String(json.tornado.bars.length),
    );
    const svg = await download('tornado-export-svg');
    expect(svg.name).toBe('E-commerce with data products-sensitivity-tornado.svg');
    expect(svg.text).toContain('Tornado: Cumulative net value');
    expect(svg.text).toContain('flywheel sensitivity');
  });

  it('tornado: Cancel stops and gives the previous result back', async () => {
    await page.getByTestId('tornado-range-relative').check();
    expect(await runSeeingProgress('tornado', true)).not.toBeNull();
    await eventually(() => page.getByTestId('tornado-problem').textContent()).toBe('Cancelled.');
    await done('tornado');
    expect(await page.getByTestId('tornado-command').textContent()).not.toContain('--relative');
    await page.getByTestId('tornado-percent').fill('abc');
    await page.getByTestId('tornado-run').click();
    await eventually(() => page.getByTestId('tornado-problem').textContent()).toMatch(
      /Range: ±abc% is not a percentage/,
    );
    await page.getByTestId('tornado-range-plausible').check();
  });

  it('one-parameter sweep: curves, the crossing, equal to flywheel sweep; PNG export', async () => {
    await page.getByTestId('analysis-sweep-choice').click();
    await page.getByTestId('sweep-x-from').fill('-1');
    await page.getByTestId('sweep-x-to').fill('1');
    await page.getByTestId('sweep-run').click();
    await eventually(() => page.getByTestId('sweep-problem').textContent()).toMatch(
      /outside.*valid range|valid range/,
    );
    expect(await page.getByTestId('sweep-status').count()).toBe(0);
    await page.getByTestId('sweep-x-from').fill('0');
    await page.getByTestId('sweep-steps').fill('10');
    await page.getByTestId('sweep-run').click();
    await done('sweep');
    const json = (await cli('sweep-command')) as {
      sweep: {
        values: number[];
        scenario: number[];
        without: number[];
        crossings: { value: number }[];
      };
    };
    const rows = parseCsv((await download('sweep-export-csv')).text).filter(
      (r) => r.length > 1 && /^[\d.]+$/.test(r[0]!),
    );
    expect(rows.map((r) => Number(r[0]))).toEqual(json.sweep.values);
    expect(rows.map((r) => Number(r[1]))).toEqual(json.sweep.scenario);
    expect(rows.map((r) => Number(r[2]))).toEqual(json.sweep.without);
    const crossings = await page.getByTestId('sweep-crossing').getAttribute('data-crossings');
    expect(crossings).toBe(json.sweep.crossings.map((c) => c.value).join(' '));
    expect(json.sweep.crossings.length).toBeGreaterThan(0);
    expect(
      await page.locator('[data-testid="chart-sweep-curves"] [data-mark="crossing"]').count(),
    ).toBe(json.sweep.crossings.length);
    await page.getByTestId('sweep-export-figure').selectOption('sweep-curves');
    const png = await download('sweep-export-png');
    expect(png.name).toBe('E-commerce with data products-sweep-curves.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
  });

  it('two-parameter sweep: heatmap with the break-even contour, equal to the CLI; Cancel', async () => {
    await page.getByTestId('sweep-mode-two').check();
    await page.getByTestId('sweep-steps').fill('40');
    expect(await runSeeingProgress('sweep', true)).not.toBeNull();
    await eventually(() => page.getByTestId('sweep-problem').textContent()).toBe('Cancelled.');
    expect(await page.getByTestId('sweep-results').getAttribute('data-kind')).toBe('curves');
    await page.getByTestId('sweep-steps').fill('8');
    await page.getByTestId('sweep-run').click();
    await done('sweep');
    expect(await page.getByTestId('sweep-results').getAttribute('data-kind')).toBe('grid');
    const json = (await cli('sweep-command')) as {
      grid: { values: (number | null)[]; difference: (number | null)[] };
    };
    const rows = parseCsv((await download('sweep-export-csv')).text).filter((r) => r.length > 1);
    expect(rows.slice(1).map((r) => Number(r[3]))).toEqual(json.grid.difference);
    expect(rows).toHaveLength(1 + 9 * 9);
    const contour = page.locator(
      '[data-testid="chart-sweep-heatmap"] path[data-contour="break-even"]',
    );
    expect(await contour.count()).toBeGreaterThan(0);
    expect(await contour.first().getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
  });

  it('goal seek: an unreachable target says so, with the closest value found', async () => {
    await page.getByTestId('analysis-seek-choice').click();
    await page.getByTestId('seek-target').fill('1000000000000');
    await page.getByTestId('seek-week').fill('52');
    await page.getByTestId('seek-run').click();
    await done('seek');
    const miss = page.getByTestId('seek-unreachable');
    await eventually(() => miss.count()).toBe(1);
    expect(await miss.textContent()).toMatch(/by week 52 cannot be reached .* The closest: /);
    expect(await page.getByTestId('seek-command').textContent()).toContain('--weeks 52');
    const json = (await cli('seek-command', /does not reach \$1T .* the closest is/)) as {
      seek: { closest: { value: number } };
    };
    expect(Number(await miss.getAttribute('data-closest'))).toBe(json.seek.closest.value);
  });

  it('goal seek: the value that reaches a target, equal to flywheel seek; added as a variant', async () => {
    await page.getByTestId('seek-target').fill('abc');
    await page.getByTestId('seek-run').click();
    await eventually(() => page.getByTestId('seek-problem').textContent()).toMatch(
      /Target: 'abc' is not a number/,
    );
    await page.getByTestId('seek-week').fill('');
    await page.getByTestId('seek-target').fill('10000000');
    await page.getByTestId('seek-run').click();
    await done('seek');
    const answer = page.getByTestId('seek-answer');
    const json = (await cli('seek-command')) as {
      seek: { answer: { value: number; kpi: number } };
    };
    expect(Number(await answer.getAttribute('data-value'))).toBe(json.seek.answer.value);
    expect(Number(await answer.getAttribute('data-kpi'))).toBe(json.seek.answer.kpi);
    // The sentence rounds the answer for reading: to within 0.005 of flywheel seek's value.
    const said = /All data products: every anatomy part \(maturity\) = ([\d.]+) gives/.exec(
      (await answer.textContent()) ?? '',
    );
    expect(said).not.toBeNull();
    expect(Math.abs(Number(said![1]) - json.seek.answer.value)).toBeLessThanOrEqual(0.005);
    seekValueShown = said![1]!;
    const csv = parseCsv((await download('seek-export-csv')).text).filter((r) => r.length > 1);
    expect(csv.length).toBeGreaterThan(10);
    await page.getByTestId('seek-variant').click();
    await eventually(() => page.getByTestId('seek-variant-outcome').textContent()).toMatch(
      /Added the variant '.+': the workspace now shows it/,
    );
    // The variant's run gives the answer's gap (same seed, the answer's values set).
    await page.getByTestId('view-tab-workspace').click();
    await eventually(async () =>
      Math.abs(
        Number(await page.getByTestId('kpi-cumulativeNetValueUsd').getAttribute('data-delta')) -
          json.seek.answer.kpi,
      ),
    ).toBeLessThan(1);
  });

  it('the exported report has each analysis with its settings, answer and command', async () => {
    await page.click('[data-testid="export-toggle"]');
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.click('[data-testid="export-report-html"]'),
    ]);
    const html = readFileSync((await file.path())!, 'utf8');
    const section = /<section[^>]*data-testid="report-analyses"[\s\S]*$/.exec(html)?.[0] ?? '';
    for (const kind of ['tornado', 'sweep', 'seek'])
      expect(section, kind).toContain(`data-analysis="${kind}"`);
    const shown = (html.match(/data-testid="report-analysis-command">([^<]*)</g) ?? []).map((m) =>
      m.replace(/^[^>]*>/, '').replace(/<$/, ''),
    );
    expect(shown).toContain(
      'flywheel sensitivity &#x27;E-commerce with data products.flywheel.json&#x27; --weeks 156 --seed 1 --mode stochastic --kpi cumulativeNetValueUsd --difference',
    );
    expect(
      shown.some((c) =>
        c.startsWith('flywheel sweep &#x27;E-commerce with data products.flywheel.json&#x27;'),
      ),
    ).toBe(true);
    expect(shown).toContain(
      'flywheel seek &#x27;E-commerce with data products.flywheel.json&#x27; --weeks 156 --seed 1 --mode stochastic --kpi cumulativeNetValueUsd --difference --param &#x27;dataProduct.*.maturity.*&#x27; --target 10000000',
    );
    expect(section).toContain(
      `data-testid="report-seek-answer">All data products: every anatomy part (maturity) = ${seekValueShown} gives`,
    );
    // The variant added from the answer is shown now: the analyses were made on the base.
    expect(section).toContain('run on an earlier version of the scenario');
    expect(section.match(/<svg/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it('logged no console errors, warnings or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });
});
