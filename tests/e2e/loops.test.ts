/**
 * End-to-end: the Loops view in the built web app (Chromium). The sentence and the charts come from
 * the engine worker's loop dominance, checked against the same analysis run here in Node; they
 * follow the playback clock; the five-step loop on the Results tab names and draws the week's
 * leading loop.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

beforeAll(async () => {
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
