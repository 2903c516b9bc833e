/**
 * Screenshots of every built-in step at 1920x1080 (light, plus the last step in dark and high
 * contrast, and the presenter overlay) into /tmp/shots/present-*.png, for looking at legibility.
 * Run: npx tsx tests/present/shots.ts [builtDir]
 */
import { mkdirSync } from 'node:fs';
import { buildWebApp, launchChromium, serveStatic } from '../e2e/harness';
import { BUILT_IN_STORY } from '../../simulation/story';

const OUT = process.env.SHOTS_DIR ?? '/tmp/shots';
mkdirSync(OUT, { recursive: true });
const dir = process.argv[2] ?? (await buildWebApp());
const server = await serveStatic(dir);
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(server.url);
  await page.locator('[data-testid="kpi-finalActiveUsers"][data-with]').waitFor();
  await page.locator('[data-testid="present-button"]').click();
  for (let i = 0; i < BUILT_IN_STORY.steps.length; i++) {
    const step = BUILT_IN_STORY.steps[i]!;
    await page.locator(`[data-testid="present"][data-step="${step.id}"]`).waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${OUT}/present-${i + 1}-${step.id}.png` });
    if (i < BUILT_IN_STORY.steps.length - 1) await page.keyboard.press('PageDown');
  }
  await page.keyboard.press('7');
  await page.keyboard.press('w'); // from both: with
  await page.keyboard.press('w'); // then without
  await page.locator('[data-testid="present"][data-show="without"]').waitFor();
  await page.screenshot({ path: `${OUT}/present-charts-without.png` });
  await page.keyboard.press('8');
  for (const theme of ['dark', 'high-contrast']) {
    await page.keyboard.press('t');
    await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
    await page.screenshot({ path: `${OUT}/present-theme-${theme}.png` });
  }
  await page.keyboard.press('t');
  await page.keyboard.press('Home');
  await page.keyboard.press('p');
  await page.locator('[data-testid="presenter"]').waitFor();
  await page.screenshot({ path: `${OUT}/present-presenter.png` });
  console.log(`screenshots in ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
