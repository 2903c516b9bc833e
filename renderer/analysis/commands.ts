/**
 * The command that reproduces a step analysis (`flywheel sensitivity`, `sweep`, `seek`), written
 * by the CLI's own writer (renderer/report/analysis-command.ts) from the analysis's settings.
 */
import type { Scenario } from '../../simulation';
import { analysisCommandFor, type AnalysisCommandSpec } from '../report/analysis-command';
import type { ScenarioSource } from '../report/reproduce';
import type { StepSlot, StepSpecs } from './store';

export function commandSpecOf<K extends StepSlot>(
  slot: K,
  spec: StepSpecs[K],
): AnalysisCommandSpec {
  switch (slot) {
    case 'tornado': {
      const s = spec as StepSpecs['tornado'];
      return { kind: 'sensitivity', kpi: s.kpi, parameters: s.parameters, range: s.range, runs: 1 };
    }
    case 'global': {
      const s = spec as StepSpecs['global'];
      return {
        kind: 'sensitivity',
        kpi: s.kpi,
        parameters: null,
        range: { kind: 'plausible' },
        runs: s.draws,
      };
    }
    case 'sweep': {
      const s = spec as StepSpecs['sweep'];
      return { kind: 'sweep', kpi: s.kpi, axes: s.axes, steps: s.steps };
    }
    default: {
      const s = spec as StepSpecs['seek'];
      return { kind: 'seek', kpi: s.kpi, target: s.target, axes: s.axes, cost: s.cost };
    }
  }
}

/** `scenario` is the one analysed (a seek by week W ends at W: the command says --weeks W). */
export function stepCommand<K extends StepSlot>(
  slot: K,
  spec: StepSpecs[K],
  scenario: Scenario,
  fileName: string,
  variant: string | null = null,
): string {
  return analysisCommandFor(runSource(fileName, variant), scenario, commandSpecOf(slot, spec));
}

/** The scenario file of a run, and the variant of it that was shown (null: its base). */
export function runSource(fileName: string, variant: string | null | undefined): ScenarioSource {
  return variant ? { kind: 'file', fileName, variant } : { kind: 'file', fileName };
}
