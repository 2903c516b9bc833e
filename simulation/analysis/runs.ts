/**
 * Several runs side by side (pinned runs, variants, other scenario files): each scenario run once
 * against its own status quo, with the status quo runs shared between scenarios that have the
 * same one (the status quo has no products and no consumers: it depends on the parameters and
 * the simulation settings only), and the compiled models shared by structure. The KPIs are those
 * of `runScenario`, to the bit.
 */
import type { RunSeries } from '../engine/run';
import { statusQuo } from '../scenario/derive';
import { canonicalJson, fnv1a64 } from '../scenario/hash';
import type { Scenario } from '../scenario/types';
import { computeKpis, type Kpis } from './kpis';
import { CompiledModelCache } from './model-cache';
import {
  metricInfos,
  runPrepared,
  settingsOf,
  type RunOptions,
  type ScenarioRun,
} from './simulate';

export interface NamedScenario {
  /** The run's name (a variant's, a pinned run's, a file's). */
  readonly name: string;
  readonly scenario: Scenario;
}

export interface ManyRuns {
  readonly runs: readonly ScenarioRun[];
  /** Engine runs made: one per scenario, plus one per distinct status quo. */
  readonly engineRuns: number;
  readonly statusQuoRuns: number;
}

/**
 * Runs each scenario once and measures it against its status quo, run once per distinct status
 * quo. The runs are named as given (their scenarios keep their own names).
 */
export function runScenarios(list: readonly NamedScenario[], options: RunOptions = {}): ManyRuns {
  const models = options.models ?? new CompiledModelCache(options.backend ?? 'interpreter');
  const statusQuos = new Map<string, RunSeries>();
  const runs = list.map(({ name, scenario }) => {
    const settings = settingsOf(scenario, options.settings);
    const sq = models.prepare(statusQuo(scenario));
    const key = `${canonicalJson(settings)}|${Array.from(sq.built.parameterValues).join(',')}`;
    let baseline = statusQuos.get(key);
    if (!baseline) {
      baseline = runPrepared(sq, settings);
      statusQuos.set(key, baseline);
    }
    const p = models.prepare(scenario);
    const series = runPrepared(p, settings);
    return {
      name,
      scenario,
      series,
      metrics: metricInfos(p.compiled),
      kpis: computeKpis(series, baseline),
    } satisfies ScenarioRun;
  });
  return { runs, engineRuns: runs.length + statusQuos.size, statusQuoRuns: statusQuos.size };
}

/**
 * A run's KPIs as a 16-digit fingerprint (FNV-1a over their canonical JSON, which writes every
 * number exactly): the same fingerprint means the same KPIs to the bit.
 */
export function kpiFingerprint(kpis: Kpis): string {
  return fnv1a64(canonicalJson(kpis));
}
