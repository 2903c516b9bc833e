/**
 * Monte Carlo over the flywheel model: draws derived from (seed, index), common random numbers,
 * bands and KPI percentiles against exact values from every run kept, and bit-identical summaries
 * for 1, 2 and 3 worker threads.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeKpis, compareKpis } from '../../simulation/analysis/kpis';
import { BinCounter } from '../../simulation/analysis/montecarlo-bins';
import {
  accumulateDraws,
  accumulatePilot,
  BAND_FRACTIONS,
  bandRows,
  createJob,
  DIFFERENCE_KEYS,
  drawSeed,
  DrawRunner,
  finishCounting,
  finishCountingToSend,
  gatherRows,
  KPI_KEYS,
  layoutFromRanges,
  mergeKpiTables,
  newHistogram,
  newKpiTables,
  observeHistogram,
  PERCENTILE_KEYS,
  pilotKeeping,
  pilotRanges,
  rowOf,
  runMonteCarlo,
  summarise,
  uncertainParameters,
  type MonteCarloSpec,
  type MonteCarloSummary,
} from '../../simulation/analysis/montecarlo';
import { prepareModel } from '../../simulation/analysis/simulate';
import { runModel, seriesOf } from '../../simulation/engine/run';
import { PARAMETERS } from '../../simulation/model/parameters';
import { statusQuo, withoutDataProducts } from '../../simulation/scenario/derive';
import { withPreset } from '../../simulation/scenario/presets';
import { runMonteCarloPool } from '../../cli/pool';
import { Handoff } from '../../cli/handoff';
import {
  CompiledModelCache,
  type SharedLaneLoop,
  type SharedRunLoop,
} from '../../simulation/analysis/model-cache';
import { comparedScenarios } from '../../simulation/analysis/montecarlo-draws';
import { ensureBuilt, WORKER_URL } from '../cli/helpers';

const scenario = withPreset();
const settings = { ...scenario.simulation, weeks: 26, seed: 7 };
const spec: MonteCarloSpec = { scenario, settings, draws: 60, pilotDraws: 16, bins: 100 };

function typeSeven(values: readonly number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = q * (s.length - 1);
  const j = Math.floor(h);
  return j + 1 < s.length ? s[j]! + (h - j) * (s[j + 1]! - s[j]!) : s[j]!;
}

/** Bytes of every number in a summary, for bit-for-bit comparison. */
function fingerprint(s: MonteCarloSummary): string {
  return JSON.stringify(s, (_k, v: unknown) =>
    v instanceof Float64Array
      ? Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex')
      : v,
  );
}

describe('draws', () => {
  it('derive seeds from (base seed, draw, stream) alone, distinct across draws and streams', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const a = drawSeed(1, i, 0);
      const b = drawSeed(1, i, 1);
      expect(a).toBe(drawSeed(1, i, 0));
      expect(a).not.toBe(b);
      expect(Number.isInteger(a) && a >= 0 && a <= 0xffffffff).toBe(true);
      seen.add(a);
    }
    expect(seen.size).toBe(2000);
    expect(drawSeed(2, 0, 0)).not.toBe(drawSeed(1, 0, 0));
  });

  it('draw every uncertain parameter triangular over its plausible range, the scenario value as mode', () => {
    const specs = uncertainParameters(scenario);
    // The registry's uncertain parameters first, then the entities' drawn fields (the catalogue).
    const globals = PARAMETERS.filter((p) => p.uncertain).map((p) => p.name);
    expect(specs.slice(0, globals.length).map((s) => s.name)).toEqual(globals);
    expect(specs.map((s) => s.name)).toContain('dataProduct.customer-360.maturity.quality');
    expect(specs.map((s) => s.name)).toContain('aiConsumer.product-recommendations.impact.basket');
    const runner = new DrawRunner(scenario, { ...settings, mode: 'expected' }, 'codegen');
    const n = 600;
    const sums = new Float64Array(specs.length);
    for (let i = 0; i < n; i++) {
      runner.run(i);
      const v = runner.drawnParameters();
      specs.forEach((s, j) => {
        expect(v[j]!).toBeGreaterThanOrEqual(s.lo);
        expect(v[j]!).toBeLessThanOrEqual(s.hi);
        sums[j]! += v[j]!;
      });
    }
    // The mean of triangular(lo, mode, hi) is (lo + mode + hi) / 3; 600 draws: within 15% of the range.
    specs.forEach((s, j) =>
      expect(Math.abs(sums[j]! / n - (s.lo + s.mode + s.hi) / 3)).toBeLessThanOrEqual(
        0.15 * (s.hi - s.lo),
      ),
    );
  });

  it('stretch the range to a scenario value set outside the plausible range', () => {
    const p = PARAMETERS.find((x) => x.uncertain && x.plausible[1] < x.max)!;
    const value = Math.min(p.max, p.plausible[1] * 2 + 1);
    const s = { ...scenario, parameters: { ...scenario.parameters, [p.name]: value } };
    const u = uncertainParameters(s).find((x) => x.name === p.name)!;
    expect(u).toMatchObject({ lo: p.plausible[0], mode: value, hi: value });
  });

  it('give with, without and the status quo the same parameter values (common random numbers)', () => {
    const runner = new DrawRunner(scenario, settings, 'codegen');
    for (const draw of [0, 5, 17]) {
      runner.run(draw);
      // Every model that has a drawn parameter runs with the same value (a product's fields exist
      // only in `with`; the consumers' own fields only where the consumers are).
      const valueIn = (model: number | 'statusQuo', name: string): number | null => {
        try {
          return runner.parameterValue(model, name);
        } catch {
          return null;
        }
      };
      let shared = 0;
      for (const u of runner.uncertain) {
        const v = runner.parameterValue(0, u.name);
        for (const other of [1, 'statusQuo'] as const) {
          const w = valueIn(other, u.name);
          if (w !== null) {
            expect(w, `${u.name} in ${other}`).toBe(v);
            shared++;
          }
        }
      }
      expect(shared).toBeGreaterThan(2 * PARAMETERS.filter((p) => p.uncertain).length);
    }
  });

  it('match an independent run of the same seed and parameter values, KPIs included', () => {
    const runner = new DrawRunner(scenario, settings, 'codegen');
    runner.run(3);
    const seed = drawSeed(settings.seed, 3, 0);
    const models = [scenario, withoutDataProducts(scenario), statusQuo(scenario)].map((s) =>
      prepareModel(s, 'codegen'),
    );
    const series = models.map((p) => {
      const params = Float64Array.from(p.built.parameterValues);
      runner.uncertain.forEach((u, j) => {
        params[p.compiled.parameterNames.indexOf(u.name)] = runner.drawnParameters()[j]!;
      });
      return runModel(p.compiled, params, { ...settings, seed });
    });
    const kpis = [computeKpis(series[0]!, series[2]!), computeKpis(series[1]!, series[2]!)];
    const out = new Float64Array(KPI_KEYS.length);
    runner.writeKpis(1, out, 0);
    expect([...out]).toEqual(KPI_KEYS.map((k) => kpis[1]![k] ?? NaN));
    const diff = compareKpis(
      { kpis: kpis[0]!, series: series[0]! },
      { kpis: kpis[1]!, series: series[1]! },
    );
    const d = new Float64Array(DIFFERENCE_KEYS.length);
    runner.writeDifferences(d, 0);
    expect([...d]).toEqual(DIFFERENCE_KEYS.map((k) => diff[k] ?? NaN));
    const slot = runner.slotOf(0, 'activeUsers');
    const n = runner.slotCount(0);
    const mine = Array.from({ length: runner.points }, (_, k) => runner.values(0)[k * n + slot]);
    expect(mine).toEqual([...seriesOf(series[0]!, 'activeUsers')]);
  });
});

describe('a runner that keeps only some series', () => {
  it('gives the same KPIs, differences and kept values as one that keeps every variable', () => {
    for (const mode of ['stochastic', 'expected'] as const) {
      const whole = new DrawRunner(scenario, { ...settings, mode }, 'codegen');
      const kept = new DrawRunner(scenario, { ...settings, mode }, 'interpreter');
      kept.keepOnly(['sessions', 'activeUsers']);
      expect(kept.slotCount(0)).toBeLessThan(whole.slotCount(0) / 4);
      expect(kept.slotOf(0, 'sessions')).toBe(0);
      expect(kept.slotOf(1, 'activeUsers')).toBe(1);
      expect(() => kept.slotOf(0, 'searches')).toThrow(/not kept/);
      const width = KPI_KEYS.length;
      for (const draw of [0, 9]) {
        whole.run(draw);
        kept.run(draw);
        for (let r = 0; r < 2; r++) {
          const a = new Float64Array(width);
          const b = new Float64Array(width);
          whole.writeKpis(r, a, 0);
          kept.writeKpis(r, b, 0);
          expect([...b]).toEqual([...a]);
          for (const name of ['sessions', 'activeUsers', 'cumulativeNetValue']) {
            const column = (runner: DrawRunner): number[] =>
              Array.from(
                { length: runner.points },
                (_, k) => runner.values(r)[k * runner.slotCount(r) + runner.slotOf(r, name)]!,
              );
            expect(column(kept)).toEqual(column(whole));
          }
        }
        const da = new Float64Array(DIFFERENCE_KEYS.length);
        const db = new Float64Array(DIFFERENCE_KEYS.length);
        whole.writeDifferences(da, 0);
        kept.writeDifferences(db, 0);
        expect([...db]).toEqual([...da]);
      }
    }
  });
});

describe('runMonteCarlo', () => {
  const summary = runMonteCarlo(spec, { backend: 'codegen' });

  it('summarises every global metric of both runs with ordered bands, one value per week', () => {
    expect(summary.runs).toHaveLength(2);
    expect(summary.bandMetrics).toContain('activeUsers');
    expect(summary.bandMetrics.every((m) => !m.includes('.'))).toBe(true);
    for (const run of summary.runs) {
      for (const m of summary.bandMetrics) {
        const b = run.bands[m]!;
        for (const k of PERCENTILE_KEYS) expect(b[k]).toHaveLength(settings.weeks + 1);
        for (let w = 0; w <= settings.weeks; w++) {
          expect(b.p5[w]!).toBeLessThanOrEqual(b.p25[w]!);
          expect(b.p25[w]!).toBeLessThanOrEqual(b.p50[w]!);
          expect(b.p50[w]!).toBeLessThanOrEqual(b.p75[w]!);
          expect(b.p75[w]!).toBeLessThanOrEqual(b.p95[w]!);
        }
      }
    }
  });

  it('gives bands within one bin of the exact percentiles and exact KPI percentiles (all runs kept here)', () => {
    const job = createJob(spec, 'codegen');
    const rows: Float64Array[] = [];
    const kpiColumns = KPI_KEYS.map(() => [] as (number | null)[]);
    for (let i = 0; i < spec.draws; i++) {
      job.runner.run(i);
      const row = new Float64Array(job.rows);
      gatherRows(job, row);
      rows.push(row);
      const k = new Float64Array(KPI_KEYS.length);
      job.runner.writeKpis(0, k, 0);
      k.forEach((v, j) => kpiColumns[j]!.push(Number.isNaN(v) ? null : v));
    }
    // Each row's bin width: the first pilotDraws draws' range, widened 10% each side, over bins.
    const pilot = rows.slice(0, spec.pilotDraws);
    let checked = 0;
    for (let r = 0; r < 2; r++) {
      summary.bandMetrics.forEach((m, mi) => {
        for (const week of [0, 1, 13, 26]) {
          const row = rowOf(job, r, week, mi);
          const all = rows.map((x) => x[row]!);
          const pv = pilot.map((x) => x[row]!);
          const lo = Math.min(...pv) - 0.1 * (Math.max(...pv) - Math.min(...pv));
          const hi = Math.max(...pv) + 0.1 * (Math.max(...pv) - Math.min(...pv));
          const inside = all.every((v) => v >= lo && v <= hi);
          const width = inside ? (hi - lo) / spec.bins! : Math.max(...all) - Math.min(...all);
          for (const k of PERCENTILE_KEYS) {
            const q = { p5: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 }[k];
            const exact = typeSeven(all, q);
            const est = summary.runs[r]!.bands[m]![k][week]!;
            expect(Math.abs(est - exact)).toBeLessThanOrEqual(
              width * (1 + 1e-9) + 1e-9 * Math.abs(exact),
            );
            checked++;
          }
        }
      });
    }
    expect(checked).toBeGreaterThan(500);
    KPI_KEYS.forEach((k, j) => {
      const numbers = kpiColumns[j]!.filter((v): v is number => v !== null);
      if (numbers.length === spec.draws) {
        expect(summary.runs[0]!.kpiPercentiles[k].p50).toBeCloseTo(typeSeven(numbers, 0.5), 9);
        expect(summary.runs[0]!.kpiPercentiles[k].p95).toBeCloseTo(typeSeven(numbers, 0.95), 9);
      }
    });
  });

  it('is reproducible and changes with the seed', () => {
    expect(fingerprint(runMonteCarlo(spec, { backend: 'codegen' }))).toBe(fingerprint(summary));
    const other = runMonteCarlo(
      { ...spec, settings: { ...settings, seed: 8 } },
      { backend: 'codegen' },
    );
    expect(other.runs[0]!.bands.activeUsers!.p50[26]).not.toBe(
      summary.runs[0]!.bands.activeUsers!.p50[26],
    );
  });

  it('gives the interpreter, codegen and wasm backends the same summary bit for bit', () => {
    const reference = fingerprint(
      runMonteCarlo({ ...spec, draws: 20 }, { backend: 'interpreter' }),
    );
    for (const backend of ['codegen', 'wasm'] as const)
      expect(fingerprint(runMonteCarlo({ ...spec, draws: 20 }, { backend }))).toBe(reference);
  });

  it('counts draws into histograms exactly as one value at a time (observeHistogram), any chunks', () => {
    // 100 bins stage in bytes, 300 in 16-bit slots; chunks of 70, 1 and 29 draws end batches of
    // 64 part way. A shifted layout puts some values under and over the range.
    // The job's counter counts in WebAssembly, reading the series where the runs wrote them; the
    // same job with a JavaScript counter must count the same.
    for (const bins of [100, 300]) {
      const wasmJob = createJob({ ...spec, bins }, 'codegen');
      expect(wasmJob.counter.wasm).toBe(true);
      expect(wasmJob.runner.values(1)).toBe(wasmJob.counter.seriesBuffer(1));
      const jsJob = {
        ...wasmJob,
        counter: new BinCounter(wasmJob.rows, bins, 64, { wasm: false }),
      };
      const layout = layoutFromRanges(pilotRanges(wasmJob, 0, 4), bins, 0);
      const shifted = { ...layout, lo: layout.lo.map((l, r) => l + layout.width[r]! * 7) };
      for (const [job, l] of [wasmJob, jsJob].flatMap((j) =>
        [layout, shifted].map((l) => [j, l] as const),
      )) {
        const staged = newHistogram(l);
        const reference = newHistogram(l);
        accumulateDraws(job, staged, 0, 70);
        accumulateDraws(job, staged, 70, 71);
        accumulateDraws(job, staged, 71, 100);
        const row = new Float64Array(job.rows);
        for (let i = 0; i < 100; i++) {
          job.runner.run(i);
          gatherRows(job, row);
          observeHistogram(reference, row, 1);
        }
        expect(Buffer.from(staged.counts.buffer).equals(Buffer.from(reference.counts.buffer))).toBe(
          true,
        );
        expect(staged.min).toEqual(reference.min);
        expect(staged.max).toEqual(reference.max);
        // Values fell under and over the range (the pilot saw 4 draws, without a margin).
        let under = 0;
        let over = 0;
        for (let r = 0; r < job.rows; r++) {
          under += reference.counts[r * (bins + 2)]!;
          over += reference.counts[r * (bins + 2) + bins + 1]!;
        }
        expect(under).toBeGreaterThan(0);
        expect(over).toBeGreaterThan(0);
      }
    }
  });

  it('may leave draws staged across chunks until finishCounting, with the same histogram', () => {
    const job = createJob(spec, 'codegen');
    const layout = layoutFromRanges(pilotRanges(job, 0, 8), spec.bins!);
    const open = newHistogram(layout);
    accumulateDraws(job, open, 0, 30, undefined, false);
    accumulateDraws(job, open, 30, 60, undefined, false);
    expect(open.counts.reduce((a, b) => a + b, 0)).toBe(0); // staged, not counted yet
    finishCounting(job);
    const done = newHistogram(layout);
    accumulateDraws(job, done, 0, 60);
    expect(Buffer.from(open.counts.buffer).equals(Buffer.from(done.counts.buffer))).toBe(true);
    expect(open.min).toEqual(done.min);
    expect(open.max).toEqual(done.max);
    // Beginning another histogram ends the first: its staged draws are counted there.
    const first = newHistogram(layout);
    const second = newHistogram(layout);
    accumulateDraws(job, first, 0, 60, undefined, false);
    accumulateDraws(job, second, 0, 1);
    expect(Buffer.from(first.counts.buffer).equals(Buffer.from(done.counts.buffer))).toBe(true);
  });

  it('counts kept pilot draws as it counts them run again, and keeps none past its memory limit', () => {
    const job = createJob(spec, 'codegen');
    const kept = pilotKeeping(job, 3, 20);
    const rerun = pilotRanges(job, 3, 20);
    expect(kept.ranges).toEqual(rerun);
    const layout = layoutFromRanges(rerun, spec.bins!);
    const fromMemory = newHistogram(layout);
    const runAgain = newHistogram(layout);
    const a = accumulatePilot(job, fromMemory, kept.block!);
    // Complete as soon as accumulatePilot returns (it ends counting unless told not to).
    const counted = fromMemory.counts.slice();
    const b = accumulateDraws(job, runAgain, 3, 20);
    expect(Buffer.from(counted.buffer).equals(Buffer.from(runAgain.counts.buffer))).toBe(true);
    expect(fromMemory.min).toEqual(runAgain.min);
    expect(fromMemory.max).toEqual(runAgain.max);
    expect(a).toEqual(b);
    const none = pilotKeeping(job, 3, 20, undefined, job.rows * 8 * 16);
    expect(none.block).toBeNull();
    expect(none.ranges).toEqual(rerun);
    expect(pilotKeeping(job, 3, 19, undefined, job.rows * 8 * 16).block!.count).toBe(16);
  });

  it("sends a worker's histogram (pilot and chunks staged across calls) as counting at once gives", () => {
    const job = createJob(spec, 'codegen');
    const kept = pilotKeeping(job, 0, 12);
    const layout = layoutFromRanges(kept.ranges, spec.bins!);
    const streamed = newHistogram(layout);
    accumulatePilot(job, streamed, kept.block!, false);
    accumulateDraws(job, streamed, 12, 40, undefined, false);
    const counts = finishCountingToSend(job);
    // The band counter's shared memory, as it is: the job counts no more.
    expect(counts.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(() => accumulateDraws(job, newHistogram(layout), 40, 41)).toThrow(/lent its counts/);
    const once = newHistogram(layout);
    accumulateDraws(createJob(spec, 'codegen'), once, 0, 40);
    expect(Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength)).toEqual(
      Buffer.from(once.counts.buffer),
    );
    expect(streamed.min).toEqual(once.min);
    expect(streamed.max).toEqual(once.max);
  });

  it('summarises band quantiles given in ranges of rows in any order, and refuses ranges that miss rows', () => {
    const job = createJob(spec, 'codegen');
    const pilot = pilotKeeping(job, 0, job.pilotDraws);
    const layout = layoutFromRanges(pilot.ranges, job.bins);
    const h = newHistogram(layout);
    const kpis = newKpiTables(job.runner.runCount, 0, job.pilotDraws);
    mergeKpiTables(kpis, accumulatePilot(job, h, pilot.block!));
    const rows = (start: number, end: number) => bandRows(layout, [h], BAND_FRACTIONS, start, end);
    const whole = summarise(job, [rows(0, job.rows)], kpis);
    const cut = Math.floor(job.rows / 3);
    expect(fingerprint(summarise(job, [rows(cut, job.rows), rows(0, cut)], kpis))).toBe(
      fingerprint(whole),
    );
    expect(whole.draws).toBe(16);
    expect(() => summarise(job, [rows(0, cut)], kpis)).toThrow(/cover/);
    // As many rows as there are, but one range twice and another missing.
    const half = Math.floor(job.rows / 2);
    expect(() => summarise(job, [rows(0, half), rows(0, half)], kpis)).toThrow(/cover/);
    expect(() => summarise(job, [rows(0, cut + 1), rows(cut, job.rows)], kpis)).toThrow(/cover/);
  });

  it('rejects a number of draws out of range', () => {
    expect(() => runMonteCarlo({ ...spec, draws: 0 })).toThrow(/draws/);
    expect(() => runMonteCarlo({ ...spec, draws: 1.5 })).toThrow(/draws/);
  });
});

describe('worker threads', () => {
  beforeAll(() => ensureBuilt());

  it('give bit-identical summaries for 1, 2 and 3 workers', async () => {
    const big: MonteCarloSpec = { ...spec, draws: 200 };
    const one = await runMonteCarloPool(big, { workers: 1, workerUrl: WORKER_URL });
    const two = await runMonteCarloPool(big, { workers: 2, workerUrl: WORKER_URL });
    const three = await runMonteCarloPool(big, { workers: 3, workerUrl: WORKER_URL });
    expect(fingerprint(two)).toBe(fingerprint(one));
    expect(fingerprint(three)).toBe(fingerprint(one));
    expect(fingerprint(one)).toBe(fingerprint(runMonteCarlo(big, { backend: 'codegen' })));
    expect(one.draws).toBe(200);
  });

  it("wait for this thread's translated models and reuse them: the same summary", async () => {
    const big: MonteCarloSpec = { ...spec, draws: 200 };
    const alone = await runMonteCarloPool(big, { workers: 2, workerUrl: WORKER_URL });
    const cache = new CompiledModelCache('wasm');
    for (const s of comparedScenarios(big.scenario)) cache.prepare(s);
    const loops = cache.sharedRunLoops();
    expect(loops.map((l) => l.artifact.module)).toHaveLength(2);
    // Given after the workers started (they wait), given before, and an empty list.
    const late = new Handoff<readonly SharedRunLoop[]>();
    const running = runMonteCarloPool(big, { workers: 2, workerUrl: WORKER_URL, models: late });
    setTimeout(() => late.give(loops), 100);
    const early = new Handoff<readonly SharedRunLoop[]>();
    early.give(loops);
    const none = new Handoff<readonly SharedRunLoop[]>();
    none.give([]);
    expect(fingerprint(await running)).toBe(fingerprint(alone));
    for (const models of [early, none]) {
      const summary = await runMonteCarloPool(big, { workers: 2, workerUrl: WORKER_URL, models });
      expect(fingerprint(summary)).toBe(fingerprint(alone));
    }
  });

  it("run draws in pairs with this thread's pair loops (given late, early, or none): the same summary", async () => {
    const big: MonteCarloSpec = { ...spec, draws: 300 };
    const reference = fingerprint(runMonteCarlo(big, { backend: 'codegen' }));
    const cache = new CompiledModelCache('wasm');
    for (const s of comparedScenarios(big.scenario)) cache.laneLoop(cache.prepare(s).compiled);
    const lanes = cache.sharedLaneLoops();
    expect(lanes).toHaveLength(2);
    const late = new Handoff<readonly SharedLaneLoop[]>();
    const running = runMonteCarloPool(big, { workers: 2, workerUrl: WORKER_URL, lanes: late });
    setTimeout(() => late.give(lanes), 100);
    expect(fingerprint(await running)).toBe(reference);
    const early = new Handoff<readonly SharedLaneLoop[]>();
    early.give(lanes);
    const none = new Handoff<readonly SharedLaneLoop[]>();
    none.give([]);
    for (const handoff of [early, none]) {
      const summary = await runMonteCarloPool(big, {
        workers: 2,
        workerUrl: WORKER_URL,
        lanes: handoff,
      });
      expect(fingerprint(summary)).toBe(reference);
    }
  });

  it('stop when their signal aborts (the caller failed meanwhile), with its reason', async () => {
    const controller = new AbortController();
    const running = runMonteCarloPool(
      { ...spec, draws: 5000 },
      { workers: 2, workerUrl: WORKER_URL, signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('the caller failed')), 50);
    await expect(running).rejects.toThrow('the caller failed');
    await expect(
      runMonteCarloPool(
        { ...spec, draws: 200 },
        { workers: 2, workerUrl: WORKER_URL, signal: AbortSignal.abort(new Error('before')) },
      ),
    ).rejects.toThrow('before');
  });

  it('reports a worker failure as an error, not a hang', async () => {
    await expect(
      runMonteCarloPool(
        { ...spec, draws: 200, bandMetrics: ['noSuchMetric'] },
        { workers: 2, workerUrl: WORKER_URL },
      ),
    ).rejects.toThrow(/noSuchMetric/);
  });
});
