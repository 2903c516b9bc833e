/**
 * When to back up unsaved work: about a second after the last edit (debounced), but during a long
 * gesture (a slider dragged for a while) at least every few seconds. Pure timing over injected
 * timers; what a backup is and where it goes is the controller's business.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as number),
};

export class BackupSchedule {
  private timer: unknown = null;
  private firstEditAt: number | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly write: () => void,
    private readonly delayMs = 1000,
    private readonly maxWaitMs = 5000,
  ) {}

  /** An edit happened: write a backup after the quiet delay (or the max wait, whichever first). */
  edited(): void {
    const now = this.now();
    this.firstEditAt ??= now;
    const delay = Math.max(0, Math.min(this.delayMs, this.firstEditAt + this.maxWaitMs - now));
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.firstEditAt = null;
      this.write();
    }, delay);
  }

  /** True while a backup is waiting to be written. */
  pending(): boolean {
    return this.timer !== null;
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.firstEditAt = null;
  }
}
