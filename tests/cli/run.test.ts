/** `flywheel run` as users run it: a child process, real files in a temp folder. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_INFO } from '../../simulation/analysis/kpis';
import { compareWithWithout, metricSeries } from '../../simulation/analysis/simulate';
import {
  computeHeadline,
  headlineDifferences,
  WIN_PROBABILITY_DRAWS,
} from '../../simulation/analysis/headline';
import { scenarioHash } from '../../simulation/scenario/hash';
import { serializeScenario } from '../../simulation/scenario/load';
import { meshPreset, withPreset } from '../../simulation/scenario/presets';
import { ensureBuilt, flywheel, parseCsv, ROOT, tempFolder } from './helpers';

interface JsonRun {
  name: string;
  scenario: string;
  time: number[];
  metrics: Record<string, number[]>;
  kpis: Record<string, number | null>;
  bands?: Record<string, Record<string, number[]>>;
  kpiPercentiles?: Record<string, Record<string, number | null>>;
}
interface JsonReport {
  meta: Record<string, unknown> & { command: string; monteCarlo?: Record<string, unknown> };
  metrics: { name: string; label: string; unit: string; description: string }[];
  runs: JsonRun[];
  differences: Record<string, number | null> | null;
  differencePercentiles?: Record<string, Record<string, number | null>>;
}

let dir = '';
let cleanup = (): void => undefined;
let defaultOut = '';
const version = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }
).version;

beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder());
  const r = flywheel(['run'], dir);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  defaultOut = r.stdout;
});
afterAll(() => cleanup());

const run = (...args: string[]) => flywheel(args, dir);

describe('flywheel run (default: with compared with without)', () => {
  it('prints metadata, the metric registry, both runs and their differences', () => {
    const out = JSON.parse(defaultOut) as JsonReport;
    const s = withPreset();
    expect(out.meta).toMatchObject({
      appVersion: version,
      seed: s.simulation.seed,
      weeks: 156,
      stepWeeks: 1,
      mode: 'stochastic',
      runs: 1,
      scenarioHash: scenarioHash(s),
      scenarioName: s.name,
      generatedBy: 'flywheel run',
      command: 'flywheel run --weeks 156 --seed 1 --mode stochastic',
    });
    expect(out.runs.map((r) => r.name)).toEqual(['with', 'without']);
    expect(out.runs.map((r) => r.scenario)).toEqual([s.name, `${s.name} - without data products`]);
    const names = out.metrics.map((m) => m.name);
    for (const m of [
      'activeUsers',
      'revenue',
      'netValue',
      'meanAiPerformance',
      'dataProduct.customer-360.quality',
    ])
      expect(names).toContain(m);
    const active = out.metrics.find((m) => m.name === 'activeUsers')!;
    expect(active).toMatchObject({ label: 'Active users', unit: 'people' });
    expect(active.description.length).toBeGreaterThan(5);
    for (const r of out.runs) {
      expect(r.time).toHaveLength(157);
      expect(r.time[156]).toBe(156);
      expect(r.metrics.activeUsers).toHaveLength(157);
      expect(Object.keys(r.kpis)).toEqual(Object.keys(KPI_INFO));
    }
    // Every metric of every run is listed in the registry.
    for (const r of out.runs) for (const m of Object.keys(r.metrics)) expect(names).toContain(m);
    expect(out.differences).toHaveProperty('overtakeWeek');
  });

  it('prints exactly the numbers of the library (compareWithWithout of the with preset)', () => {
    const out = JSON.parse(defaultOut) as JsonReport;
    const c = compareWithWithout(withPreset(), { backend: 'codegen' });
    c.runs.forEach((lib, i) => {
      const cli = out.runs[i]!;
      expect(Object.keys(cli.metrics)).toEqual(lib.metrics.map((m) => m.name));
      for (const m of lib.metrics)
        expect(cli.metrics[m.name]).toEqual([...metricSeries(lib, m.name)]);
      expect(cli.kpis).toEqual(lib.kpis);
    });
    // The differences of the library, then the headline numbers (computeHeadline, same seed).
    const h = computeHeadline(withPreset(), { backend: 'codegen' });
    expect(out.differences).toEqual({ ...c.differences, ...headlineDifferences(h) });
    expect(out.differences!.breakEvenMaturityGap).toBe(h.breakEven!.gap);
    expect(out.differences!.winProbability).toBe(h.win!.probability);
    expect(out.differences!.maturityGap).toBeCloseTo(0.534, 3);
    const headline = (out as unknown as { headline: { winProbability: { draws: number } } })
      .headline;
    expect(headline.winProbability.draws).toBe(WIN_PROBABILITY_DRAWS);
  });

  it('meta.command reproduces the output byte for byte', () => {
    const out = JSON.parse(defaultOut) as JsonReport;
    const args = out.meta.command.split(' ').slice(1);
    expect(run(...args).stdout).toBe(defaultOut);
  });

  it('is deterministic by seed: same seed, same bytes; another seed, other numbers', () => {
    const a = run('run', '--weeks', '52', '--seed', '42').stdout;
    expect(run('run', '--weeks', '52', '--seed', '42').stdout).toBe(a);
    const b = run('run', '--weeks', '52', '--seed', '43').stdout;
    const ra = JSON.parse(a) as JsonReport;
    const rb = JSON.parse(b) as JsonReport;
    expect(rb.runs[0]!.metrics.sessions).not.toEqual(ra.runs[0]!.metrics.sessions);
    expect(rb.meta.seed).toBe(43);
  });

  it('in expected-value mode gives the same series whatever the seed', () => {
    const a = JSON.parse(
      run('run', '--mode', 'expected', '--seed', '1', '--weeks', '30').stdout,
    ) as JsonReport;
    const b = JSON.parse(
      run('run', '--mode', 'expected', '--seed', '2', '--weeks', '30').stdout,
    ) as JsonReport;
    expect(b.runs).toEqual(a.runs);
    expect(a.meta.mode).toBe('expected');
  });

  it('--weeks sets the horizon', () => {
    const out = JSON.parse(run('run', '--weeks', '10').stdout) as JsonReport;
    expect(out.meta.weeks).toBe(10);
    expect(out.runs[0]!.time).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('flywheel run with a scenario file or a preset', () => {
  it('runs a file, naming the runs scenario / without', () => {
    const file = join(dir, 'mesh.json');
    writeFileSync(file, serializeScenario(meshPreset()));
    const r = run('run', 'mesh.json', '--weeks', '20');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as JsonReport;
    expect(out.runs.map((x) => x.name)).toEqual(['scenario', 'without']);
    expect(out.meta.scenarioName).toBe('E-commerce as a data mesh');
    expect(out.meta.command).toBe('flywheel run mesh.json --weeks 20 --seed 1 --mode stochastic');
    // The same numbers as the preset itself.
    const viaPreset = JSON.parse(
      run('run', '--preset', 'mesh', '--weeks', '20').stdout,
    ) as JsonReport;
    expect(viaPreset.runs.map((x) => x.name)).toEqual(['mesh', 'without']);
    expect(viaPreset.runs.map((x) => x.metrics)).toEqual(out.runs.map((x) => x.metrics));
    expect(viaPreset.meta.scenarioHash).toBe(out.meta.scenarioHash);
  });

  it('a scenario without data products is a single run with no differences', () => {
    const out = JSON.parse(run('run', '--preset', 'without', '--weeks', '8').stdout) as JsonReport;
    expect(out.runs.map((x) => x.name)).toEqual(['without']);
    expect(out.differences).toBeNull();
  });

  it('quotes a file name with spaces in meta.command', () => {
    writeFileSync(join(dir, 'my scenario.json'), serializeScenario(withPreset()));
    const out = JSON.parse(run('run', 'my scenario.json', '--weeks', '5').stdout) as JsonReport;
    expect(out.meta.command).toBe(
      "flywheel run 'my scenario.json' --weeks 5 --seed 1 --mode stochastic",
    );
  });
});

describe('CSV output', () => {
  it('has one row per week per run and reads back into the same numbers as the JSON', () => {
    const json = JSON.parse(run('run', '--weeks', '40').stdout) as JsonReport;
    const r = run('run', '--weeks', '40', '--format', 'csv');
    expect(r.code).toBe(0);
    expect(r.stdout.includes('\r\n')).toBe(true);
    const rows = parseCsv(r.stdout);
    const [header, ...body] = rows;
    expect(header!.slice(0, 2)).toEqual(['run', 'week']);
    expect(header!.slice(2)).toEqual(json.metrics.map((m) => m.name));
    expect(body).toHaveLength(2 * 41);
    for (const row of body) expect(row).toHaveLength(header!.length);
    json.runs.forEach((jr, i) => {
      for (let k = 0; k <= 40; k++) {
        const row = body[i * 41 + k]!;
        expect(row[0]).toBe(jr.name);
        expect(Number(row[1])).toBe(jr.time[k]);
        header!.slice(2).forEach((name, c) => {
          const cell = row[c + 2]!;
          if (jr.metrics[name] === undefined) expect(cell).toBe('');
          else expect(Number(cell)).toBe(jr.metrics[name]![k]);
        });
      }
    });
    // Negative numbers stay numbers (no formula escaping of numeric cells).
    const negative = body.flatMap((row) => row.filter((c) => c.startsWith('-')));
    expect(negative.length).toBeGreaterThan(0);
    for (const c of negative) expect(Number(c)).toBeLessThan(0);
    expect(body.some((row) => row.some((c) => c.startsWith("'")))).toBe(false);
  });
});

describe('Monte Carlo (--runs N)', () => {
  const args = ['run', '--runs', '80', '--weeks', '13', '--seed', '5'];

  it('adds percentile bands per week for the main metrics and KPI percentiles, identical for 1 and 2 workers', () => {
    const one = run(...args, '--workers', '1');
    const two = run(...args, '--workers', '2');
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const out = JSON.parse(one.stdout) as JsonReport;
    expect(out.meta.runs).toBe(80);
    expect(out.meta.command).toBe('flywheel run --weeks 13 --seed 5 --mode stochastic --runs 80');
    expect(out.meta.monteCarlo).toMatchObject({
      draws: 80,
      percentiles: ['p5', 'p25', 'p50', 'p75', 'p95'],
    });
    for (const r of out.runs) {
      const b = r.bands!.activeUsers!;
      for (const k of ['p5', 'p25', 'p50', 'p75', 'p95']) expect(b[k]).toHaveLength(14);
      for (let w = 0; w <= 13; w++) {
        expect(b.p5![w]!).toBeLessThanOrEqual(b.p50![w]!);
        expect(b.p50![w]!).toBeLessThanOrEqual(b.p95![w]!);
      }
      expect(Object.keys(r.bands!)).toContain('revenue');
      expect(Object.keys(r.bands!).some((m) => m.includes('.'))).toBe(false);
      expect(r.kpiPercentiles!.finalActiveUsers).toHaveProperty('p50');
      expect(r.kpiPercentiles!.finalActiveUsers).toHaveProperty('nullShare');
    }
    expect(out.differencePercentiles!.cumulativeNetValueUsd).toHaveProperty('p95');
  });

  it('writes band columns in CSV', () => {
    const r = run(...args, '--format', 'csv');
    const [header, ...body] = parseCsv(r.stdout);
    expect(header).toContain('activeUsers.p5');
    expect(header).toContain('activeUsers.p95');
    const json = JSON.parse(run(...args).stdout) as JsonReport;
    const c = header!.indexOf('revenue.p50');
    expect(body.slice(0, 14).map((row) => Number(row[c]))).toEqual(
      json.runs[0]!.bands!.revenue!.p50,
    );
  });
});

describe('--out FILE', () => {
  it('writes the file atomically (no temp file left), the same bytes as standard output, replacing an old file', () => {
    const target = join(dir, 'out', 'result.json');
    const sub = join(dir, 'out');
    run('run', '--weeks', '3', '--out', 'x.json'); // in dir: to check nothing else is left around
    writeFileSync(join(dir, 'placeholder'), '');
    expect(run('run', '--weeks', '3', '--out', join('missing-folder', 'r.json')).code).toBe(2);
    mkdirSync(sub);
    writeFileSync(target, 'old contents');
    const r = run('run', '--weeks', '12', '--out', target);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(target, 'utf8')).toBe(run('run', '--weeks', '12').stdout);
    expect(readdirSync(sub)).toEqual(['result.json']);
    const csv = run('run', '--weeks', '12', '--format', 'csv', '-o', join(sub, 'r.csv'));
    expect(csv.code).toBe(0);
    expect(readdirSync(sub).sort()).toEqual(['r.csv', 'result.json']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
