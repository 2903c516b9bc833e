/** Property tests of the command-line parser (pure: no process is started). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SEED, MAX_WORKERS, parseCommandLine } from '../../cli/args';
import { MAX_DRAWS } from '../../simulation/analysis/montecarlo';
import { PRESET_NAMES } from '../../simulation/scenario/presets';

interface RunOptions {
  preset?: string;
  file?: string;
  weeks?: number;
  seed?: number;
  runs?: number;
  mode?: 'stochastic' | 'expected';
  format?: 'text' | 'json' | 'csv';
  out?: string;
  workers?: number;
}

const fileName = fc
  .stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_. -]{0,20}$/)
  .filter((s) => !s.startsWith('-'))
  .map((s) => `${s}.json`);

const runOptions: fc.Arbitrary<RunOptions> = fc
  .record(
    {
      source: fc.oneof(
        fc.constant({}),
        fc.constantFrom(...PRESET_NAMES).map((preset) => ({ preset })),
        fileName.map((file) => ({ file })),
      ),
      weeks: fc.integer({ min: 1, max: 520 }),
      seed: fc.integer({ min: 0, max: MAX_SEED }),
      runs: fc.integer({ min: 1, max: MAX_DRAWS }),
      mode: fc.constantFrom('stochastic' as const, 'expected' as const),
      format: fc.constantFrom('text' as const, 'json' as const, 'csv' as const),
      out: fileName,
      workers: fc.integer({ min: 1, max: MAX_WORKERS }),
    },
    { requiredKeys: ['source'] },
  )
  .map(({ source, ...rest }) => ({ ...source, ...rest }));

/** The options as argument groups, in any order, with either `--flag value` or `--flag=value`. */
function toGroups(o: RunOptions, equals: boolean): string[][] {
  const groups: string[][] = [];
  const flag = (name: string, value: string | number | undefined): void => {
    if (value === undefined) return;
    groups.push(equals ? [`--${name}=${value}`] : [`--${name}`, String(value)]);
  };
  flag('preset', o.preset);
  flag('weeks', o.weeks);
  flag('seed', o.seed);
  flag('runs', o.runs);
  flag('mode', o.mode);
  flag('format', o.format);
  flag('out', o.out);
  flag('workers', o.workers);
  if (o.file !== undefined) groups.push([o.file]);
  return groups;
}

describe('parseCommandLine', () => {
  it('reads every valid combination of run options, in any order and either spelling', () => {
    const shuffledArgs = fc.tuple(runOptions, fc.boolean()).chain(([o, equals]) => {
      const groups = toGroups(o, equals);
      return fc.tuple(
        fc.constant(o),
        fc.shuffledSubarray(groups, { minLength: groups.length, maxLength: groups.length }),
      );
    });
    fc.assert(
      fc.property(shuffledArgs, ([o, groups]) => {
        const parsed = parseCommandLine(['run', ...groups.flat()]);
        expect(parsed).toEqual({
          ok: true,
          command: {
            kind: 'run',
            file: o.file ?? null,
            variant: null,
            preset: o.preset ?? null,
            weeks: o.weeks ?? null,
            seed: o.seed ?? null,
            mode: o.mode ?? null,
            runs: o.runs ?? 1,
            format: o.format ?? null,
            out: o.out ?? null,
            workers: o.workers ?? null,
          },
        });
      }),
      { numRuns: 300 },
    );
  });

  it('rejects any --weeks, --seed, --runs or --workers value that is not a whole number in range, naming the flag', () => {
    const limits = {
      weeks: [1, 520],
      seed: [0, MAX_SEED],
      runs: [1, MAX_DRAWS],
      workers: [1, MAX_WORKERS],
    } as const;
    const badNumber = fc.oneof(
      fc.integer({ min: -1e12, max: 1e12 }).map(String),
      fc.double({ noNaN: false }).map(String),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('', ' 5', '5 ', '0x10', '1e2', '+3', '٣', 'NaN', 'Infinity', '1_000'),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(limits) as (keyof typeof limits)[])),
        badNumber,
        (flag, text) => {
          const [min, max] = limits[flag];
          const valid = /^[0-9]+$/.test(text) && Number(text) >= min && Number(text) <= max;
          fc.pre(!valid);
          const parsed = parseCommandLine(['run', `--${flag}=${text}`]);
          expect(parsed.ok).toBe(false);
          if (!parsed.ok) {
            expect(parsed.message).toContain(`--${flag}`);
            expect(parsed.topic).toBe('run');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws, and every failure is one short line', () => {
    const token = fc.oneof(
      fc.constantFrom(
        'run',
        'validate',
        'presets',
        'help',
        '--help',
        '-h',
        '--version',
        '--preset',
        '--weeks',
        '--show',
        '--',
        '-o',
        '--out',
        'with',
        '52',
      ),
      fc.string({ maxLength: 12 }),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 8 }), (argv) => {
        const parsed = parseCommandLine(argv);
        if (!parsed.ok) {
          expect(parsed.message.length).toBeGreaterThan(0);
          expect(parsed.message).not.toContain('\n');
          expect(parsed.message.length).toBeLessThan(300);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('names unknown options and commands', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z-]{0,12}$/), (name) => {
        fc.pre(
          !['preset', 'weeks', 'seed', 'runs', 'mode', 'format', 'out', 'workers', 'help'].includes(
            name,
          ),
        );
        const parsed = parseCommandLine(['run', `--${name}`]);
        expect(parsed).toMatchObject({ ok: false });
        if (!parsed.ok) expect(parsed.message).toContain(`'--${name}'`);
      }),
    );
    expect(parseCommandLine(['walk'])).toMatchObject({
      ok: false,
      message: expect.stringContaining("unknown command 'walk'"),
    });
  });

  it('parses the other commands', () => {
    expect(parseCommandLine(['validate', 'a.json', 'b.json'])).toEqual({
      ok: true,
      command: { kind: 'validate', files: ['a.json', 'b.json'] },
    });
    expect(parseCommandLine(['presets'])).toEqual({
      ok: true,
      command: { kind: 'presets', show: null },
    });
    expect(parseCommandLine(['presets', '--show', 'mesh'])).toEqual({
      ok: true,
      command: { kind: 'presets', show: 'mesh' },
    });
    expect(parseCommandLine(['--version'])).toEqual({ ok: true, command: { kind: 'version' } });
    expect(parseCommandLine(['run', '--help'])).toEqual({
      ok: true,
      command: { kind: 'help', topic: 'run' },
    });
    expect(parseCommandLine(['help', 'presets'])).toEqual({
      ok: true,
      command: { kind: 'help', topic: 'presets' },
    });
    // A file name starting with a dash, after `--`.
    expect(parseCommandLine(['run', '--', '-odd.json'])).toMatchObject({
      ok: true,
      command: { file: '-odd.json' },
    });
  });
});
