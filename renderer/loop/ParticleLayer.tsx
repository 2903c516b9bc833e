/**
 * The moving particles. React renders a fixed pool of <circle> elements once; every frame of the
 * app's animation clock advances the particle field and writes transform and fill-opacity (or,
 * for particles falling off, stroke-opacity) attributes straight onto those elements, so the React tree never re-renders for motion.
 * (fill-opacity paints directly, where `opacity` would cost an offscreen layer per particle. Measured
 * in Chromium: this single SVG beats a canvas stacked between SVG layers, whose compositing
 * cost more per frame than all the particles.)
 */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { AnimationClock } from '../animation/clock';
import type { LoopLayout } from './layout';
import { arcMotion, ParticleField, PARTICLES, type ArcMotion } from './particles';
import type { LoopArc } from './types';

export interface ParticleFrameInfo {
  /** Particles drawn this frame. */
  readonly particles: number;
  /** Time spent advancing them and writing their attributes (ms). */
  readonly updateMs: number;
  readonly deltaMs: number;
}

/** Particle radius in view-box units. */
export const PARTICLE_RADIUS = 4.2;

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
  // The latest week's motions, read by the frame callback without re-subscribing.
  const motionsRef = useRef<ArcMotion[]>([]);
  motionsRef.current = arcs.map((arc, i) =>
    arcMotion(arc, layout.arcs[i] ?? { length: 1 }, density),
  );
  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;

  useEffect(() => {
    const group = groupRef.current;
    if (group === null) return undefined;
    const circles = Array.from(group.querySelectorAll<SVGCircleElement>('circle'));
    // What each circle shows now: 0 hidden, 1 flowing, 2 leaking (to skip redundant writes).
    const shown = new Uint8Array(circles.length);
    const clockNow =
      typeof performance !== 'undefined' ? () => performance.now() : () => Date.now();
    return clock.subscribe((_now, deltaMs) => {
      const started = clockNow();
      const current = layoutRef.current;
      field.step(deltaMs / 1000, motionsRef.current);
      let drawn = 0;
      for (let a = 0; a < arcCount; a++) {
        const geometry = current.arcs[a];
        const base = a * capacity;
        const count = geometry ? field.countOn(a) : 0;
        for (let i = 0; i < capacity; i++) {
          const circle = circles[base + i];
          if (!circle) continue;
          if (i >= count || !geometry) {
            if (shown[base + i] !== 0) {
              circle.setAttribute('visibility', 'hidden');
              shown[base + i] = 0;
            }
            continue;
          }
          const v = field.view(current, geometry, a, i);
          circle.setAttribute('transform', `translate(${v.x.toFixed(1)} ${v.y.toFixed(1)})`);
          // Flowing particles are dots, falling ones rings (shape, not only colour, tells them apart).
          circle.setAttribute(v.leaking ? 'stroke-opacity' : 'fill-opacity', v.opacity.toFixed(2));
          const state = v.leaking ? 2 : 1;
          if (shown[base + i] !== state) {
            if (shown[base + i] === 0) circle.setAttribute('visibility', 'visible');
            circle.setAttribute(
              'class',
              v.leaking ? 'fw-loop__particle fw-loop__particle--leak' : 'fw-loop__particle',
            );
            shown[base + i] = state;
          }
          drawn++;
        }
      }
      onFrameRef.current?.({ particles: drawn, updateMs: clockNow() - started, deltaMs });
    });
  }, [clock, field, arcCount, capacity]);

  return (
    <g ref={groupRef} className="fw-loop__particles" aria-hidden="true">
      {Array.from({ length: arcCount }, (_, a) => (
        <g key={a} className={dimmedArcs[a] ? 'fw-loop__arc--dim' : undefined} data-particles={a}>
          {Array.from({ length: capacity }, (_, i) => (
            <circle key={i} className="fw-loop__particle" r={PARTICLE_RADIUS} visibility="hidden" />
          ))}
        </g>
      ))}
    </g>
  );
}
