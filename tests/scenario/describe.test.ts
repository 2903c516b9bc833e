/** What a variant changes, in words, from the assumption catalogue's labels and units. */
import { describe, expect, it } from 'vitest';
import {
  describeChanges,
  describeDifferences,
  formatChangeValue,
  removeDataProductFrom,
  withAssumptions,
  withPreset,
} from '../../simulation';

describe('describeChanges', () => {
  const base = withPreset();

  it('one value set on every product is one line, counting the products', () => {
    const equal = withAssumptions(base, [['dataProduct.*.maturity.governance', 0.8]]);
    expect(
      describeChanges(equal, [
        { kind: 'set', name: 'dataProduct.*.maturity.governance', value: 0 },
      ]),
    ).toEqual(['Governance maturity 0.8 → 0 on all 4 data products']);
    expect(
      describeChanges(base, [{ kind: 'set', name: 'dataProduct.*.maturity.governance', value: 0 }]),
    ).toEqual(['Governance maturity → 0 on all 4 data products (was 0.7 to 0.8)']);
    expect(
      describeChanges(equal, [
        { kind: 'set', name: 'dataProduct.customer-360.maturity.governance', value: 0 },
        { kind: 'set', name: 'dataProduct.product-catalog.maturity.governance', value: 0 },
      ]),
    ).toEqual(['Governance maturity 0.8 → 0 on 2 data products']);
  });

  it('a single value names its owner; parameters their label; units as people read them', () => {
    expect(
      describeChanges(base, [
        { kind: 'set', name: 'dataProduct.customer-360.maturity.quality', value: 0.95 },
        { kind: 'set', name: 'baseChurnPerWeek', value: 0.01 },
        { kind: 'set', name: 'dataProduct.customer-360.buildCostUsd', value: 300_000 },
        { kind: 'set', name: 'aiConsumer.personalized-homepage.devWeeks', value: 1 },
      ]),
    ).toEqual([
      'Customer 360: Quality maturity 0.75 → 0.95',
      'Churn of active users 1.2%/week → 1%/week',
      'Customer 360: Build cost $240k → $300k',
      'Personalized homepage: Development time 16 weeks → 1 week',
    ]);
  });

  it('structure: removals together, additions, renames, wiring, own pipelines, settings', () => {
    const target = structuredClone(base);
    removeDataProductFrom(target, 'recommendation-feature-store');
    removeDataProductFrom(target, 'inventory-prediction');
    target.aiConsumers[0]!.name = 'Homepage';
    target.aiConsumers[1]!.uses = ['customer-360'];
    target.aiConsumers[2]!.ownPipelines = 3;
    target.simulation = { ...target.simulation, weeks: 260, mode: 'expected' };
    expect(describeDifferences(base, target)).toEqual([
      'Removed data products Recommendation feature store and Inventory prediction',
      'Renamed AI consumer Personalized homepage to Homepage',
      'Product recommendations stops using Product catalog',
      'Inventory forecasting: own pipelines from raw data 1 → 3',
      'Horizon 156 → 260 weeks',
      'Randomness stochastic → expected value',
    ]);
  });

  it('a change that does not apply says so; no changes, no words', () => {
    expect(
      describeChanges(base, [{ kind: 'set', name: 'dataProduct.gone.maturity.quality', value: 1 }]),
    ).toEqual(["Does not apply: no assumption named 'dataProduct.gone.maturity.quality'"]);
    expect(describeChanges(base, [])).toEqual([]);
    expect(describeDifferences(base, withPreset())).toEqual([]);
  });

  it('formats values in their units', () => {
    expect(formatChangeValue(0.955, 'maturity 0-1')).toBe('0.955');
    expect(formatChangeValue(12, 'weeks')).toBe('12 weeks');
    expect(formatChangeValue(3, 'week')).toBe('week 3');
    expect(formatChangeValue(0.03, '1/year')).toBe('3%/year');
    expect(formatChangeValue(240_000, 'usd')).toBe('$240k');
    expect(formatChangeValue(0.025, 'fraction')).toBe('2.5%');
    expect(formatChangeValue(10_000_000, 'people')).toBe('10M people');
  });
});
