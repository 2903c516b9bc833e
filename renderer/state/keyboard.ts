/**
 * Keyboard shortcuts for undo and redo: Ctrl/Cmd+Z undo, Ctrl/Cmd+Shift+Z and Ctrl+Y redo; not
 * while the user types in a text field (the field's own undo applies there), except in a
 * scenario's number box, which handles them itself as the scenario's undo (NumberFieldRow).
 */

/**
 * Sent (cancelable, detail 'undo' or 'redo') to a focused element marked `data-scenario-undo`
 * when the desktop menu's Edit > Undo or Redo is chosen; the element handles it and cancels it.
 */
export const SCENARIO_UNDO_EVENT = 'fw-scenario-undo';
export type ShortcutAction = 'undo' | 'redo';

export interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
}

export interface TargetLike {
  readonly tagName?: string;
  readonly type?: string;
  readonly isContentEditable?: boolean;
}

/** Input types in which typing is text entry (range, checkbox, radio and buttons are not). */
const TEXT_INPUT_TYPES = new Set([
  'text',
  'number',
  'search',
  'email',
  'url',
  'tel',
  'password',
  '',
]);

export function isTextEntry(target: TargetLike | null): boolean {
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = (target.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((target.type ?? 'text').toLowerCase());
  return false;
}

export function shortcutFor(event: KeyLike, target: TargetLike | null): ShortcutAction | null {
  if (event.altKey) return null;
  const mod = event.ctrlKey || event.metaKey;
  if (!mod || isTextEntry(target)) return null;
  const key = event.key.toLowerCase();
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  return null;
}

/** Alt+1..9 opens the view at that position (renderer/views/registry.ts); null for other keys. */
export function viewShortcut(event: KeyLike): number | null {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return null;
  return /^[1-9]$/.test(event.key) ? Number(event.key) - 1 : null;
}

/** Alt+P pins the run on screen (by the key's position: Option+P types a letter on a Mac). */
export function isPinShortcut(
  event: KeyLike & { readonly code?: string },
  target: TargetLike | null,
): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return false;
  if (isTextEntry(target)) return false;
  return event.code === 'KeyP' || event.key.toLowerCase() === 'p';
}
