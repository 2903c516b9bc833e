/**
 * Exports from the built web app in Chromium: the Export menu's SVG and PNG of a chart and of a
 * loop are valid files, the series CSV reads back into the JSON's numbers, and the HTML report
 * comes out self-contained. Downloads are caught as the browser saves them.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCsv } from '../../renderer/export/csv';
import type { SeriesJson } from '../../renderer/export/series';
import { PNG_SIGNATURE } from '../../renderer/export/png';
import { buildWebApp, launchChromium, serveStatic, type StaticServer } from '../e2e/harness';

vi.setConfig({ testTimeout: 120_000 });

let server: StaticServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];
const READY = '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])';

beforeAll(async () => {
  server = await serveStatic(await buildWebApp());
  browser = await launchChromium();
  page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    reducedMotion: 'reduce',
    acceptDownloads: true,
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

describe('Export menu', () => {
  it('exports a chart as SVG and PNG', async () => {
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

    const png = await download('export-png');
    expect(png.name).toMatch(/-active-users\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    expect(pngSize(png.bytes)).toEqual([720, 464]);
  });

  it('exports a loop as SVG and PNG', async () => {
    await page.getByTestId('export-target').selectOption('loop-with');
    const svg = await download('export-svg');
    expect((await parseSvg(svg.bytes.toString('utf8'))).error).toBeNull();
    const png = await download('export-png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    const [w, h] = pngSize(png.bytes);
    expect(w).toBeGreaterThan(400);
    expect(h).toBeGreaterThan(300);
  });

  it('exports every series as CSV that reads back into the JSON numbers', async () => {
    const json = JSON.parse((await download('export-json')).bytes.toString('utf8')) as SeriesJson;
    const [header, ...rows] = parseCsv((await download('export-csv')).bytes.toString('utf8'));
    const withRun = json.runs[0]!;
    expect(rows.length).toBe(json.runs.reduce((n, r) => n + r.time.length, 0));
    const col = header!.indexOf('cumulativeNetValue');
    const last = rows.filter((r) => r[0] === 'with').at(-1)!;
    expect(Number(last[col])).toBe(withRun.metrics.cumulativeNetValue!.at(-1));
    expect(Number(last[1])).toBe(withRun.time.at(-1));
  });

  it('exports the report as one self-contained HTML file', async () => {
    const html = (await download('export-report-html')).bytes.toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).not.toMatch(/<script|<link|src="http/i);
    expect(html).toContain('flywheel run');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(10);
    await page.getByTestId('export-report-pdf').click();
    expect(await page.getByTestId('export-status').textContent()).toContain('flywheel report');
    await page.screenshot({ path: '/tmp/flywheel-export-menu.png' });
    expect(problems).toEqual([]);
  });
});
