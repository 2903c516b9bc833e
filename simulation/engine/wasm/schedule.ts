/**
 * The order of a step's equations in the WebAssembly run function. The program's order is one
 * topological order of the step's dependencies; any other gives the same bits (every equation is
 * the same operations on the same inputs, and each noisy variable draws from a stream of its
 * own), but not the same speed. V8 keeps calls and stores in the order written, and the processor
 * sees a window of a few hundred instructions of a step of about 1,500: when the long chains of
 * dependent operations (a power, then the error that reads it, then the next power...) come late,
 * the processor waits on them with nothing else to do. A list schedule that starts the longest
 * latency path first leaves the short independent equations to fill those waits (measured: the
 * runs of a draw about 6% faster on the default scenario).
 */
import type { AstNode, EquationSource } from '../equation-source';

/** Rough latencies, in units of a simple arithmetic operation's. */
const COST = {
  /** Any operator or literal. */
  op: 1,
  /** A division (about 13 cycles against 3 or 4 for an addition). */
  div: 4,
  /** `%` (a division and more). */
  mod: 8,
  /** `Math.min`, `max`, `abs`, `sign` and the roundings: a few operations. */
  cheapCall: 2,
  /**
   * Any other call: a deterministic power, exponential, logarithm or root (100-150 cycles of
   * dependent operations), a helper, or an equation that could not be translated.
   */
  call: 40,
  /** A Poisson draw (a generator step and its comparisons, a long one for large means). */
  poisson: 30,
  /** A lognormal factor (a normal draw, then an exponential). */
  lognormal: 45,
} as const;

const CHEAP_MATH = new Set(['min', 'max', 'abs', 'sign', 'floor', 'ceil', 'trunc', 'round']);

function isCheapCallee(callee: unknown): boolean {
  return (
    Array.isArray(callee) &&
    callee[0] === '.' &&
    callee[1] === 'Math' &&
    CHEAP_MATH.has(callee[2] as string)
  );
}

const STATEMENTS = new Set(['let', 'set', 'if', 'for', 'return', 'block']);

/**
 * The latency of a syntax tree: an expression's own operation after the slowest of its operands
 * (they may run side by side), a block's statements one after the other.
 */
function treeCost(node: unknown): number {
  if (!Array.isArray(node)) return 0;
  const tag = node[0];
  if (typeof tag !== 'string' || STATEMENTS.has(tag)) {
    let sum = 0;
    for (let i = typeof tag === 'string' ? 1 : 0; i < node.length; i++) sum += treeCost(node[i]);
    return sum;
  }
  if (tag === '.') return COST.op;
  let own: number = COST.op;
  let from = 1;
  if (tag === 'call') {
    own = isCheapCallee(node[1]) ? COST.cheapCall : COST.call;
    from = 2;
  } else if (tag === '/') own = COST.div;
  else if (tag === '%') own = COST.mod;
  let slowest = 0;
  for (let i = from; i < node.length; i++) slowest = Math.max(slowest, treeCost(node[i]));
  return own + slowest;
}

/**
 * An equation's rough latency: its syntax tree's (an equation without a source is called, as
 * costly as any call), plus its noise's (0 none, 1 Poisson, 2 lognormal).
 */
export function equationCost(src: EquationSource | undefined, noise: number): number {
  const own = src === undefined ? COST.call : Math.max(COST.op, treeCost(src.body as AstNode));
  return own + (noise === 1 ? COST.poisson : noise === 2 ? COST.lognormal : 0);
}

/** One step's equations, as the scheduler sees them. */
export interface StepEquations {
  readonly count: number;
  /** The slot equation i writes. */
  output(i: number): number;
  /** The slots equation i reads (its inputs, its noise's sigma). */
  reads(i: number): Iterable<number>;
  /** Its rough latency (equationCost). */
  cost(i: number): number;
}

/**
 * An order of the equations 0..count-1 (a permutation) that keeps what the program order means:
 * an equation reading a slot that an earlier one writes comes after it, and one reading a slot
 * that a later one writes (the previous step's value) comes before it. Among the equations ready
 * at each point, the one with the longest path of latencies to the step's end goes first (ties:
 * program order), so the result is deterministic.
 */
export function stepSchedule(step: StepEquations): Int32Array {
  const n = step.count;
  const writer = new Map<number, number>();
  for (let i = 0; i < n; i++) writer.set(step.output(i), i);
  // after[i]: the equations that must come after i.
  const after: number[][] = Array.from({ length: n }, () => []);
  const waiting = new Int32Array(n);
  const edge = (first: number, then: number): void => {
    if (after[first]!.includes(then)) return;
    after[first]!.push(then);
    waiting[then]!++;
  };
  for (let i = 0; i < n; i++) {
    for (const slot of step.reads(i)) {
      const w = writer.get(slot);
      if (w === undefined || w === i) continue;
      if (w < i) edge(w, i);
      else edge(i, w);
    }
  }
  // Every edge goes from a lower index to a higher one: one backward pass gives the paths.
  const path = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let longest = 0;
    for (const j of after[i]!) longest = Math.max(longest, path[j]!);
    path[i] = step.cost(i) + longest;
  }
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (waiting[i] === 0) ready.push(i);
  const order = new Int32Array(n);
  for (let at = 0; at < n; at++) {
    let best = 0;
    for (let r = 1; r < ready.length; r++) {
      const a = ready[r]!;
      const b = ready[best]!;
      if (path[a]! > path[b]! || (path[a] === path[b] && a < b)) best = r;
    }
    const i = ready[best]!;
    ready[best] = ready[ready.length - 1]!;
    ready.pop();
    order[at] = i;
    for (const j of after[i]!) if (--waiting[j]! === 0) ready.push(j);
  }
  return order;
}
