/**
 * End-to-end in Chromium: pinned runs, variants, the baseline and the comparison view as users
 * click them. Numbers on the page are checked against the engine run here in Node; the comparison
 * table against `flywheel compare` run as a child process on the file the app saved.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyChanges,
  baselineDelta,
  compareWithWithout,
  KPI_INFO,
  parseScenarioText,
  runTable,
  runTableCells,
  withAssumption,
  withPreset,
  type Kpis,
  type Scenario,
} from '../../simulation';
import { CARD_KPIS } from '../../renderer/state/selectors';
import { BIN, ensureBuilt, flywheel } from '../cli/helpers';
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
let context: BrowserContext;
let page: Page;
let dir = '';
const problems: string[] = [];
/** Screenshots for people to look at, when /work/shots exists (no assertion depends on them). */
const SHOTS = existsSync('/work/shots') ? '/work/shots/i11' : null;
const shoot = async (name: string, target?: Locator): Promise<void> => {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await (target ? target.screenshot({ path }) : page.screenshot({ path }));
};

const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 60_000, interval: 50 });

/**
 * The page's numbers equal Node's to the bit: the engine's elementary functions are dmath.ts's
 * (Chromium's Math.sin and Math.cos differ from Node's in the last bit for some inputs).
 */
const same = (raw: string | null, value: number | null | undefined): boolean =>
  raw === String(value ?? '');

const engine = (s: Scenario): Kpis =>
  compareWithWithout(s, { backend: 'interpreter' }).runs[0]!.kpis;
const kpi = (id: string) => page.locator(`[data-testid="kpi-${id}"]`);
const qualityBox = () =>
  page.locator(
    '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="number"]',
  );

beforeAll(async () => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'flywheel-compare-e2e-'));
  outDir = await buildWebApp();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  context = await browser.newContext({
    acceptDownloads: true,
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
  });
  page = await context.newPage();
  page.setDefaultTimeout(120_000);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(server.url);
  await page.waitForSelector(
    '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])',
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeBuild(outDir);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Every card's line against the baseline, as the page shows it. */
async function baselineLines(): Promise<{ id: string; text: string; value: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="kpis"] [data-testid^="kpi-"][data-with]')].map(
      (card) => {
        const line = card.querySelector('[data-testid="kpi-baseline"]');
        return {
          id: card.getAttribute('data-testid')!.slice(4),
          text: line?.textContent ?? '',
          value: line?.getAttribute('data-baseline') ?? 'none',
        };
      },
    ),
  );
}

const asIs = withPreset();
const better = withAssumption(asIs, 'dataProduct.customer-360.maturity.quality', 0.95);

describe('pinned runs, variants and the comparison', { timeout: 180_000 }, () => {
  it('pin, edit: every card shows the change against the pin, every chart a ghost line', async () => {
    await page.getByTestId('pin-run').click();
    await page.getByTestId('pin-Run 1').waitFor();
    const before = Number(await kpi('cumulativeNetValueUsd').getAttribute('data-with'));
    await qualityBox().fill('0.95');
    await qualityBox().press('Enter');
    await eventually(async () =>
      Number(await kpi('cumulativeNetValueUsd').getAttribute('data-with')),
    ).not.toBe(before);
    const now = engine(better);
    const pinned = engine(asIs);
    expect(Number(await kpi('paybackWeek').getAttribute('data-with'))).toBe(now.paybackWeek);
    const lines = await baselineLines();
    expect(lines).toHaveLength(CARD_KPIS.length);
    for (const { id, better: way } of CARD_KPIS) {
      const line = lines.find((l) => l.id === id)!;
      const expected = baselineDelta(now[id], pinned[id], KPI_INFO[id].unit, way, 'Run 1');
      expect(line.text, id).toBe(expected.text);
      expect(line.value, id).toBe(String(pinned[id] ?? ''));
    }
    // "Payback week 74, 1 week sooner than 'Run 1'" (the issue's example, in this model's numbers).
    expect(lines.find((l) => l.id === 'paybackWeek')!.text).toMatch(
      /^\d+ weeks? sooner than 'Run 1'$/,
    );
    const charts = page.locator('[data-testid="charts"] figure[data-testid^="chart-"]');
    await eventually(() =>
      page.locator('[data-testid="charts"] path[data-ghost="pin:Run 1"]').count(),
    ).toBe(await charts.count());
    await shoot('card-baseline-delta', page.getByTestId('kpis'));
    await shoot('pin-ghost-line', page.getByTestId('chart-trust'));
    // Alt+P pins too (not while typing in a box).
    await page.locator('main').focus();
    await page.keyboard.press('Alt+p');
    await page.getByTestId('pin-Run 2').waitFor();
  });

  it('switching the baseline updates every card', async () => {
    await page.getByTestId('baseline').selectOption('pin:Run 2');
    await eventually(async () =>
      (await baselineLines()).every((l) => l.text.startsWith('same as')),
    ).toBe(true);
    await page.getByTestId('baseline').selectOption('');
    await eventually(async () => (await baselineLines()).every((l) => l.value === 'none')).toBe(
      true,
    );
    await page.getByTestId('baseline').selectOption('pin:Run 1');
    const pinned = engine(asIs);
    await eventually(async () => (await baselineLines()).map((l) => l.value)).toEqual(
      CARD_KPIS.map(({ id }) => String(pinned[id] ?? '')),
    );
  });

  it('a variant made with a bulk edit, said in words, survives save and open', async () => {
    await page.getByTestId('new-variant').click();
    await page.getByTestId('header-variant').waitFor();
    const bulk = page.getByTestId('bulk-dataProduct');
    await bulk.getByTestId('bulk-field').selectOption('dataProduct.*.maturity.governance');
    await bulk.getByTestId('bulk-value').fill('0');
    await bulk.getByTestId('bulk-apply').click();
    const changes = page.locator(
      '[data-testid="variant-Variant 1"] [data-testid="variant-changes"]',
    );
    await eventually(() => changes.textContent()).toContain(
      'Governance maturity → 0 on all 4 data products',
    );
    const variant = withAssumption(better, 'dataProduct.*.maturity.governance', 0);
    const expectedNet = engine(variant).cumulativeNetValueUsd;
    await eventually(async () =>
      Number(await kpi('cumulativeNetValueUsd').getAttribute('data-with')),
    ).toBe(expectedNet);
    await page
      .locator('[data-testid="variant-Variant 1"] button[aria-label="Rename variant Variant 1"]')
      .click();
    await page.getByTestId('run-name').fill('skip governance');
    await page.getByTestId('run-name').press('Enter');
    await page.getByTestId('variant-skip governance').waitFor();

    // The scenario's name, edited in the header, names the file it is saved as.
    await page.getByTestId('scenario-name').click();
    await page.getByTestId('scenario-name-input').fill('Retail plan: Q3');
    await page.getByTestId('scenario-name-input').press('Enter');
    await eventually(() => page.getByTestId('scenario-name').textContent()).toBe('Retail plan: Q3');
    const download = page.waitForEvent('download');
    await page.getByTestId('file-save').click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe('Retail plan- Q3.flywheel.json');
    const text = readFileSync((await saved.path())!, 'utf8');
    writeFileSync(join(dir, 'plan.flywheel.json'), text);
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const doc = parsed.scenario;
    expect(doc.name).toBe('Retail plan: Q3');
    expect(doc.variants!.map((v) => v.name)).toEqual(['skip governance']);
    expect(doc.pinnedRuns!.map((p) => p.name)).toEqual(['Run 1', 'Run 2']);
    expect(doc.comparison!.baseline).toEqual({ kind: 'pin', name: 'Run 1' });
    expect(doc.dataProducts[0]!.maturity.quality).toBe(0.95); // the base keeps its edit
    expect(
      applyChanges(doc, doc.variants![0]!.changes).scenario.dataProducts.map(
        (p) => p.maturity.governance,
      ),
    ).toEqual([0, 0, 0, 0]);

    // A fresh page opens the file: the variant, the pins (recomputed) and the baseline are back.
    await page.goto(server.url);
    await page.waitForSelector(
      '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])',
    );
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('file-open').click();
    await (await chooser).setFiles(join(dir, 'plan.flywheel.json'));
    await page.getByTestId('variant-skip governance').waitFor();
    await page.getByTestId('pin-Run 2').waitFor();
    const pinned = engine(asIs);
    await eventually(async () => (await baselineLines()).map((l) => l.value)).toEqual(
      CARD_KPIS.map(({ id }) => String(pinned[id] ?? '')),
    );
    expect(await page.getByTestId('pins-drifted').count()).toBe(0); // recomputed bit-identically
    expect(await page.getByTestId('dirty').count()).toBe(0);
  });

  it('the comparison view: the table equals flywheel compare; the legend hides a run; two loops in sync', async () => {
    await page.getByTestId('view-tab-compare').click();
    const table = page.getByTestId('compare-table');
    await table.waitFor();
    const cli = flywheel(
      [
        'compare',
        'plan.flywheel.json',
        'plan.flywheel.json#skip governance',
        'plan.flywheel.json#Run 1',
        'plan.flywheel.json#Run 2',
        '--baseline',
        '3',
        '--format',
        'json',
      ],
      dir,
    );
    expect(cli.stderr).toBe('');
    const out = JSON.parse(cli.stdout) as { runs: { kpis: Kpis }[] };
    const rows = runTable(
      out.runs.map((r) => r.kpis),
      2,
    );
    for (const row of rows) {
      const cells = runTableCells(row, 2);
      const tds = table.locator(`tr[data-kpi="${row.key}"] td`);
      expect(await tds.count()).toBe(4);
      for (let i = 0; i < 4; i++) {
        const td = tds.nth(i);
        const raw = await td.getAttribute('data-value');
        expect(same(raw, row.values[i]), `${row.key} ${i}: ${raw} vs ${row.values[i]}`).toBe(true);
        expect((await td.textContent())!.replace('★ ', ''), `${row.key} ${i}`).toBe(
          `${cells[i]!.value}${cells[i]!.delta}`,
        );
      }
    }
    // The same cells in the terminal table.
    const text = flywheel(
      [
        'compare',
        'plan.flywheel.json',
        'plan.flywheel.json#skip governance',
        'plan.flywheel.json#Run 1',
        '--baseline',
        '3',
        '--format',
        'text',
      ],
      dir,
    ).stdout;
    const net = runTableCells(
      rows.find((r) => r.key === 'cumulativeNetValueUsd')!,
      2,
    );
    expect(text).toMatch(
      new RegExp(`^Cumulative net value\\s+\\*?${net[0]!.value.replace(/\$/g, '\\$')}`, 'm'),
    );

    await shoot('compare-view');
    const chart = page.getByTestId('compare-chart-cumulative-net-value');
    await eventually(() => chart.locator('path[data-run]').count()).toBe(4);
    await page
      .getByTestId('compare-legend')
      .evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shoot('compare-charts');
    await page.getByTestId('legend-variant:skip governance').click();
    await eventually(() => chart.locator('path[data-run]').count()).toBe(3);
    expect(await chart.locator('path[data-run="variant:skip governance"]').count()).toBe(0);
    await page.getByTestId('legend-variant:skip governance').click();
    await eventually(() => chart.locator('path[data-run]').count()).toBe(4);

    const loops = page.locator('[data-testid="compare-loops"] figure.fw-loop');
    await eventually(() => loops.count()).toBe(2);
    await page.getByTestId('step-back').click();
    await page.getByTestId('step-back').click();
    const weeks = async (): Promise<string[]> =>
      Promise.all([0, 1].map((i) => loops.nth(i).getAttribute('data-week').then(String)));
    await eventually(weeks).toEqual(['154', '154']);
    await page.getByTestId('loop-run-b').selectOption('variant:skip governance');
    await eventually(weeks).toEqual(['154', '154']);
    expect(await loops.nth(1).locator('.fw-loop__caption-title').textContent()).toBe(
      'skip governance',
    );
  });

  it('the report compares the same runs: table, overlaid charts, changes in words, the command that reproduces it', async () => {
    await page.getByTestId('export-toggle').click();
    expect(await page.getByTestId('export-compare').isChecked()).toBe(true);
    expect(await page.locator('.fw-export__compare').textContent()).toContain(
      'Comparison of 4 runs: Retail plan: Q3, skip governance, Run 1, Run 2',
    );
    const download = page.waitForEvent('download');
    await page.getByTestId('export-report-html').click();
    const html = readFileSync((await (await download).path())!, 'utf8');
    await page.keyboard.press('Escape');
    writeFileSync(join(dir, 'report.html'), html);

    const report = await context.newPage();
    await report.setContent(html);
    const section = report.getByTestId('report-compare');
    expect(await section.locator('h2').textContent()).toBe('Comparison of 4 runs');
    // What each run changes against the baseline ('Run 1', the scenario as it opened), in words.
    const changesOf = (id: string) =>
      section.locator(`li[data-run="${id}"] [data-testid="report-compare-changes"]`).textContent();
    expect(await changesOf('variant:skip governance')).toContain(
      'Governance maturity → 0 on all 4 data products',
    );
    expect(await changesOf('base')).toContain('0.75 → 0.95');
    // Every chart with the four runs overlaid.
    const charts = section.locator('figure[data-chart]');
    expect(await charts.count()).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < (await charts.count()); i++)
      expect(await charts.nth(i).locator('path[data-run]').count()).toBe(4);
    const command = (await section.getByTestId('report-compare-command').textContent())!;
    expect(command).toBe(
      "flywheel compare plan.flywheel.json 'plan.flywheel.json#skip governance' 'plan.flywheel.json#Run 1' 'plan.flywheel.json#Run 2' --baseline 3",
    );
    // The command, run as printed, gives the report's table.
    const cli = spawnSync(
      'sh',
      ['-c', `${command.replace(/^flywheel /, `'${process.execPath}' '${BIN}' `)} --format json`],
      { cwd: dir, encoding: 'utf8' },
    );
    expect(cli.stderr).toBe('');
    const out = JSON.parse(cli.stdout) as { runs: { kpis: Kpis }[] };
    const rows = runTable(
      out.runs.map((r) => r.kpis),
      2,
    );
    const table = section.getByTestId('report-compare-table');
    for (const row of rows) {
      const cells = runTableCells(row, 2);
      const tds = table.locator(`tr[data-kpi="${row.key}"] td`);
      expect(await tds.count()).toBe(4);
      for (let i = 0; i < 4; i++) {
        const td = tds.nth(i);
        const raw = await td.getAttribute('data-value');
        expect(same(raw, row.values[i]), `${row.key} ${i}: ${raw} vs ${row.values[i]}`).toBe(true);
        expect((await td.textContent())!.replace('★ ', ''), `${row.key} ${i}`).toBe(
          `${cells[i]!.value}${cells[i]!.delta}`,
        );
      }
    }
    await report.close();
  });

  it('bad input: a broken file to compare, a ninth run: a message, nothing lost', async () => {
    writeFileSync(
      join(dir, 'broken.flywheel.json'),
      '{"kind": "flywheel-lab/scenario", "formatVersion": 3, "name": ',
    );
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('compare-open-file').click();
    await (await chooser).setFiles(join(dir, 'broken.flywheel.json'));
    await eventually(() => page.getByTestId('compare-message').textContent()).toMatch(
      /Could not compare that file: broken\.flywheel\.json: not valid JSON/,
    );
    expect(await page.getByTestId('dirty').count()).toBe(0);

    // A file whose comparison names a variant it does not have: refused with the name, nothing added.
    const plan = JSON.parse(readFileSync(join(dir, 'plan.flywheel.json'), 'utf8')) as {
      comparison: unknown;
    };
    plan.comparison = { runs: [], baseline: { kind: 'variant', name: 'no such plan' } };
    writeFileSync(join(dir, 'wrong-name.flywheel.json'), JSON.stringify(plan));
    const runsBefore = await page
      .locator('[data-testid="compare-table"] thead th[data-run]')
      .count();
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByTestId('compare-open-file').click();
    await (await chooser2).setFiles(join(dir, 'wrong-name.flywheel.json'));
    await eventually(() => page.getByTestId('compare-message').textContent()).toMatch(
      /wrong-name\.flywheel\.json.*no variant named .no such plan./s,
    );
    expect(await page.locator('[data-testid="compare-table"] thead th[data-run]').count()).toBe(
      runsBefore,
    );
    await page.locator('main').focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('Alt+p');
    await page.getByTestId('compare-run-pin:Run 7').waitFor();
    // The scenario, a variant, seven pins: nine runs, eight compared.
    await eventually(() =>
      page.locator('[data-testid="compare-table"] thead th[data-run]').count(),
    ).toBe(8);
    await page
      .locator('[data-testid="compare-run-pin:Run 7"] [data-testid="compare-toggle"]')
      .click();
    await eventually(() => page.getByTestId('compare-message').textContent()).toBe(
      'At most 8 runs side by side: take one out first.',
    );
    expect(problems).toEqual([]);
  });
});
