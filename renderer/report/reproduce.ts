/**
 * The reproducibility block: the settings that decide the numbers and the exact `flywheel run`
 * command that gives them again. Pure (used by the app, the CLI and the tests).
 */
import { scenarioHash, type Scenario } from '../../simulation';

/** Where the report's scenario came from, as the command line would name it. */
export type ScenarioSource =
  | { readonly kind: 'file'; readonly fileName: string }
  | { readonly kind: 'preset'; readonly preset: string };

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

/** The command that reproduces the numbers: every setting that changes them, spelled out. */
export function runCommandFor(source: ScenarioSource, scenario: Scenario): string {
  const s = scenario.simulation;
  const from = source.kind === 'file' ? [source.fileName] : ['--preset', source.preset];
  return [
    'flywheel',
    'run',
    ...from,
    '--weeks',
    String(s.weeks),
    '--seed',
    String(s.seed),
    '--mode',
    s.mode,
  ]
    .map(shellQuote)
    .join(' ');
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
    scenarioFileName: source.kind === 'file' ? source.fileName : `${source.preset}.flywheel.json`,
  };
}
