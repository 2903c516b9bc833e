/**
 * The Analyse view's analyses in the built app (part of `npm run bench:ui`): from the click on Run
 * to the results on screen, timed inside the page, and the page's longest main-thread task while
 * each ran (a PerformanceObserver of 'longtask' entries: every task over 50 ms is one).
 * 1. Uncertainty: 1,000 draws x 156 weeks with bands on every chart (the analysis workers).
 * 2. Tornado over every assumption of the catalogue (two runs per assumption, plausible ranges).
 * 3. A 20 x 20 sweep: two parameters, 20 steps each (21 x 21 = 441 points).
 * Each is run `repeats` times: the first includes starting the workers and compiling.
 */
import type { Browser, Page } from 'playwright-core';

export interface AnalysisFigure {
  readonly name: string;
  /** Click -> results on screen, ms, per repeat. */
  readonly ms: number[];
  /** The longest main-thread task during each repeat, ms (0: none over 50 ms). */
  readonly longestTaskMs: number[];
  readonly longTasks: number[];
  /**
   * The longest main-thread task in CPU time (thread time from a Chromium trace), ms: on a shared
   * machine a task's wall time includes the time it waited for a core, its CPU time does not.
   */
  readonly longestTaskCpuMs: number[];
  readonly detail: string;
}

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/** The longest top-level task on the page's main thread, in thread time (ms). */
async function longestMainTaskCpu(browser: Browser, run: () => Promise<void>): Promise<number> {
  await browser.startTracing(undefined, { categories: ['toplevel'] });
  await run();
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const main = new Set<string>();
  for (const e of trace.traceEvents)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      main.add(`${e.pid}:${e.tid}`);
  let longest = 0;
  for (const e of trace.traceEvents)
    if (
      e.ph === 'X' &&
      e.tdur !== undefined &&
      (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') &&
      main.has(`${e.pid}:${e.tid}`)
    )
      longest = Math.max(longest, e.tdur / 1000);
  return Math.round(longest * 10) / 10;
}

/**
 * Clicks `run` in the page and resolves with the ms until `status` stops running and every figure
 * of the results that says which draws it shows (`data-draws`, the Uncertainty view's: they redraw
 * one per task) shows the results' draws.
 */
const TIMED_RUN = `(async ([run, status]) => {
  window.__longTasks = [];
  const t0 = performance.now();
  const allShown = () => {
    const results = status === 'mc-status' && document.querySelector('[data-testid="mc-results"]');
    if (!results) return true;
    const draws = results.getAttribute('data-draws');
    return [...results.querySelectorAll('[data-draws]')].every((e) => e.getAttribute('data-draws') === draws);
  };
  const done = new Promise((resolve) => {
    let seenRunning = false;
    const check = () => {
      const s = document.querySelector('[data-testid="' + status + '"]');
      const running = s && s.getAttribute('data-running') === 'true';
      if (running) seenRunning = true;
      if (seenRunning && s && !running && allShown()) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, attributes: true, childList: true });
  });
  document.querySelector('[data-testid="' + run + '"]').click();
  const ms = await done;
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const tasks = window.__longTasks.map((e) => e.duration);
  return { ms, tasks };
})`;

const OBSERVE = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ duration: e.duration });
  }).observe({ type: 'longtask' });
})()`;

async function timed(
  browser: Browser,
  page: Page,
  name: string,
  run: string,
  status: string,
  repeats: number,
  detail: () => Promise<string>,
): Promise<AnalysisFigure> {
  const ms: number[] = [];
  const longestTaskMs: number[] = [];
  const longTasks: number[] = [];
  const longestTaskCpuMs: number[] = [];
  for (let i = 0; i < repeats; i++) {
    let r = { ms: 0, tasks: [] as number[] };
    longestTaskCpuMs.push(
      await longestMainTaskCpu(browser, async () => {
        r = (await page.evaluate(`${TIMED_RUN}(${JSON.stringify([run, status])})`)) as typeof r;
      }),
    );
    ms.push(Math.round(r.ms));
    longestTaskMs.push(Math.round(Math.max(0, ...r.tasks)));
    longTasks.push(r.tasks.length);
  }
  return { name, ms, longestTaskMs, longTasks, longestTaskCpuMs, detail: await detail() };
}

export async function measureAnalyses(
  browser: Browser,
  page: Page,
  repeats = 2,
): Promise<AnalysisFigure[]> {
  await page.evaluate(OBSERVE);
  await page.getByTestId('view-tab-analyse').click();
  const out: AnalysisFigure[] = [];

  await page.getByTestId('analysis-uncertainty-choice').click();
  await page.getByTestId('mc-draws').fill('1000');
  out.push(
    await timed(
      browser,
      page,
      'uncertainty 1,000 draws x 156 weeks',
      'mc-run',
      'mc-status',
      repeats,
      () => page.getByTestId('mc-status').innerText(),
    ),
  );

  await page.getByTestId('analysis-sensitivity-choice').click();
  out.push(
    await timed(
      browser,
      page,
      'tornado, every assumption',
      'tornado-run',
      'tornado-status',
      repeats,
      () => page.getByTestId('tornado-status').innerText(),
    ),
  );

  await page.getByTestId('analysis-sweep-choice').click();
  await page.getByTestId('sweep-mode-two').check();
  await page.getByTestId('sweep-steps').fill('20');
  out.push(
    await timed(
      browser,
      page,
      'sweep 20 x 20 steps (441 points)',
      'sweep-run',
      'sweep-status',
      repeats,
      () => page.getByTestId('sweep-status').innerText(),
    ),
  );
  return out;
}

export function analysisLines(figures: readonly AnalysisFigure[]): string[] {
  return figures.map(
    (f) =>
      `  ${f.name.padEnd(38)} ${f.ms.map((m) => `${(m / 1000).toFixed(2)} s`).join(', ')} (first: workers starting); longest main-thread task ${f.longestTaskMs.join(', ')} ms wall (${f.longTasks.join(', ')} tasks over 50 ms wall), ${f.longestTaskCpuMs.join(', ')} ms CPU — ${f.detail.replace(/\s+/g, ' ').trim()}`,
  );
}
