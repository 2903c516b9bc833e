/**
 * The reproducibility block: the settings that decide the numbers and the exact `flywheel run`
 * command that gives them again. The one writer of that command: the report, the CLI's
 * `meta.command` and the app's series exports all use `runCommandFor`. Pure.
 */
import { scenarioHash } from '../../simulation/scenario/hash';
import type { Scenario } from '../../simulation/scenario/types';

/** Where the scenario came from, as the command line names it. */
export type ScenarioSource =
  /** A scenario file; with `variant`, one of its named variants (`--variant NAME`). */
  | { readonly kind: 'file'; readonly fileName: string; readonly variant?: string }
  | { readonly kind: 'preset'; readonly preset: string }
  /** No file and no preset: the built-in 'with' scenario. */
  | { readonly kind: 'default' };

/** Output settings of `flywheel run` that the command spells out when they are not the default. */
export interface RunOutput {
  /** Monte Carlo draws; 1 (a single simulation) is not written. */
  readonly runs?: number;
  /** 'json' (the default, not written) or 'csv'. */
  readonly format?: 'json' | 'csv';
}

export interface Reproducibility {
  readonly appVersion: string;
  readonly scenarioHash: string;
  readonly seed: number;
  readonly horizonWeeks: number;
  readonly stepWeeks: number;
  readonly mode: 'stochastic' | 'expected';
  readonly command: string;
  /** File name under which the embedded scenario file is offered. */
  readonly scenarioFileName: string;
}

/** Quotes an argument for a POSIX shell when it needs it. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, "'\\''")}'`;
}

/** The arguments that name the scenario: a file, `--preset NAME`, or none (the default). */
export function sourceArgs(source: ScenarioSource): string[] {
  switch (source.kind) {
    case 'file':
      return source.variant === undefined
        ? [source.fileName]
        : [source.fileName, '--variant', source.variant];
    case 'preset':
      return ['--preset', source.preset];
    case 'default':
      return [];
  }
}

/** The command that reproduces the numbers: every setting that changes them, spelled out. */
export function runCommandFor(
  source: ScenarioSource,
  scenario: Scenario,
  output: RunOutput = {},
): string {
  const s = scenario.simulation;
  const args = [
    'flywheel',
    'run',
    ...sourceArgs(source),
    '--weeks',
    String(s.weeks),
    '--seed',
    String(s.seed),
    '--mode',
    s.mode,
  ];
  if (output.runs !== undefined && output.runs > 1) args.push('--runs', String(output.runs));
  if (output.format !== undefined && output.format !== 'json') args.push('--format', output.format);
  return args.map(shellQuote).join(' ');
}

/**
 * The `flywheel loops` command that gives the loop dominance the app shows: the Loops view and the
 * report analyse the expected-value run over the scenario's horizon.
 */
export function loopsCommandFor(source: ScenarioSource, scenario: Scenario): string {
  const args = [
    'flywheel',
    'loops',
    ...sourceArgs(source),
    '--weeks',
    String(scenario.simulation.weeks),
    '--mode',
    'expected',
  ];
  return args.map(shellQuote).join(' ');
}

/** A run of `flywheel compare`: a scenario file, or a variant or pinned run of one (FILE#NAME). */
export interface CompareSource {
  readonly fileName: string;
  readonly name: string | null;
}

/** Settings `flywheel compare` imposes on every run (left out: each run keeps its own). */
export interface CompareSettings {
  readonly weeks?: number | null;
  readonly seed?: number | null;
  readonly mode?: 'stochastic' | 'expected' | null;
}

/** The argument naming one run: FILE, or FILE#NAME. */
export const compareArg = (s: CompareSource): string =>
  s.name === null ? s.fileName : `${s.fileName}#${s.name}`;

/**
 * The command that reproduces a comparison: every run, the baseline (1-based; the first is the
 * default and not written) and the settings imposed on all runs.
 */
export function compareCommandFor(
  runs: readonly CompareSource[],
  baseline: number,
  settings: CompareSettings = {},
  output: { readonly format?: 'text' | 'json' | 'csv' } = {},
): string {
  const args = ['flywheel', 'compare', ...runs.map(compareArg)];
  if (baseline !== 1) args.push('--baseline', String(baseline));
  if (settings.weeks != null) args.push('--weeks', String(settings.weeks));
  if (settings.seed != null) args.push('--seed', String(settings.seed));
  if (settings.mode != null) args.push('--mode', settings.mode);
  if (output.format !== undefined) args.push('--format', output.format);
  return args.map(shellQuote).join(' ');
}

function scenarioFileNameOf(source: ScenarioSource): string {
  if (source.kind === 'file') return source.fileName;
  return `${source.kind === 'preset' ? source.preset : 'with'}.flywheel.json`;
}

export function reproducibilityOf(
  scenario: Scenario,
  source: ScenarioSource,
  appVersion: string,
): Reproducibility {
  const s = scenario.simulation;
  return {
    appVersion,
    scenarioHash: scenarioHash(scenario),
    seed: s.seed,
    horizonWeeks: s.weeks,
    stepWeeks: s.stepWeeks,
    mode: s.mode,
    command: runCommandFor(source, scenario),
    scenarioFileName: scenarioFileNameOf(source),
  };
}
