/**
 * The command that reproduces an analysis (`flywheel sensitivity`, `sweep`, `seek`): the CLI's
 * `meta.command` and the app's report and exports write it with this one function, so the
 * command shown beside an analysis gives its numbers again. Pure.
 */
import type { AxisSpec, CostSpec, KpiSelector, Scenario, TornadoRange } from '../../simulation';
import { shellQuote, sourceArgs, type ScenarioSource } from './reproduce';

export type AnalysisCommandSpec =
  | {
      readonly kind: 'sensitivity';
      readonly kpi: KpiSelector;
      /** Names or patterns; null: every assumption. */
      readonly parameters: readonly string[] | null;
      readonly range: TornadoRange;
      /** Monte Carlo draws of the global ranking (1: none). */
      readonly runs: number;
    }
  | {
      readonly kind: 'sweep';
      readonly kpi: KpiSelector;
      readonly axes: readonly AxisSpec[];
      readonly steps: number;
      /** Contour levels of a two-parameter sweep. */
      readonly levels?: readonly number[];
    }
  | {
      readonly kind: 'seek';
      readonly kpi: KpiSelector;
      readonly target: number;
      readonly axes: readonly AxisSpec[];
      readonly cost?: CostSpec;
    };

/** `NAME`, or `NAME=FROM:TO` when the range is given. */
export function axisArg(axis: AxisSpec): string {
  return axis.from !== undefined && axis.to !== undefined
    ? `${axis.parameter}=${axis.from}:${axis.to}`
    : axis.parameter;
}

function kpiArgs(kpi: KpiSelector): string[] {
  return ['--kpi', kpi.kpi, ...(kpi.of === 'difference' ? ['--difference'] : [])];
}

export function analysisCommandFor(
  source: ScenarioSource,
  scenario: Scenario,
  spec: AnalysisCommandSpec,
  output: { readonly format?: 'text' | 'json' | 'csv' } = {},
): string {
  const s = scenario.simulation;
  const args = ['flywheel', spec.kind, ...sourceArgs(source)];
  args.push('--weeks', String(s.weeks), '--seed', String(s.seed), '--mode', s.mode);
  args.push(...kpiArgs(spec.kpi));
  switch (spec.kind) {
    case 'sensitivity':
      for (const p of spec.parameters ?? []) args.push('--param', p);
      if (spec.range.kind === 'relative') args.push('--relative', String(spec.range.fraction));
      if (spec.runs > 1) args.push('--runs', String(spec.runs));
      break;
    case 'sweep':
      for (const a of spec.axes) args.push('--param', axisArg(a));
      args.push('--steps', String(spec.steps));
      for (const l of spec.levels ?? []) args.push('--level', String(l));
      break;
    case 'seek':
      for (const a of spec.axes) args.push('--param', axisArg(a));
      args.push('--target', String(spec.target));
      if (spec.cost?.kind === 'kpi') args.push('--cost', spec.cost.kpi.kpi);
      break;
  }
  if (output.format !== undefined) args.push('--format', output.format);
  return args.map(shellQuote).join(' ');
}
