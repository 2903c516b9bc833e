import { describe, expect, it } from 'vitest';
import { createAnimationClock } from '../../renderer/animation/clock';
import { connectPlayback, createPlaybackStore, pointIndexOf } from '../../renderer/state/playback';

/** A hand-driven requestAnimationFrame: frames run only when the test says so. */
function fakeFrames() {
  let t = 0;
  let queue: ((ms: number) => void)[] = [];
  return {
    raf: (cb: (ms: number) => void) => {
      queue.push(cb);
      return queue.length;
    },
    caf: () => {
      queue = [];
    },
    now: () => t,
    pending: () => queue.length,
    /** Advances time by `ms` and runs one frame. */
    frame(ms: number) {
      t += ms;
      const run = queue;
      queue = [];
      for (const cb of run) cb(t);
    },
  };
}

describe('playback store', () => {
  it('steps, scrubs and clamps to the timeline', () => {
    const p = createPlaybackStore({ pointCount: 157, hasTimeline: true });
    p.getState().step(1);
    expect(pointIndexOf(p.getState())).toBe(1);
    p.getState().step(-5);
    expect(pointIndexOf(p.getState())).toBe(0);
    p.getState().scrub(200);
    expect(pointIndexOf(p.getState())).toBe(156);
    p.getState().scrub(80.4);
    expect(pointIndexOf(p.getState())).toBe(80);
    // A shorter horizon keeps the position inside it; a finer step keeps the same week.
    p.getState().setTimeline(53, 1);
    expect(pointIndexOf(p.getState())).toBe(52);
    p.getState().setTimeline(105, 0.5);
    expect(p.getState().position * p.getState().stepWeeks).toBe(52);
  });

  it('opens at the horizon when the first runs arrive, then keeps the week on screen', () => {
    const p = createPlaybackStore();
    expect(pointIndexOf(p.getState())).toBe(0);
    p.getState().setTimeline(157, 1);
    expect(pointIndexOf(p.getState())).toBe(156);
    p.getState().scrub(40);
    p.getState().setTimeline(157, 1); // an edit's new runs
    expect(pointIndexOf(p.getState())).toBe(40);
    // Play from the horizon starts again from the beginning.
    p.getState().scrub(156);
    p.getState().play();
    expect(p.getState().position).toBe(0);
  });

  it('advances with the animation clock at the chosen speed, and stops at the end', () => {
    const frames = fakeFrames();
    const clock = createAnimationClock(frames.raf, frames.caf, frames.now);
    const p = createPlaybackStore({ pointCount: 157, stepWeeks: 1, speed: 8 });
    const disconnect = connectPlayback(p, clock);
    expect(frames.pending()).toBe(0); // paused: the clock idles
    p.getState().play();
    expect(frames.pending()).toBe(1);
    for (let i = 0; i < 60; i++) frames.frame(1000 / 60); // one second
    expect(p.getState().position).toBeCloseTo(8, 6); // 8 weeks per second
    p.getState().setSpeed(32);
    for (let i = 0; i < 600; i++) frames.frame(1000 / 60);
    expect(p.getState().playing).toBe(false);
    expect(pointIndexOf(p.getState())).toBe(156);
    expect(frames.pending()).toBe(0); // stopped at the end: the clock idles again
    // Playing from the end starts from the beginning.
    p.getState().play();
    expect(p.getState().position).toBe(0);
    p.getState().pause();
    expect(frames.pending()).toBe(0);
    disconnect();
  });

  it('counts simulated weeks, not points, when the step is half a week', () => {
    const frames = fakeFrames();
    const clock = createAnimationClock(frames.raf, frames.caf, frames.now);
    const p = createPlaybackStore({ pointCount: 313, stepWeeks: 0.5, speed: 4 });
    connectPlayback(p, clock);
    p.getState().play();
    for (let i = 0; i < 30; i++) frames.frame(1000 / 60); // half a second
    expect(p.getState().position * 0.5).toBeCloseTo(2, 6);
  });
});
