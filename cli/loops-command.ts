/**
 * `flywheel loops [SCENARIO.json] [--preset NAME] [--weeks N] [--mode M] [--format text|json|csv]`:
 * which feedback loop drives the flywheel week by week (Loops That Matter), for the scenario and,
 * when it has data products, the same business without them. Bad input exits with code 2.
 */
import { parseArgs } from 'node:util';
import { loopDominance, type LoopDominance } from '../simulation/analysis/loop-dominance';
import { MAX_HORIZON_WEEKS } from '../simulation/scenario/limits';
import { scenarioHash } from '../simulation/scenario/hash';
import { isPresetName, PRESET_NAMES, PRESETS, withPreset } from '../simulation/scenario/presets';
import type { Scenario } from '../simulation/scenario/types';
import { joinNegativeValues, MODES, parseArgsErrorText, quote, type Mode } from './args';
import { InputError } from './errors';
import { loopsCsv, loopsJson, loopsText, type LoopsMeta } from './loops-output';
import { applyOverrides } from './run';
import { loadScenarioFile } from './scenario-input';
import { APP_VERSION } from './version';
import { shellQuote } from '../renderer/report/reproduce';

export const LOOPS_FORMATS = ['text', 'json', 'csv'] as const;
export type LoopsFormat = (typeof LOOPS_FORMATS)[number];

export const LOOPS_HELP = `Usage: flywheel loops [SCENARIO.json] [options]

Which feedback loop drives the flywheel, week by week: the Loops That Matter method (Schoenberg,
Davidsen & Eberlein 2020, with the flow-to-stock correction of 2023) on the scenario and, when it
has data products, on the same business without them. Loops are named after the documented loops
of docs/MODEL.md (R1 the data flywheel, R2 word of mouth, B1 market saturation, ...) and grouped
across data products and AI consumers. A loop's relative score is its share of the change in the
stocks of its cycle partition each week (positive: reinforcing, negative: balancing); a loop
dominates when its share is at least one half.

Options:
  --preset NAME         analyse a built-in scenario instead of a file: ${PRESET_NAMES.join(', ')}
  --weeks N             horizon in weeks, 1 to ${MAX_HORIZON_WEEKS} (default: the scenario's)
  --mode MODE           'expected' (default: the expected-value run) or 'stochastic' (the seeded
                        run; its week-to-week noise, which no loop causes, blurs the scores)
  --seed N              random seed for --mode stochastic (default: the scenario's)
  --format FORMAT       'text' (default: a summary for people), 'json' (every loop's relative
                        score per week) or 'csv' (one row per week per run, a column per loop)
  -h, --help            show this help

Examples:
  flywheel loops
  flywheel loops --preset mesh --weeks 260
  flywheel loops my-scenario.json --format json > loops.json
  flywheel loops --format csv > loops.csv`;

export interface LoopsCommand {
  readonly file: string | null;
  readonly preset: string | null;
  readonly weeks: number | null;
  readonly seed: number | null;
  readonly mode: Mode;
  readonly format: LoopsFormat;
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

const HINT = "Run 'flywheel loops --help' for usage.";

/** Parses `loops`' arguments; null means --help. Every mistake is an InputError (exit 2). */
export function parseLoopsArgs(args: readonly string[]): LoopsCommand | null {
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, ['--weeks', '--seed']),
      strict: true,
      allowPositionals: true,
      options: {
        preset: { type: 'string' },
        weeks: { type: 'string' },
        seed: { type: 'string' },
        mode: { type: 'string' },
        format: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new InputError(`flywheel loops: ${parseArgsErrorText(e)}\n${HINT}`);
  }
  const { values: v, positionals } = parsed;
  if (v.help) return null;
  if (positionals.length > 1)
    throw new InputError(
      `flywheel loops: expected at most one scenario file, got ${positionals.length}: ${positionals.map(quote).join(', ')}\n${HINT}`,
    );
  const file = positionals[0] ?? null;
  if (file === '') throw new InputError('flywheel loops: the scenario file name is empty');
  if (file !== null && v.preset !== undefined)
    throw new InputError(
      `flywheel loops: give either a scenario file or --preset, not both (got ${quote(file)} and --preset ${quote(v.preset)})`,
    );
  if (v.preset !== undefined && !isPresetName(v.preset))
    throw new InputError(
      `--preset: unknown preset ${quote(v.preset)} (presets: ${PRESET_NAMES.join(', ')})`,
    );
  return {
    file,
    preset: v.preset ?? null,
    weeks: v.weeks === undefined ? null : wholeNumber('--weeks', v.weeks, 1, MAX_HORIZON_WEEKS),
    seed: v.seed === undefined ? null : wholeNumber('--seed', v.seed, 0, 4294967295),
    mode: v.mode === undefined ? 'expected' : oneOf('--mode', v.mode, MODES),
    format: v.format === undefined ? 'text' : oneOf('--format', v.format, LOOPS_FORMATS),
  };
}

function resolve(cmd: LoopsCommand): { scenario: Scenario; origin: string; source: string[] } {
  if (cmd.file !== null)
    return { scenario: loadScenarioFile(cmd.file), origin: cmd.file, source: [cmd.file] };
  if (cmd.preset !== null && isPresetName(cmd.preset))
    return {
      scenario: PRESETS[cmd.preset](),
      origin: `preset '${cmd.preset}'`,
      source: ['--preset', cmd.preset],
    };
  return { scenario: withPreset(), origin: "the default scenario 'with'", source: [] };
}

/** The analysis of a command and what the output's meta says about it. */
export function runLoops(cmd: LoopsCommand): { dominance: LoopDominance; meta: LoopsMeta } {
  const resolved = resolve(cmd);
  const scenario = applyOverrides(
    resolved.scenario,
    {
      kind: 'run',
      file: cmd.file,
      preset: null,
      weeks: cmd.weeks,
      seed: cmd.seed,
      mode: cmd.mode,
      runs: 1,
      format: 'json',
      out: null,
      workers: null,
    },
    resolved.origin,
  );
  const dominance = loopDominance(scenario, { backend: 'codegen' });
  if (dominance.runs.every((r) => r.loops.loopCount === 0)) {
    throw new InputError(
      `${resolved.origin}: the model of this scenario has no feedback loop, so no loop can drive it`,
    );
  }
  const s = scenario.simulation;
  const command = [
    'flywheel',
    'loops',
    ...resolved.source,
    '--weeks',
    String(s.weeks),
    '--mode',
    s.mode,
    ...(s.mode === 'stochastic' ? ['--seed', String(s.seed)] : []),
    ...(cmd.format !== 'text' ? ['--format', cmd.format] : []),
  ]
    .map(shellQuote)
    .join(' ');
  return {
    dominance,
    meta: {
      appVersion: APP_VERSION,
      scenarioName: scenario.name,
      scenarioHash: scenarioHash(scenario),
      weeks: s.weeks,
      stepWeeks: s.stepWeeks,
      mode: s.mode,
      seed: s.seed,
      generatedBy: 'flywheel loops',
      command,
    },
  };
}

export function loopsCommand(args: readonly string[], out: (text: string) => void): void {
  const cmd = parseLoopsArgs(args);
  if (cmd === null) {
    out(LOOPS_HELP);
    return;
  }
  const { dominance, meta } = runLoops(cmd);
  const chunks: string[] = [];
  const write = (chunk: string): void => {
    chunks.push(chunk);
  };
  if (cmd.format === 'json') loopsJson(meta, dominance, write);
  else if (cmd.format === 'csv') loopsCsv(dominance, write);
  else write(loopsText(meta, dominance));
  out(chunks.join(''));
}
