/**
 * A value one part of a command gives and another takes, delivered at once: the taker's callback
 * runs inside give() (a promise would run it only when the giver's synchronous work is over; the
 * Monte Carlo's workers must get the translated models while this thread still runs the
 * comparison).
 */
export class Handoff<T> {
  private given: { value: T } | null = null;
  private taker: ((value: T) => void) | null = null;

  /** Gives the value (once): the taker, if there is one already, has it before this returns. */
  give(value: T): void {
    if (this.given) throw new Error('a handoff is given once');
    this.given = { value };
    const taker = this.taker;
    this.taker = null;
    taker?.(value);
  }

  /** Takes the value: `use` runs now if it was given, else when it is (one taker). */
  take(use: (value: T) => void): void {
    if (this.taker) throw new Error('a handoff has one taker');
    if (this.given) use(this.given.value);
    else this.taker = use;
  }
}
