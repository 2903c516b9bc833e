/**
 * The one way to run scenarios: compile the model for a scenario, run it, and compute the KPIs
 * against the status quo. The CLI, the app's worker and the report all call these functions.
 */
import { compileModel, type Backend, type CompiledModel } from '../engine/compile';
import { runModel, seriesOf, type RunSeries } from '../engine/run';
import type { RunSettings } from '../engine/types';
import { buildFlywheelModel } from '../model/flywheel';
import { hasDataProducts, statusQuo, withoutDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import { computeKpis, compareKpis, type ComparisonKpis, type Kpis } from './kpis';
import type { CompiledModelCache, PreparedModel } from './model-cache';

export { CompiledModelCache, layoutKey, structureKey, type PreparedModel } from './model-cache';

export interface MetricInfo {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly description: string;
}

export interface ScenarioRun {
  readonly name: string;
  readonly scenario: Scenario;
  readonly series: RunSeries;
  readonly metrics: readonly MetricInfo[];
  readonly kpis: Kpis;
}

export interface RunOptions {
  readonly backend?: Backend;
  /**
   * Compiled models to reuse (their backend replaces `backend`): a caller that runs many
   * scenarios of the same structure, like the app's engine worker, compiles each structure once.
   */
  readonly models?: CompiledModelCache;
  /** Overrides the scenario's own simulation settings. */
  readonly settings?: Partial<RunSettings>;
}

export function prepareModel(scenario: Scenario, backend: Backend = 'interpreter'): PreparedModel {
  const built = buildFlywheelModel(scenario);
  return { scenario, built, compiled: compileModel(built.decl, { backend }) };
}

export function settingsOf(scenario: Scenario, override: Partial<RunSettings> = {}): RunSettings {
  return { ...scenario.simulation, ...override };
}

const metricInfoCache = new WeakMap<CompiledModel, readonly MetricInfo[]>();

/** The metrics of a compiled model with their labels, units and descriptions (one list per model). */
export function metricInfos(model: CompiledModel): readonly MetricInfo[] {
  const cached = metricInfoCache.get(model);
  if (cached) return cached;
  const infos = model.metricNames.map((name) => {
    const v = model.variables[model.slotOf.get(name)!]!;
    return {
      name,
      label: v.decl?.label ?? name,
      unit: v.unit,
      description: v.decl?.description ?? '',
    };
  });
  metricInfoCache.set(model, infos);
  return infos;
}

/** Runs a prepared model and returns its series (KPIs need the status quo: see runScenario). */
export function runPrepared(
  p: PreparedModel,
  settings: RunSettings,
  parameters = p.built.parameterValues,
): RunSeries {
  return runModel(p.compiled, parameters, settings);
}

function prepareFor(scenario: Scenario, options: RunOptions): PreparedModel {
  return options.models
    ? options.models.prepare(scenario)
    : prepareModel(scenario, options.backend);
}

/** Runs one scenario with its status quo, and computes its KPIs. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): ScenarioRun {
  const settings = settingsOf(scenario, options.settings);
  return runAgainst(
    scenario,
    options,
    runPrepared(prepareFor(statusQuo(scenario), options), settings),
  );
}

function runAgainst(scenario: Scenario, options: RunOptions, baseline: RunSeries): ScenarioRun {
  const settings = settingsOf(scenario, options.settings);
  const p = prepareFor(scenario, options);
  const series = runPrepared(p, settings);
  return {
    name: scenario.name,
    scenario,
    series,
    metrics: metricInfos(p.compiled),
    kpis: computeKpis(series, baseline),
  };
}

export interface Comparison {
  /** The scenario first, then (when it has data products) the same business without them. */
  readonly runs: readonly ScenarioRun[];
  /** KPIs of the first run minus the second (null when there is only one run). */
  readonly differences: ComparisonKpis | null;
}

/**
 * The app's and CLI's main job: the scenario and the same business without data products. Both
 * are measured against one status quo run: the status quo of the business without data products
 * is the scenario's own (no products and no AI either way; the same parameters, own-pipeline
 * template and simulation settings; only its name differs), so it runs once.
 */
export function compareWithWithout(scenario: Scenario, options: RunOptions = {}): Comparison {
  const scenarios = hasDataProducts(scenario)
    ? [scenario, withoutDataProducts(scenario)]
    : [scenario];
  const baseline = runPrepared(
    prepareFor(statusQuo(scenario), options),
    settingsOf(scenario, options.settings),
  );
  const runs = scenarios.map((s) => runAgainst(s, options, baseline));
  return { runs, differences: runs.length === 2 ? compareKpis(runs[0]!, runs[1]!) : null };
}

export function metricSeries(run: ScenarioRun, name: string): Float64Array {
  return seriesOf(run.series, name);
}
