/**
 * Measuring the loop animation in the preview page. Two figures:
 * - frames per second and frame intervals seen by the app clock (what a viewer gets; on a busy
 *   machine this mostly measures the machine);
 * - CPU time per frame from a Chromium trace: the renderer's main thread (script, style, paint)
 *   and the raster and compositor threads, summed over thread time, which other load on the
 *   machine barely changes. 60 fps needs the busiest thread under 16.7 ms per frame.
 */
import type { Browser, Page } from 'playwright-core';

export interface LoopFrameCost {
  readonly seconds: number;
  readonly frames: number;
  readonly fps: number;
  readonly frameMsMedian: number;
  readonly frameMsP95: number;
  /** Particle step and draw time per frame measured in the page (ms), all loops together. */
  readonly updateMsMedian: number;
  readonly updateMsP95: number;
  readonly particles: number;
  /** Thread CPU time per frame (ms) from the trace. */
  readonly mainThreadMsPerFrame: number;
  readonly rasterMsPerFrame: number;
  readonly compositorMsPerFrame: number;
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  tdur?: number;
  args?: { name?: string };
}

/** Thread CPU time (ms) of top-level tasks, per thread name. */
function threadTimes(trace: { traceEvents: TraceEvent[] }): Map<string, number> {
  const names = new Map<string, string>();
  for (const e of trace.traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name) {
      names.set(`${e.pid}:${e.tid}`, e.args.name);
    }
  }
  const totals = new Map<string, number>();
  for (const e of trace.traceEvents) {
    if (e.ph !== 'X' || e.tdur === undefined) continue;
    // Top-level tasks only ('ThreadControllerImpl::RunTask' nests inside 'RunTask').
    if (e.name !== 'RunTask') continue;
    const thread = names.get(`${e.pid}:${e.tid}`) ?? 'unknown';
    totals.set(thread, (totals.get(thread) ?? 0) + e.tdur / 1000);
  }
  return totals;
}

/**
 * Runs the particles for `seconds` while tracing the page; with `play`, the weeks also advance
 * (one per 100 ms, playback at 10 weeks a second) so every loop re-renders ten times a second.
 */
export async function measureLoop(
  browser: Browser,
  page: Page,
  seconds: number,
  play = true,
): Promise<LoopFrameCost> {
  await browser.startTracing(page, {
    categories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'],
  });
  await page.evaluate('window.loopPreview.resetStats()');
  const started = Date.now();
  let week = 0;
  while (Date.now() - started < seconds * 1000) {
    if (play) {
      week = (week + 1) % 157;
      await page.evaluate(`window.loopPreview.setPoint(${week})`);
    }
    await page.waitForTimeout(100);
  }
  const stats = (await page.evaluate(`({
    frames: window.loopPreview.stats.frames,
    deltas: [...window.loopPreview.stats.deltas],
    updateMs: [...window.loopPreview.stats.updateMs],
    particles: window.loopPreview.stats.particles,
  })`)) as { frames: number; deltas: number[]; updateMs: number[]; particles: number };
  const elapsed = (Date.now() - started) / 1000;
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
    traceEvents: TraceEvent[];
  };
  const times = threadTimes(trace);
  // Frames in the traced window: animation-frame callbacks run by the page.
  const tracedFrames = trace.traceEvents.filter(
    (e) => e.name === 'FireAnimationFrame' && (e.ph === 'X' || e.ph === 'B'),
  ).length;
  const sum = (match: (name: string) => boolean): number =>
    [...times].filter(([name]) => match(name)).reduce((a, [, t]) => a + t, 0);
  const frames = Math.max(1, tracedFrames);
  const deltas = stats.deltas.slice(1);
  return {
    seconds: elapsed,
    frames: stats.frames,
    fps: stats.frames / elapsed,
    frameMsMedian: percentile(deltas, 0.5),
    frameMsP95: percentile(deltas, 0.95),
    updateMsMedian: percentile(stats.updateMs, 0.5),
    updateMsP95: percentile(stats.updateMs, 0.95),
    particles: stats.particles,
    mainThreadMsPerFrame: sum((n) => n === 'CrRendererMain') / frames,
    rasterMsPerFrame: sum((n) => n.startsWith('CompositorTileWorker')) / frames,
    compositorMsPerFrame: sum((n) => n === 'Compositor' || n === 'VizCompositorThread') / frames,
  };
}

export function describeCost(label: string, r: LoopFrameCost): string {
  return (
    `${label}: ${r.particles} particles, ${r.fps.toFixed(1)} fps ` +
    `(frame median ${r.frameMsMedian.toFixed(1)} ms, p95 ${r.frameMsP95.toFixed(1)} ms); ` +
    `CPU per frame: main ${r.mainThreadMsPerFrame.toFixed(2)} ms, raster ${r.rasterMsPerFrame.toFixed(2)} ms, ` +
    `compositor ${r.compositorMsPerFrame.toFixed(2)} ms; particle step+draw median ` +
    `${r.updateMsMedian.toFixed(2)} ms, p95 ${r.updateMsP95.toFixed(2)} ms`
  );
}

/** Waits until the page's animation clock has advanced `ms` (slow frames make that take longer). */
export async function waitForClock(page: Page, ms: number, wallTimeoutMs = 25_000): Promise<void> {
  const start = (await page.evaluate('window.loopPreview.clockMs()')) as number;
  const deadline = Date.now() + wallTimeoutMs;
  while (Date.now() < deadline) {
    await page.waitForTimeout(100);
    const now = (await page.evaluate('window.loopPreview.clockMs()')) as number;
    if (now - start >= ms) return;
  }
  throw new Error(`the animation clock did not advance ${ms} ms within ${wallTimeoutMs} ms`);
}
