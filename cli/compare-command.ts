/**
 * `flywheel compare FILE[#NAME] FILE[#NAME] ... [--baseline N] [--weeks N] [--seed N] [--mode M]
 * [--format text|json|csv] [--out FILE]`: up to 8 runs side by side (scenario files, their
 * variants and pinned runs), their KPIs, each run's difference from the baseline and the best
 * marked. Bad input (flags, files, names, too many runs) exits with code 2.
 */
import { parseArgs } from 'node:util';
import { MAX_HORIZON_WEEKS, MAX_COMPARED_RUNS } from '../simulation/scenario/limits';
import { compareCommandFor, type CompareSettings } from '../renderer/report/reproduce';
import {
  FORMATS,
  joinNegativeValues,
  MAX_SEED,
  MODES,
  parseArgsErrorText,
  quote,
  type OutputFormat,
} from './args';
import { compareCsv, compareJson, compareText } from './compare-output';
import { resolveRuns, runComparison } from './compare-runs';
import { InputError } from './errors';
import { checkOutput } from './files';
import { fileSink, stdoutSink, type Sink } from './sink';
import { APP_VERSION } from './version';

export const COMPARE_HELP = `Usage: flywheel compare FILE[#NAME] FILE[#NAME] ... [options]

Puts 2 to ${MAX_COMPARED_RUNS} runs side by side: a scenario file (its base scenario), or FILE#NAME, one of
the file's named variants or pinned runs (the names the app shows; case does not matter). Prints
every key result of each run, its difference from the baseline run, the best run on each result
marked, and what each run changes against the baseline, in words. Runs of different structure
(other products, other consumers) compare fine.

Options:
  --baseline N          the run the differences are taken from, 1 to the number of runs
                        (default 1, the first)
  --weeks N             horizon of every run, 1 to ${MAX_HORIZON_WEEKS} (default: each run's own)
  --seed N              random seed of every run, 0 to ${MAX_SEED} (default: each run's own)
  --mode MODE           'stochastic' or 'expected' for every run (default: each run's own)
  --format FORMAT       'text' (a table that fits a terminal; the default on a terminal), 'json'
                        (the default into a pipe or a file: each run's name, source, KPIs and
                        differences) or 'csv' (one row per run and key result)
  -o, --out FILE        write to FILE (atomically) instead of standard output
  -h, --help            show this help

Examples:
  flywheel compare plan.flywheel.json 'plan.flywheel.json#skip governance'
  flywheel compare 'plan.flywheel.json#as is' 'plan.flywheel.json#quality 95%' other.flywheel.json
  flywheel compare a.flywheel.json b.flywheel.json --baseline 2 --mode expected --format csv`;

export interface CompareCommand {
  readonly runs: readonly string[];
  /** 1-based. */
  readonly baseline: number;
  readonly settings: CompareSettings;
  readonly format: OutputFormat | null;
  readonly out: string | null;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (/^[0-9]{1,16}$/.test(text)) {
    const n = Number(text);
    if (n >= min && n <= max) return n;
  }
  throw new InputError(
    `${flag}: expected a whole number from ${min} to ${max}, got ${quote(text)}`,
  );
}

function oneOf<T extends string>(flag: string, text: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new InputError(
    `${flag}: expected ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${quote(text)}`,
  );
}

/** Parses `compare`'s arguments; null means --help. Every mistake is an InputError (exit 2). */
export function parseCompareArgs(args: readonly string[]): CompareCommand | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, ['--weeks', '--seed', '--baseline']),
      strict: true,
      allowPositionals: true,
      options: {
        baseline: { type: 'string' },
        weeks: { type: 'string' },
        seed: { type: 'string' },
        mode: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string', short: 'o' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new InputError(
      `flywheel compare: ${parseArgsErrorText(e)}\nRun 'flywheel compare --help' for usage.`,
    );
  }
  const { values: v, positionals } = parsed;
  if (v.help) return null;
  if (positionals.includes('')) throw new InputError('flywheel compare: a run argument is empty');
  if (positionals.length < 2)
    throw new InputError(
      `flywheel compare: expected at least two runs (FILE or FILE#NAME), got ${positionals.length}\nRun 'flywheel compare --help' for usage.`,
    );
  if (positionals.length > MAX_COMPARED_RUNS)
    throw new InputError(
      `flywheel compare: at most ${MAX_COMPARED_RUNS} runs side by side, got ${positionals.length}; leave some out`,
    );
  if (v.out === '') throw new InputError('--out: expected a file name');
  return {
    runs: positionals,
    baseline:
      v.baseline === undefined ? 1 : wholeNumber('--baseline', v.baseline, 1, positionals.length),
    settings: {
      weeks: v.weeks === undefined ? null : wholeNumber('--weeks', v.weeks, 1, MAX_HORIZON_WEEKS),
      seed: v.seed === undefined ? null : wholeNumber('--seed', v.seed, 0, MAX_SEED),
      mode: v.mode === undefined ? null : oneOf('--mode', v.mode, MODES),
    },
    format: v.format === undefined ? null : oneOf('--format', v.format, FORMATS),
    out: v.out ?? null,
  };
}

function openSink(out: string | null): Sink {
  return out === null ? stdoutSink() : fileSink(out);
}

export async function compareCommand(
  args: readonly string[],
  out: (text: string) => void,
  env: { readonly stdoutIsTerminal: boolean },
): Promise<void> {
  const cmd = parseCompareArgs(args);
  if (cmd === null) {
    out(COMPARE_HELP);
    return;
  }
  const compared = resolveRuns(cmd.runs, cmd.settings);
  // A bad --out (a device, a FIFO, one of the compared files) is refused before the runs.
  if (cmd.out !== null) checkOutput(cmd.out);
  const baseline = cmd.baseline - 1;
  const result = runComparison(compared, baseline);
  const meta = {
    appVersion: APP_VERSION,
    command: compareCommandFor(
      compared.map((r) => r.source),
      cmd.baseline,
      cmd.settings,
    ),
    baseline,
    settings: {
      weeks: cmd.settings.weeks ?? null,
      seed: cmd.settings.seed ?? null,
      mode: cmd.settings.mode ?? null,
    },
  };
  const format = cmd.format ?? (cmd.out === null && env.stdoutIsTerminal ? 'text' : 'json');
  const text =
    format === 'text'
      ? compareText(result, meta)
      : format === 'csv'
        ? compareCsv(result, meta)
        : compareJson(result, meta);
  const sink = openSink(cmd.out);
  try {
    sink.write(text);
    sink.end();
  } catch (e) {
    sink.abort();
    throw e;
  }
}
