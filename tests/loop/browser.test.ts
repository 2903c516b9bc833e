/**
 * The loop view in a real browser (Debian's Chromium via playwright-core): the preview page built
 * from the same components, under the app's Content-Security-Policy. Particles move, their
 * numbers follow the flows, the without loop leaks more, reduced motion shows no particles, steps
 * take keyboard focus, and nothing is logged as an error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumAvailable, startPreview, type Preview } from './preview/harness';
import { describeCost, measureLoop, waitForClock } from './preview/measure';

const available = chromiumAvailable();
if (!available) console.log('loop browser tests skipped: no Chromium at /usr/bin/chromium');

interface ArcCounts {
  flowing: number[];
  leaking: number[];
}

/** Visible particles per arc of loop `loop` (0 = with, 1 = without), summed over `samples`. */
async function particleCounts(page: Page, loop: number, samples = 6): Promise<ArcCounts> {
  const total: ArcCounts = { flowing: [0, 0, 0, 0, 0], leaking: [0, 0, 0, 0, 0] };
  for (let s = 0; s < samples; s++) {
    const counts = (await page.evaluate(`(() => {
      const figure = document.querySelectorAll('.fw-loop')[${loop}];
      // Each particle is one circle (one 'M') in its arc's paths.
      const circles = (path) => (path.getAttribute('d') || '').split('M').length - 1;
      return [0, 1, 2, 3, 4].map((a) => {
        const paths = [...figure.querySelectorAll('[data-particles="' + a + '"] path')];
        const leaking = paths.filter((p) => p.classList.contains('fw-loop__particle--leak'));
        const flowing = paths.filter((p) => !p.classList.contains('fw-loop__particle--leak'));
        const sum = (list) => list.reduce((n, p) => n + circles(p), 0);
        return [sum(flowing), sum(leaking)];
      });
    })()`)) as Array<[number, number]>;
    counts.forEach(([flowing, leaking], a) => {
      total.flowing[a]! += flowing;
      total.leaking[a]! += leaking;
    });
    await page.waitForTimeout(120);
  }
  return total;
}

describe.skipIf(!available)('loop view in Chromium', () => {
  let preview: Preview;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    preview = await startPreview();
    page = await preview.browser.newPage({ viewport: { width: 1600, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
  }, 60_000);

  afterAll(async () => {
    await preview?.close();
  });

  it('shows both loops and moves particles along the arcs', { timeout: 60_000 }, async () => {
    await page.goto(`${preview.url}?week=80`);
    await page.waitForSelector('.fw-loop');
    expect(await page.locator('figure.fw-loop').count()).toBe(2);
    await waitForClock(page, 800);
    // Particle positions: the circles' start points in the paths' d attributes.
    const positions = `[...document.querySelectorAll('path.fw-loop__particle')]
      .flatMap((p) => (p.getAttribute('d') || '').split('M').slice(1).map((c) => c.split('a')[0]))`;
    const before = new Set((await page.evaluate(positions)) as string[]);
    await waitForClock(page, 200);
    const after = (await page.evaluate(positions)) as string[];
    expect(before.size).toBeGreaterThan(40);
    expect(after.filter((p) => !before.has(p)).length).toBeGreaterThan(after.length / 2);
  });

  it(
    'particle numbers follow the flows; the without loop leaks more',
    { timeout: 60_000 },
    async () => {
      await page.goto(`${preview.url}?week=120`);
      await page.waitForSelector('.fw-loop');
      await waitForClock(page, 3000); // let the arcs fill (in animation time)
      const withCounts = await particleCounts(page, 0);
      const withoutCounts = await particleCounts(page, 1);
      // Experience gain (arc 4 -> 5): the without loop emits at about a third of the with loop's
      // rate; its particles also crawl, so more of them stay in flight: about 0.6 of the count.
      expect(withoutCounts.flowing[3]!).toBeLessThan(0.8 * withCounts.flowing[3]!);
      // Data to AI (arc 2 -> 3): most of the without loop's particles drop off.
      const leakShare = (c: ArcCounts, a: number): number =>
        c.leaking[a]! / Math.max(1, c.leaking[a]! + c.flowing[a]!);
      expect(leakShare(withoutCounts, 1)).toBeGreaterThan(leakShare(withCounts, 1));
      expect(withoutCounts.leaking[1]!).toBeGreaterThan(0);
      // New users (arc 5 -> 1) never leak.
      expect(withCounts.leaking[4]).toBe(0);
    },
  );

  it('shows no particles with reduced motion, and the leak as gaps in the tracks', async () => {
    await page.goto(`${preview.url}?week=80&reduced=1`);
    await page.waitForSelector('.fw-loop');
    expect(await page.locator('.fw-loop__particle').count()).toBe(0);
    expect(await page.locator('.fw-loop__particles').count()).toBe(0);
    expect(await page.locator('.fw-loop__track[stroke-dasharray]').count()).toBeGreaterThan(3);
  });

  it('follows the week it is given, and its steps take keyboard focus', async () => {
    await page.goto(`${preview.url}?week=80`);
    await page.waitForSelector('.fw-loop');
    await page.evaluate('window.loopPreview.setPoint(0)');
    await page.waitForSelector('figure.fw-loop[data-week="0"]');
    expect(await page.locator('.fw-loop__arc--idle').count()).toBe(8); // 4 idle arcs per loop
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("data-step")')).toBe(
      'activity',
    );
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("data-step")')).toBe(
      'products',
    );
  });

  it('logs no errors (the page runs under the app CSP)', () => {
    expect(errors).toEqual([]);
  });

  it('measures the animation with a few hundred particles (figures printed, not timed)', async () => {
    await page.goto(`${preview.url}?week=80&density=2`);
    await page.waitForSelector('.fw-loop');
    await waitForClock(page, 2500);
    const cost = await measureLoop(preview.browser, page, 2, true);
    console.log(describeCost('loop side by side, density 2, playing', cost));
    expect(cost.frames).toBeGreaterThan(0);
    expect(cost.particles).toBeGreaterThan(200);
  }, 60_000);
});
