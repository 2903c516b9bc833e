/**
 * Particles on the loop's arcs (pure and deterministic: no DOM, no Math.random). Each arc emits
 * particles at a rate that follows its flow this week and moves them at a speed that slows as the
 * flow weakens; a seeded share of them, equal in expectation to the arc's leak fraction, drops
 * off on the way. State advances with elapsed time only, so the same sequence of time steps
 * always gives the same particles, and a rate change never makes a particle jump.
 */
import { pointOnArc, normalOnEllipse, type ArcGeometry, type LoopLayout } from './layout';
import type { LoopArc } from './types';

export const PARTICLES = {
  /** Particles per second on an arc at intensity 1 (its reference peak). */
  ratePerSecondAtPeak: 14,
  /** Speed in view-box units per second at intensity 1. */
  speedAtPeak: 115,
  /** Share of the peak speed a nearly stalled arc keeps, so its particles visibly crawl. */
  minSpeedShare: 0.25,
  /** How long a leaking particle takes to fall off and fade (seconds). */
  fallSeconds: 1.1,
  /** How far it falls (view-box units). */
  fallDistance: 70,
  /** Particles in flight one arc can hold at density 1. */
  capacityPerArc: 72,
  /** Sideways scatter of particles within a lane (view-box units, total width). */
  scatter: 7,
} as const;

/** What one arc does this week, in particle terms. */
export interface ArcMotion {
  readonly ratePerSecond: number;
  readonly speed: number;
  readonly leakFraction: number;
  readonly lanes: number;
  readonly length: number;
}

export function arcMotion(
  arc: Pick<LoopArc, 'intensity' | 'leakFraction' | 'lanes'>,
  geometry: Pick<ArcGeometry, 'length'>,
  density = 1,
): ArcMotion {
  const intensity = Math.max(0, arc.intensity);
  const speedShare =
    PARTICLES.minSpeedShare + (1 - PARTICLES.minSpeedShare) * Math.min(1, intensity);
  return {
    ratePerSecond: PARTICLES.ratePerSecondAtPeak * density * intensity,
    speed: intensity > 0 ? PARTICLES.speedAtPeak * speedShare : 0,
    leakFraction: Math.min(1, Math.max(0, arc.leakFraction)),
    lanes: Math.max(1, Math.round(arc.lanes)),
    length: Math.max(1, geometry.length),
  };
}

/** A 32-bit integer hash (splitmix-style) mapped to [0, 1). */
export function hash01(seed: number, a: number, b: number, salt: number): number {
  let h = (seed ^ Math.imul(a + 1, 0x9e3779b1) ^ Math.imul(b + 1, 0x85ebca77) ^ salt) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 4294967296;
}

const NEVER = Number.POSITIVE_INFINITY;

/** The particles of one arc, in parallel arrays (slots 0..count-1 are in use). */
class ArcParticles {
  readonly u: Float64Array;
  /** Seconds since the particle started to fall; -1 while it is on the arc. */
  readonly fall: Float64Array;
  /** Fraction of the arc at which it drops off (Infinity: it arrives). */
  readonly leakAt: Float64Array;
  readonly lane: Int32Array;
  readonly scatter: Float64Array;
  count = 0;
  /** Fractional particles owed by the emission rate so far. */
  owed = 0;
  /** Particles ever emitted on this arc (the seed index of the next one). */
  emitted = 0;
  /** Particles that could not be emitted because the arc was full. */
  dropped = 0;

  constructor(readonly capacity: number) {
    this.u = new Float64Array(capacity);
    this.fall = new Float64Array(capacity);
    this.leakAt = new Float64Array(capacity);
    this.lane = new Int32Array(capacity);
    this.scatter = new Float64Array(capacity);
  }

  remove(i: number): void {
    const last = --this.count;
    if (i === last) return;
    this.u[i] = this.u[last]!;
    this.fall[i] = this.fall[last]!;
    this.leakAt[i] = this.leakAt[last]!;
    this.lane[i] = this.lane[last]!;
    this.scatter[i] = this.scatter[last]!;
  }
}

export interface ParticleView {
  /** Position in view-box units. */
  readonly x: number;
  readonly y: number;
  readonly opacity: number;
  readonly leaking: boolean;
}

export class ParticleField {
  private readonly arcs: ArcParticles[];

  constructor(
    arcCount: number,
    readonly seed = 1,
    readonly capacityPerArc: number = PARTICLES.capacityPerArc,
  ) {
    this.arcs = Array.from({ length: arcCount }, () => new ArcParticles(capacityPerArc));
  }

  get arcCount(): number {
    return this.arcs.length;
  }

  /** Particles in flight on arc `i` (including those falling off). */
  countOn(i: number): number {
    return this.arcs[i]?.count ?? 0;
  }

  get total(): number {
    return this.arcs.reduce((a, p) => a + p.count, 0);
  }

  emittedOn(i: number): number {
    return this.arcs[i]?.emitted ?? 0;
  }

  droppedOn(i: number): number {
    return this.arcs[i]?.dropped ?? 0;
  }

  /** Advances every particle by `seconds` with this week's motions (one per arc). */
  step(seconds: number, motions: readonly ArcMotion[]): void {
    const dt = Math.max(0, seconds);
    for (let a = 0; a < this.arcs.length; a++) {
      const p = this.arcs[a]!;
      const m = motions[a];
      const advance = m ? (m.speed * dt) / m.length : 0;
      for (let i = p.count - 1; i >= 0; i--) {
        if (p.fall[i]! >= 0) {
          p.fall[i] = p.fall[i]! + dt;
          if (p.fall[i]! >= PARTICLES.fallSeconds) p.remove(i);
          continue;
        }
        const u = p.u[i]! + advance;
        if (u >= p.leakAt[i]!) {
          // Time spent past the drop-off point becomes falling time.
          p.fall[i] = advance > 0 ? ((u - p.leakAt[i]!) / advance) * dt : 0;
          p.u[i] = p.leakAt[i]!;
          if (p.fall[i]! >= PARTICLES.fallSeconds) p.remove(i);
        } else if (u >= 1) {
          p.remove(i);
        } else {
          p.u[i] = u;
        }
      }
      if (!m || m.ratePerSecond <= 0) continue;
      p.owed += m.ratePerSecond * dt;
      while (p.owed >= 1) {
        p.owed -= 1;
        // This particle was due `owed / rate` seconds ago: start it that far along.
        const age = p.owed / m.ratePerSecond;
        this.emit(a, p, m, (m.speed * age) / m.length);
      }
    }
  }

  private emit(a: number, p: ArcParticles, m: ArcMotion, u0: number): void {
    const serial = p.emitted++;
    if (p.count >= p.capacity) {
      p.dropped++;
      return;
    }
    const i = p.count++;
    const leaks = hash01(this.seed, a, serial, 0x51ed) < m.leakFraction;
    p.leakAt[i] = leaks ? 0.2 + 0.6 * hash01(this.seed, a, serial, 0x1eaf) : NEVER;
    p.lane[i] = Math.min(m.lanes - 1, Math.floor(hash01(this.seed, a, serial, 0x1a4e) * m.lanes));
    p.scatter[i] = (hash01(this.seed, a, serial, 0x5ca7) - 0.5) * PARTICLES.scatter;
    p.fall[i] = -1;
    p.u[i] = u0;
    if (u0 >= p.leakAt[i]!) {
      p.fall[i] = 0;
      p.u[i] = p.leakAt[i]!;
    } else if (u0 >= 1) {
      p.count--;
    }
  }

  /** Where particle `i` of arc `a` is drawn. */
  view(
    layout: Pick<LoopLayout, 'cx' | 'cy' | 'rx' | 'ry'>,
    geometry: Pick<ArcGeometry, 'startAngle' | 'endAngle' | 'lanes'>,
    a: number,
    i: number,
  ): ParticleView {
    const p = this.arcs[a]!;
    const u = p.u[i]!;
    const lane = Math.min(p.lane[i]!, geometry.lanes - 1);
    const fall = p.fall[i]!;
    if (fall < 0) {
      const at = pointOnArc(layout, geometry, u, lane, p.scatter[i]!);
      // Fade in at the start and out at the end, so particles do not pop.
      const opacity = Math.min(1, u / 0.04, (1 - u) / 0.04);
      return { x: at.x, y: at.y, opacity: Math.max(0, opacity), leaking: false };
    }
    const t = Math.min(1, fall / PARTICLES.fallSeconds);
    const at = pointOnArc(layout, geometry, u, lane, p.scatter[i]!);
    const angle = geometry.startAngle + (geometry.endAngle - geometry.startAngle) * u;
    const n = normalOnEllipse(layout, angle);
    // Off the arc: a little outward, then down as if under gravity, fading out.
    const out = 16 * t;
    const down = PARTICLES.fallDistance * t * t;
    return {
      x: at.x + n.x * out,
      y: at.y + n.y * out + down,
      opacity: Math.max(0, 1 - t * t),
      leaking: true,
    };
  }
}
