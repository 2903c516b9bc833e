/**
 * The headline results: the answer to "isn't that just your assumption?".
 *
 * - **Break-even maturity gap.** The maturity gap is how much more mature the data products are
 *   than the own pipelines: the mean over every data product and anatomy part of its maturity,
 *   minus the mean over the parts of the own-pipeline template's, each with its kind's common shift
 *   and kept within 0..1 (as the model reads them). The break-even gap is the gap at which `with`
 *   and `without` end the horizon with the same cumulative net value, found by moving every data
 *   product's maturity together (`productMaturityShift` from -1, every product at 0, to +1, every
 *   product at 1) with the own pipelines as the scenario has them: a scan, then Brent's method on
 *   the bracket nearest the scenario's own value (analysis/seek.ts), on the expected-value model.
 *   Not reachable: even products at full maturity do not pay off (or they pay off even at 0).
 * - **Probability that `with` wins.** The share of Monte Carlo draws (seeds and every uncertain
 *   assumption, drawn as montecarlo-draws.ts draws them: draw i is the same in every Monte Carlo
 *   of this scenario and seed) in which `with` ends with more cumulative net value than `without`,
 *   with a 95% Wilson interval. WIN_PROBABILITY_DRAWS draws by default.
 *
 * Computed in small steps (a generator) so that a caller with other work (the app's engine worker)
 * can stop between them; the result does not depend on how the work is split.
 */
import type { Backend } from '../engine/compile';
import { Rng } from '../engine/rng';
import { runModelKeeping } from '../engine/run';
import type { RunSettings } from '../engine/types';
import { ANATOMY_PARTS } from '../model/anatomy';
import { hasDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import { ScenarioEvaluator } from './evaluate';
import { CompiledModelCache } from './model-cache';
import type { KpiTables } from './montecarlo';
import {
  comparedScenarios,
  drawParameters,
  drawSeed,
  DRAW_STREAM,
  KPI_KEYS,
  uncertainParameters,
} from './montecarlo-draws';
import { seekSteps, type SeekResult } from './seek';

/** Monte Carlo draws behind the probability that `with` wins (95% interval within +-5 points). */
export const WIN_PROBABILITY_DRAWS = 400;
/** The registry parameter the break-even search moves. */
export const BREAK_EVEN_PARAMETER = 'productMaturityShift';

export interface BreakEven {
  /** found: a break-even inside the range; always: with wins even with every product at maturity 0; never: with loses even with every product at 1. */
  readonly status: 'found' | 'always' | 'never';
  /** The maturity gap at the break-even (null unless found). */
  readonly gap: number | null;
  /** The products' common shift at the break-even (null unless found). */
  readonly shift: number | null;
  /** The scenario's own maturity gap. */
  readonly currentGap: number;
  /** Model runs the search took. */
  readonly evaluations: number;
}

export interface WinProbability {
  readonly wins: number;
  readonly draws: number;
  /** wins / draws. */
  readonly probability: number;
  /** 95% Wilson interval of the probability. */
  readonly low: number;
  readonly high: number;
}

export interface Headline {
  /** Null when the scenario has no data products (nothing to compare). */
  readonly breakEven: BreakEven | null;
  readonly win: WinProbability | null;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);

/**
 * How much more mature the data products are than the own pipelines (means over products and
 * parts, each maturity with its kind's shift, within 0..1); `productShift` replaces the
 * scenario's productMaturityShift. Null without data products.
 */
export function maturityGap(s: Scenario, productShift?: number): number | null {
  if (s.dataProducts.length === 0) return null;
  const shift = productShift ?? s.parameters.productMaturityShift ?? 0;
  const ownShift = s.parameters.ownPipelineMaturityShift ?? 0;
  const products = mean(
    s.dataProducts.flatMap((d) => ANATOMY_PARTS.map((p) => clamp01(d.maturity[p] + shift))),
  );
  const own = mean(ANATOMY_PARTS.map((p) => clamp01(s.ownPipeline.maturity[p] + ownShift)));
  return products - own;
}

/** The 95% Wilson score interval of a share. */
export function wilsonInterval(wins: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.959963984540054;
  const p = wins / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n))) / (1 + z2n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export interface HeadlineOptions {
  /** Compiled models to share (the app's worker); otherwise a cache of `backend`'s. */
  readonly models?: CompiledModelCache;
  readonly backend?: Backend;
  readonly draws?: number;
}

/** The break-even search, one model run per step (see headlineSteps). */
export function* breakEvenSteps(
  scenario: Scenario,
  models: CompiledModelCache,
): Generator<void, BreakEven, void> {
  const s: Scenario = { ...scenario, simulation: { ...scenario.simulation, mode: 'expected' } };
  const evaluator = new ScenarioEvaluator(s, s.simulation, { models });
  const steps = seekSteps(s, {
    parameter: BREAK_EVEN_PARAMETER,
    from: -1,
    to: 1,
    kpi: { kpi: 'cumulativeNetValueUsd', of: 'difference' },
    target: 0,
    scanSteps: 16,
    tolerance: 5e-5,
  });
  let next = steps.next();
  while (!next.done) {
    const outcomes = [];
    for (const point of next.value) {
      outcomes.push(evaluator.evaluate(point));
      yield;
    }
    next = steps.next(outcomes);
  }
  return breakEvenOf(s, next.value);
}

function breakEvenOf(s: Scenario, r: SeekResult): BreakEven {
  const currentGap = maturityGap(s)!;
  const evaluations = r.evaluations;
  if (r.reached && r.answer) {
    const shift = r.answer.value;
    return { status: 'found', gap: maturityGap(s, shift), shift, currentGap, evaluations };
  }
  const winsAnyway = r.closest !== null && r.closest.meetsTarget;
  return {
    status: winsAnyway ? 'always' : 'never',
    gap: null,
    shift: null,
    currentGap,
    evaluations,
  };
}

/** The probability that `with` wins, one draw (two runs) per step (see headlineSteps). */
export function* winProbabilitySteps(
  scenario: Scenario,
  settings: RunSettings,
  models: CompiledModelCache,
  draws: number,
): Generator<void, WinProbability, void> {
  const uncertain = uncertainParameters(scenario);
  const drawn = new Float64Array(uncertain.length);
  const rng = new Rng(0);
  const runs = comparedScenarios(scenario).map((s) => {
    const prepared = models.prepare(s);
    const compiled = prepared.compiled;
    const names = compiled.parameterNames;
    const points = Math.round(settings.weeks / settings.stepWeeks) + 1;
    return {
      compiled,
      base: Float64Array.from(prepared.built.parameterValues),
      parameters: new Float64Array(prepared.built.parameterValues.length),
      index: Int32Array.from(uncertain.map((u) => names.indexOf(u.name))),
      kept: Int32Array.of(compiled.slotOf.get('cumulativeNetValue')!),
      buffer: new Float64Array(points),
      last: points - 1,
    };
  });
  const run = { ...settings };
  let wins = 0;
  for (let i = 0; i < draws; i++) {
    rng.reseed(drawSeed(settings.seed, i, DRAW_STREAM.parameters));
    drawParameters(rng, uncertain, drawn);
    run.seed = drawSeed(settings.seed, i, DRAW_STREAM.simulation);
    const net = runs.map((r) => {
      r.parameters.set(r.base);
      for (let j = 0; j < r.index.length; j++) {
        const k = r.index[j]!;
        if (k >= 0) r.parameters[k] = drawn[j]!;
      }
      runModelKeeping(r.compiled, r.parameters, run, r.kept, r.buffer);
      return r.buffer[r.last]!;
    });
    if (net[0]! > net[1]!) wins++;
    yield;
  }
  return winProbabilityOf(wins, draws);
}

function winProbabilityOf(wins: number, draws: number): WinProbability {
  const [low, high] = wilsonInterval(wins, draws);
  return { wins, draws, probability: wins / draws, low, high };
}

const NET_VALUE = KPI_KEYS.indexOf('cumulativeNetValueUsd');

/**
 * The probability that `with` wins, counted from the KPI rows of a Monte Carlo of the same
 * scenario and settings (montecarlo.ts's KpiTables) instead of running its first `draws` draws
 * again: a draw's `cumulativeNetValueUsd` is the run's final cumulative net value, which is what
 * winProbabilitySteps compares, so the result is the same. Null when the tables do not hold draws
 * 0..draws-1 of two runs.
 */
export function winProbabilityFromDraws(
  kpis: KpiTables,
  draws = WIN_PROBABILITY_DRAWS,
): WinProbability | null {
  if (kpis.runs.length !== 2 || kpis.start !== 0 || kpis.count < draws) return null;
  const [a, b] = kpis.runs as [Float64Array, Float64Array];
  const width = KPI_KEYS.length;
  let wins = 0;
  for (let i = 0; i < draws; i++) if (a[i * width + NET_VALUE]! > b[i * width + NET_VALUE]!) wins++;
  return winProbabilityOf(wins, draws);
}

/**
 * The headline results of a scenario, a little at a time: each `next()` does one model run or a
 * draw's two runs; the generator returns the Headline.
 */
export function* headlineSteps(
  scenario: Scenario,
  options: HeadlineOptions = {},
): Generator<void, Headline, void> {
  if (!hasDataProducts(scenario)) return { breakEven: null, win: null };
  const models = options.models ?? new CompiledModelCache(options.backend ?? 'interpreter');
  const draws = options.draws ?? WIN_PROBABILITY_DRAWS;
  if (!(Number.isInteger(draws) && draws >= 1))
    throw new RangeError(`draws must be a whole number of at least 1, got ${draws}`);
  const breakEven = yield* breakEvenSteps(scenario, models);
  const win = yield* winProbabilitySteps(scenario, scenario.simulation, models, draws);
  return { breakEven, win };
}

/** The headline results, computed on this thread in one go. */
export function computeHeadline(scenario: Scenario, options: HeadlineOptions = {}): Headline {
  const steps = headlineSteps(scenario, options);
  let next = steps.next();
  while (!next.done) next = steps.next();
  return next.value;
}

/** The headline numbers as `flywheel run`'s JSON and the app's export write them in `differences`. */
export function headlineDifferences(h: Headline): {
  readonly maturityGap: number | null;
  readonly breakEvenMaturityGap: number | null;
  readonly winProbability: number | null;
} {
  return {
    maturityGap: h.breakEven?.currentGap ?? null,
    breakEvenMaturityGap: h.breakEven?.gap ?? null,
    winProbability: h.win?.probability ?? null,
  };
}
