/**
 * The Analyse view's Uncertainty analysis in the built app in Chromium: Monte Carlo in one Web
 * Worker per core, progress while it runs, bands on screen before it ends, Cancel keeping the
 * first draws, bad settings refused with a message, exports, and the numbers equal to
 * `flywheel run --runs N` for the same scenario and seed (the CLI run here as a child process).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERCENTILE_KEYS, uncertainParameters, withPreset } from '../../simulation';
import { parseCsv } from '../../renderer/export/csv';
import { PNG_SIGNATURE } from '../../renderer/export/png';
import { flywheel, tempFolder } from '../cli/helpers';
import { download as downloadFrom, eventually, openBuiltApp, type OpenApp } from './analyse-page';

/** The engine's workers (the app starts them on load); an analysis adds workers of another script. */
let engineWorkerUrls = new Set<string>();
const analysisWorkers = () => page.workers().filter((w) => !engineWorkerUrls.has(w.url()));
let app: OpenApp;
let page: Page;
/**
 * Enough draws that the page shows several snapshots before the end even when the machine is
 * busy (CI runs many test files at once): 300 took a few tenths of a second on WebAssembly, and
 * under load the page could draw its first snapshot only once every draw had arrived.
 */
const DRAWS = 1200;
const SEED = 7;

beforeAll(async () => {
  app = await openBuiltApp();
  page = app.page;
  // The engine's workers (results and the headline's, both started on load) share one script.
  while (page.workers().length < 2) await page.waitForEvent('worker');
  engineWorkerUrls = new Set(page.workers().map((w) => w.url()));
}, 300_000);

afterAll(async () => {
  await app?.close();
});

const download = (testId: string) => downloadFrom(page, testId);

const status = () => page.getByTestId('mc-status');
const shownDraws = async (): Promise<number> =>
  Number(await page.getByTestId('mc-results').getAttribute('data-draws'));
/** The draws each figure shows (they take a new snapshot one per task, so they may lag a little). */
const figureDraws = (): Promise<number[]> =>
  page
    .locator('[data-testid="mc-results"] [data-draws]')
    .evaluateAll((es) => es.map((e) => Number(e.getAttribute('data-draws'))));

async function run(draws: number, seed = ''): Promise<void> {
  await page.getByTestId('mc-draws').fill(String(draws));
  await page.getByTestId('mc-seed').fill(seed);
  await page.getByTestId('mc-run').click();
}

describe('Analyse: uncertainty', { timeout: 300_000 }, () => {
  it('opens from the shortcut of its tab (Alt+n) and explains what is drawn', async () => {
    const tabs = await page.locator('[role="tab"]').evaluateAll((t) => t.map((e) => e.id));
    const n = tabs.indexOf('view-tab-analyse') + 1;
    expect(n).toBeGreaterThan(0);
    await page.locator('main').focus();
    await page.keyboard.press(`Alt+${n}`);
    await eventually(() => page.getByTestId('analysis-uncertainty').count()).toBe(1);
    // Opening the view starts and warms up one analysis worker per core (renderer/analysis/warm.ts).
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    await eventually(() => analysisWorkers().length).toBe(cores);
    const note = await page.getByTestId('mc-form').textContent();
    expect(note).toContain(`${uncertainParameters(withPreset()).length} uncertain assumptions`);
  });

  it('refuses bad settings with a message, and starts nothing', async () => {
    await run(Number.NaN);
    await eventually(() => page.getByTestId('mc-problem').textContent()).toMatch(
      /Draws: 'NaN' is not a whole number/,
    );
    await page.getByTestId('mc-draws').fill('200000');
    await page.getByTestId('mc-run').click();
    await eventually(() => page.getByTestId('mc-problem').textContent()).toMatch(
      /Draws: 200,000 is outside 2 to 100,000/,
    );
    await page.getByTestId('mc-draws').fill('100');
    await page.getByTestId('mc-seed').fill('-3');
    await page.getByTestId('mc-run').click();
    await eventually(() => page.getByTestId('mc-problem').textContent()).toMatch(
      /Seed: -3 is outside/,
    );
    expect(await page.getByTestId('mc-status').count()).toBe(0);
    // No analysis started: the only analysis workers are those the view warmed up as it opened.
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(analysisWorkers()).toHaveLength(cores);
  });

  it('runs in one worker per core, shows progress and bands before it ends', async () => {
    await page.getByTestId('mc-draws').fill(String(DRAWS));
    await page.getByTestId('mc-seed').fill(String(SEED));
    // Seen while running: progress short of the total, and bands of the draws merged so far. A
    // mutation observer checks the page after every task that changed it, so the run cannot end
    // between two looks.
    const seen = await page.evaluate(
      () =>
        new Promise<{ done: number; total: number; shown: number } | null>((resolve) => {
          let started = false;
          const check = (): void => {
            const bar = document.querySelector('[data-testid="mc-progress"]');
            const results = document.querySelector('[data-testid="mc-results"]');
            const running = document
              .querySelector('[data-testid="mc-status"]')
              ?.getAttribute('data-running');
            if (running === 'true') started = true;
            const done = Number(bar?.getAttribute('data-done'));
            const total = Number(bar?.getAttribute('data-total'));
            const shown = Number(results?.getAttribute('data-draws'));
            const band = document.querySelector(
              '[data-testid="chart-uncertainty-active-users"] path[data-band="p25-p75"]',
            );
            if (
              total > 0 &&
              done < total &&
              shown > 0 &&
              shown < total &&
              band?.getAttribute('d')
            ) {
              observer.disconnect();
              resolve({ done, total, shown });
            } else if (started && running === 'false') {
              observer.disconnect();
              resolve(null);
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, attributes: true, childList: true });
          (document.querySelector('[data-testid="mc-run"]') as HTMLButtonElement).click();
        }),
    );
    expect(seen, 'bands of the draws so far, shown before the run ended').not.toBeNull();
    expect(seen!.total).toBe(DRAWS);
    await eventually(() => status().getAttribute('data-running')).toBe('false');
    expect(await shownDraws()).toBe(DRAWS);
    // Every figure ends up showing every draw: the KPI cards, the histogram, eight band charts.
    await eventually(figureDraws).toEqual(new Array(10).fill(DRAWS));
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    expect(analysisWorkers()).toHaveLength(Math.min(cores, Math.ceil(DRAWS / 32)));
    // On the WebAssembly backend: the worker scripts' policy allows it (renderer/csp.ts).
    expect(await status().textContent()).toMatch(
      new RegExp(
        `^${DRAWS.toLocaleString('en-US')} draws in [\\d.]+ s on \\d workers? \\(WebAssembly\\)\\.`,
      ),
    );
    for (const chart of ['active-users', 'revenue', 'net-value', 'cumulative-net-value']) {
      const fig = page.getByTestId(`chart-uncertainty-${chart}`);
      for (const band of ['p5-p95', 'p25-p75', 'p50'])
        expect(await fig.locator(`path[data-band="${band}"]`).count()).toBe(2); // with, without
    }
    expect(await page.getByTestId('mc-command').textContent()).toBe(
      // A document never saved is named after its scenario.
      `flywheel run 'E-commerce with data products.flywheel.json' --weeks 156 --seed ${SEED} --mode stochastic --runs ${DRAWS}`,
    );
  });

  it('gives the numbers of flywheel run --runs N, to the last digit (KPIs and bands)', async () => {
    const kpis = parseCsv((await download('mc-export-kpis')).text);
    const bands = parseCsv((await download('mc-export-bands')).text);
    const { dir, cleanup } = tempFolder();
    try {
      const cli = flywheel(['run', '--runs', String(DRAWS), '--seed', String(SEED)], dir);
      expect(cli.stderr).toBe('');
      const json = JSON.parse(cli.stdout) as {
        runs: {
          kpiPercentiles: Record<string, Record<string, number | null>>;
          bands: Record<string, Record<string, number[]>>;
        }[];
        differencePercentiles: Record<string, Record<string, number | null>>;
      };
      // KPI percentiles, every KPI of both runs and the differences.
      const [head, ...rows] = kpis;
      const col = (name: string) => head!.indexOf(name);
      let compared = 0;
      for (const r of rows.filter((r) => r.length > 1)) {
        const [key, , , runName] = r;
        const expected =
          runName === 'difference'
            ? json.differencePercentiles[key!]!
            : json.runs[runName === 'with' ? 0 : 1]!.kpiPercentiles[key!]!;
        for (const p of PERCENTILE_KEYS) {
          const cell = r[col(p)]!;
          expect(cell === '' ? null : Number(cell), `${key} ${runName} ${p}`).toBe(expected[p]);
          compared++;
        }
      }
      expect(compared).toBeGreaterThan(100);
      // Bands of every chart metric, every week, both runs.
      const [bandHead, ...bandRows] = bands;
      const weekRows = bandRows.filter((r) => r.length > 1);
      expect(weekRows).toHaveLength(2 * 157);
      for (const r of weekRows) {
        const run = json.runs[r[0] === 'with' ? 0 : 1]!;
        const k = Number(r[1]);
        for (let c = 2; c < bandHead!.length; c++) {
          const [metric, p] = bandHead![c]!.split('.') as [string, string];
          expect(Number(r[c]), `${r[0]} week ${k} ${metric} ${p}`).toBe(run.bands[metric]![p]![k]);
        }
      }
    } finally {
      cleanup();
    }
  });

  it('exports its figures as PNG and SVG and every draw as CSV', async () => {
    await page.getByTestId('mc-export-figure').selectOption('uncertainty-active-users');
    const svg = await download('mc-export-svg');
    expect(svg.name).toBe('E-commerce with data products-uncertainty-active-users.svg');
    expect(svg.text).toContain('<svg');
    expect(svg.text).not.toContain('class=');
    expect(svg.text).toContain('Active users: Monte Carlo percentiles');
    expect(svg.text).toContain(`--runs ${DRAWS}`);
    expect(svg.text.match(/<path/g)!.length).toBeGreaterThanOrEqual(10);
    await page.getByTestId('mc-export-figure').selectOption('uncertainty-net-value-gap');
    const png = await download('mc-export-png');
    expect(png.name).toBe('E-commerce with data products-uncertainty-net-value-gap.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    const draws = parseCsv((await download('mc-export-draws')).text).filter((r) => r.length > 1);
    expect(draws).toHaveLength(1 + DRAWS);
    expect(draws[0]!.slice(1, 4)).toEqual(
      uncertainParameters(withPreset())
        .slice(0, 3)
        .map((u) => u.name),
    );
  });

  it('Cancel stops at once and keeps the first draws, with the command that gives them', async () => {
    await run(20_000);
    await page.waitForFunction(
      () =>
        Number(document.querySelector('[data-testid="mc-results"]')?.getAttribute('data-draws')) >=
        200,
    );
    await page.getByTestId('mc-cancel').click();
    await eventually(() => status().getAttribute('data-running')).toBe('false');
    const kept = await shownDraws();
    expect(kept).toBeGreaterThanOrEqual(200);
    expect(kept).toBeLessThan(20_000);
    expect(await status().textContent()).toContain(
      `Cancelled: showing the first ${kept.toLocaleString('en-US')} of 20,000 draws`,
    );
    await eventually(figureDraws).toEqual(new Array(10).fill(kept));
    expect(await page.getByTestId('mc-command').textContent()).toMatch(
      new RegExp(`--runs ${kept}$`),
    );
  });

  it('marks results stale when the scenario changes', async () => {
    expect(await page.getByTestId('mc-stale').count()).toBe(0);
    const box = page.locator(
      '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="number"]',
    );
    await box.fill('0.9');
    await box.press('Enter');
    await eventually(() => page.getByTestId('mc-stale').count()).toBe(1);
    await page.locator('main').focus();
    await page.keyboard.press('Control+z');
    await eventually(() => page.getByTestId('mc-stale').count()).toBe(0);
  });

  it('logged no console errors, warnings or CSP violations', () => {
    expect(app.problems).toEqual([]);
  });

  it('compiles WebAssembly in its workers only: the page itself may not (its policy has no unsafe-*)', async () => {
    const compiles = `(() => {
      try {
        return new WebAssembly.Module(Uint8Array.of(0, 97, 115, 109, 1, 0, 0, 0)) ? 'compiled' : 'no';
      } catch (e) {
        return String(e);
      }
    })()`;
    // The engine's two workers and the analysis workers: each takes its policy from its script.
    expect(page.workers().length).toBeGreaterThanOrEqual(3);
    for (const w of page.workers()) expect(await w.evaluate(compiles)).toBe('compiled');
    expect(await page.evaluate(compiles)).toMatch(
      /CompileError.*(Content Security Policy|unsafe-eval)/i,
    );
  });
});
