/**
 * Files written by every released format version must keep loading forever (RELIABILITY.md).
 * tests/fixtures/scenarios/ holds, per version N, `vN-complete.flywheel.json` (every field written
 * out) and `vN-minimal.flywheel.json` (relying on defaults). Never edit or delete them: when the
 * format changes, add the new version's pair and a migration.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  canonicalJson,
  CONSUMER_FIELDS,
  CURRENT_FORMAT_VERSION,
  IMPACT_FIELDS,
  MATURITY_FIELDS,
  PARAMETERS,
  parseScenarioText,
  parseScenarioValue,
  PRODUCT_FIELDS,
  scenarioToFile,
  type Scenario,
} from '../../simulation';

const DIR = join(import.meta.dirname, '..', 'fixtures', 'scenarios');
const FIXTURE = /^v(\d+)-(complete|minimal)\.flywheel\.json$/;
const fixtures = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((file) => ({ file, match: FIXTURE.exec(file) }));

function load(file: string): Scenario {
  const r = parseScenarioText(readFileSync(join(DIR, file), 'utf8'));
  if (!r.ok) throw new Error(`${file}: ${JSON.stringify(r.issues)}`);
  return r.scenario;
}

describe('scenario fixtures', () => {
  it('are named vN-complete / vN-minimal, one pair for every format version up to the current one', () => {
    for (const f of fixtures) expect(f.match, f.file).not.toBeNull();
    for (let v = 1; v <= CURRENT_FORMAT_VERSION; v++) {
      for (const kind of ['complete', 'minimal']) {
        expect(
          fixtures.map((f) => f.file),
          `v${v}-${kind}`,
        ).toContain(`v${v}-${kind}.flywheel.json`);
      }
    }
  });

  for (const { file } of fixtures) {
    it(`${file} loads, and its scenario validates again when saved`, () => {
      const s = load(file);
      const again = parseScenarioValue(JSON.parse(JSON.stringify(scenarioToFile(s))));
      expect(again.ok).toBe(true);
      if (again.ok) expect(canonicalJson(again.scenario)).toBe(canonicalJson(s));
    });
  }

  it(`v${CURRENT_FORMAT_VERSION}-complete loads to exactly what it says`, () => {
    const file = `v${CURRENT_FORMAT_VERSION}-complete.flywheel.json`;
    const raw = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { parameters: object };
    type Params = Record<string, number>;
    const saved = scenarioToFile(load(file)) as unknown as {
      parameters: Params;
      pinnedRuns?: { inputs: { parameters: Params } }[];
    };
    // Registry parameters added after the fixture was written are not in it: they load at their
    // defaults (a file that leaves a parameter out means the default), in the scenario and in its
    // pinned runs' inputs, and nothing else differs.
    const added = PARAMETERS.filter((p) => !(p.name in raw.parameters));
    const asWritten = (params: Params): Params => {
      for (const p of added) expect(params[p.name], p.name).toBe(p.default);
      return Object.fromEntries(Object.entries(params).filter(([k]) => k in raw.parameters));
    };
    const savedAsWritten = {
      ...saved,
      parameters: asWritten(saved.parameters),
      ...(saved.pinnedRuns
        ? {
            pinnedRuns: saved.pinnedRuns.map((r) => ({
              ...r,
              inputs: { ...r.inputs, parameters: asWritten(r.inputs.parameters) },
            })),
          }
        : {}),
    };
    expect(canonicalJson(savedAsWritten)).toBe(canonicalJson(raw));
  });

  it('v1-complete keeps its values (pinned: these must survive every future migration)', () => {
    const s = load('v1-complete.flywheel.json');
    expect(s.name).toBe('Fixture v1: complete \u2014 mesh retailer \u00abÜnïcødé\u00bb "quoted"');
    expect(s.description).toContain('\nSecond line.');
    expect(s.simulation).toEqual({
      weeks: 208,
      stepWeeks: 0.5,
      seed: 4294967295,
      mode: 'expected',
    });
    expect(s.parameters.marketSize).toBe(25_000_000);
    expect(s.parameters.learningCurveExponent).toBe(-0.25);
    expect(s.parameters.centralQueueWeeksPerProduct).toBe(0);
    expect(s.dataProducts.map((p) => p.id)).toEqual([
      'customer-360',
      'product-catalog',
      'recommendation-feature-store',
      'inventory-prediction',
      'risk-profile-graph',
    ]);
    expect(s.dataProducts[4]).toMatchObject({ domain: 'risk', buildWeeks: 20.5, startWeek: 6 });
    expect(s.dataProducts[4]!.maturity.governance).toBe(0.9);
    expect(s.aiConsumers[3]).toMatchObject({
      id: 'fraud-scoring',
      ownPipelines: 2,
      uses: ['risk-profile-graph', 'customer-360'],
    });
    expect(s.aiConsumers[3]!.impact.churn).toBe(0.02);
    expect(s.ownPipeline).toMatchObject({ buildWeeks: 9, buildCostUsd: 90_000 });
  });

  it('v2-complete keeps its provenance and calibration record (pinned)', () => {
    const s = load('v2-complete.flywheel.json');
    expect(s.provenance).toEqual({
      baseChurnPerWeek: { kind: 'calibrated', file: 'kpis 2023-2025.xlsx', date: '2026-12-01' },
      bassImitationPerYear: { kind: 'calibrated', file: 'kpis 2023-2025.xlsx', date: '2026-12-01' },
      'dataProduct.risk-profile-graph.maturity.governance': { kind: 'input', date: '2026-11-30' },
      initialActiveUsers: { kind: 'input', date: '2026-11-30' },
    });
    expect(s.calibration?.file).toBe('kpis 2023-2025.xlsx');
    expect(s.calibration?.fitted[2]).toEqual({
      name: 'dataProduct.customer-360.maturity.quality',
      value: 0.75,
      low: null,
      high: null,
    });
    expect(s.calibration?.history.frequency).toBe('monthly');
    expect(s.calibration?.history.periods.map((p) => p.label)).toEqual([
      '2023-01',
      '2023-02',
      '2023-04',
    ]);
    expect(s.calibration?.history.series[0]!.values).toEqual([2480000, 2501000, null]);
    expect(s.calibration?.history.series[1]).toMatchObject({ aggregate: 'total', weight: 2.5 });
  });

  it('a version 1 file has no provenance: every value keeps its registry source', () => {
    const s = load('v1-complete.flywheel.json');
    expect(s.provenance).toBeUndefined();
    expect(s.calibration).toBeUndefined();
  });

  it('v1-minimal takes every missing field from the registries', () => {
    const s = load('v1-minimal.flywheel.json');
    expect(s.name).toBe('Fixture v1: minimal');
    expect(s.description).toBe('');
    expect(s.simulation).toEqual({ weeks: 156, stepWeeks: 1, seed: 1, mode: 'stochastic' });
    for (const p of PARAMETERS) expect(s.parameters[p.name], p.name).toBe(p.default);
    const [product] = s.dataProducts;
    expect(product).toMatchObject({ id: 'customer-360', name: 'Customer 360', domain: '' });
    for (const [k, f] of Object.entries(MATURITY_FIELDS))
      expect(product!.maturity[k as keyof typeof MATURITY_FIELDS], k).toBe(f.default);
    for (const [k, f] of Object.entries(PRODUCT_FIELDS))
      expect(product![k as keyof typeof PRODUCT_FIELDS], k).toBe(f.default);
    const [consumer] = s.aiConsumers;
    expect(consumer!.uses).toEqual(['customer-360']);
    for (const [k, f] of Object.entries(CONSUMER_FIELDS))
      expect(consumer![k as keyof typeof CONSUMER_FIELDS], k).toBe(f.default);
    for (const [k, f] of Object.entries(IMPACT_FIELDS))
      expect(consumer!.impact[k as keyof typeof IMPACT_FIELDS], k).toBe(f.default);
    for (const [k, f] of Object.entries(MATURITY_FIELDS))
      expect(s.ownPipeline.maturity[k as keyof typeof MATURITY_FIELDS], k).toBe(f.default);
  });
});

describe('version 3: variants, pinned runs and the comparison', () => {
  it('v1 and v2 files open as documents without variants, pinned runs or a comparison', () => {
    for (const file of [
      'v1-complete.flywheel.json',
      'v1-minimal.flywheel.json',
      'v2-complete.flywheel.json',
      'v2-minimal.flywheel.json',
    ]) {
      const s = load(file);
      expect(s.variants, file).toBeUndefined();
      expect(s.pinnedRuns, file).toBeUndefined();
      expect(s.comparison, file).toBeUndefined();
    }
  });

  it('v3-complete keeps its variants, pinned runs and comparison (pinned values)', () => {
    const s = load('v3-complete.flywheel.json');
    expect(s.variants!.map((v) => v.name)).toEqual([
      'as is',
      'skip governance',
      'two products only',
      'reordered',
    ]);
    expect(s.variants![1]!.changes[0]).toEqual({
      kind: 'set',
      name: 'dataProduct.*.maturity.governance',
      value: 0,
    });
    expect(s.variants![2]!.changes.map((c) => c.kind)).toEqual(
      expect.arrayContaining([
        'removeDataProduct',
        'addDataProduct',
        'addAiConsumer',
        'rename',
        'domain',
        'uses',
        'ownPipelines',
        'simulation',
        'removeAiConsumer',
      ]),
    );
    expect(s.pinnedRuns!.map((p) => [p.name, p.pinnedAt])).toEqual([
      ['quality 95%', '2026-11-24T09:30:00.000Z'],
      ['Pinned «as it was»', '2026-11-24T10:05:12.345Z'],
    ]);
    expect(s.pinnedRuns![0]!.inputs.dataProducts[0]!.maturity.quality).toBe(0.95);
    expect(s.pinnedRuns![0]!.inputs.simulation.seed).toBe(42);
    expect(s.comparison).toEqual({
      runs: [
        { kind: 'base' },
        { kind: 'variant', name: 'skip governance' },
        { kind: 'pin', name: 'quality 95%' },
        { kind: 'variant', name: 'two products only' },
      ],
      baseline: { kind: 'pin', name: 'Pinned «as it was»' },
    });
    // Every variant still applies to its base.
    for (const v of s.variants!) expect(applyChanges(s, v.changes).problems, v.name).toEqual([]);
  });

  it("v3-minimal takes the defaults of a pinned run's inputs and of a variant's changes", () => {
    const s = load('v3-minimal.flywheel.json');
    expect(s.variants).toEqual([
      {
        name: 'skip governance',
        changes: [{ kind: 'set', name: 'dataProduct.*.maturity.governance', value: 0 }],
      },
      { name: 'no changes', changes: [] },
    ]);
    const [pin] = s.pinnedRuns!;
    expect(pin!.inputs.simulation).toEqual({
      weeks: 156,
      stepWeeks: 1,
      seed: 1,
      mode: 'stochastic',
    });
    expect(pin!.inputs.dataProducts).toEqual([]);
    for (const p of PARAMETERS) expect(pin!.inputs.parameters[p.name], p.name).toBe(p.default);
    expect(s.comparison).toEqual({ runs: [], baseline: { kind: 'pin', name: 'defaults' } });
  });
});

describe('the format envelope', () => {
  const minimal = () =>
    JSON.parse(readFileSync(join(DIR, 'v1-minimal.flywheel.json'), 'utf8')) as Record<
      string,
      unknown
    >;

  it('a newer format version gets the explicit message, naming both versions', () => {
    const r = parseScenarioValue({ ...minimal(), formatVersion: CURRENT_FORMAT_VERSION + 1 });
    expect(r).toEqual({
      ok: false,
      issues: [
        {
          path: 'formatVersion',
          message: `this file uses format version ${CURRENT_FORMAT_VERSION + 1}, newer than this app understands (${CURRENT_FORMAT_VERSION}); open it with a newer Flywheel Lab`,
        },
      ],
    });
  });

  it('a missing, fractional, textual or non-positive version is refused at formatVersion', () => {
    for (const v of [undefined, 1.5, '1', 0, -1, null, [1], Infinity]) {
      const file = minimal();
      if (v === undefined) delete file.formatVersion;
      else file.formatVersion = v;
      const r = parseScenarioValue(file);
      expect(r.ok, String(v)).toBe(false);
      if (!r.ok) {
        expect(r.issues).toHaveLength(1);
        expect(r.issues[0]!.path).toBe('formatVersion');
        expect(r.issues[0]!.message).toMatch(
          v === undefined
            ? /^required/
            : new RegExp(`^expected a whole number from 1 to ${CURRENT_FORMAT_VERSION}, got `),
        );
      }
    }
  });

  it('another kind of file is named as such', () => {
    for (const kind of [undefined, 'flywheel-lab/settings', 1]) {
      const r = parseScenarioValue({ ...minimal(), kind });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.issues).toEqual([
          { path: 'kind', message: expect.stringContaining('not a Flywheel Lab scenario file') },
        ]);
    }
  });

  it('a byte-order mark is accepted', () => {
    const text = readFileSync(join(DIR, 'v1-minimal.flywheel.json'), 'utf8');
    expect(parseScenarioText(`\ufeff${text}`).ok).toBe(true);
  });
});
