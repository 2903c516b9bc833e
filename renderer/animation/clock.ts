/**
 * The app's single animation clock: one requestAnimationFrame loop, running only while someone
 * listens. Playback (the simulated week) and the loop view's particles both subscribe to it, so
 * every moving thing on screen advances on the same frame with the same elapsed time.
 *
 * Listeners receive `nowMs` (clock time: real time minus any clamped gaps, so it never jumps) and
 * `deltaMs` (time since the previous frame, clamped to `MAX_FRAME_DELTA_MS` so a hidden tab or a
 * debugger pause does not make everything leap forward).
 */

export type AnimationListener = (nowMs: number, deltaMs: number) => void;

export interface AnimationClock {
  /** Adds a listener and starts the loop if it was idle. Returns the unsubscribe function. */
  subscribe(listener: AnimationListener): () => void;
  /** Current clock time in ms (monotonic, gaps clamped like the deltas). */
  now(): number;
}

export type RequestFrame = (callback: (timestampMs: number) => void) => number;
export type CancelFrame = (handle: number) => void;
export type NowMs = () => number;

/** Longest step a listener ever sees (ms): about two frames at 30 fps. */
export const MAX_FRAME_DELTA_MS = 64;

function defaultRequestFrame(): RequestFrame {
  if (typeof requestAnimationFrame === 'function') {
    return (callback) => requestAnimationFrame(callback);
  }
  // Outside a browser (Node tests, a worker without rAF): a 60 Hz timer stands in.
  return (callback) => setTimeout(() => callback(defaultNow()()), 1000 / 60) as unknown as number;
}

function defaultCancelFrame(): CancelFrame {
  if (typeof cancelAnimationFrame === 'function') {
    return (handle) => cancelAnimationFrame(handle);
  }
  return (handle) => clearTimeout(handle as unknown as ReturnType<typeof setTimeout>);
}

function defaultNow(): NowMs {
  if (typeof performance !== 'undefined' && typeof performance.now === 'function') {
    return () => performance.now();
  }
  return () => Date.now();
}

export function createAnimationClock(
  raf: RequestFrame = defaultRequestFrame(),
  caf: CancelFrame = defaultCancelFrame(),
  now: NowMs = defaultNow(),
): AnimationClock {
  const listeners = new Set<AnimationListener>();
  let handle: number | null = null;
  /** Real time of the last frame (or of the start of the loop). */
  let lastRealMs = 0;
  /** Clock time: the sum of all clamped deltas so far. */
  let clockMs = 0;

  const advance = (realMs: number): number => {
    const rawDelta = realMs - lastRealMs;
    const delta = Math.min(Math.max(rawDelta, 0), MAX_FRAME_DELTA_MS);
    lastRealMs = Math.max(realMs, lastRealMs);
    clockMs += delta;
    return delta;
  };

  const frame = (): void => {
    handle = null;
    // Use the injected `now` rather than the rAF timestamp: one time base for frames and now().
    const delta = advance(now());
    // Schedule the next frame first so a throwing listener does not stop the clock.
    if (listeners.size > 0) handle = raf(frame);
    for (const listener of [...listeners]) {
      if (!listeners.has(listener)) continue; // unsubscribed by an earlier listener this frame
      try {
        listener(clockMs, delta);
      } catch (error) {
        console.error('animation listener failed', error);
      }
    }
    if (listeners.size === 0 && handle !== null) {
      caf(handle);
      handle = null;
    }
  };

  const start = (): void => {
    if (handle !== null) return;
    lastRealMs = now(); // an idle period is a gap, not elapsed animation time
    handle = raf(frame);
  };

  const stop = (): void => {
    if (handle === null) return;
    caf(handle);
    handle = null;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      start();
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        listeners.delete(listener);
        if (listeners.size === 0) stop();
      };
    },
    now() {
      if (handle === null) return clockMs;
      // Between frames: clock time plus the (clamped) time since the last frame, without mutating.
      const since = Math.min(Math.max(now() - lastRealMs, 0), MAX_FRAME_DELTA_MS);
      return clockMs + since;
    },
  };
}

/** The app's one clock. */
export const animationClock: AnimationClock = createAnimationClock();
