/**
 * Arguments of `flywheel sensitivity`, `flywheel sweep` and `flywheel seek`: `flywheel run`'s
 * options (scenario file or --preset, --weeks, --seed, --mode, --format, --out, --workers) and
 * each analysis's own. Pure: every mistake is a UsageProblem naming the flag and what it expects.
 * Parameter names are checked against the scenario's catalogue when the command runs.
 */
import { parseArgs } from 'node:util';
import { AnalysisError } from '../simulation/analysis/evaluate';
import { resolveKpi } from '../simulation/analysis/factors';
import { MAX_DRAWS } from '../simulation/analysis/montecarlo';
import { MAX_SWEEP_STEPS } from '../simulation/analysis/sweep';
import type { PresetName } from '../simulation/scenario/presets';
import { MAX_HORIZON_WEEKS } from '../simulation/scenario/limits';
import {
  FORMATS,
  guarded,
  joinNegativeValues,
  MAX_SEED,
  MAX_WORKERS,
  MODES,
  oneOf,
  parseWholeNumber,
  preset,
  quote,
  UsageProblem,
  type Mode,
  type OutputFormat,
} from './args';

export const ANALYSIS_COMMANDS = ['sensitivity', 'sweep', 'seek'] as const;
export type AnalysisCommandName = (typeof ANALYSIS_COMMANDS)[number];

/** What every analysis command shares with `flywheel run`. */
export interface RunOptions {
  readonly file: string | null;
  /** A named variant of the file to analyse instead of its base scenario. */
  readonly variant: string | null;
  readonly preset: PresetName | null;
  readonly weeks: number | null;
  readonly seed: number | null;
  readonly mode: Mode | null;
  /** Null: text on a terminal, JSON into a pipe or a file. */
  readonly format: OutputFormat | null;
  readonly out: string | null;
  /** Worker threads; null = one per available core. */
  readonly workers: number | null;
}

/** `--param NAME[=FROM:TO]`. */
export interface ParamArg {
  readonly parameter: string;
  readonly from?: number;
  readonly to?: number;
}

interface KpiOptions {
  readonly kpi: string;
  /** The KPI of the scenario minus that of the same business without data products. */
  readonly difference: boolean;
}

export interface SensitivityCommand extends RunOptions, KpiOptions {
  readonly kind: 'sensitivity';
  /** Names or patterns to vary; null: every assumption. */
  readonly params: readonly string[] | null;
  /** +- this fraction of each value instead of the plausible range; null: plausible range. */
  readonly relative: number | null;
  /** Monte Carlo draws for the global ranking; 1: tornado only. */
  readonly runs: number;
  /** Rows in text output (JSON and CSV have all). */
  readonly top: number;
}

export interface SweepCommand extends RunOptions, KpiOptions {
  readonly kind: 'sweep';
  readonly params: readonly ParamArg[];
  readonly steps: number;
  readonly levels: readonly number[];
}

export interface SeekCommand extends RunOptions, KpiOptions {
  readonly kind: 'seek';
  readonly params: readonly ParamArg[];
  readonly target: number;
  /** The week by which the target must be reached (the horizon of the runs). */
  readonly week: number | null;
  /** With several parameters: a KPI of the scenario to minimise instead of the change. */
  readonly cost: string | null;
}

export type AnalysisCommand = SensitivityCommand | SweepCommand | SeekCommand;

export const DEFAULT_KPI = 'cumulativeNetValueUsd';
export const DEFAULT_SWEEP_STEPS = 20;
export const DEFAULT_TOP = 15;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite decimal number (sign, decimals and exponent allowed). */
export function parseNumber(flag: string, text: string, topic: AnalysisCommandName): number {
  const n = Number(text);
  if (!NUMBER.test(text.trim()) || !Number.isFinite(n))
    throw new UsageProblem(`${flag}: expected a number, got ${quote(text)}`, topic);
  return n;
}

/** `NAME`, or `NAME=FROM:TO`. */
export function parseParam(text: string, topic: AnalysisCommandName): ParamArg {
  const eq = text.indexOf('=');
  const parameter = (eq < 0 ? text : text.slice(0, eq)).trim();
  if (parameter === '')
    throw new UsageProblem(`--param: expected NAME or NAME=FROM:TO, got ${quote(text)}`, topic);
  if (eq < 0) return { parameter };
  const range = text.slice(eq + 1);
  const m = /^\s*([^:]+?)\s*:\s*([^:]+?)\s*$/.exec(range);
  if (!m)
    throw new UsageProblem(
      `--param ${parameter}: expected a range FROM:TO after '=', got ${quote(range)}`,
      topic,
    );
  const from = parseNumber(`--param ${parameter} (FROM)`, m[1]!, topic);
  const to = parseNumber(`--param ${parameter} (TO)`, m[2]!, topic);
  if (!(from < to))
    throw new UsageProblem(
      `--param ${parameter}: the range ${from}:${to} is empty (FROM must be below TO)`,
      topic,
    );
  return { parameter, from, to };
}

const RUN_OPTIONS = {
  preset: { type: 'string' },
  variant: { type: 'string' },
  weeks: { type: 'string' },
  seed: { type: 'string' },
  mode: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string', short: 'o' },
  workers: { type: 'string' },
  kpi: { type: 'string' },
  difference: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const OWN_OPTIONS = {
  sensitivity: {
    param: { type: 'string', multiple: true },
    relative: { type: 'string' },
    runs: { type: 'string' },
    top: { type: 'string' },
  },
  sweep: {
    param: { type: 'string', multiple: true },
    steps: { type: 'string' },
    level: { type: 'string', multiple: true },
  },
  seek: {
    param: { type: 'string', multiple: true },
    target: { type: 'string' },
    week: { type: 'string' },
    cost: { type: 'string' },
  },
} as const;

/** Flags whose value may be a negative number (`--target -5` reads as `--target=-5`). */
const VALUE_FLAGS = ['--weeks', '--seed', '--workers', '--target', '--level', '--relative'];

type Parsed = Record<string, string | boolean | string[] | undefined>;

function runOptions(v: Parsed, positionals: readonly string[], t: AnalysisCommandName): RunOptions {
  if (positionals.length > 1)
    throw new UsageProblem(
      `expected at most one scenario file, got ${positionals.length}: ${positionals.map(quote).join(', ')}`,
      t,
    );
  const file = positionals[0] ?? null;
  const presetText = v.preset as string | undefined;
  if (file !== null && presetText !== undefined)
    throw new UsageProblem(
      `give either a scenario file or --preset, not both (got ${quote(file)} and --preset ${quote(presetText)})`,
      t,
    );
  if (file === '') throw new UsageProblem('the scenario file name is empty', t);
  if (v.out === '') throw new UsageProblem('--out: expected a file name', t);
  const str = (k: string): string | undefined => v[k] as string | undefined;
  const variant = str('variant');
  if (variant !== undefined && file === null)
    throw new UsageProblem(
      `--variant ${quote(variant)}: variants live in scenario files; name the file (flywheel ${t} FILE --variant NAME)`,
      t,
    );
  if (variant === '') throw new UsageProblem('--variant: expected the name of a variant', t);
  return {
    file,
    variant: variant ?? null,
    preset: presetText === undefined ? null : preset('--preset', presetText, t),
    weeks:
      str('weeks') === undefined
        ? null
        : parseWholeNumber('--weeks', str('weeks')!, 1, MAX_HORIZON_WEEKS, t),
    seed:
      str('seed') === undefined ? null : parseWholeNumber('--seed', str('seed')!, 0, MAX_SEED, t),
    mode: str('mode') === undefined ? null : oneOf('--mode', str('mode')!, MODES, t),
    format: str('format') === undefined ? null : oneOf('--format', str('format')!, FORMATS, t),
    out: str('out') ?? null,
    workers:
      str('workers') === undefined
        ? null
        : parseWholeNumber('--workers', str('workers')!, 1, MAX_WORKERS, t),
  };
}

function kpiOptions(v: Parsed, t: AnalysisCommandName, required: boolean): KpiOptions {
  const name = v.kpi as string | undefined;
  if (name === undefined && required)
    throw new UsageProblem(`--kpi: name the KPI to reach (for example --kpi ${DEFAULT_KPI})`, t);
  const kpi = name ?? DEFAULT_KPI;
  const difference = v.difference === true;
  try {
    resolveKpi(kpi, difference ? 'difference' : 'scenario');
  } catch (e) {
    if (e instanceof AnalysisError) throw new UsageProblem(`--kpi: ${e.message}`, t);
    throw e;
  }
  return { kpi, difference };
}

export function parseAnalysisCommand(
  name: AnalysisCommandName,
  args: readonly string[],
): { readonly kind: 'help'; readonly topic: AnalysisCommandName } | AnalysisCommand {
  const t = name;
  const { values, positionals } = guarded(
    () =>
      parseArgs({
        args: joinNegativeValues(args, VALUE_FLAGS),
        strict: true,
        allowPositionals: true,
        options: { ...RUN_OPTIONS, ...OWN_OPTIONS[name] },
      }),
    name,
    t,
  );
  const v = values as Parsed;
  if (v.help) return { kind: 'help', topic: name };
  const common = runOptions(v, positionals, t);
  const params = (v.param as string[] | undefined) ?? [];
  switch (name) {
    case 'sensitivity': {
      const relative =
        v.relative === undefined ? null : parseNumber('--relative', v.relative as string, t);
      if (relative !== null && !(relative > 0 && relative <= 10))
        throw new UsageProblem(
          `--relative: expected a fraction above 0 and at most 10 (0.2 for +-20%), got ${quote(v.relative as string)}`,
          t,
        );
      for (const p of params)
        if (p.includes('='))
          throw new UsageProblem(
            `--param ${quote(p)}: sensitivity takes names or patterns only (each moves over its plausible range, or --relative)`,
            t,
          );
      return {
        kind: 'sensitivity',
        ...common,
        ...kpiOptions(v, t, false),
        params: params.length > 0 ? params.map((p) => p.trim()) : null,
        relative,
        runs: v.runs === undefined ? 1 : parseRuns(v.runs as string, t),
        top:
          v.top === undefined
            ? DEFAULT_TOP
            : parseWholeNumber('--top', v.top as string, 1, 100_000, t),
      };
    }
    case 'sweep': {
      if (params.length < 1 || params.length > 2)
        throw new UsageProblem(
          `--param: give one parameter (a sweep) or two (a grid), got ${params.length}`,
          t,
        );
      return {
        kind: 'sweep',
        ...common,
        ...kpiOptions(v, t, false),
        params: params.map((p) => parseParam(p, t)),
        steps:
          v.steps === undefined
            ? DEFAULT_SWEEP_STEPS
            : parseWholeNumber('--steps', v.steps as string, 1, MAX_SWEEP_STEPS, t),
        levels: ((v.level as string[] | undefined) ?? []).map((l) => parseNumber('--level', l, t)),
      };
    }
    case 'seek': {
      if (params.length < 1 || params.length > 3)
        throw new UsageProblem(
          `--param: give the parameter to change (or two or three to combine), got ${params.length}`,
          t,
        );
      if (v.target === undefined)
        throw new UsageProblem('--target: give the value the KPI must reach', t);
      const week =
        v.week === undefined
          ? null
          : parseWholeNumber('--week', v.week as string, 1, MAX_HORIZON_WEEKS, t);
      if (week !== null && common.weeks !== null && week !== common.weeks)
        throw new UsageProblem(
          `--week ${week} and --weeks ${common.weeks} disagree: --week sets the horizon the KPI is read at`,
          t,
        );
      const cost = (v.cost as string | undefined) ?? null;
      if (cost !== null && cost !== 'change') {
        try {
          resolveKpi(cost, 'scenario');
        } catch (e) {
          if (e instanceof AnalysisError) throw new UsageProblem(`--cost: ${e.message}`, t);
          throw e;
        }
      }
      if (cost !== null && params.length === 1)
        throw new UsageProblem('--cost applies when combining two or three parameters', t);
      return {
        kind: 'seek',
        ...common,
        ...kpiOptions(v, t, true),
        params: params.map((p) => parseParam(p, t)),
        target: parseNumber('--target', v.target as string, t),
        week,
        cost: cost === 'change' ? null : cost,
      };
    }
  }
}

function parseRuns(text: string, t: AnalysisCommandName): number {
  if (/^[0-9]{1,16}$/.test(text) && Number(text) > MAX_DRAWS)
    throw new UsageProblem(
      `--runs: at most ${MAX_DRAWS} draws (every draw keeps its KPIs in memory for the ranking), got ${text}`,
      t,
    );
  return parseWholeNumber('--runs', text, 1, MAX_DRAWS, t);
}
