/**
 * UI benchmark of the built web app in Debian's Chromium (`npm run bench:ui`):
 * 1. From a parameter change to all charts updated: ~50 slider steps on Customer 360's quality,
 *    each timed inside the page with performance marks (renderer/perf.ts): edit -> engine results
 *    (Web Worker compute + transfer), edit -> charts committed, edit -> next frame painted.
 * 2. Frames per second while the loop plays (both loops, particles, charts following the week).
 * 3. CPU time (thread time from a Chromium trace, which a busy machine does not inflate) of the
 *    page's main thread and the engine worker per change, and of the main thread per frame.
 * 1b. The same with 8 pinned runs (issue #11): a ghost line per pin on every chart and every KPI
 *    card's change against the baseline pin, updated by every change.
 * 4. A three-parameter calibration to three years of weekly data (bench/calibration-data.ts, the
 *    problem `npm run bench` fits with the CLI's engine) in the app's calibration worker: from the
 *    click on Calibrate to the fit's results on screen, timed inside the page, and the worker's
 *    CPU time per fit.
 * 5. The Analyse view's analyses (bench/ui-analyses.ts): uncertainty 1,000 draws x 156 weeks,
 *    a tornado over every assumption, a 20 x 20 sweep, each with the longest main-thread task.
 * BENCH_UI_ONLY=analyses measures 5 alone.
 * Prints median and p95 of each and a JSON line; a measurement, not a pass/fail timer.
 */
import { availableParallelism, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { buildWebApp, launchChromium, removeBuild, serveStatic } from '../tests/e2e/harness';
import { BENCH_FIT, BENCH_STARTS, benchCsv } from './calibration-data';
import { analysisLines, measureAnalyses } from './ui-analyses';

const CHANGES = Number(process.env.BENCH_UI_CHANGES ?? 50);
const FPS_SECONDS = Number(process.env.BENCH_UI_FPS_SECONDS ?? 6);
const CALIBRATIONS = Number(process.env.BENCH_UI_CALIBRATIONS ?? 3);
const PINS = 8;

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

function summary(values: readonly number[]): {
  n: number;
  median: number;
  p95: number;
  max: number;
} {
  const s = [...values].sort((a, b) => a - b);
  const round = (v: number): number => Math.round(v * 100) / 100;
  return {
    n: s.length,
    median: round(quantile(s, 0.5)),
    p95: round(quantile(s, 0.95)),
    max: round(s[s.length - 1] ?? NaN),
  };
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * Runs `fn` under a Chromium trace and returns the CPU time (ms) each renderer thread spent in
 * top-level tasks: thread time, not wall time, so a busy machine does not inflate it.
 */
async function threadCpuMs(
  browser: Browser,
  page: Page,
  fn: () => Promise<void>,
): Promise<Map<string, number>> {
  await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
  await fn();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const names = new Map<string, string>();
  for (const e of trace.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name)
      names.set(`${e.pid}:${e.tid}`, e.args.name);
  }
  const totals = new Map<string, number>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || e.tdur === undefined) continue;
    if (e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask') continue;
    const thread = (names.get(`${e.pid}:${e.tid}`) ?? 'other').replace(/\d+$/, '');
    totals.set(thread, (totals.get(thread) ?? 0) + e.tdur / 1000);
  }
  return totals;
}

const cpu = (totals: Map<string, number>, thread: string, per: number): number =>
  Math.round(((totals.get(thread) ?? 0) / per) * 100) / 100;

type Summary = ReturnType<typeof summary>;

interface ChangeFigures {
  readonly results: Summary;
  readonly renderOnly: Summary;
  readonly charts: Summary;
  readonly paint: Summary;
  /** Thread CPU time per change (ms). */
  readonly cpuMain: number;
  readonly cpuWorker: number;
}

/** CHANGES slider steps on Customer 360's quality, each waited for until painted. */
async function measureChanges(browser: Browser, page: Page): Promise<ChangeFigures> {
  const slider = page.locator(
    '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="slider"]',
  );
  await slider.focus();
  await page.evaluate(() => performance.clearMeasures());
  const threads = await threadCpuMs(browser, page, async () => {
    for (let i = 0; i < CHANGES; i++) {
      const key = Math.floor(i / 10) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
      await page.keyboard.press(key);
      await page.waitForFunction(
        (n) => performance.getEntriesByName('fw:edit-to-paint').length >= n,
        i + 1,
      );
    }
  });
  const measures = await page.evaluate(() =>
    Object.fromEntries(
      ['fw:edit-to-results', 'fw:edit-to-charts', 'fw:edit-to-paint'].map((name) => [
        name,
        performance.getEntriesByName(name).map((e) => e.duration),
      ]),
    ),
  );
  const toResults = measures['fw:edit-to-results'] ?? [];
  const toCharts = measures['fw:edit-to-charts'] ?? [];
  return {
    results: summary(toResults),
    renderOnly: summary(toCharts.map((v, i) => v - (toResults[i] ?? 0))),
    charts: summary(toCharts),
    paint: summary(measures['fw:edit-to-paint'] ?? []),
    cpuMain: cpu(threads, 'CrRendererMain', CHANGES),
    cpuWorker: cpu(threads, 'DedicatedWorker thread', CHANGES),
  };
}

/**
 * Pins `count` runs (Alt+P), each after a slider step down on Customer 360's quality so that
 * every ghost line is a different run; waits until every chart draws every pin, then sets the
 * quality to `resetTo` (typed). Returns the pins made.
 */
async function pinRuns(page: Page, count: number, resetTo: string): Promise<number> {
  const slider = page.locator(
    '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="slider"]',
  );
  const net = page.locator('[data-testid="kpi-cumulativeNetValueUsd"]');
  for (let i = 0; i < count; i++) {
    const before = await net.getAttribute('data-with');
    await slider.focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(
      (b) =>
        document
          .querySelector('[data-testid="kpi-cumulativeNetValueUsd"]')
          ?.getAttribute('data-with') !== b,
      before,
    );
    await page.locator('main').focus();
    await page.keyboard.press('Alt+p');
    await page.getByTestId(`pin-Run ${i + 1}`).waitFor();
  }
  const charts = await page.locator('[data-testid="charts"] figure[data-testid^="chart-"]').count();
  await page.waitForFunction(
    (n) => document.querySelectorAll('[data-testid="charts"] path[data-ghost^="pin:"]').length >= n,
    charts * count,
    { timeout: 120_000 },
  );
  await page.locator('[data-testid="kpi-baseline"]').first().waitFor();
  // Back to the value the first measurement started from: each measurement ends ten steps up,
  // and a step past the slider's end changes nothing (no edit, nothing painted to wait for).
  const box = page.locator(
    '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="number"]',
  );
  const before = await net.getAttribute('data-with');
  await box.fill(resetTo);
  await box.press('Enter');
  await page.waitForFunction(
    (b) =>
      document
        .querySelector('[data-testid="kpi-cumulativeNetValueUsd"]')
        ?.getAttribute('data-with') !== b,
    before,
  );
  return count;
}

interface CalibrationFigures {
  /** Click on Calibrate to the results on screen, seconds. */
  readonly seconds: Summary;
  /** CPU time of the calibration worker per fit, seconds. */
  readonly cpuWorker: number;
  /** What the page says about the fit ("468 figures, 3 parameters, ... model runs"). */
  readonly note: string;
}

/** CALIBRATIONS fits of the benchmark's history in the "Your data" view. */
async function measureCalibration(browser: Browser, page: Page): Promise<CalibrationFigures> {
  await page.locator('[data-testid="view-tab-calibrate"]').click();
  await page.setInputFiles('[data-testid="history-file"]', {
    name: 'kpis.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(benchCsv()),
  });
  await page.locator('[data-testid="history-summary"]').waitFor();
  for (const box of await page.locator('[data-testid^="fit-"][type="checkbox"]').all())
    if (await box.isChecked()) await box.uncheck();
  for (const name of BENCH_FIT) await page.check(`[data-testid="fit-${name}"]`);
  await page.fill('[data-testid="calibrate-starts"]', String(BENCH_STARTS));
  const seconds: number[] = [];
  // A string, not a function: tsx's name helpers do not exist inside the page.
  const oneFit = `new Promise((resolve) => {
    const t0 = performance.now();
    let running = false;
    const observer = new MutationObserver(() => {
      if (document.querySelector('[data-testid="calibrate-cancel"]')) running = true;
      const error = document.querySelector('[data-testid="calibrate-error"]');
      if (error) { observer.disconnect(); resolve('error: ' + error.textContent); }
      if (running && document.querySelector('[data-testid="fit-results"]')) {
        observer.disconnect();
        resolve((performance.now() - t0) / 1000);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true });
    document.querySelector('[data-testid="calibrate"]').click();
  })`;
  const threads = await threadCpuMs(browser, page, async () => {
    for (let i = 0; i < CALIBRATIONS; i++) {
      const r = (await page.evaluate(oneFit)) as number | string;
      if (typeof r === 'string') throw new Error(`calibration failed: ${r}`);
      seconds.push(r);
    }
  });
  const note = await page.locator('[data-testid="fit-summary"]').textContent();
  return {
    seconds: summary(seconds),
    cpuWorker: cpu(threads, 'DedicatedWorker thread', CALIBRATIONS * 1000),
    note: (note ?? '').trim(),
  };
}

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = loadavg()[0]!;
  const dir = await buildWebApp();
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const viewport = { width: 1440, height: 900 };
    const page = await browser.newPage({ viewport });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(server.url);
    await page.waitForSelector(
      '[data-testid="kpi-cumulativeNetValueUsd"][data-with]:not([data-with=""])',
    );
    await page.waitForTimeout(500); // let the first run settle
    if (process.env.BENCH_UI_ONLY === 'analyses') {
      const figures = await measureAnalyses(browser, page);
      console.log(
        `Flywheel Lab UI benchmark, analyses (Chromium ${browser.version()}, ${viewport.width}x${viewport.height}, headless; load average ${loadBefore.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores):`,
      );
      for (const l of analysisLines(figures)) console.log(l);
      if (problems.length > 0) console.log(`console errors: ${problems.join(' | ')}`);
      console.log(JSON.stringify({ analyses: figures, loadAverage: [loadBefore, loadavg()[0]] }));
      return;
    }

    // 1. Parameter change -> charts updated: with the loop animating (as in use), then with
    //    reduced motion (no particles) to see the cost of a change alone.
    const qualityBox = page.locator(
      '[data-testid="product-customer-360"] [data-testid="field-dataProducts[0].maturity.quality"] [data-testid="number"]',
    );
    const startQuality = await qualityBox.inputValue();
    const withMotion = await measureChanges(browser, page);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const alone = await measureChanges(browser, page);

    // 1b. Eight pinned runs, each of a different quality (Alt+P, a slider step between pins).
    const pinned = await pinRuns(page, PINS, startQuality);
    const pinsAlone = await measureChanges(browser, page);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const pinsWithMotion = await measureChanges(browser, page);

    // 2. Frames per second while the loop plays.
    await page.locator('[data-testid="play"]').click();
    // A string, not a function: tsx's name helpers do not exist inside the page.
    let frames: number[] = [];
    const playCpu = await threadCpuMs(browser, page, async () => {
      frames = (await page.evaluate(`new Promise((resolve) => {
      const deltas = [];
      let last = 0;
      const end = performance.now() + ${FPS_SECONDS * 1000};
      const tick = (now) => {
        deltas.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else resolve(deltas);
      };
      requestAnimationFrame((now) => { last = now; requestAnimationFrame(tick); });
    })`)) as number[];
    });
    const weekAfter = Number(
      await page.locator('[data-testid="current-week"]').getAttribute('data-week'),
    );
    await page.locator('[data-testid="play"]').click();
    const elapsed = frames.reduce((a, b) => a + b, 0) / 1000;
    const fps = frames.length / elapsed;
    const frameTimes = summary(frames);
    const longFrames = frames.filter((d) => d > 1000 / 50).length;

    // 4. The calibration in its worker.
    const calibration = await measureCalibration(browser, page);

    // 5. The analyses.
    const analyses = await measureAnalyses(browser, page);

    const line = (
      label: string,
      s: { n: number; median: number; p95: number; max: number },
    ): string =>
      `${label.padEnd(44)} median ${s.median.toFixed(2).padStart(7)} ms   p95 ${s.p95.toFixed(2).padStart(7)} ms   max ${s.max.toFixed(2).padStart(7)} ms   (n=${s.n})`;
    const load = `load average ${loadBefore.toFixed(1)} -> ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
    console.log(
      `Flywheel Lab UI benchmark (Chromium ${browser.version()}, ${viewport.width}x${viewport.height}, headless; ${load})`,
    );
    if (loadavg()[0]! > availableParallelism()) {
      console.log(
        'note: the machine is busier than its cores; wall-clock figures are inflated accordingly',
      );
    }
    for (const [label, f] of [
      ['with the loop animating', withMotion],
      ['reduced motion (the change alone)', alone],
      [`${pinned} pinned runs, reduced motion`, pinsAlone],
      [`${pinned} pinned runs, with the loop animating`, pinsWithMotion],
    ] as const) {
      console.log(`parameter changes, ${label}:`);
      console.log(line('  change -> engine results (worker)', f.results));
      console.log(line('  engine results -> charts committed', f.renderOnly));
      console.log(line('  change -> all charts updated', f.charts));
      console.log(line('  change -> next frame painted', f.paint));
      console.log(
        `  CPU time per change: page main thread ${f.cpuMain} ms, engine worker ${f.cpuWorker} ms (thread time, mean of ${CHANGES})`,
      );
    }
    const frameCpuMain = cpu(playCpu, 'CrRendererMain', frames.length);
    const frameCpuCompositor =
      cpu(playCpu, 'Compositor', frames.length) +
      cpu(playCpu, 'CompositorTileWorker', frames.length);
    console.log(
      `loop playing: ${fps.toFixed(1)} fps over ${elapsed.toFixed(1)} s (frame time median ${frameTimes.median.toFixed(2)} ms, p95 ${frameTimes.p95.toFixed(2)} ms, ${longFrames} frames over 20 ms); reached week ${weekAfter}`,
    );
    console.log(
      `  CPU time per frame: main thread ${frameCpuMain} ms, compositor and raster ${Math.round(frameCpuCompositor * 100) / 100} ms`,
    );
    const c = calibration.seconds;
    console.log(
      `calibration (${BENCH_FIT.length} parameters, 156 weeks x 3 series, ${BENCH_STARTS} starts) in the app's worker, click -> results on screen:`,
    );
    console.log(
      `  median ${c.median.toFixed(2)} s   p95 ${c.p95.toFixed(2)} s   max ${c.max.toFixed(2)} s   (n=${c.n}); worker CPU per fit ${calibration.cpuWorker} s; aim below 5 s`,
    );
    console.log(`  ${calibration.note}`);
    console.log('analyses, click -> results on screen (timed in the page):');
    for (const l of analysisLines(analyses)) console.log(l);
    if (problems.length > 0) console.log(`console errors: ${problems.join(' | ')}`);
    console.log(
      JSON.stringify({
        analyses,
        changesWithMotion: withMotion,
        changesAlone: alone,
        pinnedRuns: pinned,
        changesPinsAlone: pinsAlone,
        changesPinsWithMotion: pinsWithMotion,
        loopFps: Math.round(fps * 10) / 10,
        frameMs: frameTimes,
        longFrames,
        cpuMsPerFrame: { main: frameCpuMain, compositorAndRaster: frameCpuCompositor },
        calibrationSeconds: calibration.seconds,
        calibrationWorkerCpuSeconds: calibration.cpuWorker,
        loadAverage: [loadBefore, loadavg()[0]],
        totalSeconds: Math.round((Date.now() - started) / 100) / 10,
      }),
    );
  } finally {
    await browser.close();
    await server.close();
    removeBuild(dir);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
