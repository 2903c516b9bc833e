/**
 * Variants' changes: applyChanges(base, diffScenarios(base, target)) gives the target's runnable
 * parts exactly, for targets edited as the app edits and for unrelated scenarios; changes that no
 * longer apply are reported and skipped, never thrown.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyChanges,
  canonicalJson,
  diffScenarios,
  runInputsOf,
  withAssumption,
  withPreset,
  type Scenario,
} from '../../simulation';
import { propertyRuns } from '../model/helpers';
import { scenarioArb } from './arbitraries';
import { edited, editsArb } from './edits';

const inputs = (s: Scenario): string => canonicalJson(runInputsOf(s));

function roundTrips(base: Scenario, target: Scenario): void {
  const changes = diffScenarios(base, target);
  const r = applyChanges(base, changes);
  expect(r.problems).toEqual([]);
  expect(inputs(r.scenario)).toBe(inputs(target));
  expect(r.scenario.name).toBe(base.name);
  // Applying the changes to the result changes nothing more.
  expect(diffScenarios(r.scenario, target)).toEqual([]);
}

describe('diffScenarios and applyChanges', () => {
  it('the same scenario has no changes', () => {
    expect(diffScenarios(withPreset(), withPreset())).toEqual([]);
  });

  it('governance 0 on every product: one set per product, through the catalogue names', () => {
    const base = withPreset();
    const target = withAssumption(base, 'dataProduct.*.maturity.governance', 0);
    const changes = diffScenarios(base, target);
    expect(changes).toEqual(
      base.dataProducts.map((p) => ({
        kind: 'set',
        name: `dataProduct.${p.id}.maturity.governance`,
        value: 0,
      })),
    );
    roundTrips(base, target);
  });

  it('a pattern change applies to every product the base has when applied', () => {
    const base = withPreset();
    const r = applyChanges(base, [
      { kind: 'set', name: 'dataProduct.*.maturity.governance', value: 0 },
    ]);
    expect(r.problems).toEqual([]);
    expect(r.scenario.dataProducts.map((p) => p.maturity.governance)).toEqual([0, 0, 0, 0]);
    expect(base.dataProducts[0]!.maturity.governance).toBe(0.8); // the base is not changed
  });

  it('removing a product gives its consumers an own pipeline, as the app does', () => {
    const base = withPreset();
    const r = applyChanges(base, [{ kind: 'removeDataProduct', id: 'customer-360' }]);
    expect(r.problems).toEqual([]);
    expect(r.scenario.dataProducts.map((p) => p.id)).not.toContain('customer-360');
    for (const c of r.scenario.aiConsumers) {
      const before = base.aiConsumers.find((x) => x.id === c.id)!;
      const used = before.uses.includes('customer-360');
      expect(c.ownPipelines).toBe(before.ownPipelines + (used ? 1 : 0));
      expect(c.uses).not.toContain('customer-360');
    }
  });

  it('changes that no longer apply are reported and skipped', () => {
    const base = withPreset();
    const r = applyChanges(base, [
      { kind: 'set', name: 'dataProduct.gone.maturity.quality', value: 0.9 },
      { kind: 'set', name: 'baseChurnPerWeek', value: 5 },
      { kind: 'removeAiConsumer', id: 'nobody' },
      { kind: 'uses', id: 'personalized-homepage', uses: ['missing'] },
      { kind: 'set', name: 'dataProduct.customer-360.maturity.quality', value: 0.95 },
    ]);
    expect(r.problems).toHaveLength(4);
    expect(r.problems[0]).toMatch(/dataProduct\.gone\.maturity\.quality/);
    expect(r.problems[1]).toMatch(/outside its valid range/);
    expect(r.scenario.dataProducts[0]!.maturity.quality).toBe(0.95);
  });

  it('a result that breaks a cross-field rule is reported', () => {
    const base = withPreset();
    const r = applyChanges(base, [
      { kind: 'set', name: 'initialActiveUsers', value: base.parameters.marketSize! + 1 },
    ]);
    expect(r.problems.join(' ')).toMatch(/cannot exceed the market/);
  });

  it('round trip: any target the app can make from a base (property)', () => {
    fc.assert(
      fc.property(scenarioArb({ maxProducts: 4, maxConsumers: 3 }), editsArb(), (base, edits) => {
        roundTrips(base, edited(base, edits));
      }),
      { numRuns: propertyRuns(120) },
    );
  });

  it('round trip: any two valid scenarios, however different (property)', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxProducts: 4, maxConsumers: 3 }),
        scenarioArb({ maxProducts: 4, maxConsumers: 3 }),
        roundTrips,
      ),
      { numRuns: propertyRuns(120) },
    );
  });
});
