/**
 * Spreads the redraw of many charts over several tasks: while a Monte Carlo runs, a new snapshot
 * arrives a few times a second, and redrawing its ten figures (eight band charts, the KPI cards,
 * the histogram) in one go is a task of 15-25 ms of CPU, which on two cores shared with the two
 * analysis workers takes 40-120 ms of wall time: the page would not answer a click meanwhile.
 * A component that reads its value through `useStaggered` adopts a new value in a task of its own,
 * one component per task, in the order they asked; the browser handles input and paints between
 * them. Each task renders synchronously (flushSync), so React never merges two turns into one.
 *
 * Values converge: a component always ends up showing the latest value it was given (a newer
 * value replaces a queued one in place, keeping its turn), and a component that unmounts leaves
 * the queue.
 */
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

interface Turn {
  adopt: () => void;
}

const queue: Turn[] = [];
let scheduled = false;

/** The next turn, in a task of its own (a macrotask: input and painting may come between). */
function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  setTimeout(() => {
    scheduled = false;
    queue.shift()?.adopt();
    schedule();
  }, 0);
}

/** Turns waiting (for tests and the benchmark: 0 once every figure shows its latest value). */
export function staggeredPending(): number {
  return queue.length;
}

/**
 * The value to show: `value` once this component's turn came. The first value is shown at once
 * when `immediate` (a figure appearing for the first time has nothing older to show), else after
 * its turn like any other (with null until then).
 */
export function useStaggered<T>(value: T, immediate = false): T | null {
  const [shown, setShown] = useState<T | null>(immediate ? value : null);
  const [turn] = useState<Turn>(() => ({ adopt: () => {} }));
  useEffect(() => {
    if (Object.is(shown, value)) return;
    turn.adopt = () => flushSync(() => setShown(value));
    if (!queue.includes(turn)) queue.push(turn);
    schedule();
  }, [value, shown, turn]);
  useEffect(
    () => () => {
      const at = queue.indexOf(turn);
      if (at >= 0) queue.splice(at, 1);
    },
    [turn],
  );
  return shown;
}
