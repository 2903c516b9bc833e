/**
 * End-to-end: the Loops view in the built web app (Chromium). The sentence and the charts come from
 * the engine worker's loop dominance, checked against the same analysis run here in Node; they
 * follow the playback clock; the five-step loop on the Results tab names and draws the week's
 * leading loop.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_SIGNATURE } from '../../renderer/export/png';
import { ensureBuilt, flywheel, tempFolder } from '../cli/helpers';
import { withPreset } from '../../simulation';
import { loopDominance } from '../../simulation/analysis/loop-dominance';
import { leadingAt } from '../../renderer/loops/read';
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

const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 60_000, interval: 50 });

async function scrubTo(week: number): Promise<void> {
  await page
    .getByTestId('scrub')
    .first()
    .evaluate((el, value) => {
      const input = el as HTMLInputElement;
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, String(week));
}

async function download(testId: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const bytes = readFileSync(await file.path());
  return { name: file.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

beforeAll(async () => {
  ensureBuilt();
  outDir = await buildWebApp();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(server.url);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  removeBuild(outDir);
});

describe('the Loops view', () => {
  const expected = loopDominance(withPreset(), { settings: { mode: 'expected' } });

  it('shows with and without side by side and says which loop leads, from the engine', async () => {
    await page.getByTestId('view-tab-loops').click();
    const sentence = page.getByTestId('dominance-sentence');
    await sentence.waitFor();
    // The app opens at the horizon (issue #15): the sentence is about that week.
    await eventually(() => sentence.textContent()).toContain('Week 156');
    expect(await page.locator('[data-testid="loops-view"] figure[data-run]').count()).toBe(2);
    await scrubTo(80);
    const lead = leadingAt(expected.runs[0]!.loops, 80)!;
    const leadWithout = leadingAt(expected.runs[1]!.loops, 80)!;
    await eventually(() => sentence.textContent()).toContain('Week 80');
    const text = (await sentence.textContent()) ?? '';
    expect(text).toContain(`With data products, ${lead.group.id} ${lead.group.name}`);
    expect(text).toContain(`${Math.round(lead.share * 100)}% of the change`);
    expect(text).toContain(`Without, ${leadWithout.group.id} ${leadWithout.group.name}`);
    const since = lead.sinceWeek === 80 ? 'from this week' : `since week ${lead.sinceWeek}`;
    expect(text).toContain(since);
    expect(await page.locator('.fw-dominance__svg').first().getAttribute('data-week')).toBe('80');
  });

  it('exports the loop scores as flywheel loops --format csv gives them, and each chart as a picture', async () => {
    const command = page.getByTestId('loops-command');
    await eventually(() => command.textContent()).toContain(
      // A document never saved is named after its scenario.
      "flywheel loops 'E-commerce with data products.flywheel.json' --weeks 156 --mode expected",
    );
    const csv = await download('loops-export-csv');
    expect(csv.name).toBe('E-commerce with data products-loops.csv');
    const { dir, cleanup } = tempFolder();
    try {
      // The default scenario, as the app opens it, from the command line: the same file.
      const cli = flywheel(
        ['loops', '--weeks', '156', '--mode', 'expected', '--format', 'csv'],
        dir,
      );
      expect(cli.stderr).toBe('');
      expect(csv.text).toBe(cli.stdout);
    } finally {
      cleanup();
    }
    // 2 runs x 157 weeks and a header.
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + 2 * 157);
    await page.getByTestId('loops-export-figure').selectOption('loops-without');
    const svg = await download('loops-export-svg');
    expect(svg.name).toBe('E-commerce with data products-loops-without.svg');
    expect(svg.text).toContain('Which loop drives the flywheel: without data products');
    expect(svg.text).toContain('--mode expected');
    // The shared legend of loop colours comes along: every loop named in the view's legend.
    const legend = await page.locator('.fw-dominance__legend li').allTextContents();
    expect(legend.length).toBeGreaterThan(1);
    for (const item of legend) expect(svg.text).toContain(item.trim().split(' ')[0]);
    expect(svg.text.match(/<path/g)!.length).toBeGreaterThanOrEqual(legend.length);
    const png = await download('loops-export-png');
    expect(png.name).toBe('E-commerce with data products-loops-without.png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
  });

  it('draws the leading loop on the five-step loop of the Results tab', async () => {
    await page.getByTestId('view-tab-workspace').click();
    const lead = leadingAt(expected.runs[0]!.loops, 80)!;
    await eventually(() => page.getByTestId('leading-loop').first().textContent()).toContain(
      `${lead.group.id} ${lead.group.name}`,
    );
    expect(await page.locator('.fw-loop--with .fw-loop__on-loop').count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});
