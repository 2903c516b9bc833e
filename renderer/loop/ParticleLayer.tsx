/**
 * The moving particles, drawn on a canvas stacked between the SVG tracks and the SVG cards. Every
 * frame of the app's animation clock advances the particle field and redraws the canvas; React
 * renders the canvas element once and never re-renders for motion. (A canvas, not SVG circles:
 * measured in Chromium, hundreds of SVG nodes changing every frame cost more than the frame.)
 */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { AnimationClock } from '../animation/clock';
import type { LoopLayout } from './layout';
import { arcMotion, ParticleField, PARTICLES, type ArcMotion } from './particles';
import type { LoopArc } from './types';

export interface ParticleFrameInfo {
  /** Particles drawn this frame. */
  readonly particles: number;
  /** Time spent advancing and drawing them (ms). */
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
const DIMMED_ALPHA = 0.35;

interface Colours {
  flow: string;
  leak: string;
}

/** The theme's colours as the canvas sees them (custom properties from loop.css). */
function readColours(canvas: HTMLCanvasElement): Colours {
  const style = getComputedStyle(canvas);
  return {
    flow: style.getPropertyValue('--fw-loop-color').trim() || 'currentColor',
    leak: style.getPropertyValue('--fw-bad').trim() || 'currentColor',
  };
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
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const field = useMemo(
    () => new ParticleField(arcCount, seed, capacity),
    [arcCount, seed, capacity],
  );
  // The latest week's motions and layout, read by the frame callback without re-subscribing.
  const latest = useRef({ motions: [] as ArcMotion[], layout, dimmedArcs, onFrame });
  latest.current = {
    motions: arcs.map((arc, i) => arcMotion(arc, layout.arcs[i] ?? { length: 1 }, density)),
    layout,
    dimmedArcs,
    onFrame,
  };

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d') ?? null;
    if (canvas === null || context === null) return undefined;
    const ctx = context;
    let cssWidth = 0;
    let ratio = 1;
    const resize = (): void => {
      const rect = canvas.getBoundingClientRect();
      ratio = window.devicePixelRatio || 1;
      cssWidth = rect.width;
      canvas.width = Math.max(1, Math.round(rect.width * ratio));
      canvas.height = Math.max(1, Math.round(rect.height * ratio));
    };
    resize();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(resize) : null;
    observer?.observe(canvas);
    let colours = readColours(canvas);
    let sinceColours = 0;
    const now = (): number => performance.now();
    const fullCircle = 2 * Math.PI;

    const unsubscribe = clock.subscribe((_now, deltaMs) => {
      const started = now();
      const { motions, layout: current, dimmedArcs: dims, onFrame: report } = latest.current;
      field.step(deltaMs / 1000, motions);
      // Theme changes reach the canvas within half a second.
      sinceColours += deltaMs;
      if (sinceColours >= 500) {
        colours = readColours(canvas);
        sinceColours = 0;
      }
      const scale = (cssWidth / current.width) * ratio;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, canvas.width, canvas.height);
      ctx.setTransform(scale, 0, 0, scale, 0, 0);
      let drawn = 0;
      for (let a = 0; a < arcCount; a++) {
        const geometry = current.arcs[a];
        const count = field.countOn(a);
        if (!geometry || count === 0) continue;
        const base = dims[a] ? DIMMED_ALPHA : 1;
        // Fully visible particles in one path; fading and falling ones one by one.
        ctx.globalAlpha = base;
        ctx.fillStyle = colours.flow;
        ctx.beginPath();
        for (let i = 0; i < count; i++) {
          const v = field.view(current, geometry, a, i);
          if (v.leaking || v.opacity < 0.99) continue;
          ctx.moveTo(v.x + PARTICLE_RADIUS, v.y);
          ctx.arc(v.x, v.y, PARTICLE_RADIUS, 0, fullCircle);
          drawn++;
        }
        ctx.fill();
        for (let i = 0; i < count; i++) {
          const v = field.view(current, geometry, a, i);
          if (!(v.leaking || v.opacity < 0.99) || v.opacity <= 0) continue;
          ctx.globalAlpha = base * v.opacity;
          ctx.fillStyle = v.leaking ? colours.leak : colours.flow;
          ctx.beginPath();
          ctx.arc(v.x, v.y, PARTICLE_RADIUS, 0, fullCircle);
          ctx.fill();
          drawn++;
        }
      }
      ctx.globalAlpha = 1;
      report?.({ particles: drawn, updateMs: now() - started, deltaMs });
    });
    return () => {
      unsubscribe();
      observer?.disconnect();
    };
  }, [clock, field, arcCount]);

  return (
    <canvas
      ref={canvasRef}
      className="fw-loop__layer fw-loop__layer--particles"
      aria-hidden="true"
      data-capacity={capacity * arcCount}
    />
  );
}
