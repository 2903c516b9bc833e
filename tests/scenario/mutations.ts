/**
 * Hand-written arbitraries that damage valid scenario files: structural mutations of the parsed
 * JSON (deleted, retyped, added and hostile keys; NaN, Infinity and huge numbers; deep nesting;
 * long strings) and textual mutations of the file (number literals JSON does not allow, cuts,
 * inserted characters, duplicated keys).
 */
import fc from 'fast-check';

export type JsonPath = readonly (string | number)[];

/** Every path to a node of a JSON tree (the root is []). */
export function pathsOf(value: unknown, prefix: JsonPath = []): JsonPath[] {
  const out: JsonPath[] = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...prefix, k]));
  }
  return out;
}

function getAt(root: unknown, path: JsonPath): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

/** A copy of `root` with the node at `path` replaced (or removed when `replacement` is DELETE). */
export const DELETE = Symbol('delete');
export function withAt(root: unknown, path: JsonPath, replacement: unknown): unknown {
  if (path.length === 0) return replacement === DELETE ? {} : replacement;
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = root.slice();
    if (rest.length === 0 && replacement === DELETE) copy.splice(head as number, 1);
    else copy[head as number] = withAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) {
    if (k !== head) defineOwn(copy, k, v);
    else if (rest.length > 0 || replacement !== DELETE)
      defineOwn(copy, k, withAt(v, rest, replacement));
  }
  return copy;
}

/** Sets an own data property even for keys like `__proto__` (as JSON.parse does). */
export function defineOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function nested(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

/** Values that a hostile or broken writer might put anywhere. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    NaN,
    Infinity,
    -Infinity,
    1e308,
    -1e308,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    -0,
    2 ** 53 + 1,
    -1,
    1e-320,
    '',
    '1',
    'NaN',
    true,
    false,
    null,
    [],
    {},
  ),
  fc.jsonValue({ maxDepth: 3 }),
  // Deep, but shallow enough for JSON.stringify and fast-check's reporter (both recursive);
  // the parser's own limits are tested with 200,000 levels in fuzz.test.ts.
  fc.integer({ min: 100, max: 2000 }).map((d) => nested(d)),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('__proto__', 'constructor', 'prototype').map((k) => {
    const o: Record<string, unknown> = {};
    defineOwn(o, k, { polluted: true, marketSize: 1 });
    return o;
  }),
);

/** A JSON value of a different type than `v` (so that a retyped field cannot still be valid). */
function retyped(v: unknown): fc.Arbitrary<unknown> {
  const t = jsonType(v);
  const options: fc.Arbitrary<unknown>[] = [];
  if (t !== 'string') options.push(fc.string({ maxLength: 20 }));
  if (t !== 'number') options.push(fc.double({ noNaN: true }));
  if (t !== 'boolean') options.push(fc.boolean());
  if (t !== 'null') options.push(fc.constant(null));
  if (t !== 'array') options.push(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }));
  if (t !== 'object')
    options.push(
      fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    );
  return fc.oneof(...options);
}

export type Mutation =
  | { kind: 'delete'; path: JsonPath }
  | { kind: 'retype'; path: JsonPath; value: unknown }
  | { kind: 'hostile'; path: JsonPath; value: unknown }
  | { kind: 'addKey'; path: JsonPath; key: string; value: unknown };

const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', ''),
  fc.string({ maxLength: 12 }),
);

/** One random mutation of the parsed file `root`. */
export function mutationOf(root: unknown): fc.Arbitrary<Mutation> {
  const paths = pathsOf(root);
  const nonRoot = paths.filter((p) => p.length > 0);
  const objects = paths.filter((p) => {
    const v = getAt(root, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  return fc.oneof(
    fc.constantFrom(...nonRoot).map((path): Mutation => ({ kind: 'delete', path })),
    fc
      .constantFrom(...nonRoot)
      .chain((path) =>
        retyped(getAt(root, path)).map((value): Mutation => ({ kind: 'retype', path, value })),
      ),
    fc
      .tuple(fc.constantFrom(...nonRoot), hostileValue)
      .map(([path, value]): Mutation => ({ kind: 'hostile', path, value })),
    fc
      .tuple(
        fc.constantFrom(...objects),
        hostileKey,
        fc.oneof(hostileValue, fc.jsonValue({ maxDepth: 2 })),
      )
      .map(([path, key, value]): Mutation => ({ kind: 'addKey', path, key, value })),
  );
}

export function applyMutation(root: unknown, m: Mutation): unknown {
  switch (m.kind) {
    case 'delete':
      return withAt(root, m.path, DELETE);
    case 'retype':
    case 'hostile':
      return withAt(root, m.path, m.value);
    case 'addKey': {
      const target = getAt(root, m.path) as Record<string, unknown>;
      const copy: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(target)) defineOwn(copy, k, v);
      defineOwn(copy, m.key, m.value);
      return withAt(root, m.path, copy);
    }
  }
}

/** Textual damage to a file's JSON text. */
export function textMutationOf(text: string): fc.Arbitrary<string> {
  const numberAt = [...text.matchAll(/-?\d+(\.\d+)?([eE][+-]?\d+)?/g)].map(
    (m) => [m.index!, m[0].length] as const,
  );
  const keyAt = [...text.matchAll(/"[A-Za-z]+":/g)].map((m) => [m.index!, m[0]] as const);
  const badNumber = fc.constantFrom(
    'NaN',
    'Infinity',
    '-Infinity',
    '1e400',
    '-1e400',
    '01',
    '1.',
    '.5',
    '+1',
    '0x10',
    '1e',
    '--1',
  );
  const options: fc.Arbitrary<string>[] = [
    fc.nat({ max: text.length }).map((i) => text.slice(0, i)),
    fc
      .tuple(
        fc.nat({ max: text.length }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
      )
      .map(([i, s]) => text.slice(0, i) + s + text.slice(i)),
    fc
      .tuple(fc.nat({ max: text.length }), fc.nat({ max: 20 }))
      .map(([i, n]) => text.slice(0, i) + text.slice(i + n)),
  ];
  if (numberAt.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...numberAt), badNumber)
        .map(([[i, len], s]) => text.slice(0, i) + s + text.slice(i + len)),
    );
  }
  if (keyAt.length > 0) {
    // A duplicated key: JSON.parse keeps the last one.
    options.push(
      fc
        .tuple(fc.constantFrom(...keyAt), fc.jsonValue({ maxDepth: 1 }))
        .map(([[i, key], v]) => `${text.slice(0, i)}${key}${JSON.stringify(v)},${text.slice(i)}`),
    );
  }
  return fc.oneof(...options);
}
