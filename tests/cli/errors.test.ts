/**
 * Every class of bad input exits with code 2 and a short message on standard error naming the
 * file, the field or flag and what was expected; never a stack trace, never output on stdout.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeScenario } from '../../simulation/scenario/load';
import { withPreset } from '../../simulation/scenario/presets';
import { ensureBuilt, flywheel, tempFolder } from './helpers';

let dir = '';
let cleanup = (): void => undefined;

const scenarioJson = (patch: (file: Record<string, unknown>) => void): string => {
  const file = JSON.parse(serializeScenario(withPreset())) as Record<string, unknown>;
  patch(file);
  return JSON.stringify(file, null, 2);
};
const section = (file: Record<string, unknown>, key: string): Record<string, unknown> =>
  file[key] as Record<string, unknown>;

beforeAll(() => {
  ensureBuilt();
  ({ dir, cleanup } = tempFolder());
  const files: Record<string, string | Buffer> = {
    'invalid.json': '{"kind": "flywheel-lab/scenario", "formatVersion": 1,',
    'empty.json': '',
    'array.json': '[1, 2, 3]',
    'other-kind.json': '{"kind": "something-else", "formatVersion": 1}',
    'wrong-type.json': scenarioJson((f) => (section(f, 'parameters').baseChurnPerWeek = 'lots')),
    'out-of-range.json': scenarioJson((f) => (section(f, 'simulation').weeks = 9999)),
    'contradictory.json': scenarioJson(
      (f) => (section(f, 'parameters').initialActiveUsers = 20_000_000),
    ),
    'newer.json': scenarioJson((f) => (f.formatVersion = 99)),
    'unknown-field.json': scenarioJson((f) => (f.colour = 'blue')),
    'bad-product.json': scenarioJson((f) => {
      const products = f.dataProducts as Record<string, unknown>[];
      (products[1]!.maturity as Record<string, unknown>).quality = 1.5;
    }),
    'two-week-steps.json': scenarioJson((f) => (section(f, 'simulation').stepWeeks = 2)),
    'binary.json': Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x7b]),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  mkdirSync(join(dir, 'a-folder.json'));
});
afterAll(() => cleanup());

/** [arguments, fragments the message must contain] */
const CASES: [string[], string[]][] = [
  // Files
  [
    ['run', 'missing.json'],
    ['missing.json', 'no such file'],
  ],
  [
    ['run', 'a-folder.json'],
    ['a-folder.json', 'folder'],
  ],
  [
    ['run', 'invalid.json'],
    ['invalid.json', 'not valid JSON'],
  ],
  [
    ['run', 'empty.json'],
    ['empty.json', 'not valid JSON'],
  ],
  [
    ['run', 'array.json'],
    ['array.json', 'expected a JSON object'],
  ],
  [
    ['run', 'other-kind.json'],
    ['other-kind.json', 'kind', 'flywheel-lab/scenario'],
  ],
  [
    ['run', 'binary.json'],
    ['binary.json', 'UTF-8'],
  ],
  [
    ['run', 'wrong-type.json'],
    ['wrong-type.json: parameters.baseChurnPerWeek: expected a number', '"lots"'],
  ],
  [
    ['run', 'out-of-range.json'],
    ['out-of-range.json: simulation.weeks: expected a whole number from 1 to 520', '9999'],
  ],
  [
    ['run', 'contradictory.json'],
    ['contradictory.json: parameters.initialActiveUsers', 'cannot exceed the market'],
  ],
  [
    ['run', 'newer.json'],
    ['newer.json: formatVersion', 'newer'],
  ],
  [
    ['run', 'unknown-field.json'],
    ['unknown-field.json', 'unknown field "colour"'],
  ],
  [
    ['run', 'bad-product.json'],
    ['bad-product.json: dataProducts[1].maturity.quality', 'expected a number from 0 to 1'],
  ],
  [
    ['run', 'two-week-steps.json', '--weeks', '7'],
    ['--weeks 7', 'steps of 2 weeks', 'simulation.stepWeeks in two-week-steps.json'],
  ],
  [['validate', 'wrong-type.json'], ['wrong-type.json: parameters.baseChurnPerWeek']],
  [
    ['validate', 'missing.json'],
    ['missing.json', 'no such file'],
  ],
  [
    ['run', '--out', join('no-such-folder', 'out.json')],
    ['no-such-folder', 'cannot write', 'its folder does not exist'],
  ],
  [
    ['run', '--out', 'a-folder.json'],
    ['a-folder.json', 'cannot write'],
  ],
  // Flags and commands
  [[], ['no command given']],
  [['frobnicate'], ["unknown command 'frobnicate'"]],
  [['--frobnicate'], ["unknown option '--frobnicate'"]],
  [
    ['run', '--frobnicate'],
    ["unknown option '--frobnicate'", 'flywheel run'],
  ],
  [
    ['run', '--weeks', '0'],
    ['--weeks: expected a whole number from 1 to 520', "'0'"],
  ],
  [
    ['run', '--weeks', 'abc'],
    ['--weeks: expected a whole number from 1 to 520', "'abc'"],
  ],
  [
    ['run', '--weeks', '9999'],
    ['--weeks: expected a whole number from 1 to 520', "'9999'"],
  ],
  [['run', '--weeks', '52.5'], ['--weeks: expected a whole number']],
  [['run', '--weeks'], ['--weeks needs a value']],
  // Found by scripts/fuzz-cli.ts: the short form named itself '-o,' and four commands passed Node's
  // own long message through ("Unknown option … To specify a positional argument …").
  [['run', '-o'], ['flywheel: --out needs a value']],
  [['sweep', '-o'], ['flywheel: --out needs a value']],
  [['report', 'x.json', '-o'], ['flywheel report: --out needs a value']],
  [['compare', 'a.json', 'b.json', '-o'], ['flywheel compare: --out needs a value']],
  [['loops', '--weeks'], ['flywheel loops: --weeks needs a value']],
  [['calibrate', '--data'], ['flywheel calibrate: --data needs a value']],
  [['calibrate', 'x.json', '--weeks', '4'], ["flywheel calibrate: unknown option '--weeks'"]],
  [['report', '--bogus'], ["flywheel report: unknown option '--bogus'"]],
  [
    ['run', '--runs', '0'],
    ['--runs: expected a whole number from 1 to 100000', "'0'"],
  ],
  [
    ['run', '--seed', '-1'],
    ['--seed: expected a whole number from 0 to 4294967295', "'-1'"],
  ],
  [
    ['run', '--weeks', '-52'],
    ['--weeks: expected a whole number from 1 to 520', "'-52'"],
  ],
  [['run', '--seed', '--weeks', '5'], ['--seed needs a value']],
  [['run', '--seed', '1e3'], ['--seed: expected a whole number from 0 to 4294967295']],
  [['run', '--seed', '4294967296'], ['--seed: expected a whole number from 0 to 4294967295']],
  [
    ['run', '--mode', 'fast'],
    ["--mode: expected 'stochastic' or 'expected'", "'fast'"],
  ],
  [
    ['run', '--format', 'xml'],
    ["--format: expected 'text' or 'json' or 'csv'", "'xml'"],
  ],
  [['run', '--workers', '0'], ['--workers: expected a whole number from 1 to 64']],
  [
    ['run', '--preset', 'nope'],
    ["--preset: unknown preset 'nope'", 'with, without, mesh'],
  ],
  [['run', 'x.json', '--preset', 'with'], ['either a scenario file or --preset, not both']],
  [['run', 'a.json', 'b.json'], ['at most one scenario file']],
  [
    ['run', '--help=yes'],
    ['--help', 'does not take a value'],
  ],
  [['presets', '--show', 'nope'], ["--show: unknown preset 'nope'"]],
  [['presets', 'extra'], ["unexpected argument 'extra'"]],
  [['validate'], ['expected a scenario file']],
  [['help', 'nope'], ["no help on 'nope'"]],
];

describe('bad input exits with code 2 and a message naming what is wrong', () => {
  it.each(CASES)('flywheel %j', (args, fragments) => {
    const r = flywheel(args, dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    for (const f of fragments) expect(r.stderr).toContain(f);
    expect(r.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
    expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(11);
    expect(r.stderr).not.toMatch(/To specify a positional|<value>|-o,/);
  });

  it('points to the help of the command after a flag mistake', () => {
    expect(flywheel(['run', '--weeks', '0'], dir).stderr).toContain(
      "Run 'flywheel run --help' for usage.",
    );
    expect(flywheel(['frobnicate'], dir).stderr).toContain("Run 'flywheel --help' for usage.");
  });

  it('a failed run leaves an existing output file as it was', () => {
    const target = join(dir, 'keep.json');
    writeFileSync(target, 'precious');
    expect(flywheel(['run', 'invalid.json', '--out', 'keep.json'], dir).code).toBe(2);
    expect(readFileSync(target, 'utf8')).toBe('precious');
  });
});
