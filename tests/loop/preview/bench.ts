/**
 * Loop animation benchmark: frames per second and CPU time per frame while the weeks play, both
 * loops side by side, at the default particle density and at a few hundred particles. Prints
 * figures to compare run to run (not a pass/fail timer). Run: npx tsx tests/loop/preview/bench.ts
 */
import { startPreview } from './harness';
import { describeCost, measureLoop } from './measure';

async function main(): Promise<void> {
  const preview = await startPreview();
  try {
    const page = await preview.browser.newPage({ viewport: { width: 1800, height: 900 } });
    for (const density of [1, 3]) {
      for (const play of [false, true]) {
        await page.goto(`${preview.url}?week=80&density=${density}`);
        await page.waitForSelector('.fw-loop');
        await page.waitForTimeout(1500);
        const r = await measureLoop(preview.browser, page, 5, play);
        const what = play ? 'playing 10 weeks/s' : 'week 80, still';
        console.log(describeCost(`side by side, density ${density}, ${what}`, r));
      }
    }
  } finally {
    await preview.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
