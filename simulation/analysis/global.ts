/**
 * Global sensitivity from Monte Carlo draws: every uncertain assumption varies at once (as the
 * draws vary them), so a factor that matters only together with others still shows.
 *
 * - Standardised rank regression coefficients (SRRC): the KPI's ranks regressed on the drawn
 *   values' ranks, all standardised; the sign is the direction, |SRRC| the ranking. R² of that
 *   regression says how much of the KPI's rank variance a monotone, additive model explains: the
 *   rest (1 - R²) is interactions, non-monotone effects and simulation noise.
 * - First-order index per factor (a correlation ratio): the share of the KPI's rank variance
 *   explained by that factor alone, estimated from the same draws by sorting them on the factor
 *   and averaging the KPI's ranks in equal-count bins (given-data estimator), with the bias of
 *   the bin means removed. Their sum falls short of 1 by the share of interactions and noise.
 *
 * Draws are recomputed from (seed, index) exactly as montecarlo-draws.ts makes them, so only each
 * draw's KPIs need to travel: any split of the draws over threads gives identical numbers.
 */
import { Rng } from '../engine/rng';
import type { RunSettings } from '../engine/types';
import type { Scenario } from '../scenario/types';
import { assumptionsOf } from '../scenario/assumptions';
import {
  AnalysisError,
  OUTCOME_WIDTH,
  orderedKpi,
  type EvalOutcome,
  type KpiSelector,
} from './evaluate';
import { checkSelector } from './factors';
import { newKpiTables, type KpiTables } from './montecarlo';
import {
  DIFFERENCE_KEYS,
  DRAW_STREAM,
  drawParameters,
  drawSeed,
  KPI_KEYS,
  uncertainParameters,
  type DrawRunner,
} from './montecarlo-draws';

/** The uncertain parameters' values of draws [start, start + count): row-major, one row per draw. */
export function drawnParameterTable(
  scenario: Scenario,
  baseSeed: number,
  start: number,
  count: number,
): { readonly names: readonly string[]; readonly values: Float64Array } {
  const uncertain = uncertainParameters(scenario);
  const k = uncertain.length;
  const values = new Float64Array(count * k);
  const row = new Float64Array(k);
  const rng = new Rng(0);
  for (let i = 0; i < count; i++) {
    rng.reseed(drawSeed(baseSeed, start + i, DRAW_STREAM.parameters));
    drawParameters(rng, uncertain, row);
    values.set(row, i * k);
  }
  return { names: uncertain.map((u) => u.name), values };
}

/** Only the KPIs of draws [start, end) (no bands): for global sensitivity. */
export function drawKpis(
  runner: DrawRunner,
  start: number,
  end: number,
  into: KpiTables = newKpiTables(runner.runCount, start, end - start),
): KpiTables {
  for (let i = start; i < end; i++) {
    runner.run(i);
    const at = i - into.start;
    for (let r = 0; r < runner.runCount; r++)
      runner.writeKpis(r, into.runs[r]!, at * KPI_KEYS.length);
    if (into.differences) runner.writeDifferences(into.differences, at * DIFFERENCE_KEYS.length);
  }
  return into;
}

/** Ranks 1..n with ties given their average rank; order by value, then index (deterministic). */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => values[a]! - values[b]! || a - b,
  );
  const out = new Float64Array(n);
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) out[order[k]!] = r;
    i = j + 1;
  }
  return out;
}

/** Standardises in place (mean 0, sd 1); returns false when the values do not vary. */
function standardise(v: Float64Array): boolean {
  const n = v.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += v[i]!;
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (v[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) return false;
  for (let i = 0; i < n; i++) v[i] = (v[i]! - mean) / sd;
  return true;
}

/** Solves A x = b (A square, row-major) by Gaussian elimination with partial pivoting. */
export function solveLinear(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[p * n + c]!)) p = r;
    if (!(Math.abs(m[p * n + c]!) > 1e-12)) return null;
    if (p !== c) {
      for (let k = 0; k < n; k++) {
        const t = m[c * n + k]!;
        m[c * n + k] = m[p * n + k]!;
        m[p * n + k] = t;
      }
      const t = x[c]!;
      x[c] = x[p]!;
      x[p] = t;
    }
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / m[c * n + c]!;
      if (f === 0) continue;
      for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < n; k++) s -= m[c * n + k]! * x[k]!;
    x[c] = s / m[c * n + c]!;
  }
  return x;
}

/**
 * First-order index of y (standardised) on x: between-bin variance of y's means over
 * equal-count bins of x, minus its expected value under no effect ((bins - 1) / (n - 1)),
 * rescaled; clipped to [0, 1].
 */
function firstOrderIndex(x: ArrayLike<number>, y: Float64Array, bins: number): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a]! - x[b]! || a - b);
  let between = 0;
  for (let b = 0; b < bins; b++) {
    const lo = Math.floor((n * b) / bins);
    const hi = Math.floor((n * (b + 1)) / bins);
    if (hi <= lo) continue;
    let s = 0;
    for (let k = lo; k < hi; k++) s += y[order[k]!]!;
    const mean = s / (hi - lo);
    between += (hi - lo) * mean * mean;
  }
  const raw = between / (n - 1); // y has mean 0 and variance 1
  const bias = (bins - 1) / (n - 1);
  return (raw - bias) / (1 - bias);
}

const clip01 = (v: number): number => Math.max(0, Math.min(1, v));

export interface GlobalFactor {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  /** Standardised rank regression coefficient (-1..1 in practice); null if it never varied. */
  readonly srrc: number | null;
  /** First-order index (0..1); null if it never varied. */
  readonly firstOrder: number | null;
  /** 1 for the largest |SRRC|. */
  readonly rank: number;
}

export interface GlobalSensitivityResult {
  readonly kpi: KpiSelector;
  /** Draws used (draws whose run failed are left out). */
  readonly draws: number;
  readonly factors: readonly GlobalFactor[];
  /** R² of the rank regression: 1 - rSquared is the share it cannot explain. */
  readonly rSquared: number | null;
  /**
   * Sum of the factors' first-order shares before clipping (each estimate is unbiased, so their
   * noise cancels in the sum instead of adding up over many factors).
   */
  readonly firstOrderSum: number;
  /** Bins per factor of the first-order estimator. */
  readonly bins: number;
  /** Null when the KPI did not vary over the draws (nothing to explain). */
  readonly note: string | null;
}

/**
 * The global ranking of the uncertain assumptions for one KPI, from every draw's KPIs (the
 * tables Monte Carlo keeps; merged over any split of the draws) and the draws recomputed.
 */
export function globalSensitivity(
  scenario: Scenario,
  settings: RunSettings,
  kpis: KpiTables,
  kpi: KpiSelector,
): GlobalSensitivityResult {
  checkSelector(scenario, kpi);
  const drawn = drawnParameterTable(scenario, settings.seed, kpis.start, kpis.count);
  const k = drawn.names.length;
  if (k === 0) throw new AnalysisError('the scenario has no uncertain assumptions to rank');
  // The KPI of each draw, read as an analysis outcome (weeks never reached count as latest).
  const outcome: EvalOutcome = { kpis: new Float64Array(OUTCOME_WIDTH).fill(NaN), error: null };
  const y: number[] = [];
  const used: number[] = [];
  const nk = KPI_KEYS.length;
  for (let i = 0; i < kpis.count; i++) {
    kpis.runs.forEach((t, r) => outcome.kpis.set(t.subarray(i * nk, (i + 1) * nk), r * nk));
    if (kpis.differences) {
      const w = DIFFERENCE_KEYS.length;
      outcome.kpis.set(kpis.differences.subarray(i * w, (i + 1) * w), 2 * nk);
    }
    const v = orderedKpi(outcome, kpi);
    if (!Number.isNaN(v)) {
      y.push(v);
      used.push(i);
    }
  }
  const n = y.length;
  if (n < k + 3)
    throw new AnalysisError(
      `a global ranking of ${k} uncertain assumptions needs at least ${k + 3} draws with a KPI (got ${n}): use more runs`,
    );
  const ry = ranks(y);
  const bins = Math.max(2, Math.min(50, Math.round(Math.sqrt(n))));
  const labels = new Map(assumptionsOf(scenario).map((a) => [a.name, a]));
  const describe = (name: string) => ({
    name,
    label: labels.get(name)?.label ?? name,
    unit: labels.get(name)?.unit ?? '',
  });
  if (!standardise(ry)) {
    return {
      kpi,
      draws: n,
      factors: drawn.names.map((name, j) => ({
        ...describe(name),
        srrc: null,
        firstOrder: null,
        rank: j + 1,
      })),
      rSquared: null,
      firstOrderSum: 0,
      bins,
      note: 'the KPI has the same value in every draw: nothing to rank',
    };
  }
  // Ranked, standardised inputs; columns that never vary are left out of the regression.
  const columns: (Float64Array | null)[] = drawn.names.map((_, j) => {
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = drawn.values[used[i]! * k + j]!;
    const r = ranks(col);
    return standardise(r) ? r : null;
  });
  const live = columns.flatMap((c, j) => (c ? [j] : []));
  const m = live.length;
  const corr = new Float64Array(m * m);
  const rhs = new Float64Array(m);
  for (let a = 0; a < m; a++) {
    const ca = columns[live[a]!]!;
    let s = 0;
    for (let i = 0; i < n; i++) s += ca[i]! * ry[i]!;
    rhs[a] = s / (n - 1);
    for (let b = a; b < m; b++) {
      const cb = columns[live[b]!]!;
      let t = 0;
      for (let i = 0; i < n; i++) t += ca[i]! * cb[i]!;
      corr[a * m + b] = corr[b * m + a] = t / (n - 1);
    }
  }
  const beta = solveLinear(corr, rhs, m);
  if (beta === null)
    throw new AnalysisError('the draws do not separate the assumptions (singular regression)');
  let r2 = 0;
  for (let a = 0; a < m; a++) r2 += beta[a]! * rhs[a]!;
  const srrc = new Map(live.map((j, a) => [j, beta[a]!]));
  const factors = drawn.names.map((name, j) => {
    const col = columns[j];
    return {
      ...describe(name),
      srrc: col ? srrc.get(j)! : null,
      // Unbiased but noisy (slightly negative for a factor without effect): the sum uses these,
      // each factor shows its own clipped to [0, 1].
      firstOrderRaw: col ? firstOrderIndex(col, ry, bins) : null,
      order: j,
    };
  });
  factors.sort((a, b) => Math.abs(b.srrc ?? 0) - Math.abs(a.srrc ?? 0) || a.order - b.order);
  return {
    kpi,
    draws: n,
    factors: factors.map(({ order: _o, firstOrderRaw, ...f }, i) => ({
      ...f,
      firstOrder: firstOrderRaw === null ? null : clip01(firstOrderRaw),
      rank: i + 1,
    })),
    rSquared: r2,
    firstOrderSum: factors.reduce((s, f) => s + (f.firstOrderRaw ?? 0), 0),
    bins,
    note: null,
  };
}
