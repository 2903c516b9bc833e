/**
 * `flywheel sensitivity`, `flywheel sweep` and `flywheel seek`: resolve the scenario as
 * `flywheel run` does, run the analysis (batches over worker threads), write text, JSON or CSV.
 * Analysis mistakes (unknown parameter, range outside the valid one) are input errors (exit 2);
 * so is a target that cannot be reached, after the result (with the closest value) is written.
 */
import { availableParallelism } from 'node:os';
import { AnalysisError, type KpiSelector } from '../simulation/analysis/evaluate';
import { resolveKpi } from '../simulation/analysis/factors';
import { globalSensitivity, type GlobalSensitivityResult } from '../simulation/analysis/global';
import { gridSteps } from '../simulation/analysis/grid';
import { cheapestSteps, type CostSpec } from '../simulation/analysis/optimise';
import { runStepsAsync, type AnalysisSteps } from '../simulation/analysis/plan';
import { seekSteps } from '../simulation/analysis/seek';
import { sweepSteps } from '../simulation/analysis/sweep';
import { tornadoSteps, type TornadoRange } from '../simulation/analysis/tornado';
import { scenarioHash } from '../simulation/scenario/hash';
import type { Scenario } from '../simulation/scenario/types';
import { analysisCommandFor, type AnalysisCommandSpec } from '../renderer/report/analysis-command';
import { resolveFormat } from './args';
import type { AnalysisCommand, SeekCommand } from './analysis-args';
import { AnalysisPool } from './analysis-pool';
import { writeAnalysisCsv, writeAnalysisJson, type AnalysisReport } from './analysis-output';
import { analysisText, kpiLabel, kpiText, targetText, valueText } from './analysis-text';
import { InputError } from './errors';
import { applyOverrides, resolveScenario } from './run';
import { checkOutput } from './files';
import { fileSink, stdoutSink, type Sink } from './sink';
import { shown } from './terminal';
import { APP_VERSION } from './version';

export interface AnalysisEnvironment {
  readonly workerUrl: URL;
  readonly progress: ((text: string) => void) | null;
  readonly stdoutIsTerminal: boolean;
  readonly columns: number;
}

function kpiOf(cmd: { kpi: string; difference: boolean }): KpiSelector {
  return resolveKpi(cmd.kpi, cmd.difference ? 'difference' : 'scenario');
}

function specOf(cmd: AnalysisCommand): AnalysisCommandSpec {
  const kpi = kpiOf(cmd);
  switch (cmd.kind) {
    case 'sensitivity': {
      const range: TornadoRange =
        cmd.relative === null
          ? { kind: 'plausible' }
          : { kind: 'relative', fraction: cmd.relative };
      return { kind: 'sensitivity', kpi, parameters: cmd.params, range, runs: cmd.runs };
    }
    case 'sweep':
      return { kind: 'sweep', kpi, axes: cmd.params, steps: cmd.steps, levels: cmd.levels };
    case 'seek':
      return {
        kind: 'seek',
        kpi,
        target: cmd.target,
        axes: cmd.params,
        ...(cmd.cost !== null ? { cost: costOf(cmd) } : {}),
      };
  }
}

function costOf(cmd: SeekCommand): CostSpec {
  return cmd.cost === null
    ? { kind: 'change' }
    : { kind: 'kpi', kpi: resolveKpi(cmd.cost, 'scenario') };
}

function openSink(out: string | null): Sink {
  return out === null ? stdoutSink() : fileSink(out);
}

/** Runs the analysis's batches on the pool, reporting progress. */
async function drive<R>(
  steps: AnalysisSteps<R>,
  pool: AnalysisPool,
  label: string,
  progress: ((text: string) => void) | null,
): Promise<R> {
  let before = 0;
  return runStepsAsync(
    steps,
    (points) => pool.evaluate(points, (done) => progress?.(`${label}: ${before + done} runs`)),
    { onProgress: (p) => (before = p.evaluated) },
  );
}

async function compute(
  cmd: AnalysisCommand,
  scenario: Scenario,
  spec: AnalysisCommandSpec,
  pool: AnalysisPool,
  progress: ((text: string) => void) | null,
): Promise<AnalysisReport['results']> {
  switch (spec.kind) {
    case 'sensitivity': {
      const tornado = await drive(
        tornadoSteps(scenario, { kpi: spec.kpi, parameters: spec.parameters, range: spec.range }),
        pool,
        'Tornado',
        progress,
      );
      let global: GlobalSensitivityResult | null = null;
      if (spec.runs > 1) {
        const tables = await pool.drawKpis(spec.runs, (done) =>
          progress?.(`Monte Carlo: ${done}/${spec.runs} draws`),
        );
        global = globalSensitivity(scenario, scenario.simulation, tables, spec.kpi);
      }
      return { kind: 'sensitivity', tornado, global };
    }
    case 'sweep': {
      if (spec.axes.length === 1) {
        const sweep = await drive(
          sweepSteps(scenario, { ...spec.axes[0]!, kpi: spec.kpi, steps: spec.steps }),
          pool,
          'Sweep',
          progress,
        );
        return { kind: 'sweep', sweep };
      }
      const grid = await drive(
        gridSteps(scenario, {
          kpi: spec.kpi,
          x: spec.axes[0]!,
          y: spec.axes[1]!,
          steps: spec.steps,
          levels: spec.levels ?? [],
        }),
        pool,
        'Grid',
        progress,
      );
      return { kind: 'grid', grid };
    }
    case 'seek': {
      if (spec.axes.length === 1) {
        const seek = await drive(
          seekSteps(scenario, { ...spec.axes[0]!, kpi: spec.kpi, target: spec.target }),
          pool,
          'Seek',
          progress,
        );
        return { kind: 'seek', seek };
      }
      const cheapest = await drive(
        cheapestSteps(scenario, {
          kpi: spec.kpi,
          target: spec.target,
          parameters: spec.axes,
          cost: costOf(cmd as SeekCommand),
        }),
        pool,
        'Search',
        progress,
      );
      return { kind: 'cheapest', cheapest };
    }
  }
}

/** The message of an unreachable target (exit code 2), or null when it was reached. */
export function unreachableMessage(results: AnalysisReport['results']): string | null {
  if (results.kind === 'seek' && !results.seek.reached) {
    const r = results.seek;
    const closest = r.closest
      ? `; the closest is ${r.parameter} = ${valueText(r.closest.value)}, giving ${kpiText(r.closest.kpi, r.kpi)}`
      : '';
    return `flywheel seek: ${kpiLabel(r.kpi)} does not reach ${targetText(r.target, r.kpi)} for any ${r.parameter} from ${valueText(r.from)} to ${valueText(r.to)}${closest}`;
  }
  if (results.kind === 'cheapest' && !results.cheapest.reached) {
    const r = results.cheapest;
    const c = r.closest;
    const closest = c
      ? `; the closest is ${r.parameters.map((p, i) => `${p.parameter} = ${valueText(c.values[i])}`).join(', ')}, giving ${kpiText(c.kpi, r.kpi)}`
      : '';
    return `flywheel seek: no combination within the ranges makes ${kpiLabel(r.kpi)} reach ${targetText(r.target, r.kpi)}${closest}`;
  }
  return null;
}

export async function analysisCommand(
  cmd: AnalysisCommand,
  env: AnalysisEnvironment,
): Promise<void> {
  const resolved = await resolveScenario(cmd);
  const origin =
    (cmd.file !== null ? shown(cmd.file) : null) ??
    (cmd.preset !== null ? `preset '${cmd.preset}'` : "the default scenario 'with'");
  const weeks = cmd.kind === 'seek' && cmd.week !== null ? cmd.week : cmd.weeks;
  const scenario = applyOverrides(
    resolved.scenario,
    { ...cmd, kind: 'run', weeks, runs: 1, format: null, out: null, workers: null },
    origin,
  );
  const spec = specOf(cmd);
  // A bad --out (a device, a FIFO, the scenario itself) is refused before the analysis.
  if (cmd.out !== null) checkOutput(cmd.out);
  const workers = cmd.workers ?? availableParallelism();
  const pool = new AnalysisPool(
    { scenario, settings: scenario.simulation },
    { workers, workerUrl: env.workerUrl },
  );
  let results: AnalysisReport['results'];
  try {
    results = await compute(cmd, scenario, spec, pool, env.progress);
  } catch (e) {
    if (e instanceof AnalysisError) throw new InputError(`flywheel ${cmd.kind}: ${e.message}`);
    throw e;
  } finally {
    await pool.close();
  }
  const format = resolveFormat(cmd, env.stdoutIsTerminal);
  const s = scenario.simulation;
  const report: AnalysisReport = {
    meta: {
      appVersion: APP_VERSION,
      generatedBy: `flywheel ${cmd.kind}`,
      scenarioName: scenario.name,
      scenarioHash: scenarioHash(scenario),
      seed: s.seed,
      weeks: s.weeks,
      stepWeeks: s.stepWeeks,
      mode: s.mode,
      command: analysisCommandFor(resolved.source, scenario, spec),
    },
    settings: spec,
    results,
  };
  const sink = openSink(cmd.out);
  try {
    const write = (chunk: string): void => sink.write(chunk);
    if (format === 'text') write(analysisText(report, { width: env.columns, top: topOf(cmd) }));
    else if (format === 'csv') writeAnalysisCsv(report, write);
    else writeAnalysisJson(report, write);
    sink.end();
  } catch (e) {
    sink.abort();
    throw e;
  }
  const unreachable = unreachableMessage(results);
  if (unreachable !== null) throw new InputError(unreachable);
}

function topOf(cmd: AnalysisCommand): number {
  return cmd.kind === 'sensitivity' ? cmd.top : Infinity;
}
