/**
 * Bracketed root finding as a state machine (so that each evaluation can be a batch of an
 * analysis): Brent's method (R. P. Brent, Algorithms for Minimization without Derivatives, 1973,
 * ch. 4; the `zeroin` routine) on a bracket [a, b] where f changes sign. It mixes bisection,
 * secant and inverse quadratic steps and never leaves the bracket, so it converges whenever the
 * bracket holds a sign change, even for step functions (KPIs counted in whole weeks), and takes
 * plain bisection steps when a value is infinite (a week KPI never reached). For whole-number
 * factors it bisects on whole numbers until the bracket's ends are neighbours.
 */

const EPS = 2.220446049250313e-16;

export interface RootBracket {
  /** The best estimate (|f| smallest of the two ends). */
  readonly x: number;
  readonly fx: number;
  /** The other end: f(x) and f(other) have opposite signs (unless fx is 0). */
  readonly other: number;
  readonly fOther: number;
}

const sameSign = (a: number, b: number): boolean => (a > 0 && b > 0) || (a < 0 && b < 0);

export class BracketedRoot {
  private a: number;
  private fa: number;
  private b: number;
  private fb: number;
  private c: number;
  private fc: number;
  private d: number;
  private e: number;
  private pending = false;
  private finished = false;
  /** Evaluations asked for so far. */
  steps = 0;

  /**
   * @param tolerance absolute tolerance on x: it stops when the bracket is narrower than about
   *   twice this (plus rounding), or f is exactly 0.
   * @param integer search whole numbers only (a, b whole).
   */
  constructor(
    a: number,
    fa: number,
    b: number,
    fb: number,
    private readonly tolerance: number,
    private readonly integer = false,
  ) {
    if (Number.isNaN(fa) || Number.isNaN(fb) || (sameSign(fa, fb) && fa !== 0 && fb !== 0))
      throw new Error(`no sign change in [${a}, ${b}] (f = ${fa}, ${fb})`);
    this.a = a;
    this.fa = fa;
    this.b = b;
    this.fb = fb;
    this.c = a;
    this.fc = fa;
    this.d = b - a;
    this.e = b - a;
    if (fa === 0 || fb === 0) this.finished = true;
  }

  /** The next x to evaluate, or null when converged. */
  next(): number | null {
    if (this.pending) throw new Error('tell() the value of the last point first');
    if (this.finished) return null;
    const x = this.integer ? this.nextWhole() : this.nextBrent();
    if (x === null) {
      this.finished = true;
      return null;
    }
    this.pending = true;
    this.steps++;
    return x;
  }

  /** The value at the point next() gave. */
  tell(fx: number): void {
    if (!this.pending) throw new Error('no point is waiting for its value');
    this.pending = false;
    if (this.integer) this.tellWhole(fx);
    else this.fb = fx;
  }

  get done(): boolean {
    return this.finished;
  }

  /** The current bracket (valid at any time between next/tell pairs). */
  bracket(): RootBracket {
    if (this.integer) {
      const aFirst = Math.abs(this.fa) <= Math.abs(this.fb);
      return aFirst
        ? { x: this.a, fx: this.fa, other: this.b, fOther: this.fb }
        : { x: this.b, fx: this.fb, other: this.a, fOther: this.fa };
    }
    // Brent keeps b the best estimate and [b, c] the bracket.
    this.orient();
    return { x: this.b, fx: this.fb, other: this.c, fOther: this.fc };
  }

  /** Keeps [b, c] a bracket with |f(b)| <= |f(c)| (the start of zeroin's loop). */
  private orient(): void {
    if (sameSign(this.fb, this.fc)) {
      this.c = this.a;
      this.fc = this.fa;
      this.d = this.e = this.b - this.a;
    }
    if (Math.abs(this.fc) < Math.abs(this.fb)) {
      this.a = this.b;
      this.b = this.c;
      this.c = this.a;
      this.fa = this.fb;
      this.fb = this.fc;
      this.fc = this.fa;
    }
  }

  private nextBrent(): number | null {
    this.orient();
    const { b, c, fb, fc } = this;
    let { a, fa } = this;
    const tol1 = 2 * EPS * Math.abs(b) + 0.5 * this.tolerance;
    const xm = 0.5 * (c - b);
    if (Math.abs(xm) <= tol1 || fb === 0) return null;
    const finite = Number.isFinite(fa) && Number.isFinite(fb) && Number.isFinite(fc);
    if (finite && Math.abs(this.e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * xm * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * xm * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      p = Math.abs(p);
      if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(this.e * q))) {
        this.e = this.d;
        this.d = p / q;
      } else {
        this.d = xm;
        this.e = this.d;
      }
    } else {
      this.d = xm;
      this.e = this.d;
    }
    a = b;
    fa = fb;
    this.a = a;
    this.fa = fa;
    this.b = Math.abs(this.d) > tol1 ? b + this.d : b + (xm >= 0 ? tol1 : -tol1);
    return this.b;
  }

  // Whole numbers: plain bisection between a and b (a < b or a > b), ends kept as the bracket.
  private nextWhole(): number | null {
    if (Math.abs(this.b - this.a) <= 1) return null;
    return Math.floor((this.a + this.b) / 2);
  }

  private tellWhole(fx: number): void {
    const mid = Math.floor((this.a + this.b) / 2);
    if (fx === 0) {
      this.a = this.b = mid;
      this.fa = this.fb = 0;
      this.finished = true;
    } else if (sameSign(fx, this.fa) || Number.isNaN(fx)) {
      this.a = mid;
      this.fa = fx;
    } else {
      this.b = mid;
      this.fb = fx;
    }
  }
}
