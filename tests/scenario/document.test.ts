/**
 * The document parts of a scenario file (format version 2): names unique among variants and
 * pinned runs, references that resolve, limits, and malformed parts reported at their field.
 * Resolving runs of a document, and the rules for run names.
 */
import { describe, expect, it } from 'vitest';
import {
  findRunByName,
  MAX_COMPARED_RUNS,
  parseScenarioValue,
  resolveRun,
  runInputsOf,
  runNameProblem,
  scenarioHash,
  scenarioToFile,
  withPreset,
  type Scenario,
} from '../../simulation';

const doc = (): Scenario => ({
  ...withPreset(),
  variants: [
    {
      name: 'skip governance',
      changes: [{ kind: 'set', name: 'dataProduct.*.maturity.governance', value: 0 }],
    },
    {
      name: 'Stale',
      changes: [{ kind: 'set', name: 'dataProduct.gone.maturity.quality', value: 1 }],
    },
  ],
  pinnedRuns: [
    {
      name: 'as is',
      pinnedAt: '2026-11-24T09:30:00.000Z',
      kpiFingerprint: '0123456789abcdef',
      inputs: runInputsOf(withPreset()),
    },
  ],
  comparison: {
    runs: [{ kind: 'base' }, { kind: 'pin', name: 'as is' }],
    baseline: { kind: 'pin', name: 'as is' },
  },
});

const issuesOf = (s: Record<string, unknown>) => {
  const r = parseScenarioValue(s);
  return r.ok ? [] : r.issues;
};

describe('document rules', () => {
  it('a valid document loads as it is', () => {
    const r = parseScenarioValue(scenarioToFile(doc()));
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('a variant and a pinned run may not share a name (ignoring case)', () => {
    const file = scenarioToFile({
      ...doc(),
      pinnedRuns: [{ ...doc().pinnedRuns![0]!, name: 'Skip Governance' }],
      comparison: undefined,
    });
    expect(issuesOf(file)).toEqual([
      {
        path: 'pinnedRuns[0].name',
        message:
          'the pinned run "Skip Governance": the name is already used by the variant "skip governance"',
      },
    ]);
  });

  it('the comparison names runs that exist, each once, at most eight', () => {
    const d = doc();
    d.comparison = {
      runs: [{ kind: 'variant', name: 'nope' }, { kind: 'base' }, { kind: 'base' }],
      baseline: { kind: 'pin', name: 'missing' },
    };
    expect(issuesOf(scenarioToFile(d))).toEqual([
      { path: 'comparison.runs[0]', message: 'no variant named "nope"' },
      { path: 'comparison.runs[2]', message: 'this run is listed twice' },
      { path: 'comparison.baseline', message: 'no pinned run named "missing"' },
    ]);
    d.comparison = {
      runs: Array.from({ length: MAX_COMPARED_RUNS + 1 }, () => ({ kind: 'base' as const })),
      baseline: null,
    };
    expect(issuesOf(scenarioToFile(d))).toContainEqual({
      path: 'comparison.runs',
      message: 'expected at most 8 runs',
    });
  });

  it("a pinned run's inputs obey the scenario rules, reported under the pin", () => {
    const d = doc();
    d.pinnedRuns![0]!.inputs.aiConsumers[0]!.uses = ['nowhere'];
    d.pinnedRuns![0]!.inputs.parameters.initialActiveUsers = 1e12;
    const paths = issuesOf(scenarioToFile(d)).map((i) => i.path);
    expect(paths).toContain('pinnedRuns[0].inputs.aiConsumers[0].uses[0]');
    expect(paths).toContain('pinnedRuns[0].inputs.parameters.initialActiveUsers');
  });

  it('malformed changes are reported at their field with the kinds listed', () => {
    const file = scenarioToFile(doc()) as { variants: { changes: unknown[] }[] };
    file.variants[0]!.changes = [
      { kind: 'explode' },
      { kind: 'set', name: 'bad name!', value: 1 },
      { kind: 'set', name: 'baseChurnPerWeek', value: 'x' },
      { kind: 'ownPipelines', id: 'a', value: 99 },
      7,
    ];
    const issues = issuesOf(file);
    expect(issues.map((i) => i.path)).toEqual([
      'variants[0].changes[0].kind',
      'variants[0].changes[1].name',
      'variants[0].changes[2].value',
      'variants[0].changes[3].value',
      'variants[0].changes[4]',
    ]);
    expect(issues[0]!.message).toMatch(/kind is one of "set", "simulation"/);
  });

  it('variants, pinned runs and the comparison do not change the scenario hash', () => {
    expect(scenarioHash(doc())).toBe(scenarioHash(withPreset()));
  });
});

describe('runs of a document', () => {
  it('resolves the base, a variant (with its problems) and a pinned run', () => {
    const d = doc();
    expect(resolveRun(d, { kind: 'base' })!.scenario.variants).toBeUndefined();
    const v = resolveRun(d, { kind: 'variant', name: 'skip governance' })!;
    expect(v.label).toBe('skip governance');
    expect(v.scenario.dataProducts.every((p) => p.maturity.governance === 0)).toBe(true);
    expect(v.problems).toEqual([]);
    expect(resolveRun(d, { kind: 'variant', name: 'Stale' })!.problems[0]).toMatch(
      /dataProduct\.gone/,
    );
    const pin = resolveRun(d, { kind: 'pin', name: 'as is' })!;
    expect(runInputsOf(pin.scenario)).toEqual(d.pinnedRuns![0]!.inputs);
    expect(resolveRun(d, { kind: 'pin', name: 'nope' })).toBeNull();
  });

  it('finds a variant or pinned run by name, exactly first, then ignoring case', () => {
    const d = doc();
    expect(findRunByName(d, 'AS IS')).toEqual({ kind: 'pin', name: 'as is' });
    expect(findRunByName(d, 'stale')).toEqual({ kind: 'variant', name: 'Stale' });
    expect(findRunByName(d, 'nothing')).toBeNull();
  });

  it('run names: needed, trimmed, at most 80 characters, unique among variants and pins', () => {
    const d = doc();
    expect(runNameProblem(d, '')).toMatch(/needed/);
    expect(runNameProblem(d, ' x')).toMatch(/spaces/);
    expect(runNameProblem(d, 'x'.repeat(81))).toMatch(/80/);
    expect(runNameProblem(d, 'AS IS')).toMatch(/already/);
    expect(runNameProblem(d, 'AS IS', 'as is')).toBeNull();
    expect(runNameProblem(d, 'new one')).toBeNull();
  });
});
