/**
 * `flywheel compare` and `flywheel run --variant` as users run them: a child process on real
 * files in a temp folder. The numbers are the engine's (runScenario on the same scenarios, to the
 * bit); bad input exits with code 2 and a message naming the file, the run or the flag.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyChanges,
  KPI_KEYS,
  removeDataProductFrom,
  runInputsOf,
  runScenario,
  serializeScenario,
  withAssumption,
  withPreset,
  type Scenario,
} from '../../simulation';
import { ensureBuilt, flywheel, parseCsv, tempFolder } from './helpers';

interface CompareJson {
  meta: { command: string; baseline: number; engineRuns: number; generatedBy: string };
  runs: {
    index: number;
    name: string;
    source: string;
    kind: string;
    changesFromBaseline: string[];
    kpis: Record<string, number | null>;
    differencesFromBaseline: Record<string, number | null> | null;
  }[];
  best: Record<string, number[]>;
}

let dir = '';
let cleanup = (): void => undefined;
const run = (...args: string[]) => flywheel(args, dir);

/** A document: the default scenario with three variants and a pinned run. */
function planDocument(): Scenario {
  const base = withPreset();
  const pinned = withAssumption(base, 'dataProduct.customer-360.maturity.quality', 0.95);
  return {
    ...base,
    variants: [
      { name: 'as is', changes: [] },
      {
        name: 'skip governance',
        changes: [{ kind: 'set', name: 'dataProduct.*.maturity.governance', value: 0 }],
      },
      {
        name: 'two products only',
        changes: [
          { kind: 'removeDataProduct', id: 'recommendation-feature-store' },
          { kind: 'removeDataProduct', id: 'inventory-prediction' },
        ],
      },
      {
        name: 'stale',
        changes: [{ kind: 'set', name: 'dataProduct.gone.maturity.quality', value: 1 }],
      },
    ],
    pinnedRuns: [
      {
        name: 'quality 95%',
        pinnedAt: '2026-11-24T09:30:00.000Z',
        kpiFingerprint: '0123456789abcdef',
        inputs: runInputsOf(pinned),
      },
    ],
  };
}

beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder('flywheel-compare-'));
  writeFileSync(join(dir, 'plan.flywheel.json'), serializeScenario(planDocument()));
  const other = withPreset();
  removeDataProductFrom(other, 'customer-360');
  writeFileSync(
    join(dir, 'other #1.flywheel.json'),
    serializeScenario({ ...other, name: 'Other' }),
  );
  writeFileSync(
    join(dir, 'broken.flywheel.json'),
    '{"kind": "flywheel-lab/scenario", "formatVersion": 2,',
  );
});
afterAll(() => cleanup());

const expectedRun = (variant: string | null): Scenario => {
  const doc = planDocument();
  if (variant === null) return withPreset();
  return applyChanges(doc, doc.variants!.find((v) => v.name === variant)!.changes).scenario;
};

describe('flywheel compare', () => {
  it("JSON: each run's name, source and KPIs (the engine's, to the bit), differences from the baseline, the best", () => {
    const r = run(
      'compare',
      'plan.flywheel.json',
      'plan.flywheel.json#skip governance',
      'plan.flywheel.json#Two Products Only', // names match ignoring case
      'plan.flywheel.json#quality 95%',
      'other #1.flywheel.json', // another structure; a '#' in a file name
      '--baseline',
      '2',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as CompareJson;
    expect(out.meta.generatedBy).toBe('flywheel compare');
    expect(out.meta.baseline).toBe(2);
    expect(out.runs.map((x) => [x.name, x.kind, x.source])).toEqual([
      ['plan', 'base', 'plan.flywheel.json'],
      ['skip governance', 'variant', 'plan.flywheel.json#skip governance'],
      ['two products only', 'variant', 'plan.flywheel.json#two products only'],
      ['quality 95%', 'pin', 'plan.flywheel.json#quality 95%'],
      ['other #1', 'base', 'other #1.flywheel.json'],
    ]);
    const doc = planDocument();
    const scenarios = [
      expectedRun(null),
      expectedRun('skip governance'),
      expectedRun('two products only'),
      { ...doc, ...doc.pinnedRuns![0]!.inputs },
      JSON.parse(readFileSync(join(dir, 'other #1.flywheel.json'), 'utf8')) as Scenario,
    ];
    scenarios.forEach((s, i) => {
      const kpis = runScenario(s, { backend: 'codegen' }).kpis;
      for (const k of KPI_KEYS) expect(out.runs[i]!.kpis[k], `${i} ${k}`).toBe(kpis[k]);
    });
    const base = out.runs[1]!.kpis;
    expect(out.runs[1]!.differencesFromBaseline).toBeNull();
    for (const k of KPI_KEYS) {
      const v = out.runs[0]!.kpis[k] ?? null;
      const b = base[k] ?? null;
      expect(out.runs[0]!.differencesFromBaseline![k]).toBe(
        v === null || b === null ? null : v - b,
      );
    }
    // What each run changes against the baseline (skip governance), in words.
    expect(out.runs[0]!.changesFromBaseline).toEqual([
      'Customer 360: Governance maturity 0 → 0.8',
      'Governance maturity 0 → 0.7 on 3 data products',
    ]);
    expect(out.runs[1]!.changesFromBaseline).toEqual([]);
    expect(out.runs[2]!.changesFromBaseline[0]).toBe(
      'Removed data products Recommendation feature store and Inventory prediction',
    );
    // Higher net value is better: the best run(s) hold the largest value.
    const net = out.runs.map((x) => x.kpis.cumulativeNetValueUsd as number);
    expect(out.best.cumulativeNetValueUsd!.map((i) => net[i - 1])).toEqual(
      out.best.cumulativeNetValueUsd!.map(() => Math.max(...net)),
    );
    // One engine run per run, plus the status quo runs they do not share.
    expect(out.meta.engineRuns).toBeLessThanOrEqual(5 + 2);
    expect(out.meta.command).toBe(
      "flywheel compare plan.flywheel.json 'plan.flywheel.json#skip governance' 'plan.flywheel.json#two products only' 'plan.flywheel.json#quality 95%' 'other #1.flywheel.json' --baseline 2",
    );
  });

  it('text: a KPI table under 80 lines for 8 runs, and the command that reproduces it', () => {
    const eight = [
      'plan.flywheel.json',
      'plan.flywheel.json#as is',
      'plan.flywheel.json#skip governance',
      'plan.flywheel.json#two products only',
      'plan.flywheel.json#quality 95%',
      'other #1.flywheel.json',
      'other #1.flywheel.json',
      'plan.flywheel.json#skip governance',
    ];
    expect(run('compare', ...eight, '--format', 'text').stderr).toMatch(/listed twice/);
    eight[6] = join(dir, 'other #1.flywheel.json'); // another path to the same file: another run
    eight[7] = join(dir, 'plan.flywheel.json#skip governance');
    const r = run('compare', ...eight, '--format', 'text', '--seed', '7');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThan(80);
    // Every line but the command fits 80 columns.
    for (const line of lines.slice(0, -1)) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(lines[0]).toBe('Comparing 8 runs against [1] plan');
    expect(r.stdout).toContain('Governance maturity → 0 on all 4 data products');
    expect(r.stdout).toMatch(/^Cumulative net value\s+\*?\$/m);
    expect(lines[lines.length - 1]).toMatch(
      /^Reproduce: flywheel compare plan\.flywheel\.json .* --seed 7$/,
    );
  });

  it('CSV: one row per run and key result, the same numbers as the JSON', () => {
    const args = ['compare', 'plan.flywheel.json', 'plan.flywheel.json#skip governance'];
    const json = JSON.parse(run(...args, '--format', 'json').stdout) as CompareJson;
    const r = run(...args, '--format', 'csv', '--out', 'cmp.csv');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const rows = parseCsv(readFileSync(join(dir, 'cmp.csv'), 'utf8'));
    expect(rows[0]).toEqual([
      'run',
      'name',
      'source',
      'kpi',
      'label',
      'unit',
      'value',
      'difference_from_baseline',
      'best',
    ]);
    expect(rows).toHaveLength(1 + 2 * KPI_KEYS.length);
    for (const row of rows.slice(1)) {
      const x = json.runs[Number(row[0]) - 1]!;
      const v = x.kpis[row[3]!];
      expect(row[6]).toBe(v === null ? '' : String(v));
    }
  });

  it('bad input: a clear message, exit 2, nothing written', () => {
    const cases: [string[], RegExp][] = [
      [
        ['plan.flywheel.json#nope', 'plan.flywheel.json'],
        /plan\.flywheel\.json: no variant or pinned run named 'nope' \(it has 'as is', 'skip governance', 'two products only', 'stale', 'quality 95%'\)/,
      ],
      [['other #1.flywheel.json#x', 'plan.flywheel.json'], /the file has none/],
      [
        ['plan.flywheel.json#stale', 'plan.flywheel.json'],
        /variant 'stale' does not apply to its base:\n {2}no assumption named 'dataProduct\.gone/,
      ],
      [
        ['broken.flywheel.json', 'plan.flywheel.json'],
        /broken\.flywheel\.json: : not valid JSON|broken\.flywheel\.json: not valid JSON/,
      ],
      [
        ['missing.flywheel.json', 'plan.flywheel.json'],
        /missing\.flywheel\.json: cannot read: no such file/,
      ],
      [
        ['plan.flywheel.json#', 'plan.flywheel.json'],
        /expected a variant or pinned run name after '#'/,
      ],
      [['plan.flywheel.json'], /expected at least two runs/],
      [Array.from({ length: 9 }, () => 'plan.flywheel.json'), /at most 8 runs side by side, got 9/],
      [
        ['plan.flywheel.json', 'plan.flywheel.json#as is', '--baseline', '3'],
        /--baseline: expected a whole number from 1 to 2, got '3'/,
      ],
      [
        ['plan.flywheel.json', 'plan.flywheel.json#as is', '--format', 'xml'],
        /--format: expected 'text' or 'json' or 'csv'/,
      ],
      [
        ['plan.flywheel.json', 'plan.flywheel.json#as is', '--bogus'],
        /flywheel compare: unknown option '--bogus'/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run('compare', ...args, '--out', 'never.json');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stdout).toBe('');
    }
    expect(() => readFileSync(join(dir, 'never.json'))).toThrow();
  });

  it('--help and help compare describe it', () => {
    for (const args of [
      ['compare', '--help'],
      ['help', 'compare'],
    ]) {
      const r = run(...args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^Usage: flywheel compare FILE\[#NAME\]/);
    }
    expect(run('--help').stdout).toContain('flywheel compare FILE[#NAME]');
  });
});

describe('flywheel run --variant', () => {
  it("runs the variant: the same output as a file holding the variant's scenario", () => {
    const viaVariant = run(
      'run',
      'plan.flywheel.json',
      '--variant',
      'skip governance',
      '--format',
      'json',
    );
    expect(viaVariant.stderr).toBe('');
    expect(viaVariant.code).toBe(0);
    writeFileSync(
      join(dir, 'skip.flywheel.json'),
      serializeScenario(expectedRun('skip governance')),
    );
    const viaFile = run('run', 'skip.flywheel.json', '--format', 'json');
    const a = JSON.parse(viaVariant.stdout) as { meta: Record<string, unknown>; runs: unknown };
    const b = JSON.parse(viaFile.stdout) as { meta: Record<string, unknown>; runs: unknown };
    expect(a.runs).toEqual(b.runs);
    expect(a.meta.scenarioHash).toBe(b.meta.scenarioHash);
    expect(a.meta.command).toBe(
      "flywheel run plan.flywheel.json --variant 'skip governance' --weeks 156 --seed 1 --mode stochastic",
    );
  });

  it('the base of a document runs as before: variants and pinned runs change nothing', () => {
    const doc = JSON.parse(run('run', 'plan.flywheel.json', '--format', 'json').stdout) as {
      runs: unknown;
    };
    const plain = JSON.parse(run('run', '--format', 'json').stdout) as {
      runs: { kpis: unknown }[];
    };
    expect((doc.runs as { kpis: unknown }[]).map((r) => r.kpis)).toEqual(
      plain.runs.map((r) => r.kpis),
    );
  });

  it('a variant that does not exist, or without a file: exit 2 with the names it has', () => {
    const r = run('run', 'plan.flywheel.json', '--variant', 'nope');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /plan\.flywheel\.json: no variant named 'nope' \(its variants: 'as is', 'skip governance', 'two products only', 'stale'\)/,
    );
    expect(run('run', 'plan.flywheel.json', '--variant', 'quality 95%').stderr).toMatch(
      /is a pinned run: compare it/,
    );
    const noFile = run('run', '--variant', 'x');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/--variant 'x': variants live in scenario files/);
  });
});
