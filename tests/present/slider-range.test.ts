/**
 * What-if sliders span the assumption's plausible range (the catalogue's), step by about a
 * hundredth of it on round numbers, keep the default in range, and do not follow the thumb.
 */
import { describe, expect, it } from 'vitest';
import { assumptionNamed, withPreset } from '../../simulation';
import { BUILT_IN_STORY } from '../../simulation/story';
import { fieldOfPin } from '../../renderer/present/pins';
import { roundStep, whatIfRange } from '../../renderer/present/slider-range';
import { valueAt } from '../../renderer/state/fields';

const scenario = withPreset();
const rangeOf = (pin: string, value?: number) => {
  const field = fieldOfPin(pin, scenario)!.field;
  return whatIfRange(scenario, field, value ?? (valueAt(scenario, field.path) as number));
};

describe('what-if slider range', () => {
  it('spans the plausible range of churn, not 0 to 1, in steps of 0.0001', () => {
    const r = rangeOf('parameters.baseChurnPerWeek');
    const plausible = assumptionNamed(scenario, 'baseChurnPerWeek')!.plausible;
    expect([r.min, r.max]).toEqual([...plausible]);
    expect(r.step).toBe(0.0001);
    expect(r.defaultValue).toBe(0.012);
    // One step is under 1% of the value's range: no click jumps to 0.24.
    expect(r.step / (r.max - r.min)).toBeLessThanOrEqual(0.01);
  });

  it('every built-in pin gets a range inside the valid one holding value and default, on its steps', () => {
    for (const pin of BUILT_IN_STORY.pinned) {
      const field = fieldOfPin(pin, scenario)!.field;
      const value = valueAt(scenario, field.path) as number;
      const r = whatIfRange(scenario, field, value);
      expect(r.min, pin).toBeGreaterThanOrEqual(field.min);
      expect(r.max, pin).toBeLessThanOrEqual(field.max);
      expect(r.max - r.min, pin).toBeLessThan(field.max - field.min);
      expect(value).toBeGreaterThanOrEqual(r.min);
      expect(value).toBeLessThanOrEqual(r.max);
      expect(r.defaultValue).toBeGreaterThanOrEqual(r.min);
      expect(r.defaultValue).toBeLessThanOrEqual(r.max);
      const steps = (r.max - r.min) / r.step;
      expect(Math.abs(steps - Math.round(steps)), pin).toBeLessThan(1e-6);
      expect(steps, pin).toBeGreaterThanOrEqual(20);
      expect(steps, pin).toBeLessThanOrEqual(250);
    }
  });

  it('stays put while a maturity is dragged, and widens for a value set outside it', () => {
    const pin = 'dataProducts.customer-360.maturity.quality';
    const atDefault = rangeOf(pin);
    const moved = rangeOf(pin, atDefault.max - atDefault.step);
    expect(moved).toEqual(atDefault);
    const outside = rangeOf(pin, 0.05);
    expect(outside.min).toBeLessThanOrEqual(0.05);
    expect(outside.max).toBe(atDefault.max);
  });

  it('rounds steps to 1, 2 or 5 times a power of ten', () => {
    expect(roundStep(0.017, false)).toBe(0.0001);
    expect(roundStep(0.28, false)).toBe(0.002);
    expect(roundStep(0.6, false)).toBe(0.005);
    expect(roundStep(40, true)).toBe(1);
    expect(roundStep(2000, true)).toBe(20);
  });
});
