/** Scenarios derived from a scenario: the same business without data products, and the status quo. */
import type { Scenario } from './types';

/**
 * The same business with no data products: every AI consumer builds its own pipeline from raw
 * siloed data for each product it used (on the scenario's own-pipeline template).
 */
export function withoutDataProducts(s: Scenario): Scenario {
  return {
    ...s,
    name: `${s.name} - without data products`,
    description: `${s.name}, with every AI consumer on its own pipelines from raw siloed data.`,
    parameters: { ...s.parameters },
    dataProducts: [],
    aiConsumers: s.aiConsumers.map((c) => ({
      ...c,
      impact: { ...c.impact },
      uses: [],
      ownPipelines: c.ownPipelines + c.uses.length,
    })),
  };
}

/** The business as it is: no data products, no AI. The reference for payback. */
export function statusQuo(s: Scenario): Scenario {
  return {
    ...s,
    name: `${s.name} - status quo`,
    parameters: { ...s.parameters },
    dataProducts: [],
    aiConsumers: [],
  };
}

/** True when the scenario has anything a `without` variant would change. */
export function hasDataProducts(s: Scenario): boolean {
  return s.dataProducts.length > 0;
}
