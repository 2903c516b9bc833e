/**
 * The range of a what-if slider on stage: the assumption's plausible range from the catalogue
 * (simulation/scenario/assumptions.ts), not its whole valid range, so one click moves churn from
 * 0.012 to 0.013 a week, not to 0.24. The range is taken around the field's default (an entity
 * field's plausible range follows its value: it must not move under the thumb while dragging),
 * widened to hold the value in the scenario, and aligned to a round step of about a hundredth of
 * it. Pure.
 */
import { assumptionsOf, withAssumption, type Scenario } from '../../simulation';
import { keyOf, type NumberField } from '../state/fields';

export interface SliderRange {
  readonly min: number;
  readonly max: number;
  readonly step: number;
  /** The default value (marked on the track). */
  readonly defaultValue: number;
}

/** A round step (1, 2 or 5 times a power of ten) of about a hundredth of `span`. */
export function roundStep(span: number, integer: boolean): number {
  const raw = span / 100;
  if (!(raw > 0)) return integer ? 1 : 0.01;
  const exponent = Math.floor(Math.log10(raw));
  const m = raw / 10 ** exponent;
  // Written as decimal text, so 1e-4 is exactly the double nearest 0.0001.
  const step = Number(`${m >= 5 ? 5 : m >= 2 ? 2 : 1}e${exponent}`);
  return integer ? Math.max(1, Math.round(step)) : step;
}

/** `value` rounded to whole steps, written without binary noise (0.30000000000000004 -> 0.3). */
function onStep(value: number, step: number, round: (x: number) => number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  // A value on a step already (within rounding noise) stays on it.
  const steps = value / step;
  const near = Math.round(steps);
  return Number(((Math.abs(steps - near) < 1e-9 ? near : round(steps)) * step).toFixed(decimals));
}

/** The plausible range of the field at its default, in this scenario; null if none is known. */
function plausibleAtDefault(
  scenario: Scenario,
  field: NumberField,
): readonly [number, number] | null {
  const at = (s: Scenario) => assumptionsOf(s).find((a) => keyOf(a.path) === field.key) ?? null;
  const here = at(scenario);
  if (!here) return null;
  try {
    return at(withAssumption(scenario, here.name, field.defaultValue))?.plausible ?? here.plausible;
  } catch {
    return here.plausible;
  }
}

export function whatIfRange(scenario: Scenario, field: NumberField, value: number): SliderRange {
  const plausible = plausibleAtDefault(scenario, field);
  let lo = plausible?.[0] ?? field.min;
  let hi = plausible?.[1] ?? field.max;
  // A point (nothing known about the spread) or nothing at all: the valid range.
  if (!(hi > lo)) [lo, hi] = [field.min, field.max];
  lo = Math.min(lo, value, field.defaultValue);
  hi = Math.max(hi, value, field.defaultValue);
  const step = roundStep(hi - lo, field.integer);
  return {
    min: Math.max(field.min, onStep(lo, step, Math.floor)),
    max: Math.min(field.max, onStep(hi, step, Math.ceil)),
    step,
    defaultValue: field.defaultValue,
  };
}
