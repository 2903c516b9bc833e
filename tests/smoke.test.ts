import { describe, expect, it } from 'vitest';
import { compareWithWithout, withPreset } from '../simulation';

describe('default comparison', () => {
  it('runs both scenarios and the with scenario beats the without one', () => {
    const s = withPreset();
    const c = compareWithWithout({ ...s, simulation: { ...s.simulation, mode: 'expected' } });
    expect(c.runs.map((r) => r.name)).toEqual([s.name, `${s.name} - without data products`]);
    expect(c.differences!.cumulativeNetValueUsd).toBeGreaterThan(0);
  });
});
