/**
 * Loader fuzzing (RELIABILITY.md): whatever the input - any JSON value, any string, random bytes
 * decoded as text, a valid file damaged in any way, hostile keys, deep nesting, oversized text -
 * parseScenarioText / parseScenarioValue return a typed result and never throw: either a valid
 * scenario, or {ok: false, issues} where every issue has a field path and a message.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatIssues,
  MAX_SCENARIO_BYTES,
  parseScenarioText,
  parseScenarioValue,
  scenarioToFile,
  serializeScenario,
  withPreset,
  type ParseResult,
} from '../../simulation';
import { propertyRuns } from '../model/helpers';
import { calibrationRecordArb, provenanceArb, scenarioArb, withWhereFromArb } from './arbitraries';
import { documentArb } from './document-arbitraries';
import { applyMutation, mutationOf, textMutationOf } from './mutations';

const PROTOTYPE_KEYS = Object.getOwnPropertyNames(Object.prototype).sort();

/** The result is one of the two typed shapes, and a valid result re-validates. */
function expectTyped(r: ParseResult): void {
  expect(typeof r.ok).toBe('boolean');
  if (r.ok) {
    const again = parseScenarioValue(JSON.parse(JSON.stringify(scenarioToFile(r.scenario))));
    expect(again.ok ? [] : again.issues).toEqual([]);
    return;
  }
  expect(Array.isArray(r.issues)).toBe(true);
  expect(r.issues.length).toBeGreaterThan(0);
  for (const issue of r.issues) {
    expect(Object.keys(issue).sort()).toEqual(['message', 'path']);
    expect(typeof issue.path).toBe('string');
    expect(typeof issue.message).toBe('string');
    expect(issue.message.trim().length).toBeGreaterThan(0);
    // Messages are short and single-line: they go to a terminal or a dialog as they are.
    expect(issue.message).not.toMatch(/\n/);
    expect(issue.message.length).toBeLessThan(400);
  }
  const text = formatIssues('file.json', r.issues);
  for (const line of text.split('\n')) expect(line.startsWith('file.json: ')).toBe(true);
}

/** Runs the parser, turning a throw into a test failure that names the input. */
function safely(parse: () => ParseResult): ParseResult {
  let r: ParseResult | undefined;
  expect(() => {
    r = parse();
  }).not.toThrow();
  return r!;
}

const validFile = (): Record<string, unknown> =>
  JSON.parse(serializeScenario(withPreset())) as Record<string, unknown>;

/** The complete version 3 fixture: every kind of change, pinned runs, a comparison. */
const validDocument = (): Record<string, unknown> =>
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, '..', 'fixtures', 'scenarios', 'v3-complete.flywheel.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;

afterAll(() => {
  // No input managed to pollute Object.prototype (through __proto__ or constructor keys).
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_KEYS);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

describe('any input gives a typed result, never a throw', () => {
  it('any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expectTyped(safely(() => parseScenarioValue(v)));
        expectTyped(safely(() => parseScenarioText(JSON.stringify(v))));
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('any JavaScript value handed over as already parsed (Maps, typed arrays, null prototypes, ...)', () => {
    fc.assert(
      fc.property(
        fc.anything({
          withMap: true,
          withSet: true,
          withBoxedValues: true,
          withNullPrototype: true,
          withTypedArray: true,
          withSparseArray: true,
          withBigInt: true,
          withDate: true,
        }),
        (v) => expectTyped(safely(() => parseScenarioValue(v))),
      ),
      { numRuns: propertyRuns(150) },
    );
  });

  it('a JSON object that looks like a scenario: right kind and version, random fields', () => {
    const lookalike = fc.record(
      {
        kind: fc.oneof(fc.constant('flywheel-lab/scenario'), fc.jsonValue({ maxDepth: 1 })),
        formatVersion: fc.oneof(fc.constantFrom(1, 2), fc.jsonValue({ maxDepth: 1 })),
        name: fc.jsonValue({ maxDepth: 1 }),
        variants: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
        pinnedRuns: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
        comparison: fc.jsonValue({ maxDepth: 3 }),
        parameters: fc.dictionary(fc.string({ maxLength: 30 }), fc.jsonValue({ maxDepth: 1 })),
        dataProducts: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }),
        aiConsumers: fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 4 }),
        simulation: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['kind', 'formatVersion'] },
    );
    fc.assert(
      fc.property(lookalike, (v) => expectTyped(safely(() => parseScenarioValue(v)))),
      { numRuns: propertyRuns(150) },
    );
  });

  it('any string, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string()),
        (s) => {
          expectTyped(safely(() => parseScenarioText(s)));
        },
      ),
      { numRuns: propertyRuns(150) },
    );
  });

  it('random bytes decoded as UTF-8 text', () => {
    const decoder = new TextDecoder('utf-8', { fatal: false });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => {
        expectTyped(safely(() => parseScenarioText(decoder.decode(bytes))));
      }),
      { numRuns: propertyRuns(150) },
    );
  });
});

/** Slots that may hold null or a number: an interval's ends, a period's figure, the start date. */
function nullable(path: readonly (string | number)[]): boolean {
  const last = path[path.length - 1];
  return (
    last === 'low' || last === 'high' || last === 'startDate' || path[path.length - 2] === 'values'
  );
}

/** A slot that may hold null but no number: a document's comparison baseline (none chosen). */
function nullOnly(path: readonly (string | number)[]): boolean {
  return path.length === 2 && path[0] === 'comparison' && path[1] === 'baseline';
}

/** A retype the format accepts: null, or a number, where null is allowed (not a start date). */
function harmlessRetype(path: readonly (string | number)[], value: unknown): boolean {
  if (nullOnly(path)) return value === null;
  return (
    nullable(path) &&
    (value === null || (typeof value === 'number' && path[path.length - 1] !== 'startDate'))
  );
}

describe('damaged valid files give a typed result, never a throw', () => {
  // Scenarios (with provenance and a calibration record, format version 2, or without), and
  // documents with variants, pinned runs and a comparison (format version 3).
  const fileAndMutation = fc
    .oneof(withWhereFromArb(scenarioArb({ maxWeeks: 156 })), documentArb({ maxWeeks: 156 }))
    .map((s) => JSON.parse(serializeScenario(s)) as unknown)
    .chain((file) => mutationOf(file).map((m) => ({ file, m })));

  it('deleted, retyped, hostile and added keys (as a value and as text)', () => {
    fc.assert(
      fc.property(fileAndMutation, ({ file, m }) => {
        const damaged = applyMutation(file, m);
        const r = safely(() => parseScenarioValue(damaged));
        expectTyped(r);
        if (m.kind === 'retype' && !r.ok) {
          // A field of the wrong type is reported at its path or at a containing field.
          const path = m.path
            .map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`))
            .join('')
            .replace(/^\./, '');
          expect(
            r.issues.some((i) => path === i.path || path.startsWith(i.path)),
            `${path} in ${JSON.stringify(r.issues)}`,
          ).toBe(true);
        }
        expectTyped(safely(() => parseScenarioText(JSON.stringify(damaged))));
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('a retyped required or typed field is always an error', () => {
    const retypes = fc.constantFrom(validFile(), validDocument()).chain((file) =>
      mutationOf(file)
        .filter((m) => m.kind === 'retype')
        .map((m) => ({ file, m })),
    );
    fc.assert(
      fc.property(retypes, ({ file, m }) => {
        const r = safely(() => parseScenarioValue(applyMutation(file, m)));
        // Every field of the complete file is typed; a value of another JSON type never passes,
        // except null or a number in a slot that allows null (a calibration interval's end).
        if (m.kind === 'retype' && harmlessRetype(m.path, m.value)) return;
        expect(r.ok, JSON.stringify(m)).toBe(false);
      }),
      { numRuns: propertyRuns(100) },
    );
  });

  it('a retyped field of provenance or the calibration record is an error (unless null is allowed there and a number or null arrives)', () => {
    const calibratedFile = fc
      .constant(withPreset())
      .chain((s) =>
        fc.record({
          s: fc.constant(s),
          provenance: provenanceArb(s),
          calibration: calibrationRecordArb(),
        }),
      )
      .map(
        ({ s, provenance, calibration }) =>
          JSON.parse(serializeScenario({ ...s, provenance, calibration })) as unknown,
      );
    const retypes = calibratedFile.chain((file) =>
      mutationOf(file)
        .filter(
          (m) => m.kind === 'retype' && (m.path[0] === 'provenance' || m.path[0] === 'calibration'),
        )
        .map((m) => ({ file, m })),
    );
    fc.assert(
      fc.property(retypes, ({ file, m }) => {
        const r = safely(() => parseScenarioValue(applyMutation(file, m)));
        expectTyped(r);
        if (m.kind !== 'retype') return;
        if (!harmlessRetype(m.path, m.value)) expect(r.ok, JSON.stringify(m)).toBe(false);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it('textual damage: bad number literals, cuts, inserted characters, duplicate keys', () => {
    const damagedText = fc.constant(serializeScenario(withPreset())).chain(textMutationOf);
    fc.assert(
      fc.property(damagedText, (text) => expectTyped(safely(() => parseScenarioText(text)))),
      { numRuns: propertyRuns(150) },
    );
  });
});

describe('specific hostile inputs', () => {
  it('NaN, Infinity and huge numbers are rejected at their field', () => {
    for (const bad of [NaN, Infinity, -Infinity, 1e308, -1e308]) {
      const file = validFile();
      (file.parameters as Record<string, unknown>).baseConversion = bad;
      const r = parseScenarioValue(file);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.path)).toContain('parameters.baseConversion');
    }
    // In a file, 1e400 parses to Infinity: still rejected with the field's range.
    const text = serializeScenario(withPreset()).replace(
      '"baseConversion": 0.025',
      '"baseConversion": 1e400',
    );
    const r = parseScenarioText(text);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues[0]).toEqual({
        path: 'parameters.baseConversion',
        message: expect.stringMatching(/from 0 to 1.*got Infinity/),
      });
  });

  it('__proto__ and constructor keys are unknown fields and pollute nothing', () => {
    const base = serializeScenario(withPreset());
    for (const [where, replacement] of [
      ['{', '{"__proto__": {"polluted": true},'],
      ['"parameters": {', '"parameters": {"__proto__": {"marketSize": 5},'],
      ['"parameters": {', '"parameters": {"constructor": {"prototype": {"polluted": true}},'],
      ['"maturity": {', '"maturity": {"__proto__": {"quality": 2},'],
    ] as const) {
      const r = parseScenarioText(base.replace(where, replacement));
      expect(r.ok, replacement).toBe(false);
      if (!r.ok) expect(r.issues[0]!.message).toMatch(/unknown field "(__proto__|constructor)"/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('deep nesting, as text and as a value', () => {
    const depth = 200_000;
    expectTyped(parseScenarioText('['.repeat(depth) + ']'.repeat(depth)));
    expectTyped(parseScenarioText('{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));
    let deep: unknown = 1;
    for (let i = 0; i < depth; i++) deep = { a: deep };
    const file = validFile();
    for (const key of ['description', 'simulation', 'parameters', 'dataProducts', 'extra']) {
      const r = parseScenarioValue({ ...file, [key]: deep });
      expect(r.ok, key).toBe(false);
      expectTyped(r);
    }
  });

  it('oversized input is refused before parsing, with the limit in the message', () => {
    const big = `{"kind":"flywheel-lab/scenario","formatVersion":1,"name":"x","description":"${'x'.repeat(MAX_SCENARIO_BYTES)}"}`;
    const started = performance.now();
    const r = parseScenarioText(big);
    expect(performance.now() - started).toBeLessThan(50);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        { path: '', message: expect.stringContaining(`the limit is ${MAX_SCENARIO_BYTES}`) },
      ]);
  });

  it('too many products, consumers and sources are refused with a count', () => {
    const file = validFile();
    const product = (file.dataProducts as Record<string, unknown>[])[0]!;
    const many = Array.from({ length: 51 }, (_, i) => ({ ...product, id: `p${i}` }));
    const r = parseScenarioValue({ ...file, dataProducts: many, aiConsumers: [] });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toContainEqual({
        path: 'dataProducts',
        message: 'expected at most 50 data products',
      });
  });

  it('a value whose property access throws (a hostile proxy) gives an issue, not a throw', () => {
    const trap = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
      },
    );
    expectTyped(safely(() => parseScenarioValue(trap)));
    expectTyped(safely(() => parseScenarioValue({ ...validFile(), parameters: trap })));
  });
});
