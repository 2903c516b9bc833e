/**
 * Random list equations, written as TypeScript and passed through the build's transform (as the
 * model's files are), compiled to WebAssembly inline (the list bound to its inputs, loops
 * unrolled, values known while translating folded) and as the fallback's helper: on lists of 1 to
 * 9 inputs with special values each must give what the run loop stores of the closure's value.
 * The bodies mix loops with known and fractional bounds and steps, reversed loops, indexes out of
 * range, locals known or assigned, early returns, helpers over the list (expression and block
 * bodies, inlined) and JavaScript's conversions of booleans.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Untranslatable } from '../../simulation/engine/wasm/translate';
import { propertyRuns } from '../model/helpers';
import { SPECIAL, sourced } from './js-emit-helpers';
import { compiledList, stored, type ListPath } from './wasm-lists-helpers';

const PRELUDE = `
const K = 0.25;
const FLAG = true;
const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
const total = (v: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
};
const avg = (v: Float64Array): number => (v.length === 0 ? 0 : total(v) / v.length);
const firstAbove = (v: Float64Array, x: number): number => {
  for (let i = 0; i < v.length; i++) if (v[i]! > x) return v[i]!;
  return x;
};
const last = (v: Float64Array) => v[v.length - 1]!;
`;

const BINARY = ['+', '-', '*', '/', '<', '<=', '>', '>=', '===', '!==', '&&', '||'];

/** Expressions over `names` (fully parenthesised), and over the list `v` unless `list` is false. */
function expression(names: readonly string[], list = true): fc.Arbitrary<string> {
  const leaf = fc.oneof(
    fc.constantFrom(...names),
    fc.constantFrom('K', 'FLAG', 'true', '0', '1', '2', '0.5', '-0', '1e308', 'n'),
  );
  const listLeaf = fc.constantFrom(
    'v.length',
    'total(v)',
    'avg(v)',
    'last(v)',
    'v[0]!',
    'v[n]!',
    'v[v.length]!',
  );
  const { e } = fc.letrec<{ e: string }>((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.tuple(fc.constantFrom('-', '!'), tie('e')).map(([op, x]) => `(${op} ${x})`),
      fc
        .tuple(tie('e'), fc.constantFrom(...BINARY), tie('e'))
        // `a < (b > (c))` would read as a call with type arguments: `+` keeps it a comparison.
        .map(([x, op, y]) =>
          op === '<' || op === '<=' ? `(${x} ${op} +${y})` : `(${x} ${op} ${y})`,
        ),
      fc.tuple(tie('e'), tie('e'), tie('e')).map(([c, x, y]) => `(${c} ? ${x} : ${y})`),
      fc
        .tuple(fc.constantFrom('Math.max', 'Math.min', 'Math.abs', 'clamp01', 'exp'), tie('e'))
        .map(([f, x]) => `${f}(${x})`),
      list ? listLeaf : leaf,
      list ? tie('e').map((x) => `firstAbove(v, ${x})`) : leaf,
    ),
  }));
  return e;
}

/** A loop over the list: known start, bound and step (some fractional), or reversed. */
const loop = fc
  .tuple(
    fc.constantFrom('0', '1', '2', '-1', '0.5', 'n'),
    fc.constantFrom('v.length', 'n', 'v.length - 1', '3'),
    fc.constantFrom('i++', 'i += 2', 'i += 0.5'),
    expression(['s', 'v[i]!', 'i', 'v[i + 1]!', 'v[n + i]!']),
  )
  .map(([from, to, step, x]) => `for (let i = ${from}; i < ${to}; ${step}) s = ${x};`);
const reversed = expression(['s', 'v[i]!', 'i']).map(
  (x) => `for (let i = v.length - 1; i >= 0; i--) if (${x}) s += v[i]!; else s -= i;`,
);

/** A block body over a list `v`, ending in a return. */
const body = fc
  .tuple(
    expression(['v[1]!']),
    fc.array(
      fc.oneof(
        expression(['s']).map((x) => `s += ${x};`),
        fc
          .tuple(expression(['s']), expression(['s']))
          .map(([c, x]) => `if (${c}) s = ${x}; else s *= 2;`),
        loop,
        reversed,
        expression(['s']).map((x) => `{ const t = ${x}; if (t > 1) return t; }`),
        expression(['s']).map((x) => `if (v.length > 4) return ${x};`),
        expression(['v[i]!', 'i']).map(
          (x) => `{ let w = 0; for (let i = 0; i < n; i++) w += ${x}; s = s * 0.5 + w; }`,
        ),
      ),
      { maxLength: 4 },
    ),
    expression(['s', 'v[0]!']),
  )
  .map(
    ([first, statements, last]) =>
      `const n = (v.length - 1) / 2;\nlet s = ${first};\n${statements.join('\n')}\nreturn ${last};`,
  );

const values = fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.double()), {
  minLength: 9,
  maxLength: 9,
});

type Compiled = ((v: Float64Array) => number) | 'refused';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- any equation
function compile(fn: Function, n: number, path: ListPath): Compiled {
  try {
    return compiledList(fn, n, path);
  } catch (e) {
    if (!(e instanceof Untranslatable)) throw e;
    return 'refused';
  }
}

describe('random list equations in WebAssembly give the closure value', () => {
  it('block bodies over lists of 1 to 9 inputs, inline and as the helper', () => {
    let tried = 0;
    let inlined = 0;
    fc.assert(
      fc.property(body, fc.integer({ min: 1, max: 9 }), values, (text, n, args) => {
        const { g } = sourced(`${PRELUDE}
export const g = (v: Float64Array) => { ${text} };`) as Record<'g', (v: Float64Array) => unknown>;
        const list = Float64Array.from(args.slice(0, n));
        const expected = stored(g(Float64Array.from(list)));
        const inline = compile(g, n, 'inline');
        const helper = compile(g, n, 'helper');
        tried++;
        // Inlining knows more than the helper (the length, the indexes): it refuses no less.
        if (helper !== 'refused' && inline === 'refused')
          expect.fail(`${text}\nn=${n}: the helper translates, inline refuses`);
        if (inline !== 'refused') inlined++;
        for (const [path, wasm] of [
          ['inline', inline],
          ['helper', helper],
        ] as const) {
          if (wasm === 'refused') continue;
          const got = wasm(list);
          if (!Object.is(got, expected))
            expect.fail(
              `${text}\nat [${[...list].join(', ')}] (${path}): wasm ${got}, closure ${expected}`,
            );
        }
      }),
      { numRuns: propertyRuns(150) },
    );
    // Most random bodies translate (refused: `===` between a number and a boolean or undefined).
    expect(inlined).toBeGreaterThan(tried / 2);
  });

  it('expression bodies over lists of 1 to 9 inputs', () => {
    fc.assert(
      fc.property(
        expression(['v[1]!', 'v[n - 1]!']),
        fc.integer({ min: 1, max: 9 }),
        values,
        (text, n, args) => {
          const { g } = sourced(`${PRELUDE}
export const g = (v: Float64Array) => { const n = (v.length - 1) / 2; return ${text}; };`) as Record<
            'g',
            (v: Float64Array) => unknown
          >;
          const list = Float64Array.from(args.slice(0, n));
          const expected = stored(g(Float64Array.from(list)));
          const inline = compile(g, n, 'inline');
          if (inline === 'refused') return;
          const got = inline(list);
          if (!Object.is(got, expected))
            expect.fail(`${text}\nat [${[...list].join(', ')}]: wasm ${got}, closure ${expected}`);
        },
      ),
      { numRuns: propertyRuns(150) },
    );
  });

  it('block bodies of positional equations, inlined', () => {
    const x = (names: readonly string[]): fc.Arbitrary<string> => expression(names, false);
    const positional = fc
      .tuple(
        x(['a', 'b']),
        fc.array(
          fc.oneof(
            x(['a', 'b', 's']).map((e) => `s += ${e};`),
            fc
              .tuple(x(['a', 's']), x(['b', 's']))
              .map(([c, e]) => `if (${c}) s = ${e}; else s *= 2;`),
            fc
              .tuple(fc.constantFrom('3', 'n', 'Math.min(a, 5)'), x(['s', 'b', 'i']))
              .map(([to, e]) => `for (let i = 0; i < ${to}; i++) s = ${e};`),
            x(['a', 's']).map((e) => `{ const t = ${e}; if (t > 1) return t; }`),
          ),
          { maxLength: 4 },
        ),
        x(['s', 'a']),
      )
      .map(([first, statements, last]) => {
        return `const n = 2;\nlet s = ${first};\n${statements.join('\n')}\nreturn ${last};`;
      });
    let inlined = 0;
    fc.assert(
      fc.property(positional, values, (text, [a = 0, b = 0]) => {
        const { g } = sourced(`${PRELUDE}
export const g = (a: number, b: number) => { ${text} };`) as Record<
          'g',
          (a: number, b: number) => unknown
        >;
        const wasm = compile(g, 2, 'positional');
        if (wasm === 'refused') return;
        inlined++;
        const expected = stored(g(a, b));
        const got = wasm(Float64Array.of(a, b));
        if (!Object.is(got, expected))
          expect.fail(`${text}\nat ${a}, ${b}: wasm ${got}, closure ${expected}`);
      }),
      { numRuns: propertyRuns(100) },
    );
    expect(inlined).toBeGreaterThan(0);
  });
});
