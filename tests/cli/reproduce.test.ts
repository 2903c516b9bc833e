/**
 * One `flywheel run` command reproduces the numbers, written by one function: the report's
 * reproducibility block and the CLI's `meta.command` are the same text for the same scenario.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meshPreset, withPreset } from '../../simulation';
import type { RunCommand } from '../../cli/args';
import { reproduceCommand } from '../../cli/run';
import {
  reproducibilityOf,
  shellQuote,
  type ScenarioSource,
} from '../../renderer/report/reproduce';
import { ensureBuilt, flywheel } from './helpers';

let dir = '';
beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'flywheel-reproduce-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runCmd = (over: Partial<RunCommand> = {}): RunCommand => ({
  kind: 'run',
  file: null,
  variant: null,
  preset: null,
  weeks: null,
  seed: null,
  mode: null,
  runs: 1,
  format: 'json',
  out: null,
  workers: null,
  ...over,
});

/** The text of the report's command block in an HTML report. */
function reportCommand(html: string): string {
  const m = /data-testid="report-command">([^<]*)</.exec(html);
  if (!m) throw new Error('no report-command block');
  return m[1]!
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');
}

describe('the reproduce command', () => {
  it('is the same in the report and in the CLI meta, for a file, a preset and the default', () => {
    const scenario = withPreset();
    const sources: ScenarioSource[] = [
      { kind: 'file', fileName: "Q3 plan (Bob's).flywheel.json" },
      { kind: 'preset', preset: 'mesh' },
      { kind: 'default' },
    ];
    for (const source of sources)
      expect(reproduceCommand(source, scenario, runCmd())).toBe(
        reproducibilityOf(scenario, source, '0.1.0').command,
      );
    expect(reproducibilityOf(scenario, sources[0]!, '0.1.0').command).toBe(
      `flywheel run 'Q3 plan (Bob'\\''s).flywheel.json' --weeks ${scenario.simulation.weeks} --seed ${scenario.simulation.seed} --mode ${scenario.simulation.mode}`,
    );
  });

  it('adds --runs and --format only when they are not the defaults', () => {
    const s = meshPreset();
    const base = `flywheel run --preset mesh --weeks ${s.simulation.weeks} --seed ${s.simulation.seed} --mode ${s.simulation.mode}`;
    const source: ScenarioSource = { kind: 'preset', preset: 'mesh' };
    expect(reproduceCommand(source, s, runCmd({ runs: 1, format: 'json' }))).toBe(base);
    expect(reproduceCommand(source, s, runCmd({ runs: 80, format: 'csv' }))).toBe(
      `${base} --runs 80 --format csv`,
    );
  });

  it('quotes for a POSIX shell only what needs it', () => {
    expect(shellQuote('plain-name_1.json')).toBe('plain-name_1.json');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
    expect(shellQuote('$(rm -rf ~)')).toBe("'$(rm -rf ~)'");
  });

  it('flywheel report and flywheel run print the same command', () => {
    const cases: string[][] = [
      ['--preset', 'mesh', '--weeks', '20', '--seed', '3'],
      ['--weeks', '12', '--mode', 'expected'],
      ['my plan.json', '--weeks', '16'],
    ];
    writeFileSync(join(dir, 'my plan.json'), flywheel(['presets', '--show', 'with'], dir).stdout);
    for (const args of cases) {
      const html = join(dir, 'r.html');
      const report = flywheel(['report', ...args, '--out', html], dir);
      expect(report.stderr, args.join(' ')).toBe('');
      const run = flywheel(['run', ...args], dir);
      expect(run.code, args.join(' ')).toBe(0);
      const meta = (JSON.parse(run.stdout) as { meta: { command: string } }).meta;
      expect(reportCommand(readFileSync(html, 'utf8'))).toBe(meta.command);
    }
  });
});
