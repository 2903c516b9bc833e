/**
 * The `flywheel` command line, parsed into a typed command. Pure (no file system): every mistake
 * becomes a UsageProblem with a short message naming the flag and what was expected.
 */
import { parseArgs } from 'node:util';
import { parseAnalysisCommand, type AnalysisCommand } from './analysis-args';
import { MAX_DRAWS } from '../simulation/analysis/montecarlo';
import { MAX_HORIZON_WEEKS } from '../simulation/scenario/limits';
import { isPresetName, PRESET_NAMES, type PresetName } from '../simulation/scenario/presets';

export const COMMANDS = [
  'run',
  'validate',
  'presets',
  'sensitivity',
  'sweep',
  'seek',
  'help',
] as const;
export type CommandName = Exclude<(typeof COMMANDS)[number], 'help'>;
export type HelpTopic = 'program' | CommandName;
export const FORMATS = ['text', 'json', 'csv'] as const;
export type OutputFormat = (typeof FORMATS)[number];
export const MODES = ['stochastic', 'expected'] as const;
export type Mode = (typeof MODES)[number];
export const MAX_SEED = 4294967295;
export const MAX_WORKERS = 64;

/**
 * The output format of `flywheel run`: the one asked for; else a readable summary when standard
 * output is a terminal, and JSON into a pipe or a file (what scripts have always read).
 */
export function resolveFormat(
  cmd: Pick<RunCommand, 'format' | 'out'>,
  stdoutIsTerminal: boolean,
): OutputFormat {
  if (cmd.format !== null) return cmd.format;
  return cmd.out === null && stdoutIsTerminal ? 'text' : 'json';
}

export interface RunCommand {
  readonly kind: 'run';
  readonly file: string | null;
  /** A named variant of the file to run instead of its base scenario. */
  readonly variant: string | null;
  readonly preset: PresetName | null;
  readonly weeks: number | null;
  readonly seed: number | null;
  readonly mode: Mode | null;
  /** Monte Carlo draws; 1 = a single run. */
  readonly runs: number;
  /** Null: a readable summary on a terminal, JSON into a pipe or a file (see resolveFormat). */
  readonly format: OutputFormat | null;
  readonly out: string | null;
  /** Worker threads for Monte Carlo; null = one per available core. */
  readonly workers: number | null;
}

export type Command =
  | { readonly kind: 'help'; readonly topic: HelpTopic }
  | { readonly kind: 'version' }
  | RunCommand
  | { readonly kind: 'validate'; readonly files: readonly string[] }
  | { readonly kind: 'presets'; readonly show: PresetName | null }
  | AnalysisCommand;

export type ParseOutcome =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly message: string; readonly topic: HelpTopic };

export class UsageProblem extends Error {
  constructor(
    message: string,
    readonly topic: HelpTopic,
  ) {
    super(message);
  }
}

const isCommand = (s: string): s is (typeof COMMANDS)[number] =>
  (COMMANDS as readonly string[]).includes(s);

/** A whole number from min to max, written in plain decimal digits (no sign, exponent or spaces). */
export function parseWholeNumber(
  flag: string,
  text: string,
  min: number,
  max: number,
  topic: HelpTopic,
): number {
  const expected = `${flag}: expected a whole number from ${min} to ${max}, got ${quote(text)}`;
  if (!/^[0-9]{1,16}$/.test(text)) throw new UsageProblem(expected, topic);
  const n = Number(text);
  if (!(n >= min && n <= max)) throw new UsageProblem(expected, topic);
  return n;
}

export function oneOf<T extends string>(
  flag: string,
  text: string,
  allowed: readonly T[],
  topic: HelpTopic,
): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageProblem(
    `${flag}: expected ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${quote(text)}`,
    topic,
  );
}

export function preset(flag: string, text: string, topic: HelpTopic): PresetName {
  if (isPresetName(text)) return text;
  throw new UsageProblem(
    `${flag}: unknown preset ${quote(text)} (presets: ${PRESET_NAMES.join(', ')})`,
    topic,
  );
}

/** Quotes user text for a message, shortened and with control characters made visible. */
export function quote(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 60)}...` : text;
  return JSON.stringify(short).replace(/^"|"$/g, "'");
}

/**
 * Node's parseArgs errors as one short line naming the option (its long name when it has one:
 * Node writes "Option '-o, --out <value>' argument missing"), without Node's advice about `--`.
 * With `where` ('flywheel run'), unknown options and arguments say which command refused them.
 */
export function parseArgsErrorText(e: unknown, where?: string): string {
  const err = e as { code?: string; message?: string };
  const message = err.message ?? String(e);
  const named = /'(-{1,2}[^', ]+)(?:, (--[^', ]+))?/.exec(message);
  const option = named?.[2] ?? named?.[1] ?? '';
  const forWhere = where ? ` for '${where}'` : '';
  switch (err.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quote(option)}${forWhere}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return /argument missing|ambiguous/.test(message)
        ? `${option} needs a value`
        : `${option} does not take a value`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${quote(/'([^']*)'/.exec(message)?.[1] ?? '')}${forWhere}`;
    default:
      return message.split('\n')[0]!;
  }
}

function describeParseError(e: unknown, command: string, topic: HelpTopic): UsageProblem {
  const where = command === '' ? 'flywheel' : `flywheel ${command}`;
  return new UsageProblem(parseArgsErrorText(e, where), topic);
}

/** Runs Node's parseArgs, turning its errors into usage problems. */
export function guarded<T>(parse: () => T, command: string, topic: HelpTopic): T {
  try {
    return parse();
  } catch (e) {
    throw describeParseError(e, command, topic);
  }
}

/**
 * `--seed -1` would read as a flag with no value; joined as `--seed=-1` it reaches the number check
 * and gets the message that says what is expected.
 */
export function joinNegativeValues(
  args: readonly string[],
  valueFlags: readonly string[],
): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const next = args[i + 1];
    if (valueFlags.includes(a) && next !== undefined && /^-[0-9.]/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else {
      out.push(a);
    }
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
  }
  return out;
}

function parseRun(args: readonly string[]): Command {
  const t: HelpTopic = 'run';
  const { values: v, positionals } = guarded(
    () =>
      parseArgs({
        args: joinNegativeValues(args, ['--weeks', '--seed', '--runs', '--workers']),
        strict: true,
        allowPositionals: true,
        options: {
          preset: { type: 'string' },
          variant: { type: 'string' },
          weeks: { type: 'string' },
          seed: { type: 'string' },
          runs: { type: 'string' },
          mode: { type: 'string' },
          format: { type: 'string' },
          out: { type: 'string', short: 'o' },
          workers: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
        },
      }),
    'run',
    t,
  );
  if (v.help) return { kind: 'help', topic: 'run' };
  if (positionals.length > 1)
    throw new UsageProblem(
      `expected at most one scenario file, got ${positionals.length}: ${positionals.map(quote).join(', ')}`,
      t,
    );
  const file = positionals[0] ?? null;
  if (file !== null && v.preset !== undefined) {
    throw new UsageProblem(
      `give either a scenario file or --preset, not both (got ${quote(file)} and --preset ${quote(v.preset)})`,
      t,
    );
  }
  if (file === '') throw new UsageProblem('the scenario file name is empty', t);
  if (v.out === '') throw new UsageProblem('--out: expected a file name', t);
  if (v.variant !== undefined && file === null)
    throw new UsageProblem(
      `--variant ${quote(v.variant)}: variants live in scenario files; name the file (flywheel run FILE --variant NAME)`,
      t,
    );
  if (v.variant === '') throw new UsageProblem('--variant: expected the name of a variant', t);
  return {
    kind: 'run',
    file,
    variant: v.variant ?? null,
    preset: v.preset === undefined ? null : preset('--preset', v.preset, t),
    weeks:
      v.weeks === undefined ? null : parseWholeNumber('--weeks', v.weeks, 1, MAX_HORIZON_WEEKS, t),
    seed: v.seed === undefined ? null : parseWholeNumber('--seed', v.seed, 0, MAX_SEED, t),
    mode: v.mode === undefined ? null : oneOf('--mode', v.mode, MODES, t),
    runs: v.runs === undefined ? 1 : parseWholeNumber('--runs', v.runs, 1, MAX_DRAWS, t),
    format: v.format === undefined ? null : oneOf('--format', v.format, FORMATS, t),
    out: v.out ?? null,
    workers:
      v.workers === undefined ? null : parseWholeNumber('--workers', v.workers, 1, MAX_WORKERS, t),
  };
}

function parseValidate(args: readonly string[]): Command {
  const { values: v, positionals } = guarded(
    () =>
      parseArgs({
        args: [...args],
        strict: true,
        allowPositionals: true,
        options: { help: { type: 'boolean', short: 'h' } },
      }),
    'validate',
    'validate',
  );
  if (v.help) return { kind: 'help', topic: 'validate' };
  if (positionals.length === 0)
    throw new UsageProblem('expected a scenario file to validate', 'validate');
  if (positionals.includes(''))
    throw new UsageProblem('the scenario file name is empty', 'validate');
  return { kind: 'validate', files: positionals };
}

function parsePresets(args: readonly string[]): Command {
  const { values: v } = guarded(
    () =>
      parseArgs({
        args: [...args],
        strict: true,
        allowPositionals: false,
        options: { show: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      }),
    'presets',
    'presets',
  );
  if (v.help) return { kind: 'help', topic: 'presets' };
  return {
    kind: 'presets',
    show: v.show === undefined ? null : preset('--show', v.show, 'presets'),
  };
}

function parseHelp(args: readonly string[]): Command {
  const [topic, ...rest] = args;
  if (topic === undefined) return { kind: 'help', topic: 'program' };
  if (rest.length > 0)
    throw new UsageProblem(`unexpected argument ${quote(rest[0]!)} for 'flywheel help'`, 'program');
  if (isCommand(topic) && topic !== 'help') return { kind: 'help', topic };
  throw new UsageProblem(
    `no help on ${quote(topic)} (commands: ${COMMANDS.filter((c) => c !== 'help').join(', ')})`,
    'program',
  );
}

/** Parses the arguments after the program name. */
export function parseCommandLine(argv: readonly string[]): ParseOutcome {
  try {
    return { ok: true, command: parseTop(argv) };
  } catch (e) {
    if (e instanceof UsageProblem) return { ok: false, message: e.message, topic: e.topic };
    throw e;
  }
}

function parseTop(argv: readonly string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw new UsageProblem('no command given', 'program');
  if (first === '--help' || first === '-h') {
    if (rest.length > 0)
      throw new UsageProblem(`unexpected argument ${quote(rest[0]!)} after ${first}`, 'program');
    return { kind: 'help', topic: 'program' };
  }
  if (first === '--version' || first === '-V') {
    if (rest.length > 0)
      throw new UsageProblem(`unexpected argument ${quote(rest[0]!)} after ${first}`, 'program');
    return { kind: 'version' };
  }
  if (first.startsWith('-'))
    throw new UsageProblem(
      `unknown option ${quote(first)} (options come after the command)`,
      'program',
    );
  if (!isCommand(first))
    throw new UsageProblem(
      `unknown command ${quote(first)} (commands: ${COMMANDS.join(', ')})`,
      'program',
    );
  switch (first) {
    case 'run':
      return parseRun(rest);
    case 'validate':
      return parseValidate(rest);
    case 'presets':
      return parsePresets(rest);
    case 'sensitivity':
    case 'sweep':
    case 'seek':
      return parseAnalysisCommand(first, rest);
    case 'help':
      return parseHelp(rest);
  }
}
