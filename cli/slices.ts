/**
 * Work on the main thread in slices: a generator's steps run until a slice's time is used, then
 * the event loop runs (worker messages, so that a Monte Carlo pool keeps its threads busy, and
 * Ctrl+C) before the next slice.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Runs `steps` to the end, giving the event loop a turn every `sliceMs` milliseconds. */
export async function runInSlices<T>(steps: Generator<void, T, void>, sliceMs = 5): Promise<T> {
  let sliceEnd = performance.now() + sliceMs;
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    if (performance.now() >= sliceEnd) {
      await nextTurn();
      sliceEnd = performance.now() + sliceMs;
    }
  }
}
