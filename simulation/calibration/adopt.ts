/**
 * Adopting a calibration: the scenario takes the fitted values of the parameters the data could
 * identify, each with the provenance "calibrated to FILE on DATE", and keeps the record of the
 * calibration (its history and what was fitted) for the editor, the report and the next fit.
 * The app adopts into its document (an Immer draft: `adoptCalibrationInPlace`), or as a variant
 * (`adoptedValues` give the changes); the CLI into a new scenario (`adoptCalibration`), or as a
 * new variant of it (`adoptCalibrationAsVariant`).
 */
import { assumptionNamed, withAssumptions } from '../scenario/assumptions';
import { diffScenarios } from '../scenario/changes';
import { MAX_VARIANTS } from '../scenario/schema-document';
import { baseOf, runNameProblem } from '../scenario/variants';
import { setProvenanceInPlace, withProvenance } from '../scenario/provenance';
import type { CalibrationRecord, KpiHistory, Scenario } from '../scenario/types';
import type { CalibrationResult } from './fit';

export interface AdoptionSource {
  /** The history file's name (its folders are dropped). */
  readonly file: string;
  /** ISO date of adoption. */
  readonly date: string;
  readonly history: KpiHistory;
}

/** The file name without its folders (either kind of slash). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() || path;
}

/**
 * What adopting sets: each identified parameter's value as the fitted scenario holds it (so a
 * whole-number field has its rounded value), by assumption name.
 */
export function adoptedValues(result: CalibrationResult): [string, number][] {
  return result.fitted
    .filter((f) => f.identified)
    .map((f) => [f.name, assumptionNamed(result.scenario, f.name)?.value ?? f.value]);
}

/** The record a scenario keeps of an adopted calibration. */
export function calibrationRecordOf(
  result: CalibrationResult,
  source: AdoptionSource,
): CalibrationRecord {
  return {
    file: baseName(source.file),
    date: source.date,
    seed: result.overall.seed,
    fitted: result.fitted.map((f) => ({ name: f.name, value: f.value, low: f.low, high: f.high })),
    history: source.history,
  };
}

/** A new scenario: `scenario` with the fit adopted (its name and description kept). */
export function adoptCalibration(
  scenario: Scenario,
  result: CalibrationResult,
  source: AdoptionSource,
): Scenario {
  const file = baseName(source.file);
  const withValues: Scenario = {
    ...result.scenario,
    name: scenario.name,
    description: scenario.description,
  };
  const marked = withProvenance(
    withValues,
    result.fitted.filter((f) => f.identified).map((f) => f.name),
    { kind: 'calibrated', file, date: source.date },
  );
  return { ...marked, calibration: calibrationRecordOf(result, source) };
}

/**
 * Adopts the fit into `draft` in place (an Immer draft of the app's document): the identified
 * values at their places in the scenario, their provenance, and the record. Values the draft has
 * no place for (a product removed since the fit) are skipped.
 */
export function adoptCalibrationInPlace(
  draft: Scenario,
  result: CalibrationResult,
  source: AdoptionSource,
): void {
  const provenance = {
    kind: 'calibrated' as const,
    file: baseName(source.file),
    date: source.date,
  };
  for (const [name, value] of adoptedValues(result)) {
    const a = assumptionNamed(draft, name);
    if (!a) continue;
    let node = draft as unknown as Record<string | number, unknown>;
    for (const key of a.path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[a.path[a.path.length - 1]!] = value;
    setProvenanceInPlace(draft, name, provenance);
  }
  draft.calibration = calibrationRecordOf(result, source);
}

/** Why a fit cannot be adopted as a variant (the name is taken or malformed, too many variants). */
export class AdoptionError extends Error {}

/**
 * A new document: `doc` with its base unchanged and a new variant `name` holding the fitted values
 * (of the parameters the data identified) as changes against the base, and the calibration record
 * (which the report reads, for the variant as for the base). Throws AdoptionError when `name`
 * cannot name a new variant of `doc`, or `doc` has the most variants a file holds.
 */
export function adoptCalibrationAsVariant(
  doc: Scenario,
  result: CalibrationResult,
  source: AdoptionSource,
  name: string,
): Scenario {
  const problem = runNameProblem(doc, name);
  if (problem !== null) throw new AdoptionError(problem);
  if ((doc.variants?.length ?? 0) >= MAX_VARIANTS)
    throw new AdoptionError(`The scenario has ${MAX_VARIANTS} variants, the most a file holds.`);
  const base = baseOf(doc);
  const changes = diffScenarios(base, withAssumptions(base, adoptedValues(result)));
  return {
    ...doc,
    variants: [...(doc.variants ?? []), { name, changes }],
    calibration: calibrationRecordOf(result, source),
  };
}
