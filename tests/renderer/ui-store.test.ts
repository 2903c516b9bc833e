/** The UI store remembers the theme the user chose (and forgets it when the system is followed). */
import { describe, expect, it } from 'vitest';
import { createUiStore, THEME_KEY, themeMemory } from '../../renderer/state/ui';

function fakeStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('theme memory', () => {
  it('starts from the remembered theme, over the system preference', () => {
    const storage = fakeStorage({ [THEME_KEY]: '"dark"' });
    const ui = createUiStore({ theme: 'light' }, themeMemory(storage));
    expect(ui.getState().theme).toBe('dark');
  });

  it('remembers a choice, and forgets it when the system is followed again', () => {
    const storage = fakeStorage();
    const ui = createUiStore({ theme: 'light' }, themeMemory(storage));
    ui.getState().setTheme('high-contrast');
    expect(storage.data.get(THEME_KEY)).toBe('"high-contrast"');
    expect(createUiStore({}, themeMemory(storage)).getState().theme).toBe('high-contrast');
    ui.getState().followSystemTheme('dark');
    expect(ui.getState().theme).toBe('dark');
    expect(storage.data.has(THEME_KEY)).toBe(false);
  });

  it('ignores a damaged or unknown entry, and storage that refuses', () => {
    for (const raw of ['{', '"sepia"', '42', 'null']) {
      const ui = createUiStore({ theme: 'light' }, themeMemory(fakeStorage({ [THEME_KEY]: raw })));
      expect(ui.getState().theme).toBe('light');
    }
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      },
    };
    const ui = createUiStore({ theme: 'light' }, themeMemory(refusing));
    ui.getState().setTheme('dark');
    expect(ui.getState().theme).toBe('dark');
  });
});
