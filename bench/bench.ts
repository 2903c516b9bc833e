/**
 * `npm run bench`: the engine's speed figures, as the median (min - max) of repeated measurements
 * after a warm-up. Printed for comparison from run to run; not a pass/fail timer.
 *
 * (a) One expected-value run of both presets (`with` and `without`) over 156 weeks, per backend:
 *     models compiled once (as the app does when only parameter values change), series buffers
 *     reused. Also the whole compareWithWithout call (compile, status quo, KPIs) for reference,
 *     and the app's engine worker per slider step (models cached by structure, wasm as the
 *     workers run it, and the interpreter they fall back to).
 * (b) The analyses on one thread, 156 weeks, per backend (the interpreter is what the app's Web
 *     Workers run): a tornado over every assumption of the catalogue, a 20 x 20 two-parameter
 *     sweep, a goal seek, and 1,000 Monte Carlo draws with bands. The app splits these over its
 *     workers; the figures here are the work to split.
 * (a2) Loop dominance: the Loops That Matter pass against the plain run it analyses (bench/ltm.ts).
 * (c) A 10,000-draw Monte Carlo over 520 weeks on every core (cli/pool.ts, the CLI's code path:
 *     its workers run the wasm backend); then the whole command the issue times, `flywheel run
 *     --runs 10000 --weeks 520` in a new process (start-up, comparison, headline, Monte Carlo, the
 *     JSON written to a file), its CPU time from /proc where the system has it.
 * (d) A three-parameter calibration to three years of weekly data (bench/calibration-data.ts):
 *     the fit alone (calibrate, codegen, as `flywheel calibrate` runs it), and the whole command
 *     in this process on a CSV file (read, map, fit, adopt, write the calibrated scenario).
 *
 * Options (for quick checks): --draws N, --repeats N, --workers N, --calibrations N, --only a,b,c,d
 * (the sections to run; a includes a2).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import type { Backend } from '../simulation/engine/compile';
import { allocateSeries, runModel } from '../simulation/engine/run';
import type { RunSettings } from '../simulation/engine/types';
import {
  compareWithWithout,
  CompiledModelCache,
  prepareModel,
  settingsOf,
} from '../simulation/analysis/simulate';
import { withoutPreset, withPreset } from '../simulation/scenario/presets';
import { runMonteCarloPool } from '../cli/pool';
import { runMonteCarlo } from '../simulation/analysis/montecarlo';
import { ScenarioEvaluator, type KpiSelector } from '../simulation/analysis/evaluate';
import type { Scenario } from '../simulation/scenario/types';
import { runSteps, type AnalysisSteps } from '../simulation/analysis/plan';
import { tornadoSteps } from '../simulation/analysis/tornado';
import { gridSteps } from '../simulation/analysis/grid';
import { seekSteps } from '../simulation/analysis/seek';
import { benchLoopDominance } from './ltm';
import { calibrateCommand } from '../cli/calibrate-command';
import { calibrate } from '../simulation/calibration/fit';
import { serializeScenario } from '../simulation/scenario/load';
import { BENCH_FIT, BENCH_STARTS, BENCH_WEEKS, benchCsv, benchHistory } from './calibration-data';

interface Stats {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const n = s.length;
  const median = n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
  return { median, min: s[0]!, max: s[n - 1]!, samples: n };
}

const fmt = (v: number, digits: number): string => v.toFixed(digits);
/** Stats in microseconds as milliseconds. */
const inMs = (st: Stats): Stats => ({
  ...st,
  median: st.median / 1000,
  min: st.min / 1000,
  max: st.max / 1000,
});
const line = (label: string, st: Stats, unit: string, digits: number): string =>
  `${label.padEnd(58)} ${fmt(st.median, digits).padStart(9)} ${unit}  (min ${fmt(st.min, digits)}, max ${fmt(st.max, digits)}, ${st.samples} samples)`;

/**
 * CPU seconds of this process's finished children (Linux's /proc/self/stat: cutime + cstime, in
 * clock ticks of 1/100 s), or null where the system has no such file.
 */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // The fields after the command name in parentheses: state is field 3, cutime 16, cstime 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[13]) + Number(fields[14]);
    return Number.isFinite(ticks) ? ticks / 100 : null;
  } catch {
    return null;
  }
}

/** Process CPU time (all threads) in milliseconds. */
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Time per call of `fn` in microseconds, wall clock and CPU: `repeats` samples, each the mean of
 * `batch` calls, after `warmup` calls and at least `warmupMs` of them. CPU time is less disturbed
 * by other processes on a busy machine. The time floor matters for fast calls: V8 compiles hot
 * functions on a background thread, and CPU time counts every thread, so samples taken while the
 * optimising compiler still works on large generated functions (codegen's chunks) measure the
 * compiler (300 calls only: codegen's median 360-513 us from run to run; 1 s: 336-340 us).
 */
function timeMicros(
  fn: () => void,
  warmup: number,
  repeats: number,
  batch: number,
  warmupMs = 0,
): { wall: Stats; cpu: Stats } {
  const w0 = performance.now();
  for (let i = 0; i < warmup || performance.now() - w0 < warmupMs; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    wall.push(((performance.now() - t0) * 1000) / batch);
    cpu.push(((cpuMs() - c0) * 1000) / batch);
  }
  return { wall: stats(wall), cpu: stats(cpu) };
}

function pairRunner(backend: Backend, weeks: number): () => void {
  const settings: RunSettings = { ...settingsOf(withPreset(), { weeks, mode: 'expected' }) };
  const models = [withPreset(), withoutPreset()].map((s) => {
    const p = prepareModel(s, backend);
    return { p, parameters: p.built.parameterValues, buffer: allocateSeries(p.compiled, settings) };
  });
  return () => {
    for (const m of models) runModel(m.p.compiled, m.parameters, settings, m.buffer);
  };
}

/** (a) and (a2): single runs per backend, the app's worker per value change, loop dominance. */
function benchSingleRuns(s: Scenario): void {
  console.log(
    '(a) One expected-value run of both presets (with + without), 156 weeks, compiled once:',
  );
  for (const backend of ['interpreter', 'codegen', 'wasm'] as const) {
    const st = timeMicros(pairRunner(backend, 156), 300, 21, 40, 1000);
    console.log(line(`    ${backend}, wall`, st.wall, 'us', 1));
    console.log(line(`    ${backend}, CPU`, st.cpu, 'us', 1));
  }
  const expected = { ...s, simulation: { ...s.simulation, mode: 'expected' as const } };
  const full = timeMicros(() => compareWithWithout(expected, { backend: 'codegen' }), 5, 11, 5);
  console.log(
    line('    compareWithWithout (compile + status quo + KPIs), codegen', full.wall, 'us', 0),
  );
  // The app's engine worker on a slider step: the default (stochastic) preset with one value
  // changed each time, models reused by structure, on the workers' backend (wasm where the worker
  // policy lets WebAssembly compile: renderer/engine/backend.ts) and on the interpreter, its
  // fallback (no eval under the page's CSP).
  for (const backend of ['wasm', 'interpreter'] as const) {
    const models = new CompiledModelCache(backend);
    const product = s.dataProducts[0]!;
    let step = 0;
    const sliderStep = (): void => {
      const quality = (step++ % 40) / 40;
      const changed = { ...product, maturity: { ...product.maturity, quality } };
      compareWithWithout({ ...s, dataProducts: [changed, ...s.dataProducts.slice(1)] }, { models });
    };
    const worker = timeMicros(sliderStep, 20, 11, 5);
    console.log(
      line(`    app worker per value change (cached models), ${backend}, CPU`, worker.cpu, 'us', 0),
    );
  }
  console.log('    aim: below 500 us');
  console.log('');
  benchLoopDominance(timeMicros, line);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      draws: { type: 'string' },
      repeats: { type: 'string' },
      workers: { type: 'string' },
      calibrations: { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const draws = values.draws ? Number(values.draws) : 10_000;
  const mcRepeats = values.repeats ? Number(values.repeats) : 3;
  const workers = values.workers ? Number(values.workers) : availableParallelism();
  const calibrations = values.calibrations ? Number(values.calibrations) : 3;
  const sections = (values.only ?? 'a,b,c,d').split(',');
  const only = (section: string): boolean => sections.includes(section);
  const started = performance.now();
  console.log(
    `Flywheel Lab benchmark - Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores`,
  );
  console.log('');
  const s = withPreset();
  if (only('a')) benchSingleRuns(s);

  if (only('b')) {
    console.log('(b) Analyses on one thread, default preset, 156 weeks (stochastic), per backend:');
    const gap: KpiSelector = { kpi: 'cumulativeNetValueUsd', of: 'difference' };
    const analyses: [string, () => AnalysisSteps<unknown>][] = [
      ['tornado, every assumption', () => tornadoSteps(s, { kpi: gap })],
      [
        '20 x 20 sweep',
        () =>
          gridSteps(s, {
            kpi: gap,
            x: { parameter: 'dataProduct.*.maturity.*', from: 0, to: 1 },
            y: { parameter: 'ownPipelineTemplate.maturity.*', from: 0, to: 1 },
            steps: 19,
          }),
      ],
      [
        'goal seek (break-even maturity)',
        () =>
          seekSteps(s, {
            parameter: 'dataProduct.*.maturity.*',
            from: 0,
            to: 1,
            kpi: gap,
            target: 0,
          }),
      ],
    ];
    for (const backend of ['interpreter', 'codegen', 'wasm'] as const) {
      const evaluator = new ScenarioEvaluator(s, s.simulation, { backend });
      for (const [name, steps] of analyses) {
        let points = 0;
        const st = timeMicros(
          () => {
            points = 0;
            runSteps(steps(), evaluator, (p) => (points = p.evaluated));
          },
          0,
          3,
          1,
        );
        console.log(line(`    ${name} (${points} runs), ${backend}, CPU`, inMs(st.cpu), 'ms', 0));
      }
      const mcDraws = 1000;
      const mc = timeMicros(
        () => runMonteCarlo({ scenario: s, settings: s.simulation, draws: mcDraws }, { backend }),
        0,
        1,
        1,
      );
      console.log(
        line(`    Monte Carlo ${mcDraws} draws with bands, ${backend}, CPU`, inMs(mc.cpu), 'ms', 0),
      );
    }
    console.log(
      '    app aims (Chromium, its workers): tornado < 1 s, 20 x 20 sweep < 2 s, 1,000 draws < 2 s',
    );
    console.log('');
  }

  if (only('c')) {
    console.log(
      `(c) Monte Carlo, ${draws} draws over 520 weeks, ${workers} worker threads (stochastic, uncertain parameters;\n    each draw runs with, without and the status quo, and summarises every global metric x 521 weeks x 2 runs):`,
    );
    const spec = { scenario: s, settings: settingsOf(s, { weeks: 520 }), draws };
    const workerUrl = new URL('./mc-worker.mjs', import.meta.url);
    // The CLI's backend (wasm) and the one it used before (codegen), alternating repeats so that
    // both see the same load.
    const mcBackends = ['codegen', 'wasm'] as const;
    const seconds = new Map<Backend, number[]>(mcBackends.map((b) => [b, []]));
    const cpuSeconds = new Map<Backend, number[]>(mcBackends.map((b) => [b, []]));
    for (const backend of mcBackends) {
      await runMonteCarloPool(
        { ...spec, draws: Math.min(draws, 256) },
        { workers, workerUrl, backend },
      ); // warm-up
    }
    const budgetMs = 200_000;
    for (let r = 0; r < mcRepeats; r++) {
      for (const backend of mcBackends) {
        const c0 = cpuMs();
        const t0 = performance.now();
        await runMonteCarloPool(spec, { workers, workerUrl, backend });
        seconds.get(backend)!.push((performance.now() - t0) / 1000);
        cpuSeconds.get(backend)!.push((cpuMs() - c0) / 1000);
      }
      if (performance.now() - started > budgetMs && r + 1 < mcRepeats) {
        console.log(`    (stopping after ${r + 1} repeat(s) to keep the benchmark short)`);
        break;
      }
    }
    for (const backend of mcBackends) {
      const wall = seconds.get(backend)!;
      const cpu = cpuSeconds.get(backend)!;
      console.log(line(`    ${backend}, wall time`, stats(wall), 's', 2));
      console.log(
        line(`    ${backend}, throughput`, stats(wall.map((x) => draws / x)), 'draws/s', 0),
      );
      console.log(line(`    ${backend}, CPU time, all threads`, stats(cpu), 's', 2));
      console.log(
        line(
          `    ${backend}, CPU time per draw`,
          stats(cpu.map((x) => (x * 1000) / draws)),
          'ms',
          3,
        ),
      );
    }
    // The command itself, as a user runs it (a process of its own each time).
    const cli = new URL('./flywheel.mjs', import.meta.url).pathname;
    const dir = mkdtempSync(join(tmpdir(), 'flywheel-bench-'));
    const commandWall: number[] = [];
    const commandCpu: number[] = [];
    try {
      for (let r = 0; r < mcRepeats; r++) {
        const args = [cli, 'run', '--runs', String(draws), '--weeks', '520', '--format', 'json'];
        const c0 = childrenCpuSeconds();
        const t0 = performance.now();
        const child = spawnSync(process.execPath, [...args, '--out', join(dir, 'run.json')], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        commandWall.push((performance.now() - t0) / 1000);
        if (child.status !== 0)
          throw new Error(`flywheel run failed: ${String(child.stderr).slice(0, 300)}`);
        const c1 = childrenCpuSeconds();
        if (c0 !== null && c1 !== null) commandCpu.push(c1 - c0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const command = `flywheel run --runs ${draws} --weeks 520`;
    console.log(line(`    ${command}, wall time`, stats(commandWall), 's', 2));
    if (commandCpu.length > 0)
      console.log(line(`    ${command}, CPU time`, stats(commandCpu), 's', 2));
    console.log('    aim: below 5 s for 10,000 draws');
    console.log('');
  }
  if (only('d')) await benchCalibration(calibrations, s);
  console.log('');
  console.log(
    `Total benchmark time ${fmt((performance.now() - started) / 1000, 1)} s; load average ${loadavg()[0]!.toFixed(2)} now`,
  );
}

/** (d) The calibration: the fit alone, then the whole `flywheel calibrate` command in process. */
async function benchCalibration(
  repeats: number,
  scenario: ReturnType<typeof withPreset>,
): Promise<void> {
  const history = benchHistory();
  console.log(
    `(d) Calibration: ${BENCH_FIT.length} parameters (${BENCH_FIT.join(', ')})\n    fitted to ${BENCH_WEEKS} weeks x ${history.series.length} series, ${BENCH_STARTS} starting points, codegen (the CLI's engine):`,
  );
  const request = { scenario, history, fit: BENCH_FIT, seed: 1, starts: BENCH_STARTS };
  calibrate({ ...request, starts: 1 }, { backend: 'codegen' }); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  let runs = 0;
  let iterations = 0;
  for (let r = 0; r < repeats; r++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    const result = calibrate(request, { backend: 'codegen' });
    wall.push((performance.now() - t0) / 1000);
    cpu.push((cpuMs() - c0) / 1000);
    runs = result.overall.evaluations;
    iterations = result.overall.iterations;
  }
  console.log(line('    fit, wall', stats(wall), 's', 2));
  console.log(line('    fit, CPU', stats(cpu), 's', 2));
  console.log(`    (${iterations} iterations and ${runs} model runs per fit)`);
  const dir = mkdtempSync(join(tmpdir(), 'flywheel-bench-calibrate-'));
  try {
    const file = (name: string): string => join(dir, name);
    writeFileSync(file('shop.json'), serializeScenario(scenario));
    writeFileSync(file('kpis.csv'), benchCsv(history));
    const args = [file('shop.json'), '--data', file('kpis.csv'), '--fit', BENCH_FIT.join(',')];
    const quiet = { out: () => undefined, warn: () => undefined, progress: null };
    const command: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const t0 = performance.now();
      await calibrateCommand([...args, '--out', file(`out-${r}.json`)], quiet);
      command.push((performance.now() - t0) / 1000);
    }
    console.log(
      line('    flywheel calibrate (read CSV, fit, write), wall', stats(command), 's', 2),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('    aim: below 5 s');
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
