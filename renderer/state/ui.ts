/**
 * The UI store: theme, how the loops are shown, reduced motion, and which panel section is open.
 * Theme and motion start from the system's settings; a theme the user chose is remembered across
 * reloads (THEME_KEY in local storage) and wins over the system's.
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
  /** The user's choice: applied and remembered. */
  setTheme(theme: Theme): void;
  /** Follow the system again (the desktop menu's "System"): `theme` is the system's now. */
  followSystemTheme(theme: Theme): void;
  setLoopMode(mode: LoopMode): void;
  setReducedMotion(reduced: boolean): void;
  toggleSection(id: SectionId): void;
  setView(id: string): void;
}

export type UiStore = StoreApi<UiState & UiActions>;

/** Where the theme the user chose is remembered (the browser's, or the desktop page's, storage). */
export const THEME_KEY = 'flywheel-lab/theme';

export interface ThemeMemory {
  read(): Theme | null;
  write(theme: Theme): void;
  forget(): void;
}

/** Remembers the theme in `storage` (nothing when there is none, or it refuses). */
export function themeMemory(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
): ThemeMemory {
  return {
    read() {
      try {
        const raw = storage?.getItem(THEME_KEY) ?? null;
        const value: unknown = raw === null ? null : JSON.parse(raw);
        return THEMES.includes(value as Theme) ? (value as Theme) : null;
      } catch {
        return null;
      }
    },
    write(theme) {
      try {
        storage?.setItem(THEME_KEY, JSON.stringify(theme));
      } catch {
        // Storage full or refused: the theme still applies for this session.
      }
    },
    forget() {
      try {
        storage?.removeItem(THEME_KEY);
      } catch {
        // Nothing remembered that could be removed.
      }
    },
  };
}

export function createUiStore(
  initial: Partial<UiState> = {},
  memory: ThemeMemory | null = null,
): UiStore {
  const remembered = memory?.read() ?? null;
  return createStore<UiState & UiActions>()((set, get) => ({
    theme: 'light',
    loopMode: 'side-by-side',
    reducedMotion: false,
    openSections: ['dataProducts'],
    view: 'workspace',
    ...initial,
    ...(remembered ? { theme: remembered } : {}),
    setTheme: (theme) => {
      memory?.write(theme);
      set({ theme });
    },
    followSystemTheme: (theme) => {
      memory?.forget();
      set({ theme });
    },
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

function localStorageOrNull(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The app's UI store: the system's settings, and the theme the user chose last time. */
export const uiStore: UiStore = createUiStore(
  systemUiPreferences(),
  themeMemory(localStorageOrNull()),
);
