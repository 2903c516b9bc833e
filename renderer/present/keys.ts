/**
 * Keys on stage, as presentation clickers and keyboards send them: forward (Right, Down,
 * PageDown, Space, Enter), back (Left, Up, PageUp, Backspace), Home/End, 1-9 and 0 (the tenth) to jump, B or . to
 * blank, W to flip with/without, S to split, P for the presenter overlay, T for the next theme,
 * Escape to leave. F5 enters. Keys meant for a focused slider or text field stay with it.
 */
import { isTextEntry, type KeyLike, type TargetLike } from '../state/keyboard';

export type PresentKeyAction =
  | { readonly kind: 'next' }
  | { readonly kind: 'previous' }
  | { readonly kind: 'first' }
  | { readonly kind: 'last' }
  | { readonly kind: 'jump'; readonly index: number }
  | { readonly kind: 'blank' }
  | { readonly kind: 'flip' }
  | { readonly kind: 'split' }
  | { readonly kind: 'presenter' }
  | { readonly kind: 'theme' }
  | { readonly kind: 'exit' };

/** Keys a range input uses itself. */
const SLIDER_KEYS = new Set([
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

export function isSlider(target: TargetLike | null): boolean {
  return (
    (target?.tagName ?? '').toUpperCase() === 'INPUT' &&
    (target?.type ?? '').toLowerCase() === 'range'
  );
}

/** True for the key that starts a presentation (F5, as in slide software). */
export function isEnterPresentationKey(event: KeyLike): boolean {
  return event.key === 'F5' && !event.ctrlKey && !event.metaKey && !event.altKey;
}

export function presentKeyAction(
  event: KeyLike,
  target: TargetLike | null,
): PresentKeyAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  if (event.key === 'Escape') return { kind: 'exit' };
  if (isTextEntry(target)) return null;
  if (isSlider(target) && SLIDER_KEYS.has(event.key)) return null;
  // A focused button (the presenter's "Open in a separate window") takes its own Enter and Space.
  if (
    (target?.tagName ?? '').toUpperCase() === 'BUTTON' &&
    (event.key === 'Enter' || event.key === ' ')
  )
    return null;
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
    case 'Enter':
      return { kind: 'next' };
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
    case 'Backspace':
      return { kind: 'previous' };
    case 'Home':
      return { kind: 'first' };
    case 'End':
      return { kind: 'last' };
  }
  // 1-9 jump to the first nine steps, 0 to the tenth (as slide software numbers them).
  if (/^[0-9]$/.test(event.key))
    return { kind: 'jump', index: event.key === '0' ? 9 : Number(event.key) - 1 };
  switch (event.key.toLowerCase()) {
    case 'b':
    case '.':
      return { kind: 'blank' };
    case 'w':
      return { kind: 'flip' };
    case 's':
      return { kind: 'split' };
    case 'p':
      return { kind: 'presenter' };
    case 't':
      return { kind: 'theme' };
  }
  return null;
}
