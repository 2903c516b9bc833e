/**
 * The playback store: which simulated week is on screen, whether time is playing, and how fast.
 * Position is a fractional point index so playback advances smoothly at any speed; charts and
 * the loop show `Math.floor(position)`. Time advances only through `advance(deltaMs)`, which the
 * app's one animation clock calls (see connectPlayback).
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AnimationClock } from '../animation/clock';

/** Simulated weeks per real second. */
export const SPEEDS = [1, 2, 4, 8, 16, 32] as const;
export type Speed = (typeof SPEEDS)[number];
export const DEFAULT_SPEED: Speed = 8;

export interface PlaybackState {
  /** Fractional point index in [0, pointCount - 1]. */
  readonly position: number;
  readonly playing: boolean;
  readonly speed: Speed;
  /** Points in the current runs (weeks / stepWeeks + 1). */
  readonly pointCount: number;
  /** Weeks per point. */
  readonly stepWeeks: number;
  /** False until the first runs arrive (the app then opens at the horizon, where the story is told). */
  readonly hasTimeline: boolean;
}

export interface PlaybackActions {
  play(): void;
  pause(): void;
  toggle(): void;
  /** Moves by whole points (negative: back) and pauses. */
  step(points: number): void;
  /** Jumps to a point and pauses nothing (scrubbing while playing keeps playing). */
  scrub(pointIndex: number): void;
  setSpeed(speed: Speed): void;
  /** New runs arrived: keep the position within them (the first runs open at the horizon). */
  setTimeline(pointCount: number, stepWeeks: number): void;
  /** Called by the clock while playing. */
  advance(deltaMs: number): void;
}

export type PlaybackStore = StoreApi<PlaybackState & PlaybackActions>;

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export function createPlaybackStore(initial: Partial<PlaybackState> = {}): PlaybackStore {
  return createStore<PlaybackState & PlaybackActions>()((set, get) => {
    const last = (): number => Math.max(0, get().pointCount - 1);
    return {
      position: 0,
      playing: false,
      speed: DEFAULT_SPEED,
      pointCount: 1,
      stepWeeks: 1,
      hasTimeline: false,
      ...initial,
      play() {
        const s = get();
        if (s.pointCount <= 1) return;
        // Playing from the end starts again from the beginning.
        set({ playing: true, position: Math.floor(s.position) >= last() ? 0 : s.position });
      },
      pause() {
        if (get().playing) set({ playing: false });
      },
      toggle() {
        if (get().playing) get().pause();
        else get().play();
      },
      step(points) {
        set({ playing: false, position: clamp(Math.floor(get().position) + points, 0, last()) });
      },
      scrub(pointIndex) {
        set({ position: clamp(Math.round(pointIndex), 0, last()) });
      },
      setSpeed(speed) {
        set({ speed });
      },
      setTimeline(pointCount, stepWeeks) {
        const s = get();
        if (!s.hasTimeline) {
          // The first runs: open at the horizon, with every product live and the loop turning,
          // not at week 0 where nothing has happened yet (Play starts again from the beginning).
          set({
            pointCount,
            stepWeeks,
            hasTimeline: true,
            position: s.playing ? s.position : Math.max(0, pointCount - 1),
          });
          return;
        }
        if (s.pointCount === pointCount && s.stepWeeks === stepWeeks) return;
        // Keep the same simulated week when the step changes.
        const week = s.position * s.stepWeeks;
        set({
          pointCount,
          stepWeeks,
          position: clamp(week / stepWeeks, 0, Math.max(0, pointCount - 1)),
        });
      },
      advance(deltaMs) {
        const s = get();
        if (!s.playing) return;
        const next = s.position + (deltaMs / 1000) * (s.speed / s.stepWeeks);
        if (next >= last()) set({ position: last(), playing: false });
        else set({ position: next });
      },
    };
  });
}

export const pointIndexOf = (s: Pick<PlaybackState, 'position'>): number => Math.floor(s.position);

/**
 * Drives the store from the animation clock: subscribed while playing, unsubscribed when paused
 * (so the clock idles). Returns the disconnect function.
 */
export function connectPlayback(store: PlaybackStore, clock: AnimationClock): () => void {
  let unsubscribeClock: (() => void) | null = null;
  const sync = (playing: boolean): void => {
    if (playing && unsubscribeClock === null) {
      unsubscribeClock = clock.subscribe((_now, deltaMs) => store.getState().advance(deltaMs));
    } else if (!playing && unsubscribeClock !== null) {
      unsubscribeClock();
      unsubscribeClock = null;
    }
  };
  sync(store.getState().playing);
  const unsubscribeStore = store.subscribe((s) => sync(s.playing));
  return () => {
    unsubscribeStore();
    sync(false);
  };
}

export const playbackStore: PlaybackStore = createPlaybackStore();
