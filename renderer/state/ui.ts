/**
 * The UI store: theme, how the loops are shown, reduced motion, and which panel section is open.
 * Theme and motion start from the system's settings; the user can override the theme.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SectionId } from './fields';

export const THEMES = ['light', 'dark', 'high-contrast'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_LABELS: Record<Theme, string> = {
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
};

export const LOOP_MODES = ['side-by-side', 'with', 'without'] as const;
export type LoopMode = (typeof LOOP_MODES)[number];
export const LOOP_MODE_LABELS: Record<LoopMode, string> = {
  'side-by-side': 'Side by side',
  with: 'With data products',
  without: 'Without',
};

export interface UiState {
  readonly theme: Theme;
  readonly loopMode: LoopMode;
  /** The system asks for reduced motion: the loop shows rates without moving particles. */
  readonly reducedMotion: boolean;
  readonly openSections: readonly SectionId[];
  /** The view shown beside the panel (an id of renderer/views/registry.ts). */
  readonly view: string;
}

export interface UiActions {
  setTheme(theme: Theme): void;
  setLoopMode(mode: LoopMode): void;
  setReducedMotion(reduced: boolean): void;
  toggleSection(id: SectionId): void;
  setView(id: string): void;
}

export type UiStore = StoreApi<UiState & UiActions>;

export function createUiStore(initial: Partial<UiState> = {}): UiStore {
  return createStore<UiState & UiActions>()((set, get) => ({
    theme: 'light',
    loopMode: 'side-by-side',
    reducedMotion: false,
    openSections: ['dataProducts'],
    view: 'workspace',
    ...initial,
    setTheme: (theme) => set({ theme }),
    setLoopMode: (loopMode) => set({ loopMode }),
    setReducedMotion: (reducedMotion) => set({ reducedMotion }),
    setView: (view) => set({ view }),
    toggleSection(id) {
      const open = get().openSections;
      set({ openSections: open.includes(id) ? open.filter((s) => s !== id) : [...open, id] });
    },
  }));
}

/** Initial settings from the system (media queries), when there is a window to ask. */
export function systemUiPreferences(): Partial<UiState> {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return {};
  const mq = (q: string): boolean => window.matchMedia(q).matches;
  const theme: Theme =
    mq('(prefers-contrast: more)') || mq('(forced-colors: active)')
      ? 'high-contrast'
      : mq('(prefers-color-scheme: dark)')
        ? 'dark'
        : 'light';
  return { theme, reducedMotion: mq('(prefers-reduced-motion: reduce)') };
}

export const uiStore: UiStore = createUiStore(systemUiPreferences());
