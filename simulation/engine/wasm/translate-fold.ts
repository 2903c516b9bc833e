/**
 * Values known while translating (literals, captured constants, a known list's length, loop
 * counters of unrolled loops and locals set once from them), folded with JavaScript's own
 * operators: the module then holds the constant JavaScript would compute, bit for bit (no
 * algebra is applied: `0 + x` stays an addition, since it turns -0 into 0).
 */
import { type AstNode } from '../equation-source';
import { foldOperator, type Known } from '../equation-ast';
import { type Scope } from './translate-common';

export type { Known };

/** `Math` functions folded on known arguments: JavaScript's own, so the bits are the closure's. */
const PURE_MATH = new Set(['min', 'max', 'abs', 'floor', 'ceil', 'trunc', 'round', 'sqrt']);

/** A name's value when it is known: a constant, or the length of a list of known inputs. */
function knownName(name: string, scope: Scope): Known | undefined {
  const b = scope.lookup(name);
  return b?.k === 'const' ? b.value : undefined;
}

/**
 * The value of `node` when it is known while translating, else undefined. Only operators and
 * pure `Math` functions are folded, never a call that may have effects; `&&`, `||`, `??` and `?:`
 * fold when the operand that decides is known (the other is then not evaluated, as in
 * JavaScript).
 */
export function knownValue(node: AstNode, scope: Scope): Known | undefined {
  if (typeof node === 'number') return node;
  if (typeof node === 'string') return knownName(node, scope);
  if (!Array.isArray(node)) return undefined;
  const n = node as unknown as readonly AstNode[];
  const tag = n[0] as string;
  switch (tag) {
    case 'lit':
      return (n[1] as unknown) === true;
    case 'neg':
    case 'pos':
    case 'not': {
      const v = knownValue(n[1]!, scope);
      if (v === undefined) return undefined;
      return tag === 'neg' ? -v : tag === 'pos' ? +v : !v;
    }
    case '&&':
    case '||':
    case '??': {
      const l = knownValue(n[1]!, scope);
      if (l === undefined) return undefined;
      // A number or a boolean is never nullish; otherwise the left operand decides.
      if (tag === '??' || (tag === '&&' ? !l : l)) return l;
      return knownValue(n[2]!, scope);
    }
    case '?': {
      const c = knownValue(n[1]!, scope);
      if (c === undefined) return undefined;
      return knownValue(c ? n[2]! : n[3]!, scope);
    }
    case '.': {
      const [obj, prop] = [n[1]!, n[2] as unknown as string];
      if (typeof obj !== 'string') return undefined;
      const o = scope.lookup(obj);
      if (o?.k === 'items' && prop === 'length') return o.items.length;
      if (o?.k === 'math') {
        const v = (Math as unknown as Record<string, unknown>)[prop];
        return typeof v === 'number' ? v : undefined;
      }
      return undefined;
    }
    case 'call':
      return knownMathCall(n[1]!, n.slice(2), scope);
    case '[]':
      return undefined;
    default: {
      const l = knownValue(n[1]!, scope);
      if (l === undefined) return undefined;
      const r = knownValue(n[2]!, scope);
      return r === undefined ? undefined : foldOperator(tag, l, r);
    }
  }
}

function knownMathCall(callee: AstNode, args: readonly AstNode[], scope: Scope): Known | undefined {
  if (!Array.isArray(callee) || callee[0] !== '.') return undefined;
  const [, obj, prop] = callee as unknown as [string, AstNode, string];
  if (typeof obj !== 'string' || scope.lookup(obj)?.k !== 'math' || !PURE_MATH.has(prop))
    return undefined;
  const values: Known[] = [];
  for (const a of args) {
    const v = knownValue(a, scope);
    if (v === undefined) return undefined;
    values.push(v);
  }
  const fn = (Math as unknown as Record<string, (...x: Known[]) => number>)[prop]!;
  return fn(...values);
}
