/**
 * `flywheel sensitivity`, `sweep` and `seek` as users run them: child processes on real files,
 * JSON with settings, results and a meta.command that reproduces them, the same numbers for any
 * number of worker threads, text that fits a terminal, and bad input refused with exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareWithWithout } from '../../simulation/analysis/simulate';
import { assumptionNamed, withAssumption } from '../../simulation/scenario/assumptions';
import { formatCompact } from '../../simulation/narrative/format';
import { serializeScenario } from '../../simulation/scenario/load';
import { withPreset } from '../../simulation/scenario/presets';
import { ensureBuilt, flywheel, parseCsv, tempFolder } from './helpers';

let dir = '';
let cleanup = (): void => undefined;
beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder());
});
afterAll(() => cleanup());

const run = (...args: string[]) => flywheel(args, dir);
const QUICK = ['--weeks', '52', '--mode', 'expected', '--format', 'json'];

interface Output {
  meta: { command: string; generatedBy: string; weeks: number; seed: number };
  settings: Record<string, unknown>;
  results: Record<string, unknown>;
}
const parse = (text: string): Output => JSON.parse(text) as Output;

/** Splits a shell command written by analysisCommandFor back into arguments (no escapes used). */
function argsOf(command: string): string[] {
  const out: string[] = [];
  for (const m of command.matchAll(/'((?:[^']|'\\'')*)'|(\S+)/g))
    out.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : m[2]!);
  return out.slice(1); // without 'flywheel'
}

describe('flywheel sensitivity', () => {
  const args = [
    'sensitivity',
    ...QUICK,
    '--difference',
    '--param',
    'dataProduct.customer-360.maturity.*',
    '--param',
    'baseChurnPerWeek',
  ];

  it('writes settings, the ranked tornado and a command that reproduces it', () => {
    const r = run(...args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = parse(r.stdout);
    expect(out.meta.generatedBy).toBe('flywheel sensitivity');
    expect(out.settings).toMatchObject({
      analysis: 'sensitivity',
      kpi: { kpi: 'cumulativeNetValueUsd', of: 'difference' },
    });
    const tornado = out.results.tornado as {
      bars: { rank: number; swing: number; name: string }[];
      base: number;
    };
    expect(tornado.bars).toHaveLength(9);
    expect(tornado.bars.map((b) => b.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const swings = tornado.bars.map((b) => b.swing);
    expect([...swings].sort((a, b) => b - a)).toEqual(swings);
    const s = withPreset();
    const base = compareWithWithout({
      ...s,
      simulation: { ...s.simulation, weeks: 52, mode: 'expected' },
    });
    expect(tornado.base).toBe(base.differences!.cumulativeNetValueUsd);
    // The command in meta.command gives the same results.
    const again = run(...argsOf(out.meta.command), '--format', 'json');
    expect(again.code).toBe(0);
    expect(parse(again.stdout).results).toEqual(out.results);
  });

  it('gives the same numbers on one thread and on several, with a global ranking from draws', () => {
    const one = run(...args, '--runs', '200', '--workers', '1');
    const two = run(...args, '--runs', '200', '--workers', '3');
    expect(one.code).toBe(0);
    expect(two.code).toBe(0);
    expect(parse(two.stdout).results).toEqual(parse(one.stdout).results);
    const global = parse(one.stdout).results.global as {
      draws: number;
      factors: { srrc: number }[];
      rSquared: number;
    };
    expect(global.draws).toBe(200);
    expect(global.factors.length).toBeGreaterThan(10);
    expect(global.rSquared).toBeGreaterThan(0);
  });

  it('prints a tornado that fits a terminal, and CSV rows', () => {
    const text = run(
      'sensitivity',
      '--weeks',
      '52',
      '--mode',
      'expected',
      '--format',
      'text',
      '--top',
      '5',
    );
    expect(text.code).toBe(0);
    const lines = text.stdout.trimEnd().split('\n');
    expect(lines.slice(0, -1).every((l) => l.length <= 80)).toBe(true);
    expect(text.stdout).toMatch(/Tornado of Cumulative net value: each of \d+ assumptions/);
    expect(text.stdout).toMatch(/^1 {2}\S+/m);
    expect(text.stdout).toMatch(/more rows with --top/);
    const csv = parseCsv(
      run(...args.filter((a) => a !== 'json' && a !== '--format'), '--format', 'csv').stdout,
    );
    expect(csv[0]).toEqual([
      'rank',
      'parameter',
      'label',
      'unit',
      'value',
      'low',
      'high',
      'kpiAtLow',
      'kpiAtHigh',
      'swing',
    ]);
    expect(csv).toHaveLength(10);
  });

  it("aligns a long name's own line with the table's rank and name columns", () => {
    const text = run('sensitivity', '--weeks', '52', '--mode', 'expected', '--format', 'text');
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    const header = lines.find((l) => /^\s*#\s+Parameter/.test(l))!;
    const nameAt = header.indexOf('Parameter');
    const rankEnd = header.indexOf('#') + 1;
    const ranked = lines.filter((l) => /^\s*\d+ {2}\S/.test(l));
    expect(ranked.length).toBeGreaterThan(10); // two-digit ranks too
    for (const l of ranked) {
      expect(/\S/.exec(l.slice(nameAt))?.index, l).toBe(0);
      expect(l.slice(0, rankEnd).trim(), l).toMatch(/^\d+$/);
      expect(l[rankEnd], l).toBe(' ');
    }
  });
});

describe('flywheel sweep and seek', () => {
  const param = 'dataProduct.*.maturity.*=0:1';

  it('a sweep crosses where seek finds the break-even, and a rerun confirms it', () => {
    const sweep = parse(run('sweep', ...QUICK, '--param', param, '--steps', '8').stdout);
    const crossings = (sweep.results.sweep as { crossings: { value: number }[] }).crossings;
    expect(crossings).toHaveLength(1);
    const seekRun = run(
      'seek',
      ...QUICK,
      '--param',
      param,
      '--kpi',
      'cumulativeNetValueUsd',
      '--difference',
      '--target',
      '0',
    );
    expect(seekRun.code).toBe(0);
    const seek = parse(seekRun.stdout).results.seek as {
      reached: boolean;
      answer: { value: number; kpi: number };
      tolerance: number;
    };
    expect(seek.reached).toBe(true);
    expect(Math.abs(crossings[0]!.value - seek.answer.value)).toBeLessThanOrEqual(
      2 * seek.tolerance,
    );
    const s = withPreset();
    const quick = { ...s, simulation: { ...s.simulation, weeks: 52, mode: 'expected' as const } };
    const rerun = compareWithWithout(
      withAssumption(quick, 'dataProduct.*.maturity.*', seek.answer.value),
    );
    expect(rerun.differences!.cumulativeNetValueUsd).toBe(seek.answer.kpi);
    expect(seek.answer.kpi).toBeGreaterThanOrEqual(0);
  });

  it('a two-parameter sweep is a grid with a break-even line; CSV has one row per cell', () => {
    const args = [
      'sweep',
      ...QUICK,
      '--param',
      param,
      '--param',
      'ownPipelineTemplate.maturity.*=0:1',
      '--steps',
      '4',
      '--difference',
    ];
    const grid = parse(run(...args).stdout).results.grid as {
      values: number[];
      breakEven: { lines: number[][][] };
    };
    expect(grid.values).toHaveLength(25);
    // The text map labels its rows with the y values, four significant digits.
    const map = run(...args.map((a) => (a === 'json' ? 'text' : a))).stdout;
    expect(map).toMatch(/^0\.75 {2}[.+](?: [.+]){4}$/m);
    expect(map).not.toMatch(/0\.7500/);
    expect(grid.breakEven.lines.length).toBeGreaterThan(0);
    const csv = parseCsv(run(...args.map((a) => (a === 'json' ? 'csv' : a))).stdout);
    expect(csv).toHaveLength(26);
    expect(csv[0]).toEqual([
      'dataProduct.*.maturity.*',
      'ownPipelineTemplate.maturity.*',
      'cumulativeNetValueUsd',
      'difference',
    ]);
  });

  it('seeks on a scenario file, writing the result to --out', () => {
    const file = join(dir, 'mine.flywheel.json');
    writeFileSync(file, serializeScenario(withPreset()));
    const outFile = join(dir, 'seek.json');
    const r = run(
      'seek',
      file,
      '--weeks',
      '104',
      '--mode',
      'expected',
      '--param',
      'baseConversion',
      '--kpi',
      'paybackWeek',
      '--target',
      '70',
      '--out',
      outFile,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const out = parse(readFileSync(outFile, 'utf8'));
    expect(out.meta.command).toContain('mine.flywheel.json');
    const seek = out.results.seek as {
      answer: { kpi: number };
      otherSide: { kpi: number };
      direction: string;
    };
    expect(seek.direction).toBe('lower');
    expect(seek.answer.kpi).toBeLessThanOrEqual(70);
    expect(seek.otherSide.kpi).toBeGreaterThan(70);
  });

  it('an unreachable target: the result with the closest value, a message, exit code 2', () => {
    const r = run(
      'seek',
      ...QUICK,
      '--param',
      'ownPipelineTemplate.maturity.quality',
      '--kpi',
      'paybackWeek',
      '--target',
      '5',
    );
    expect(r.code).toBe(2);
    const q = assumptionNamed(withPreset(), 'ownPipelineTemplate.maturity.quality')!;
    const [lo, hi] = q.plausible.map((v) => formatCompact(v, 4));
    expect(r.stderr).toMatch(
      new RegExp(
        `^flywheel seek: Payback week does not reach week 5 for any ownPipelineTemplate\\.maturity\\.quality from ${lo} to ${hi}; the closest is ownPipelineTemplate\\.maturity\\.quality = [\\d.]+, giving (week \\d+|not reached)\\n$`,
      ),
    );
    const seek = parse(r.stdout).results.seek as { reached: boolean; closest: { value: number } };
    expect(seek.reached).toBe(false);
    expect(seek.closest.value).toBeGreaterThanOrEqual(q.plausible[0]);
  });

  it('the cheapest combination of two parameters', () => {
    const r = run(
      'seek',
      '--weeks',
      '104',
      '--mode',
      'expected',
      '--format',
      'json',
      '--param',
      'dataProduct.*.maturity.quality',
      '--param',
      'baseConversion',
      '--kpi',
      'paybackWeek',
      '--target',
      '70',
    );
    expect(r.code).toBe(0);
    const c = parse(r.stdout).results.cheapest as {
      reached: boolean;
      best: { kpi: number; values: number[] };
    };
    expect(c.reached).toBe(true);
    expect(c.best.kpi).toBeLessThanOrEqual(70);
    expect(c.best.values).toHaveLength(2);
  });
});

describe('bad input', () => {
  const bad = (...args: string[]) => {
    const r = run(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    return r.stderr;
  };

  it('names unknown parameters with the closest valid names, and unknown KPIs with the list', () => {
    expect(bad('sweep', '--param', 'baseChurn')).toMatch(
      /unknown parameter 'baseChurn' \(closest parameters: baseChurnPerWeek, .* \(\d+ in all\)\)/,
    );
    expect(bad('sensitivity', '--kpi', 'netValue')).toMatch(
      /--kpi: unknown KPI 'netValue' \(KPIs: finalActiveUsers, .*totalIncidents, .*\)/,
    );
    expect(bad('sensitivity', '--kpi', 'overtakeWeek')).toMatch(/add --difference/);
  });

  it('refuses ranges outside the valid range, empty ranges and malformed numbers', () => {
    expect(bad('sweep', '--param', 'baseChurnPerWeek=0:2')).toMatch(
      /baseChurnPerWeek: the range 0:2 is outside its valid range 0 to 1 \(1\/week\)/,
    );
    expect(bad('sweep', '--param', 'baseChurnPerWeek=0.5:0.1')).toMatch(/is empty/);
    expect(
      bad('seek', '--param', 'baseChurnPerWeek', '--kpi', 'paybackWeek', '--target', '1e'),
    ).toMatch(/--target: expected a number, got '1e'/);
    expect(bad('seek', '--param', 'baseChurnPerWeek', '--kpi', 'paybackWeek')).toMatch(
      /--target: give/,
    );
    expect(bad('sweep', '--param', 'a', '--param', 'b', '--param', 'c')).toMatch(
      /one parameter .* or two/,
    );
  });

  it('refuses more draws than it keeps in memory, and says why', () => {
    expect(bad('sensitivity', '--runs', '1000000')).toMatch(
      /--runs: at most 100000 draws \(every draw keeps its KPIs in memory for the ranking\), got 1000000/,
    );
  });

  it('has help with examples', () => {
    for (const c of ['sensitivity', 'sweep', 'seek']) {
      const h = run(c, '--help');
      expect(h.code).toBe(0);
      expect(h.stdout).toMatch(new RegExp(`^Usage: flywheel ${c}`));
      expect(h.stdout).toMatch(/Examples:\n {2}flywheel /);
      expect(run('help', c).stdout).toBe(h.stdout);
    }
  });
});
