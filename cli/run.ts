/** `flywheel run`: resolve the scenario, run the comparison (and Monte Carlo), write the report. */
import { availableParallelism } from 'node:os';
import { uncertainParameters } from '../simulation/analysis/montecarlo';
import {
  breakEvenSteps,
  winProbabilityFromDraws,
  winProbabilitySteps,
  WIN_PROBABILITY_DRAWS,
  type Headline,
} from '../simulation/analysis/headline';
import {
  CompiledModelCache,
  type SharedLaneLoop,
  type SharedRunLoop,
} from '../simulation/analysis/model-cache';
import { comparedScenarios } from '../simulation/analysis/montecarlo-draws';
import { fastestBackend } from '../simulation/engine/compile';
import { hasDataProducts } from '../simulation/scenario/derive';
import { compareWithWithout, type Comparison } from '../simulation/analysis/simulate';
import { scenarioHash } from '../simulation/scenario/hash';
import { PRESETS, withPreset } from '../simulation/scenario/presets';
import type { Scenario } from '../simulation/scenario/types';
import { resolveFormat, type RunCommand } from './args';
import { InputError } from './errors';
import { Handoff } from './handoff';
import { runMonteCarloPoolWithKpis } from './pool';
import { runInSlices } from './slices';
import { runCommandFor, type ScenarioSource } from '../renderer/report/reproduce';
import { writeReportCsv, writeReportJson, type Report, type ReportRun } from './report';
import { runSummaryText } from './summary';
import { fileSink, stdoutSink, type Sink } from './sink';
import { checkOutput } from './files';
import { monteCarloProgress } from './progress';
import { shown } from './terminal';
import { APP_VERSION } from './version';

export interface RunEnvironment {
  readonly workerUrl: URL;
  /** Progress lines (only when standard error is a terminal). */
  readonly progress: ((text: string) => void) | null;
  /** Standard output is a terminal (then, without --format, a readable summary is printed). */
  readonly stdoutIsTerminal?: boolean;
  /** The terminal's width in characters (the summary's sentences are wrapped to it). */
  readonly columns?: number;
}

export interface ResolvedScenario {
  readonly scenario: Scenario;
  /** Short names of the compared runs: [first, second]. */
  readonly names: readonly [string, string];
  /** Where the scenario came from, as the command line names it. */
  readonly source: ScenarioSource;
}

/**
 * The reader of scenario files, loaded when a file is read: the file format's zod schemas are most
 * of the CLI's code by size, and a run of a preset starts without them.
 */
const scenarioInput = (): Promise<typeof import('./scenario-input')> => import('./scenario-input');

export async function resolveScenario(
  cmd: Pick<RunCommand, 'file' | 'preset' | 'variant'>,
): Promise<ResolvedScenario> {
  if (cmd.file !== null && cmd.variant !== null)
    return {
      scenario: (await scenarioInput()).loadVariant(cmd.file, cmd.variant),
      names: ['scenario', 'without'],
      source: { kind: 'file', fileName: cmd.file, variant: cmd.variant },
    };
  if (cmd.file !== null)
    return {
      scenario: (await scenarioInput()).loadBaseScenario(cmd.file),
      names: ['scenario', 'without'],
      source: { kind: 'file', fileName: cmd.file },
    };
  if (cmd.preset !== null)
    return {
      scenario: PRESETS[cmd.preset](),
      names: [cmd.preset, 'without'],
      source: { kind: 'preset', preset: cmd.preset },
    };
  return { scenario: withPreset(), names: ['with', 'without'], source: { kind: 'default' } };
}

/** The scenario with the command's overrides; contradictions are input errors naming both sides. */
export function applyOverrides(
  scenario: Scenario,
  cmd: Pick<RunCommand, 'weeks' | 'seed' | 'mode'> & Partial<RunCommand>,
  origin: string,
): Scenario {
  const simulation = {
    ...scenario.simulation,
    ...(cmd.weeks !== null ? { weeks: cmd.weeks } : {}),
    ...(cmd.seed !== null ? { seed: cmd.seed } : {}),
    ...(cmd.mode !== null ? { mode: cmd.mode } : {}),
  };
  const steps = simulation.weeks / simulation.stepWeeks;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) {
    throw new InputError(
      `--weeks ${simulation.weeks}: the horizon must be a whole number of steps of ${simulation.stepWeeks} weeks (simulation.stepWeeks in ${origin})`,
    );
  }
  return { ...scenario, simulation };
}

/** The command that reproduces a run: every setting that changes the numbers, spelled out. */
export function reproduceCommand(
  source: ScenarioSource,
  scenario: Scenario,
  cmd: RunCommand,
): string {
  return runCommandFor(source, scenario, {
    runs: cmd.runs,
    ...(cmd.format === 'csv' ? { format: 'csv' as const } : {}),
  });
}

function openSink(cmd: RunCommand): Sink {
  return cmd.out === null ? stdoutSink() : fileSink(cmd.out);
}

/**
 * The headline's break-even, and its win probability unless a Monte Carlo of `draws` draws will
 * give it (win null then), in slices beside the Monte Carlo's workers.
 */
async function headlineBeside(
  scenario: Scenario,
  draws: number,
  models: CompiledModelCache,
): Promise<Headline> {
  if (!hasDataProducts(scenario)) return { breakEven: null, win: null };
  const breakEven = await runInSlices(breakEvenSteps(scenario, models));
  const win =
    draws >= WIN_PROBABILITY_DRAWS
      ? null
      : await runInSlices(
          winProbabilitySteps(scenario, scenario.simulation, models, WIN_PROBABILITY_DRAWS),
        );
  return { breakEven, win };
}

function winOnThisThread(scenario: Scenario, models: CompiledModelCache): Promise<Headline['win']> {
  return runInSlices(
    winProbabilitySteps(scenario, scenario.simulation, models, WIN_PROBABILITY_DRAWS),
  );
}

export async function runCommand(cmd: RunCommand, env: RunEnvironment): Promise<void> {
  const resolved = await resolveScenario(cmd);
  const origin =
    (cmd.file !== null ? shown(cmd.file) : null) ??
    (cmd.preset !== null ? `preset '${cmd.preset}'` : "the default scenario 'with'");
  const scenario = applyOverrides(resolved.scenario, cmd, origin);
  // A bad --out (a device, a FIFO, the scenario itself) is refused before the work, not after.
  if (cmd.out !== null) checkOutput(cmd.out);
  // The Monte Carlo's workers start at once; meanwhile this thread runs the comparison and
  // searches the headline's break-even in slices (it keeps handing out draws). The headline's win
  // probability counts the Monte Carlo's own first draws when it has enough (the same draws: see
  // headline.ts).
  const abort = new AbortController();
  // The workers wait for this thread's translation of the compared models (they need the same
  // ones) instead of each translating its own.
  const shared = new Handoff<readonly SharedRunLoop[]>();
  const sharedLanes = new Handoff<readonly SharedLaneLoop[]>();
  const pool =
    cmd.runs > 1
      ? runMonteCarloPoolWithKpis(
          { scenario, settings: scenario.simulation, draws: cmd.runs },
          {
            workers: cmd.workers ?? availableParallelism(),
            workerUrl: env.workerUrl,
            onProgress: env.progress ? monteCarloProgress(env.progress) : undefined,
            signal: abort.signal,
            models: shared,
            lanes: sharedLanes,
          },
        )
      : null;
  pool?.catch(() => undefined); // awaited below; a failure is reported there
  // One set of compiled models for the comparison and the headline, on the fastest backend
  // (wasm: the break-even's 21 runs of 520 weeks take 54-118 ms CPU against 374-470 ms with
  // codegen, compilation included; every backend gives the same bits).
  const models = new CompiledModelCache(fastestBackend());
  let comparison: Comparison;
  let headline: Headline;
  try {
    try {
      for (const s of comparedScenarios(scenario)) models.prepare(s);
    } finally {
      shared.give(models.sharedRunLoops());
    }
    // Then their loops for pairs of runs, which the workers use from their first draws after
    // the pilot (this thread runs none of them).
    if (pool)
      try {
        for (const s of comparedScenarios(scenario)) models.laneLoop(models.compiledFor(s));
      } finally {
        sharedLanes.give(models.sharedLaneLoops());
      }
    comparison = compareWithWithout(scenario, { models });
    headline = await headlineBeside(scenario, cmd.runs > 1 ? cmd.runs : 0, models);
  } catch (e) {
    abort.abort(e instanceof Error ? e : new Error(String(e)));
    await pool?.catch(() => undefined);
    throw e;
  }
  const drawn = pool ? await pool : null;
  const monteCarlo = drawn?.summary ?? null;
  if (headline.breakEven !== null && headline.win === null)
    headline = {
      ...headline,
      win:
        (drawn && winProbabilityFromDraws(drawn.kpis)) ?? (await winOnThisThread(scenario, models)),
    };

  const runs: ReportRun[] = comparison.runs.map((run, i) => ({
    name: comparison.runs.length === 1 ? resolved.names[0] : resolved.names[i]!,
    run,
    summary: monteCarlo?.runs[i] ?? null,
  }));
  const s = scenario.simulation;
  const report: Report = {
    meta: {
      appVersion: APP_VERSION,
      seed: s.seed,
      weeks: s.weeks,
      stepWeeks: s.stepWeeks,
      mode: s.mode,
      runs: cmd.runs,
      scenarioHash: scenarioHash(scenario),
      scenarioName: scenario.name,
      generatedBy: 'flywheel run',
      command: reproduceCommand(resolved.source, scenario, cmd),
    },
    runs,
    differences: comparison.differences,
    headline,
    monteCarlo,
    uncertain: monteCarlo ? uncertainParameters(scenario) : [],
  };

  const sink = openSink(cmd);
  try {
    const write = (chunk: string): void => sink.write(chunk);
    const format = resolveFormat(cmd, env.stdoutIsTerminal === true);
    if (format === 'text') write(runSummaryText(report, comparison, { width: env.columns }));
    else if (format === 'csv') writeReportCsv(report, write);
    else writeReportJson(report, write);
    sink.end();
  } catch (e) {
    sink.abort();
    throw e;
  }
}
