import { describe, expect, it, vi } from 'vitest';
import {
  createAnimationClock,
  MAX_FRAME_DELTA_MS,
  type CancelFrame,
  type RequestFrame,
} from '../../renderer/animation/clock';

/** A fake display: frames run only when the test says so, at a time the test controls. */
function fakeDisplay() {
  let time = 1000;
  let nextHandle = 1;
  const pending = new Map<number, (t: number) => void>();
  const raf: RequestFrame = (callback) => {
    const handle = nextHandle++;
    pending.set(handle, callback);
    return handle;
  };
  const caf: CancelFrame = (handle) => {
    pending.delete(handle);
  };
  return {
    raf,
    caf,
    now: () => time,
    pendingCount: () => pending.size,
    /** Advance time by `ms`, then run the frames that were pending. */
    frame(ms: number) {
      time += ms;
      const callbacks = [...pending.values()];
      pending.clear();
      for (const callback of callbacks) callback(time);
    },
    /** Advance time without a frame (tab hidden, machine asleep). */
    idle(ms: number) {
      time += ms;
    },
  };
}

describe('animation clock', () => {
  it('does not request frames until someone subscribes', () => {
    const display = fakeDisplay();
    createAnimationClock(display.raf, display.caf, display.now);
    expect(display.pendingCount()).toBe(0);
  });

  it('gives subscribers elapsed time and per-frame deltas', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    const seen: Array<[number, number]> = [];
    clock.subscribe((nowMs, deltaMs) => seen.push([nowMs, deltaMs]));
    display.frame(16);
    display.frame(17);
    display.frame(16);
    expect(seen).toEqual([
      [16, 16],
      [33, 17],
      [49, 16],
    ]);
    expect(clock.now()).toBe(49);
  });

  it('stops the loop when the last subscriber leaves and restarts without a jump', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    const seen: number[] = [];
    const unsubscribe = clock.subscribe((_now, delta) => seen.push(delta));
    display.frame(16);
    unsubscribe();
    expect(display.pendingCount()).toBe(0);
    display.idle(5000);
    display.frame(16); // nothing pending: nothing runs
    expect(seen).toEqual([16]);
    const later: Array<[number, number]> = [];
    clock.subscribe((now, delta) => later.push([now, delta]));
    expect(display.pendingCount()).toBe(1);
    display.frame(20);
    // The idle period while nobody listened is not animation time.
    expect(later).toEqual([[36, 20]]);
  });

  it('unsubscribing one listener keeps the others running; double unsubscribe is harmless', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    const a = vi.fn();
    const b = vi.fn();
    const offA = clock.subscribe(a);
    clock.subscribe(b);
    display.frame(16);
    offA();
    offA();
    display.frame(16);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(2);
    expect(display.pendingCount()).toBe(1);
  });

  it('runs one rAF loop however many subscribers there are', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    for (let i = 0; i < 50; i++) clock.subscribe(() => undefined);
    expect(display.pendingCount()).toBe(1);
    display.frame(16);
    expect(display.pendingCount()).toBe(1);
  });

  it('clamps a long gap (hidden tab) so nothing leaps forward', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    const deltas: number[] = [];
    clock.subscribe((_now, delta) => deltas.push(delta));
    display.frame(16);
    display.frame(30_000);
    display.frame(16);
    expect(deltas).toEqual([16, MAX_FRAME_DELTA_MS, 16]);
    expect(clock.now()).toBe(16 + MAX_FRAME_DELTA_MS + 16);
  });

  it('never reports a negative delta if the time source steps back', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    const deltas: number[] = [];
    clock.subscribe((_now, delta) => deltas.push(delta));
    display.frame(16);
    display.frame(-10);
    display.frame(16);
    expect(deltas.every((d) => d >= 0)).toBe(true);
    expect(deltas[1]).toBe(0);
  });

  it('a listener that unsubscribes itself during a frame stops the loop', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    let calls = 0;
    const off = clock.subscribe(() => {
      calls++;
      off();
    });
    display.frame(16);
    display.frame(16);
    expect(calls).toBe(1);
    expect(display.pendingCount()).toBe(0);
  });

  it('a throwing listener neither stops the clock nor the other listeners', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    clock.subscribe(() => {
      throw new Error('boom');
    });
    clock.subscribe(good);
    display.frame(16);
    display.frame(16);
    expect(good).toHaveBeenCalledTimes(2);
    expect(errors).toHaveBeenCalledTimes(2);
    errors.mockRestore();
  });

  it('now() advances between frames but never by more than the clamp, and stays monotonic', () => {
    const display = fakeDisplay();
    const clock = createAnimationClock(display.raf, display.caf, display.now);
    clock.subscribe(() => undefined);
    display.frame(16);
    expect(clock.now()).toBe(16);
    display.idle(5);
    expect(clock.now()).toBe(21);
    display.idle(10_000);
    expect(clock.now()).toBe(16 + MAX_FRAME_DELTA_MS);
    display.frame(0);
    expect(clock.now()).toBe(16 + MAX_FRAME_DELTA_MS);
  });

  it('works with real timers when no rAF exists (Node fallback)', async () => {
    vi.useFakeTimers();
    try {
      const clock = createAnimationClock();
      const deltas: number[] = [];
      const off = clock.subscribe((_now, delta) => deltas.push(delta));
      await vi.advanceTimersByTimeAsync(100);
      off();
      expect(deltas.length).toBeGreaterThanOrEqual(5);
      const count = deltas.length;
      await vi.advanceTimersByTimeAsync(100);
      expect(deltas.length).toBe(count);
    } finally {
      vi.useRealTimers();
    }
  });
});
