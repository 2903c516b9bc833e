import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { layoutLoop } from '../../renderer/loop/layout';
import {
  arcMotion,
  hash01,
  ParticleField,
  PARTICLES,
  type ArcMotion,
} from '../../renderer/loop/particles';
import { buildLoopFrame } from '../../renderer/loop';
import { defaultRuns } from './fixtures';

const motion = (overrides: Partial<ArcMotion> = {}): ArcMotion => ({
  ratePerSecond: 8,
  speed: 100,
  leakFraction: 0,
  lanes: 1,
  length: 200,
  ...overrides,
});

/** Progress of every particle on arc 0, sorted. */
function progress(field: ParticleField, layout: ReturnType<typeof layoutLoop>): number[] {
  const arc = layout.arcs[0]!;
  const out: number[] = [];
  for (let i = 0; i < field.countOn(0); i++) {
    const v = field.view(layout, arc, 0, i);
    out.push(Math.round(v.x * 1e6) / 1e6, Math.round(v.y * 1e6) / 1e6);
  }
  return out;
}

describe('particle motion from arc flows', () => {
  it('emission rate is proportional to intensity; weaker flows also move slower', () => {
    const a = arcMotion({ intensity: 0.4, leakFraction: 0, lanes: 1 }, { length: 200 });
    const b = arcMotion({ intensity: 0.8, leakFraction: 0, lanes: 1 }, { length: 200 });
    expect(b.ratePerSecond).toBeCloseTo(2 * a.ratePerSecond, 12);
    expect(b.speed).toBeGreaterThan(a.speed);
    const stalled = arcMotion({ intensity: 0.02, leakFraction: 0, lanes: 1 }, { length: 200 });
    expect(stalled.speed).toBeLessThan(0.3 * PARTICLES.speedAtPeak);
    const idle = arcMotion({ intensity: 0, leakFraction: 0, lanes: 1 }, { length: 200 });
    expect(idle.ratePerSecond).toBe(0);
    expect(idle.speed).toBe(0);
    expect(
      arcMotion({ intensity: 1, leakFraction: 0, lanes: 1 }, { length: 200 }, 2).ratePerSecond,
    ).toBe(2 * PARTICLES.ratePerSecondAtPeak);
  });

  it('emits rate x time particles and moves them at speed / length per second', () => {
    const field = new ParticleField(1, 7);
    field.step(1, [motion()]); // 8 emitted, the first due 7/8 s ago
    expect(field.emittedOn(0)).toBe(8);
    expect(field.countOn(0)).toBe(8);
    field.step(0.5, [motion()]);
    expect(field.emittedOn(0)).toBe(12);
    // Particle j is due at t = j/8 s and travels 100/200 of the arc per second: it arrives at
    // t = j/8 + 2 s. At t = 1.5 s none has arrived.
    expect(field.countOn(0)).toBe(12);
    field.step(1.5, [motion()]); // t = 3 s: the 8 particles due by t = 1 s have arrived
    expect(field.emittedOn(0)).toBe(24);
    expect(field.countOn(0)).toBe(24 - 8);
  });

  it('nothing moves or appears on an idle arc', () => {
    const field = new ParticleField(2, 1);
    field.step(5, [motion({ ratePerSecond: 0, speed: 0 }), motion()]);
    expect(field.countOn(0)).toBe(0);
    expect(field.countOn(1)).toBeGreaterThan(0);
  });

  it('the share of particles dropping off equals the leak fraction', () => {
    for (const leak of [0, 0.25, 0.6, 0.95]) {
      const field = new ParticleField(1, 3, 100_000);
      let leaking = 0;
      const m = motion({ ratePerSecond: 1000, speed: 0.0001, leakFraction: leak });
      field.step(6, [m]);
      // Check each particle's fate by running it to the end with a fast arc.
      const fast = motion({ ratePerSecond: 0, speed: 1e6, leakFraction: leak });
      const before = field.countOn(0);
      field.step(0.001, [fast]);
      leaking = field.countOn(0); // arrivals are removed, leakers are falling
      expect(before).toBe(6000);
      expect(leaking / before).toBeGreaterThan(leak - 0.03);
      expect(leaking / before).toBeLessThan(leak + 0.03);
    }
  });

  it('leaking particles fall off the arc, fade out and are then removed', () => {
    const layout = layoutLoop(buildLoopFrame(defaultRuns().withRun, 80).steps);
    const arc = layout.arcs[1]!;
    const field = new ParticleField(5, 11);
    const motions = [0, 1, 2, 3, 4].map((i) =>
      i === 1
        ? motion({ leakFraction: 1, ratePerSecond: 1, length: arc.length })
        : motion({ ratePerSecond: 0 }),
    );
    field.step(1, motions); // one particle, due now
    const rest = motions.map((m) => ({ ...m, ratePerSecond: 0 }));
    let fell = false;
    let previous = field.view(layout, arc, 1, 0);
    for (let t = 0; t < 8 && field.countOn(1) > 0; t += 0.05) {
      field.step(0.05, rest);
      if (field.countOn(1) === 0) break;
      const v = field.view(layout, arc, 1, 0);
      if (v.leaking) {
        if (fell) {
          expect(v.y).toBeGreaterThanOrEqual(previous.y - 1e-9);
          expect(v.opacity).toBeLessThanOrEqual(previous.opacity + 1e-9);
        }
        fell = true;
      }
      previous = v;
    }
    expect(fell).toBe(true);
    expect(field.countOn(1)).toBe(0);
  });

  it('never holds more particles than its capacity, and counts what it could not emit', () => {
    const field = new ParticleField(1, 1, 10);
    field.step(2, [motion({ ratePerSecond: 50, speed: 1 })]);
    expect(field.countOn(0)).toBe(10);
    expect(field.droppedOn(0)).toBe(90);
  });

  it('is deterministic for a seed, and the seed changes the scatter', () => {
    const layout = layoutLoop(buildLoopFrame(defaultRuns().withRun, 80).steps);
    const run = (seed: number): number[] => {
      const field = new ParticleField(1, seed);
      for (let i = 0; i < 60; i++) field.step(1 / 60, [motion({ leakFraction: 0.4, lanes: 3 })]);
      return progress(field, layout);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
    expect(hash01(1, 2, 3, 4)).toBe(hash01(1, 2, 3, 4));
    expect(hash01(1, 2, 3, 4)).toBeGreaterThanOrEqual(0);
    expect(hash01(1, 2, 3, 4)).toBeLessThan(1);
  });

  it('positions depend on elapsed time only, not on how it was cut into frames', () => {
    const layout = layoutLoop(buildLoopFrame(defaultRuns().withRun, 80).steps);
    // Frame lengths in 1/64 s (exact in binary, so both sums are exact).
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 60 }),
        (ticks) => {
          const total = ticks.reduce((a, b) => a + b, 0) / 64;
          const chopped = new ParticleField(1, 9);
          for (const t of ticks) chopped.step(t / 64, [motion({ lanes: 2 })]);
          const whole = new ParticleField(1, 9);
          whole.step(total, [motion({ lanes: 2 })]);
          expect(chopped.emittedOn(0)).toBe(whole.emittedOn(0));
          expect(progress(chopped, layout).sort()).toEqual(progress(whole, layout).sort());
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a new week with a new rate never makes a particle jump', () => {
    const layout = layoutLoop(buildLoopFrame(defaultRuns().withRun, 80).steps);
    const arc = layout.arcs[0]!;
    const field = new ParticleField(1, 2);
    field.step(1, [motion()]);
    const before = Array.from({ length: field.countOn(0) }, (_, i) =>
      field.view(layout, arc, 0, i),
    );
    field.step(0, [motion({ ratePerSecond: 30, speed: 20 })]);
    const after = Array.from({ length: field.countOn(0) }, (_, i) => field.view(layout, arc, 0, i));
    expect(after).toEqual(before);
  });
});
