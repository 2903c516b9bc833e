/**
 * Screenshots of both loops at several weeks, light and dark, into /tmp/shots/loop-*.png, and a
 * frame-rate measurement while the weeks play. Run: npx tsx tests/loop/preview/shoot.ts
 */
import { mkdir } from 'node:fs/promises';
import { startPreview } from './harness';

const OUT = '/tmp/shots';

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const preview = await startPreview();
  try {
    const page = await preview.browser.newPage({ viewport: { width: 1800, height: 820 } });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    const shots = process.argv.slice(2);
    const only = (name: string): boolean =>
      shots.length === 0 || shots.some((s) => name.includes(s));
    for (const theme of ['light', 'dark']) {
      for (const week of [0, 30, 80, 156]) {
        const name = `loop-${theme}-wk${week}`;
        if (!only(name)) continue;
        await page.goto(`${preview.url}?week=${week}&theme=${theme}`);
        await page.waitForSelector('.fw-loop');
        await page.waitForTimeout(2500);
        await page.screenshot({ path: `${OUT}/${name}.png` });
        console.log(`${OUT}/${name}.png`);
      }
    }
    const extras: Array<[string, string, { width: number; height: number }]> = [
      ['loop-reduced-light-wk80', '?week=80&reduced=1', { width: 1800, height: 820 }],
      [
        'loop-without-dark-wk120',
        '?week=120&mode=without&theme=dark',
        { width: 1100, height: 940 },
      ],
      ['loop-max-light-wk60', '?week=60&scenario=max&mode=with', { width: 1100, height: 940 }],
      [
        'loop-max-without-light-wk60',
        '?week=60&scenario=max&mode=without',
        { width: 1100, height: 940 },
      ],
      ['loop-empty-light-wk40', '?week=40&scenario=empty', { width: 1100, height: 940 }],
      ['loop-one-light-wk60', '?week=60&scenario=one', { width: 1800, height: 820 }],
      ['loop-narrow-light-wk80', '?week=80&width=1160', { width: 1600, height: 600 }],
      ['loop-narrow-dark-wk80', '?week=80&width=1160&theme=dark', { width: 1600, height: 600 }],
      [
        'loop-highlight-hc-wk80',
        '?week=80&highlight=consumers&theme=high-contrast',
        { width: 1800, height: 820 },
      ],
    ];
    for (const [name, query, viewport] of extras) {
      if (!only(name)) continue;
      await page.setViewportSize(viewport);
      await page.goto(`${preview.url}${query}`);
      await page.waitForSelector('.fw-loop');
      await page.waitForTimeout(2500);
      await page.screenshot({ path: `${OUT}/${name}.png` });
      console.log(`${OUT}/${name}.png`);
    }
    if (errors.length > 0) console.log('console errors:', errors);
  } finally {
    await preview.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
