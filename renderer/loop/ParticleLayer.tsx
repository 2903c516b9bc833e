/**
 * The moving particles. React renders, once, a few <path> elements per arc: one per opacity step
 * for flowing particles (dots) and for falling ones (rings). Every frame of the app's animation
 * clock advances the particle field and writes each path's `d` (one small circle per particle),
 * so the React tree never re-renders for motion and the browser restyles a handful of elements
 * per frame, not one per particle. (Measured in Chromium: a <circle> per particle with its own
 * transform cost style and paint time in proportion to the particles; a canvas stacked between
 * SVG layers cost more in compositing than it saved.)
 */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { AnimationClock } from '../animation/clock';
import type { LoopLayout } from './layout';
import { arcMotion, ParticleField, PARTICLES, type ArcMotion } from './particles';
import type { LoopArc } from './types';

export interface ParticleFrameInfo {
  /** Particles drawn this frame. */
  readonly particles: number;
  /** Time spent advancing them and writing the paths (ms). */
  readonly updateMs: number;
  readonly deltaMs: number;
}

export interface ParticleLayerProps {
  layout: LoopLayout;
  arcs: readonly LoopArc[];
  clock: AnimationClock;
  /** Multiplies the emission rate (1 = the default density). */
  density: number;
  seed: number;
  onFrame?: ((info: ParticleFrameInfo) => void) | undefined;
  /** Arcs drawn faint (a highlighted step dims the others). */
  dimmedArcs?: readonly boolean[];
}

/** Particle radius in view-box units. */
export const PARTICLE_RADIUS = 4.2;

/** Opacity steps: a particle fading in, out or falling is drawn at the nearest step above. */
export const OPACITY_STEPS = 4;

/** The opacity step (0-based) a particle of this opacity is drawn in, or -1 if invisible. */
export function opacityStep(opacity: number): number {
  if (!(opacity > 0.02)) return -1;
  return Math.min(OPACITY_STEPS - 1, Math.ceil(opacity * OPACITY_STEPS) - 1);
}

/** An SVG path of one circle of radius r at (x, y), rounded to 0.1 unit. */
export function circlePath(x: number, y: number, r = PARTICLE_RADIUS): string {
  return `M${(x - r).toFixed(1)} ${y.toFixed(1)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
}

export function ParticleLayer({
  layout,
  arcs,
  clock,
  density,
  seed,
  onFrame,
  dimmedArcs = [],
}: ParticleLayerProps): ReactElement {
  const capacity = Math.ceil(PARTICLES.capacityPerArc * Math.max(0.1, density));
  const arcCount = layout.arcs.length;
  const groupRef = useRef<SVGGElement>(null);
  const field = useMemo(
    () => new ParticleField(arcCount, seed, capacity),
    [arcCount, seed, capacity],
  );
  // The latest week's motions and layout, read by the frame callback without re-subscribing.
  const latest = useRef({ motions: [] as ArcMotion[], layout, onFrame });
  latest.current = {
    motions: arcs.map((arc, i) => arcMotion(arc, layout.arcs[i] ?? { length: 1 }, density)),
    layout,
    onFrame,
  };

  useEffect(() => {
    const group = groupRef.current;
    if (group === null) return undefined;
    // paths[arc][kind * OPACITY_STEPS + step], kind 0 = flowing, 1 = falling.
    const paths = Array.from({ length: arcCount }, (_, a) =>
      Array.from(group.querySelectorAll<SVGPathElement>(`[data-particles="${a}"] path`)),
    );
    const written = paths.map((p) => p.map(() => ''));
    const parts: string[][] = Array.from({ length: 2 * OPACITY_STEPS }, () => []);
    const clockNow =
      typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();
    return clock.subscribe((_now, deltaMs) => {
      const started = clockNow();
      const { motions, layout: current, onFrame: report } = latest.current;
      field.step(deltaMs / 1000, motions);
      let drawn = 0;
      for (let a = 0; a < arcCount; a++) {
        const geometry = current.arcs[a];
        for (const p of parts) p.length = 0;
        const count = geometry ? field.countOn(a) : 0;
        for (let i = 0; i < count; i++) {
          const v = field.view(current, geometry!, a, i);
          const step = opacityStep(v.opacity);
          if (step < 0) continue;
          parts[(v.leaking ? OPACITY_STEPS : 0) + step]!.push(circlePath(v.x, v.y));
          drawn++;
        }
        const elements = paths[a]!;
        for (let k = 0; k < elements.length; k++) {
          const d = parts[k]!.join('');
          if (d === written[a]![k]) continue;
          // An empty path must not carry d="" (an error in some browsers): hide it instead.
          if (d === '') elements[k]!.removeAttribute('d');
          else elements[k]!.setAttribute('d', d);
          written[a]![k] = d;
        }
      }
      report?.({ particles: drawn, updateMs: clockNow() - started, deltaMs });
    });
  }, [clock, field, arcCount]);

  const steps = Array.from({ length: OPACITY_STEPS }, (_, s) =>
    ((s + 1) / OPACITY_STEPS).toFixed(2),
  );
  return (
    <g ref={groupRef} className="fw-loop__particles" aria-hidden="true">
      {Array.from({ length: arcCount }, (_, a) => (
        <g
          key={a}
          className={dimmedArcs[a] ? 'fw-loop__arc--dim' : undefined}
          data-particles={a}
          data-capacity={capacity}
        >
          {steps.map((opacity) => (
            <path key={`flow-${opacity}`} className="fw-loop__particle" fillOpacity={opacity} />
          ))}
          {steps.map((opacity) => (
            <path
              key={`leak-${opacity}`}
              className="fw-loop__particle fw-loop__particle--leak"
              strokeOpacity={opacity}
            />
          ))}
        </g>
      ))}
    </g>
  );
}
