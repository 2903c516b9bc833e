/**
 * Undo history as a small pure data structure over Immer patches. Every scenario edit is either
 * recorded (one undo step) or passing (applied now, folded into the step that closes the gesture):
 * a slider drag produces many passing updates and one recorded step when the thumb is released.
 */
import type { Patch } from 'immer';

export interface HistoryEntry {
  /** What the step did, in words ("Customer 360: Quality"), for the undo button's tooltip. */
  readonly label: string;
  readonly patches: readonly Patch[];
  readonly inversePatches: readonly Patch[];
  /**
   * The variant shown when the step was made (null: the base; undefined: not recorded): undo and
   * redo show it again, so the user sees what changed.
   */
  readonly focus?: string | null;
}

export interface History {
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  /** Passing updates not yet closed into a step (a gesture in progress), or null. */
  readonly pending: HistoryEntry | null;
}

/** Steps kept; older ones are forgotten (a workshop session rarely needs more). */
export const MAX_HISTORY_STEPS = 500;

export const emptyHistory: History = { past: [], future: [], pending: null };

/** Joins two consecutive changes into one: forwards in order, inverses in reverse order. */
export function mergeEntries(first: HistoryEntry, then: HistoryEntry): HistoryEntry {
  return {
    label: then.label,
    patches: [...first.patches, ...then.patches],
    inversePatches: [...then.inversePatches, ...first.inversePatches],
    ...(then.focus !== undefined ? { focus: then.focus } : {}),
  };
}

function pushPast(past: readonly HistoryEntry[], entry: HistoryEntry): readonly HistoryEntry[] {
  const next = [...past, entry];
  return next.length > MAX_HISTORY_STEPS ? next.slice(next.length - MAX_HISTORY_STEPS) : next;
}

/** Closes the pending gesture (if any) into one undo step. */
export function commitPending(h: History): History {
  if (h.pending === null) return h;
  if (h.pending.patches.length === 0) return { ...h, pending: null };
  return { past: pushPast(h.past, h.pending), future: [], pending: null };
}

/** Records a change as its own undo step (after closing any pending gesture). */
export function record(h: History, entry: HistoryEntry): History {
  const closed = commitPending(h);
  if (entry.patches.length === 0) return closed;
  return { past: pushPast(closed.past, entry), future: [], pending: null };
}

/** Adds a passing change to the gesture in progress (starting one if needed). */
export function pass(h: History, entry: HistoryEntry): History {
  if (entry.patches.length === 0) return h;
  return { ...h, pending: h.pending ? mergeEntries(h.pending, entry) : entry };
}

export function canUndo(h: History): boolean {
  return h.past.length > 0 || (h.pending !== null && h.pending.patches.length > 0);
}

export function canRedo(h: History): boolean {
  return h.pending === null && h.future.length > 0;
}

/**
 * The step to revert and the history after it, or null when there is nothing to undo. The caller
 * applies `entry.inversePatches` to the document.
 */
export function undoStep(h: History): { entry: HistoryEntry; history: History } | null {
  const closed = commitPending(h);
  const entry = closed.past[closed.past.length - 1];
  if (!entry) return null;
  return {
    entry,
    history: { past: closed.past.slice(0, -1), future: [entry, ...closed.future], pending: null },
  };
}

/** The step to re-apply (`entry.patches`) and the history after it, or null. */
export function redoStep(h: History): { entry: HistoryEntry; history: History } | null {
  if (h.pending !== null) return null;
  const entry = h.future[0];
  if (!entry) return null;
  return {
    entry,
    history: { past: pushPast(h.past, entry), future: h.future.slice(1), pending: null },
  };
}
