import { describe, expect, it } from 'vitest';
import { circlePath, OPACITY_STEPS, opacityStep } from '../../renderer/loop/ParticleLayer';

describe('particle paths', () => {
  it('draws a particle as one closed circle starting at its left edge', () => {
    expect(circlePath(100, 50, 4)).toBe('M96.0 50.0a4 4 0 1 0 8 0a4 4 0 1 0 -8 0');
  });

  it('puts a particle in the opacity step at or just above its opacity; invisible ones nowhere', () => {
    expect(opacityStep(1)).toBe(OPACITY_STEPS - 1);
    expect(opacityStep(0.99)).toBe(OPACITY_STEPS - 1);
    expect(opacityStep(0.5)).toBe(1);
    expect(opacityStep(0.51)).toBe(2);
    expect(opacityStep(0.1)).toBe(0);
    expect(opacityStep(0)).toBe(-1);
    expect(opacityStep(Number.NaN)).toBe(-1);
  });
});
