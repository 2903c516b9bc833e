/**
 * Adopting a calibration: the scenario takes the fitted values of the parameters the data could
 * identify, each with the provenance "calibrated to FILE on DATE", and keeps the record of the
 * calibration (its history and what was fitted) for the editor, the report and the next fit.
 */
import { withProvenance } from '../scenario/provenance';
import type { KpiHistory, Scenario } from '../scenario/types';
import type { CalibrationResult } from './fit';

export interface AdoptionSource {
  /** The history file's name (without its folder). */
  readonly file: string;
  /** ISO date of adoption. */
  readonly date: string;
  readonly history: KpiHistory;
}

/** The file name without its folders (either kind of slash). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

export function adoptCalibration(
  scenario: Scenario,
  result: CalibrationResult,
  source: AdoptionSource,
): Scenario {
  const identified = result.fitted.filter((f) => f.identified);
  const file = baseName(source.file);
  const withValues: Scenario = {
    ...result.scenario,
    name: scenario.name,
    description: scenario.description,
  };
  const marked = withProvenance(
    withValues,
    identified.map((f) => f.name),
    { kind: 'calibrated', file, date: source.date },
  );
  return {
    ...marked,
    calibration: {
      file,
      date: source.date,
      seed: result.overall.seed,
      fitted: result.fitted.map((f) => ({
        name: f.name,
        value: f.value,
        low: f.low,
        high: f.high,
      })),
      history: source.history,
    },
  };
}
