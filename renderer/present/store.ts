/**
 * The presentation store (vanilla Zustand): whether the stage is up, which step is shown, the
 * blank screen, a with/without or split override of the step's choice (W and S), the presenter
 * overlay, and what the workspace looked like on entry (restored on leaving). The scenario itself
 * is never copied: the stage reads the workspace's scenario and results.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { StoryShow } from '../../simulation/story';

/** What to put back when the presentation ends. */
export interface WorkspaceSnapshot {
  readonly scroll: readonly {
    readonly selector: string;
    readonly top: number;
    readonly left: number;
  }[];
  readonly playbackPosition: number;
  readonly playing: boolean;
}

export interface PresentState {
  readonly active: boolean;
  readonly stepIndex: number;
  readonly blanked: boolean;
  /** W/S override of the step's scenario choice; cleared when the step changes. */
  readonly showOverride: StoryShow | null;
  readonly presenterOpen: boolean;
  /** Wall-clock time the presentation started (ms), for the presenter's elapsed time. */
  readonly startedAtMs: number;
  readonly snapshot: WorkspaceSnapshot | null;
}

export interface PresentActions {
  enter(snapshot: WorkspaceSnapshot | null, nowMs: number, stepIndex?: number): void;
  exit(): WorkspaceSnapshot | null;
  /** Moves to a step (clamped to 0..stepCount-1); the override and blank screen are cleared. */
  goTo(index: number, stepCount: number): void;
  next(stepCount: number): void;
  previous(stepCount: number): void;
  toggleBlank(): void;
  /** W: with <-> without (from both: with). */
  flip(stepShow: StoryShow): void;
  /** S: both side by side, or back to one. */
  toggleSplit(stepShow: StoryShow): void;
  togglePresenter(): void;
}

export type PresentStore = StoreApi<PresentState & PresentActions>;

/** The scenario the stage shows: the override, else the step's own choice. */
export function effectiveShow(step: StoryShow, override: StoryShow | null): StoryShow {
  return override ?? step;
}

export function flipped(show: StoryShow): StoryShow {
  return show === 'with' ? 'without' : 'with';
}

const clamp = (i: number, count: number): number => Math.max(0, Math.min(count - 1, Math.round(i)));

export function createPresentStore(): PresentStore {
  return createStore<PresentState & PresentActions>()((set, get) => ({
    active: false,
    stepIndex: 0,
    blanked: false,
    showOverride: null,
    presenterOpen: false,
    startedAtMs: 0,
    snapshot: null,
    enter(snapshot, nowMs, stepIndex = 0) {
      if (get().active) return;
      set({
        active: true,
        stepIndex,
        blanked: false,
        showOverride: null,
        presenterOpen: false,
        startedAtMs: nowMs,
        snapshot,
      });
    },
    exit() {
      const { active, snapshot } = get();
      if (!active) return null;
      set({
        active: false,
        blanked: false,
        showOverride: null,
        presenterOpen: false,
        snapshot: null,
      });
      return snapshot;
    },
    goTo(index, stepCount) {
      if (stepCount <= 0) return;
      const stepIndex = clamp(index, stepCount);
      if (stepIndex === get().stepIndex && !get().blanked) return;
      set({ stepIndex, showOverride: null, blanked: false });
    },
    next(stepCount) {
      get().goTo(get().stepIndex + 1, stepCount);
    },
    previous(stepCount) {
      get().goTo(get().stepIndex - 1, stepCount);
    },
    toggleBlank() {
      set({ blanked: !get().blanked });
    },
    flip(stepShow) {
      set({ showOverride: flipped(effectiveShow(stepShow, get().showOverride)) });
    },
    toggleSplit(stepShow) {
      const now = effectiveShow(stepShow, get().showOverride);
      set({ showOverride: now === 'both' ? (stepShow === 'both' ? 'with' : stepShow) : 'both' });
    },
    togglePresenter() {
      set({ presenterOpen: !get().presenterOpen });
    },
  }));
}

export const presentStore: PresentStore = createPresentStore();
