/**
 * What both writers of equations (JavaScript for codegen, js-writer.ts; WebAssembly,
 * wasm/translate-*.ts) need to know about the syntax trees of equation-source.ts: node tags,
 * the names a body assigns, JavaScript's operators on values known while writing, and which
 * loops can be unrolled.
 */
import type { AstNode } from './equation-source';

/** A value known while writing: a number or a boolean. */
export type Known = number | boolean;

export const isTag = (n: unknown, tag: string): n is readonly [string, ...unknown[]] =>
  Array.isArray(n) && n[0] === tag;

/** Names assigned anywhere in a body (such locals are never treated as known). */
export function assignedNames(body: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(body)) {
    if (body[0] === 'set' && typeof body[2] === 'string') into.add(body[2]);
    for (const c of body) assignedNames(c, into);
  }
  return into;
}

/**
 * JavaScript's binary operator `op` applied to values known while writing (so a folded
 * constant is what the code would have computed, bit for bit); undefined for an operator that
 * is not folded.
 */
export function foldOperator(op: string, a: Known, b: Known): Known | undefined {
  const x = a as number;
  const y = b as number;
  // prettier-ignore
  switch (op) {
    case '+': return x + y;
    case '-': return x - y;
    case '*': return x * y;
    case '/': return x / y;
    case '%': return x % y;
    case '<': return x < y;
    case '<=': return x <= y;
    case '>': return x > y;
    case '>=': return x >= y;
    case '===': return a === b;
    case '!==': return a !== b;
    case '==': return a == b;
    case '!=': return a != b;
    default: return undefined;
  }
}

/** The most steps a loop is unrolled to. */
export const MAX_UNROLLED_STEPS = 256;

/**
 * The counter of `for (let i = a; cond; i += b)` (or `-=`) and its value at each step, when the
 * loop can be unrolled: a and b known, i not assigned in the body, the condition known at every
 * step (`test(value)`: the condition with i at that value), at most MAX_UNROLLED_STEPS steps.
 * Null otherwise. `start` gives the initial value when it is known.
 */
export function unrolledSteps(
  init: readonly AstNode[],
  cond: AstNode | null,
  step: readonly AstNode[],
  body: readonly AstNode[],
  start: (node: AstNode) => Known | undefined,
  test: (name: string, value: number) => Known | undefined,
): { readonly name: string; readonly values: readonly number[] } | null {
  const first = init[0];
  const next = step[0];
  if (init.length !== 1 || step.length !== 1 || cond === null) return null;
  if (!isTag(first, 'let') || !isTag(next, 'set')) return null;
  const name = first[1] as string;
  const by = next[3];
  if (next[2] !== name || (next[1] !== '+=' && next[1] !== '-=') || typeof by !== 'number')
    return null;
  if (assignedNames(body).has(name)) return null;
  const values: number[] = [];
  let i = start(first[2] as AstNode);
  while (typeof i === 'number') {
    const go = test(name, i);
    if (go === undefined) return null;
    if (!go) return { name, values };
    if (values.length === MAX_UNROLLED_STEPS) return null;
    values.push(i);
    i = next[1] === '+=' ? i + by : i - by;
  }
  return null;
}
