/**
 * Exports from the built web app in Chromium: the Export menu's SVG and PNG of a chart and of a
 * loop are valid files, the series CSV reads back into the JSON's numbers, and the HTML report
 * comes out self-contained. Downloads are caught as the browser saves them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseScenarioText } from '../../simulation';
import { parseCsv } from '../../renderer/export/csv';
import type { SeriesJson } from '../../renderer/export/series';
import { PNG_SIGNATURE } from '../../renderer/export/png';
import {
  buildWebApp,
  launchChromium,
  removeBuild,
  serveStatic,
  type StaticServer,
} from '../e2e/harness';

vi.setConfig({ testTimeout: 120_000 });

let outDir = '';
let server: StaticServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';

beforeAll(async () => {
  outDir = await buildWebApp();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
    acceptDownloads: true,
    locale: 'de-DE',
  });
  // The native print dialog cannot be clicked: record what each frame would print instead.
  await page.addInitScript(() => {
    window.print = () => {
      const sheets = [...document.adoptedStyleSheets].flatMap((s) =>
        [...s.cssRules].map((r) => r.cssText),
      );
      const h1 = document.querySelector('h1');
      const record = {
        title: document.title,
        text: document.body.innerText,
        body: document.body.outerHTML,
        svgs: document.querySelectorAll('svg').length,
        css: sheets.join('\n'),
        h1FontSize: h1 ? getComputedStyle(h1).fontSize : '',
        scripts: document.scripts.length,
        inFrame: window !== window.top,
      };
      const top = window.top as unknown as { __printed?: unknown[] };
      (top.__printed ??= []).push(record);
    };
  });
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(server.url);
  await page.waitForSelector(READY);
  await page.getByTestId('export-toggle').click();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeBuild(outDir);
});

/** Clicks `testId` and returns the downloaded file's name and bytes. */
async function download(testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

/** Parses SVG text in the page; returns the root's name and the parser's error, if any. */
async function parseSvg(
  text: string,
): Promise<{ root: string; error: string | null; paths: number }> {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    const error = doc.querySelector('parsererror')?.textContent ?? null;
    return {
      root: doc.documentElement.nodeName,
      error,
      paths: doc.querySelectorAll('path').length,
    };
  }, text);
}

const pngSize = (b: Buffer): [number, number] => [b.readUInt32BE(16), b.readUInt32BE(20)];

/** The texts of an SVG file, in document order. */
async function svgTexts(text: string): Promise<string[]> {
  return page.evaluate((t) => {
    const doc = new DOMParser().parseFromString(t, 'image/svg+xml');
    return [...doc.querySelectorAll('text')].map((e) => e.textContent ?? '');
  }, text);
}

describe('Export menu', () => {
  it('exports a chart as SVG and PNG, with its title, legend and caption', async () => {
    await page.getByTestId('export-target').selectOption('active-users');
    const svg = await download('export-svg');
    expect(svg.name).toMatch(/-active-users\.svg$/);
    const text = svg.bytes.toString('utf8');
    const parsed = await parseSvg(text);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.paths).toBeGreaterThanOrEqual(2);
    expect(text).not.toContain('class=');
    expect(text).toMatch(/stroke="rgb\(/);
    const texts = await svgTexts(text);
    expect(texts[0]).toBe('Active users (people)');
    expect(texts).toContain('With data products');
    expect(texts).toContain('Without');
    const caption = texts.join(' ');
    expect(caption).toContain('Customers who browse, search and buy.');
    expect(caption).toMatch(
      // A document never saved is named after its scenario.
      /Reproduce: flywheel run 'E-commerce with data products\.flywheel\.json' --weeks 156 --seed 1/,
    );

    const png = await download('export-png');
    expect(png.name).toMatch(/-active-users\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    const [w, h] = pngSize(png.bytes);
    expect(w).toBe(2 * 640);
    expect(h).toBeGreaterThan(2 * 400);
  });

  it('exports a loop as SVG and PNG, with its title, legend and caption', async () => {
    await page.getByTestId('export-target').selectOption('loop-with');
    const svg = await download('export-svg');
    const text = svg.bytes.toString('utf8');
    expect((await parseSvg(text)).error).toBeNull();
    const texts = await svgTexts(text);
    expect(texts[0]).toMatch(/^With data products: the flywheel at week \d+$/);
    expect(texts).toContain('width: flow vs the busiest week with data products');
    expect(texts.join(' ')).toContain('The five steps of the loop');
    const png = await download('export-png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    const [w, h] = pngSize(png.bytes);
    expect(w).toBeGreaterThan(400);
    expect(h).toBeGreaterThan(300);
  });

  it('exports every series as readable CSV, and as the machine CSV that reads back into the JSON', async () => {
    const json = JSON.parse((await download('export-json')).bytes.toString('utf8')) as SeriesJson;
    const withRun = json.runs[0]!;
    const rowCount = json.runs.reduce((n, r) => n + r.time.length, 0);

    const readable = await download('export-csv');
    expect(readable.name).toBe('E-commerce with data products-series.csv');
    const [head, ...lines] = parseCsv(readable.bytes.toString('utf8'));
    expect(lines.length).toBe(rowCount);
    expect(head!.slice(0, 3)).toEqual(['Scenario', 'Week', 'Search success (%)']);
    const users = head!.indexOf('Active users (people)');
    const lastReadable = lines.filter((r) => r[0] === 'With data products').at(-1)!;
    expect(lastReadable[users]).toBe(String(Math.round(withRun.metrics.activeUsers!.at(-1)!)));

    await page.getByTestId('export-csv-machine').check();
    const machine = await download('export-csv');
    expect(machine.name).toBe('E-commerce with data products-series-machine.csv');
    const [header, ...rows] = parseCsv(machine.bytes.toString('utf8'));
    expect(rows.length).toBe(rowCount);
    const col = header!.indexOf('cumulativeNetValue');
    const last = rows.filter((r) => r[0] === 'with').at(-1)!;
    expect(Number(last[col])).toBe(withRun.metrics.cumulativeNetValue!.at(-1));
    expect(Number(last[1])).toBe(withRun.time.at(-1));
    await page.getByTestId('export-csv-machine').uncheck();
  });

  it('exports a copy of the scenario', async () => {
    const copy = await download('export-scenario');
    expect(copy.name).toBe('E-commerce with data products.flywheel.json');
    const parsed = parseScenarioText(copy.bytes.toString('utf8'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.scenario.name).toBe(await page.getByTestId('scenario-name').textContent());
  });

  it("draws the report's loop at the horizon on a freshly opened app, or at the week chosen", async () => {
    // The week on screen is 0 (the playhead at the start): the report's loop stays at the horizon.
    await page.getByTestId('export-toggle').click();
    await page.getByTestId('scrub').focus();
    await page.keyboard.press('Home');
    await expect.poll(() => page.getByTestId('current-week').getAttribute('data-week')).toBe('0');
    await page.getByTestId('export-toggle').click();
    const first = (await download('export-report-html')).bytes.toString('utf8');
    expect(first).toContain('The flywheel at week 156, the horizon</h2>');

    await page.getByTestId('export-loop-week-choice').selectOption('week');
    await page.getByTestId('export-loop-week-input').fill('80');
    const chosen = (await download('export-report-html')).bytes.toString('utf8');
    expect(chosen).toContain('The flywheel at week 80</h2>');
    expect(chosen).toContain('marks week 80, the week of the loop below');

    await page.getByTestId('export-loop-week-input').fill('900');
    expect(await page.getByRole('alert').filter({ hasText: 'A week from 0 to 156.' }).count()).toBe(
      1,
    );
    await page.getByTestId('export-loop-week-choice').selectOption('horizon');
  });

  it('exports the report as one self-contained HTML file', async () => {
    const html = (await download('export-report-html')).bytes.toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src="http/i);
    expect(html).toContain('flywheel run');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(problems).toEqual([]);
  });

  it('prints the report through the browser print dialog on the chosen paper', async () => {
    // de-DE prints on A4 unless the user picks another paper.
    expect(await page.getByTestId('export-paper').inputValue()).toBe('a4');
    await page.getByTestId('export-paper').selectOption('letter');
    await page.getByTestId('export-report-pdf').click();
    await expect
      .poll(() => page.evaluate(() => (window as { __printed?: unknown[] }).__printed?.length ?? 0))
      .toBe(1);
    const [printed] = (await page.evaluate(
      () => (window as { __printed?: unknown[] }).__printed,
    )) as PrintRecord[];
    const p = printed!;
    expect(p.inFrame).toBe(true);
    expect(p.scripts).toBe(0);
    const name = await page.getByTestId('scenario-name').textContent();
    expect(p.title).toBe(`${name} - Flywheel Lab simulation report`);
    // The report itself: its sections, its numbers, its figures, and the command that reproduces them.
    for (const heading of ['Summary', 'Charts', 'Assumptions', 'Methodology'])
      expect(p.text).toContain(heading);
    expect(p.text).toContain('flywheel run');
    for (const kpi of ['cumulativeNetValueUsd', 'finalActiveUsers', 'paybackWeek']) {
      const shown = await page.locator(`[data-testid="kpi-${kpi}"] [data-testid="kpi-with"]`);
      expect(p.text).toContain((await shown.textContent())!.trim());
    }
    expect(p.svgs).toBeGreaterThanOrEqual(10);
    // Styled by the adopted stylesheet (26pt title), on Letter paper with page numbers.
    expect(p.h1FontSize).toBe('34.6667px');
    expect(p.css).toMatch(/@page \{ size: letter; margin: 14mm 13mm 16mm; /);
    expect(p.css).toContain('counter(pages)');
    expect(await page.getByTestId('export-status').textContent()).toContain('Save as PDF');
    expect(problems).toEqual([]);

    // What the print dialog's "Save as PDF" makes of that frame: Chromium's print engine on the
    // same document and stylesheet, sized by its @page rule, numbered by its page-margin box.
    const printer = await browser.newPage();
    try {
      await printer.setContent(
        `<!DOCTYPE html><html><head><style>${p.css}</style></head>${p.body}</html>`,
      );
      const file = join(mkdtempSync(join(tmpdir(), 'flywheel-print-')), 'print.pdf');
      writeFileSync(file, await printer.pdf({ preferCSSPageSize: true, printBackground: true }));
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
      const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
      expect(pages).toBeGreaterThanOrEqual(4);
      const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
      expect(text).toContain(`Page 1 of ${pages}`);
      expect(text).toContain('flywheel run');
      rmSync(dirname(file), { recursive: true, force: true });
    } finally {
      await printer.close();
    }

    // A second print replaces the first frame and uses A4 again.
    await page.getByTestId('export-paper').selectOption('a4');
    await page.getByTestId('export-report-pdf').click();
    await expect
      .poll(() => page.evaluate(() => (window as { __printed?: unknown[] }).__printed?.length ?? 0))
      .toBe(2);
    const second = (await page.evaluate(
      () => (window as { __printed?: unknown[] }).__printed,
    )) as PrintRecord[];
    expect(second[1]!.css).toMatch(/@page \{ size: a4; /i);
    expect(await page.locator('iframe.fw-export__print-frame').count()).toBe(1);
    await page.screenshot({ path: '/tmp/shots/export-menu-web.png' });
    expect(problems).toEqual([]);
  });

  it('closes on Escape (focus back on its button) and on a click outside', async () => {
    const panel = page.getByTestId('export-panel');
    await page.getByTestId('export-paper').focus();
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    expect(
      await page.getByTestId('export-toggle').evaluate((b) => b === document.activeElement),
    ).toBe(true);
    expect(await page.getByTestId('export-toggle').getAttribute('aria-expanded')).toBe('false');

    await page.getByTestId('export-toggle').click();
    await panel.waitFor();
    await page.getByTestId('scenario-name').click();
    await panel.waitFor({ state: 'detached' });
    // A click on its own button still toggles it open and closed.
    await page.getByTestId('export-toggle').click();
    await panel.waitFor();
    await page.getByTestId('export-toggle').click();
    await panel.waitFor({ state: 'detached' });
  });
});

interface PrintRecord {
  readonly title: string;
  readonly text: string;
  readonly body: string;
  readonly svgs: number;
  readonly css: string;
  readonly h1FontSize: string;
  readonly scripts: number;
  readonly inFrame: boolean;
}
