/**
 * Warms the analysis workers up when the Analyse view first opens, so that the first analysis is
 * as fast as the next: each worker starts (its script loads and evaluates), compiles the
 * scenario's model for a small Monte Carlo job (the WebAssembly module, and the probe that picks
 * the backend) and runs a few of its draws, which lets the JavaScript and WebAssembly engines
 * optimise the code every analysis runs. Measured on two cores: the first 1,000-draw Monte Carlo
 * spent about 0.7 s starting and compiling and ran its first 128 draws four times slower than a
 * later run.
 *
 * Only a pool no analysis has used yet is warmed (an analysis's job must never be replaced under
 * it). The warm-up's two requests are posted together: a worker answers in order, so its few
 * draws run on the warm-up's own job even if an analysis starts at once (its `mc-init` replaces
 * that job only after them). Nothing of it is kept or shown; a failure is ignored (the analysis that
 * follows reports its own). Only real workers are warmed: in-page stand-ins would block the page.
 */
import type { Scenario } from '../../simulation';
import type { AnalysisPool } from './pool';
import { uncertaintySpec } from './uncertainty';

/** Draws each worker runs to warm up (a few tens of milliseconds when warm). */
export const WARM_DRAWS = 16;

let warmed = false;

export function warmAnalysisWorkers(pool: () => AnalysisPool, scenario: Scenario): void {
  if (warmed || typeof Worker !== 'function') return;
  warmed = true;
  if (pool().started > 0) return;
  const spec = { ...uncertaintySpec(scenario, WARM_DRAWS), pilotDraws: WARM_DRAWS };
  for (const w of pool().workers()) {
    const init = w.request<'mc-init'>({ type: 'mc-init', spec });
    const draws = w.request<'mc-pilot'>({ type: 'mc-pilot', start: 0, end: WARM_DRAWS });
    Promise.all([init, draws]).catch(() => {});
  }
}
