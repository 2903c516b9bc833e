/**
 * The JavaScript writer of the codegen backend (simulation/engine/js-emit.ts): an equation written
 * from its syntax tree must give the closure's value to the bit (Object.is: -0 and NaN included,
 * a boolean stays a boolean) on every input, and what it cannot write exactly it must refuse
 * (the backend then calls the closure).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsUnsupported } from '../../simulation/engine/js-emit';
import { propertyRuns } from '../model/helpers';
import { BLOCK_MODES, SPECIAL, sourced, written } from './js-emit-helpers';

const EQUATIONS = `
const K = 0.25;
const FLAG = true;
export const REF = { position: 2 };
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;
const tanh = (x: number): number => {
  const t = exp(-2 * Math.abs(x));
  const r = (1 - t) / (1 + t);
  return x < 0 ? -r : r;
};
const soft = (x: number): number => tanh(x * 2) + x;
const sum = (v: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
};
export const positional = {
  arith: (a: number, b: number, c: number) => a * b + c / (a - b) - (c % 2),
  ternary: (a: number, b: number) => (a > b ? a - b : b * 2),
  nested: (a: number, b: number, c: number) => (a < 0 ? 0 : b > c ? clamp01(a / b) : lerp(a, b, c)),
  booleans: (a: number, b: number) => (a > b) * 2 + (a === b) - !a + (a !== a),
  booleanResult: (a: number, b: number) => a >= b,
  logical: (a: number, b: number) => (a && b) || (a ?? b) || (!b && a),
  temporaries: (a: number, b: number) => lerp(a * 2, b - 1, clamp01(a + b)) + lerp(a, a, a),
  captured: (a: number) => a * K + (FLAG ? 1 : 0) + (Infinity > a ? 1 : 2),
  math: (a: number, b: number) =>
    Math.max(a, b, 0) + Math.min(a) + Math.abs(b) + Math.floor(a) + Math.sqrt(b) + Math.PI +
    Math.pow(a, b) + Math.round(a) + Math.max() + Math.sign(b),
  dmath: (a: number, b: number) => exp(a / 100) + pow(b, 0.5) + tanh(a),
  folded: (a: number) => (1 / 3) * a + (2 > 1 ? 0.1 : 0.2) - -0 * a + (0 === -0 ? 1 : 0) + 7 % 3,
  signs: (a: number) => -(-a) + +a - -1 - -0 + -a * 0,
  extraInput: (a: number) => a * 2,
  capturedObject: (a: number) => a * REF.position + lerp(REF.position, a, 0.5),
  block: (a: number, b: number) => {
    let s = a;
    if (s > b) {
      s -= b;
    } else s = b * 2;
    for (let i = 0; i < 3; i++) s += i * a;
    s *= 1.5;
    s /= 3;
    return s;
  },
  loopNotKnown: (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < Math.min(a, 20); i++) s += b / (i + 1);
    return s;
  },
  shadowing: (a: number, b: number) => {
    const t = a;
    {
      const t = b * 2;
      if (t > 1) return t;
    }
    return t + 1;
  },
  fallsThrough: (a: number) => {
    if (a > 0) return a;
  },
  knownLocal: (a: number) => {
    const n = (4 - 1) / 2;
    const m = n > 1 ? n : 0;
    return a * n + m;
  },
  tanh,
  // Block bodies inside block bodies and helpers: inline where they are surely evaluated, a
  // generated function in a branch or a loop's condition; their locals never clash.
  nestedBlocks: (a: number, b: number) => tanh(tanh(a) + b) + (a > b ? tanh(b) : 0),
  blockInHelper: (a: number, b: number) => soft(a + b) * soft(a),
  shadowedArgument: (a: number) => {
    const r = a * 3;
    const t = r - 1;
    return tanh(r) + tanh(t) * r;
  },
  loopConditionBlock: (a: number) => {
    let s = 0;
    for (let i = 0; i < 4 && tanh(s) < 0.9; i++) s += a;
    return s;
  },
};
export const lists = {
  sum,
  mean: (v: Float64Array) => (v.length === 0 ? 0 : sum(v) / v.length),
  weightedMeanOr: (v: Float64Array) => {
    const n = (v.length - 1) / 2;
    let s = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      s += v[i]! * v[n + i]!;
      w += v[n + i]!;
    }
    return w > 0 ? s / w : v[v.length - 1]!;
  },
  combine: (v: Float64Array) => {
    let keep = 1;
    for (let i = 0; i < v.length; i++) keep *= 1 - clamp01(v[i]!);
    return 1 - keep;
  },
  firstAbove: (v: Float64Array) => {
    for (let i = 0; i < v.length; i++) if (v[i]! > 1) return v[i]!;
    return -1;
  },
  fromThird: (v: Float64Array) => {
    let first = Infinity;
    for (let i = 3; i < v.length; i++) first = Math.min(first, v[i]!);
    return v[0]! >= first ? v[1]! * v[2]! : 0;
  },
  backwards: (v: Float64Array) => {
    let s = 0;
    for (let i = v.length - 1; i >= 0; i -= 2) s = s * 0.5 + v[i]!;
    return s;
  },
};
export const refused = {
  missingInput: (a: number, b: number, c: number) => a + b + c,
  indexNotKnown: (v: Float64Array) => v[Math.floor(v[0]!)] ?? 0,
  listLoopNotKnown: (v: Float64Array) => {
    let s = 0;
    for (let i = 0; i < v[0]!; i++) s += v[i]!;
    return s;
  },
  beforeDeclaration: (a: number) => {
    const r = q + a;
    const q = 1;
    return r;
  },
};
`;

type Fn = (...args: unknown[]) => unknown;
const eq = sourced(EQUATIONS) as Record<'positional' | 'lists' | 'refused', Record<string, Fn>>;
const ARITY: Record<string, number> = { arith: 3, nested: 3, extraInput: 2, tanh: 1 };
const arityOf = (name: string, fn: Fn): number => ARITY[name] ?? fn.length;

const value = fc.oneof(fc.constantFrom(...SPECIAL), fc.double(), fc.integer({ min: -30, max: 30 }));

describe('equations written as JavaScript', () => {
  it('positional equations give the closure value on special and random inputs', () => {
    for (const [name, fn] of Object.entries(eq.positional)) {
      const n = arityOf(name, fn);
      const evaluators = BLOCK_MODES.map((mode) => written(fn, n, false, mode).evaluate);
      const check = (args: number[]): void => {
        const expected = fn(...args);
        evaluators.forEach((evaluate, i) => {
          const got = evaluate(Float64Array.from(args));
          if (!Object.is(got, expected))
            expect.fail(
              `${name}(${args.join(', ')}) (${BLOCK_MODES[i]}): written ${String(got)}, closure ${String(expected)}`,
            );
        });
      };
      for (const a of SPECIAL) for (const b of SPECIAL) check([a, b, a - b].slice(0, n));
      fc.assert(fc.property(fc.array(value, { minLength: n, maxLength: n }), check), {
        numRuns: propertyRuns(200),
      });
    }
  });

  it('list equations give the closure value for lists of every length up to 9', () => {
    for (const [name, fn] of Object.entries(eq.lists)) {
      for (let n = 1; n <= 9; n++) {
        const evaluators = BLOCK_MODES.map((mode) => written(fn, n, true, mode).evaluate);
        fc.assert(
          fc.property(fc.array(value, { minLength: n, maxLength: n }), (args) => {
            const expected = fn(Float64Array.from(args));
            evaluators.forEach((evaluate, i) => {
              const got = evaluate(Float64Array.from(args));
              if (!Object.is(got, expected))
                expect.fail(
                  `${name}[${args.join(', ')}] (${BLOCK_MODES[i]}): written ${String(got)}, closure ${String(expected)}`,
                );
            });
          }),
          { numRuns: propertyRuns(60) },
        );
      }
    }
  });

  it('unrolls loops over a list and folds what is known: a sum of three is three additions', () => {
    const sum = written(eq.lists.sum!, 3, true);
    const text = [...sum.pre, sum.code].join('\n');
    expect(text).not.toMatch(/for|v\[|length/);
    expect(text.match(/\+= x\[\d\]/g)).toEqual(['+= x[0]', '+= x[1]', '+= x[2]']);
    const mean = written(eq.lists.mean!, 4, true).code;
    expect(mean).toMatch(/\/ 4\)$/); // v.length === 0 folded away, the length a literal
    const folded = written(eq.positional.folded!, 1).code;
    expect(folded).toContain('0.3333333333333333');
    expect(folded).not.toContain('? 0.1');
  });

  it('evaluates each argument of an inlined helper once, in order', () => {
    const { code } = written(eq.positional.temporaries!, 2, false, 'functions');
    // lerp(a * 2, b - 1, clamp01(a + b)): three temporaries set before lerp's body reads them.
    expect(code).toMatch(/\(t0 = \(x\[0\] \* 2\), t1 = \(x\[1\] - 1\), t\d+ = /);
    // Where block bodies are written before the expression, so are the temporaries (in order).
    const inline = written(eq.positional.temporaries!, 2);
    expect(inline.pre.slice(0, 2)).toEqual(['t0 = (x[0] * 2);', 't1 = (x[1] - 1);']);
    // lerp(a, a, a): reads of the inputs need no temporaries.
    expect(code).toContain('(x[0] + ((x[0] - x[0]) * x[0]))');
  });

  it('writes block bodies inline as statements where they are surely evaluated', () => {
    const nested = written(eq.positional.nestedBlocks!, 2);
    // Two tanh bodies inline (labelled blocks before the expression), the one in a branch called.
    expect(nested.pre.join('\n').match(/^L\w+: \{$/gm)).toHaveLength(2);
    expect(nested.code).toMatch(/\? g\d+\(x\[1\]\) : 0/);
    const list = written(eq.lists.weightedMeanOr!, 5, true);
    expect(list.pre.join('\n')).toContain('break');
    expect(list.code).toMatch(/^t\d+$/);
    // Each inlined body's locals have names of their own: the argument read is the outer one.
    const shadowed = written(eq.positional.shadowedArgument!, 1).pre.join('\n');
    const locals = [...shadowed.matchAll(/let (_\w+) =/g)].map((m) => m[1]);
    expect(new Set(locals).size).toBe(locals.length);
    expect(written(eq.positional.block!, 2, false, 'functions').code).toMatch(/^g\d+\(/);
  });

  it("reads a captured object's property when it runs, as the closure does", () => {
    const ref = (eq as unknown as { REF: { position: number } }).REF;
    const { evaluate } = written(eq.positional.capturedObject!, 1);
    expect(evaluate(Float64Array.of(3))).toBe(3 * 2 + (2 + (3 - 2) * 0.5));
    ref.position = 5;
    expect(evaluate(Float64Array.of(3))).toBe(eq.positional.capturedObject!(3));
    expect(evaluate(Float64Array.of(3))).toBe(3 * 5 + (5 + (3 - 5) * 0.5));
    ref.position = 2;
  });

  it('refuses what it cannot write exactly', () => {
    expect(() => written(eq.refused.missingInput!, 2)).toThrow(JsUnsupported);
    expect(() => written(eq.refused.indexNotKnown!, 3, true)).toThrow(JsUnsupported);
    expect(() => written(eq.refused.listLoopNotKnown!, 3, true)).toThrow(JsUnsupported);
    expect(() => written(eq.refused.beforeDeclaration!, 1)).toThrow(JsUnsupported);
    expect(() => written(() => 1, 0)).toThrow(JsUnsupported); // no source: called
  });
});
