/**
 * `flywheel run` on a terminal prints a readable summary (the verdict, the key results with,
 * without and their difference, and the command that reproduces them); into a pipe or a file, or
 * with --format json|csv, the series as before. The terminal is a real pseudo-terminal (util-
 * linux's `script`), the numbers are the engine's own, formatted as the app's cards format them.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFormat } from '../../cli/args';
import { table, wrap } from '../../cli/summary';
import { terminalText } from '../../cli/terminal';
import { compareWithWithout } from '../../simulation/analysis/simulate';
import { withoutPreset, withPreset } from '../../simulation/scenario/presets';
import { kpiRows } from '../../renderer/report/kpi-rows';
import { summarize } from '../../renderer/report/summary';
import { BIN, ensureBuilt, flywheel, tempFolder } from './helpers';

let dir = '';
let cleanup = (): void => undefined;
beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder());
});
afterAll(() => cleanup());

const shellQuote = (s: string): string => `'${s.replace(/'/g, "'\\''")}'`;

/** Runs the CLI with its standard output on a pseudo-terminal; returns what the terminal showed. */
function onTerminal(args: readonly string[]): { code: number | null; text: string } {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const r = spawnSync('script', ['-qec', `stty cols 80; ${command}`, '/dev/null'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FLYWHEEL_DEBUG: '' },
  });
  if (r.error) throw r.error;
  return { code: r.status, text: r.stdout.replace(/\r\n/g, '\n') };
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('flywheel run on a terminal', () => {
  it('prints the verdict, the key results with, without and the difference, and the command', () => {
    const { code, text } = onTerminal(['run', '--weeks', '104', '--seed', '3']);
    expect(code).toBe(0);
    expect(text.trimStart().startsWith('{')).toBe(false);
    const base = withPreset();
    const scenario = { ...base, simulation: { ...base.simulation, weeks: 104, seed: 3 } };
    const c = compareWithWithout(scenario, { backend: 'codegen' });
    expect(oneLine(text)).toContain(oneLine(summarize(c)[0]!.text));
    expect(text).toMatch(/^Key result +With +Without +Difference$/m);
    for (const row of kpiRows(c.runs, c.differences)) {
      if (row.key === 'overtakeWeek') continue;
      const line = text.split('\n').find((l) => l.startsWith(`${row.label}  `));
      expect(line, row.label).toBeDefined();
      const cells = line!.slice(row.label.length).trim().split(/ {2,}/);
      expect(cells, row.label).toEqual([row.withText, row.withoutText, row.differenceText]);
    }
    expect(text).toContain('  flywheel run --weeks 104 --seed 3 --mode stochastic\n');
    // Fits an 80-column terminal.
    for (const l of text.split('\n')) expect(l.length, l).toBeLessThanOrEqual(80);
    expect(text.split('\n').length).toBeLessThan(40);
  });

  it('prints JSON on a terminal when --format json is given, and the summary into a pipe with --format text', () => {
    const json = onTerminal(['run', '--weeks', '8', '--format', 'json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.text) as { meta: { command: string } };
    expect(parsed.meta.command).toBe('flywheel run --weeks 8 --seed 1 --mode stochastic');

    const piped = flywheel(['run', '--weeks', '8', '--format', 'text'], dir);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toMatch(/^Key result +With +Without +Difference$/m);
    expect(piped.stdout).toBe(onTerminal(['run', '--weeks', '8']).text);
  });

  it('writes JSON into a pipe without --format, as scripts have always read it', () => {
    const r = flywheel(['run', '--weeks', '8'], dir);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });

  it('says there is nothing to compare for a scenario without data products', () => {
    const { code, text } = onTerminal(['run', '--preset', 'without', '--weeks', '20']);
    expect(code).toBe(0);
    expect(text).toMatch(/^Key result +Value$/m);
    const c = compareWithWithout(
      { ...withoutPreset(), simulation: { ...withoutPreset().simulation, weeks: 20 } },
      { backend: 'codegen' },
    );
    expect(oneLine(text)).toContain(oneLine(summarize(c)[0]!.text));
  });

  it('adds the Monte Carlo percentiles of the differences when there are draws', () => {
    const { code, text } = onTerminal([
      'run',
      '--weeks',
      '30',
      '--runs',
      '6',
      '--workers',
      '1',
      '--mode',
      'expected',
    ]);
    expect(code).toBe(0);
    expect(text).toContain('Monte Carlo, 6 draws');
    expect(text).toMatch(/^Key result +p5 +median +p95 +n\/a$/m);
    expect(text).toContain('flywheel run --weeks 30 --seed 1 --mode expected --runs 6');
  });
});

describe('summary pieces', () => {
  it('chooses text only for a terminal without --out or --format', () => {
    expect(resolveFormat({ format: null, out: null }, true)).toBe('text');
    expect(resolveFormat({ format: null, out: null }, false)).toBe('json');
    expect(resolveFormat({ format: null, out: 'r.json' }, true)).toBe('json');
    expect(resolveFormat({ format: 'csv', out: null }, true)).toBe('csv');
    expect(resolveFormat({ format: 'text', out: null }, false)).toBe('text');
  });

  it('wraps at spaces and aligns columns', () => {
    expect(wrap('aaa bbb ccc ddd', 7)).toEqual(['aaa bbb', 'ccc ddd']);
    expect(wrap('averyveryverylongword x', 5)).toEqual(['averyveryverylongword', 'x']);
    expect(
      table(
        ['Name', 'A'],
        [
          ['x', '1'],
          ['long', '100'],
        ],
      ),
    ).toEqual(['Name    A', '----  ---', 'x       1', 'long  100']);
  });

  it('shows control characters from names as visible escapes', () => {
    expect(terminalText('a\u001b]0;pwned\u0007b\u009bc')).toBe('a\\u001b]0;pwned\\u0007b\\u009bc');
    expect(terminalText('Café 360')).toBe('Café 360');
  });
});
