/**
 * Random equations, written as TypeScript, through the build's transform, then written back as
 * JavaScript by the codegen backend's writer: on every input the written code must give the
 * closure's value (Object.is). The expressions mix every operator of the language with literals
 * (-0 and huge ones), captured constants, booleans in arithmetic, `Math.*`, inlined helpers and
 * dmath's functions, so that folding, parenthesising and the conversions are all exercised; the
 * bodies add locals, assignments, conditions and loops over a list of inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsUnsupported } from '../../simulation/engine/js-emit';
import { propertyRuns } from '../model/helpers';
import { BLOCK_MODES, SPECIAL, sourced, written } from './js-emit-helpers';

const PRELUDE = `
const K = 0.25;
const FLAG = true;
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
const lerp = (a: number, b: number, t: number): number => a + (b - a) * t;
const tanh = (x: number): number => {
  const t = exp(-2 * Math.abs(x));
  const r = (1 - t) / (1 + t);
  return x < 0 ? -r : r;
};
`;

const BINARY = [
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '<=',
  '>',
  '>=',
  '===',
  '!==',
  '==',
  '!=',
  '&&',
  '||',
  '??',
];

const ARITY: Record<string, number> = {
  clamp01: 1,
  tanh: 1,
  exp: 1,
  'Math.abs': 1,
  'Math.floor': 1,
  pow: 2,
  lerp: 3,
};

/** Expressions over the names in `names` (fully parenthesised: the tree is what matters). */
function expression(names: readonly string[]): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom('K', 'FLAG', 'Infinity', 'true', 'false', '0', '1', '2', '0.5', '3', '1e308'),
  );
  const { e } = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(fc.constantFrom('-', '+', '!'), tie('e')).map(([op, x]) => `(${op}${x})`),
      fc
        .tuple(tie('e'), fc.constantFrom(...BINARY), tie('e'))
        // TypeScript reads `a < (b > (c))` as a call with type arguments, `a<b>(c)` (CI found
        // it): a unary plus after `<` keeps the comparison a comparison.
        .map(([x, op, y]) =>
          op === '<' || op === '<=' ? `(${x} ${op} +${y})` : `(${x} ${op} ${y})`,
        ),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
      fc
        .tuple(
          fc.constantFrom(
            'Math.max',
            'Math.min',
            'Math.abs',
            'Math.floor',
            'clamp01',
            'tanh',
            'exp',
            'pow',
            'lerp',
          ),
          fc.array(tie('e'), { minLength: 1, maxLength: 3 }),
        )
        .map(([f, args]) => {
          const arity = ARITY[f];
          const used = arity === undefined ? args : [...args, ...args, ...args].slice(0, arity);
          return `${f}(${used.join(', ')})`;
        }),
    ),
  }));
  return e;
}

/** Statement lists of a block body reading `a` and `b` (and a list `v`), ending in a return. */
function body(list: boolean): fc.Arbitrary<string> {
  const loop = list
    ? fc
        .tuple(fc.integer({ min: 0, max: 3 }), expression(['s', 'v[i]!', 'i', 'v[i + 1]!']))
        .map(([from, x]) => `for (let i = ${from}; i < v.length; i++) s = ${x};`)
    : fc
        .tuple(fc.constantFrom('3', 'Math.min(a, 5)'), expression(['s', 'b', 'i']))
        .map(([to, x]) => `for (let i = 0; i < ${to}; i++) s = ${x};`);
  return fc
    .tuple(
      expression(['a', 'b']),
      fc.array(
        fc.oneof(
          expression(['a', 'b', 's']).map((x) => `s += ${x};`),
          fc
            .tuple(expression(['a', 's']), expression(['b', 's']))
            .map(([c, x]) => `if (${c}) s = ${x}; else s *= 2;`),
          loop,
          expression(['a', 's']).map((x) => `{ const t = ${x}; if (t > 1) return t; }`),
        ),
        { maxLength: 4 },
      ),
      expression(list ? ['s', 'a', 'v[0]!', 'v.length'] : ['s', 'a']),
    )
    .map(
      ([first, statements, last]) => `let s = ${first};\n${statements.join('\n')}\nreturn ${last};`,
    );
}

const inputs = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.double()), {
  minLength: 6,
  maxLength: 6,
});

describe('random equations written as JavaScript give the closure value', () => {
  it('expressions of two inputs', () => {
    let refused = 0;
    fc.assert(
      fc.property(expression(['a', 'b']), fc.array(inputs, { maxLength: 8 }), (text, extra) => {
        const fn = sourced(`${PRELUDE}\nexport const f = (a: number, b: number) => ${text};`).f as (
          a: number,
          b: number,
        ) => unknown;
        let evaluators: ((x: Float64Array) => unknown)[];
        try {
          evaluators = BLOCK_MODES.map((mode) => written(fn, 2, false, mode).evaluate);
        } catch (e) {
          if (!(e instanceof JsUnsupported)) throw e;
          refused++;
          return;
        }
        const pairs = [...SPECIAL.flatMap((a) => SPECIAL.map((b) => [a, b])), ...extra];
        for (const [a = 0, b = 0] of pairs) {
          const expected = fn(a, b);
          evaluators.forEach((evaluate, i) => {
            const got = evaluate(Float64Array.of(a, b));
            if (!Object.is(got, expected))
              expect.fail(
                `${text} at a=${a}, b=${b} (${BLOCK_MODES[i]}): written ${String(got)}, closure ${String(expected)}`,
              );
          });
        }
      }),
      { numRuns: propertyRuns(150) },
    );
    expect(refused).toBe(0);
  });

  it('block bodies of two inputs', () => {
    fc.assert(
      fc.property(body(false), inputs, (text, [a = 0, b = 0]) => {
        const { f } = sourced(`${PRELUDE}
export const f = (a: number, b: number) => { ${text} };`) as Record<
          'f',
          (...x: number[]) => unknown
        >;
        const expected = f(a, b);
        for (const mode of BLOCK_MODES) {
          const got = written(f, 2, false, mode).evaluate(Float64Array.of(a, b));
          if (!Object.is(got, expected))
            expect.fail(
              `${text}\nat ${a}, ${b} (${mode}): written ${String(got)}, closure ${String(expected)}`,
            );
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('block bodies over a list of inputs (loops unrolled)', () => {
    fc.assert(
      fc.property(body(true), fc.integer({ min: 1, max: 6 }), inputs, (text, n, args) => {
        const { g } = sourced(`${PRELUDE}
export const g = (v: Float64Array) => { const a = v[0]!; const b = v[v.length - 1]!; ${text} };`) as Record<
          'g',
          (v: Float64Array) => unknown
        >;
        const list = Float64Array.from(args.slice(0, n));
        const expected = g(Float64Array.from(list));
        for (const mode of BLOCK_MODES) {
          const got = written(g, n, true, mode).evaluate(list);
          if (!Object.is(got, expected))
            expect.fail(
              `${text}\nat [${[...list].join(', ')}] (${mode}): written ${String(got)}, closure ${String(expected)}`,
            );
        }
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});
