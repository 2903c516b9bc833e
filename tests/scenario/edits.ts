/**
 * An arbitrary of edited copies of a scenario, as a user of the app makes them: values set through
 * the catalogue, products and consumers added, removed and renamed, wiring and own pipelines
 * changed, simulation settings changed. Every edit that would break a rule is skipped, so every
 * result is a valid scenario.
 */
import fc from 'fast-check';
import {
  assumptionsOf,
  newProductMaturity,
  parseScenarioValue,
  removeDataProductFrom,
  scenarioToFile,
  withAssumptions,
  zeroImpact,
  type Scenario,
} from '../../simulation';

export type Edit = readonly [op: number, pick: number, fraction: number];

export const editsArb = (maxLength = 12): fc.Arbitrary<readonly Edit[]> =>
  fc.array(fc.tuple(fc.nat(9), fc.nat(1000), fc.double({ min: 0, max: 1, noNaN: true })), {
    maxLength,
  });

const valid = (s: Scenario): boolean => parseScenarioValue(scenarioToFile(s)).ok;

function applyEdit(s: Scenario, [op, pick, f]: Edit): Scenario {
  const next = structuredClone(s);
  const products = next.dataProducts;
  const consumers = next.aiConsumers;
  const product = products[pick % Math.max(1, products.length)];
  const consumer = consumers[pick % Math.max(1, consumers.length)];
  switch (op) {
    case 0:
    case 1: {
      const all = assumptionsOf(next);
      const a = all[pick % all.length]!;
      return withAssumptions(next, [[a.name, a.min + (a.max - a.min) * f]]);
    }
    case 2:
      if (product) removeDataProductFrom(next, product.id);
      return next;
    case 3:
      products.push({
        id: `added-${pick}`,
        name: `Added ${pick}`,
        domain: 'd',
        startWeek: Math.round(f * 10),
        maturity: newProductMaturity(),
        buildWeeks: 4,
        buildCostUsd: 1000 * pick,
        runCostUsdPerWeek: 100,
      });
      return next;
    case 4:
      if (consumer) consumers.splice(consumers.indexOf(consumer), 1);
      return next;
    case 5:
      consumers.push({
        id: `new-consumer-${pick}`,
        name: `New consumer ${pick}`,
        uses: products.filter((_, i) => (pick >> i) & 1).map((p) => p.id),
        ownPipelines: pick % 3,
        startWeek: 0,
        devWeeks: 8,
        devCostUsd: 1000,
        runCostUsdPerWeek: 10,
        impact: { ...zeroImpact(), conversion: f },
      });
      return next;
    case 6:
      if (f < 0.5 && product) product.name = `${product.name} ${pick}`;
      else if (consumer) consumer.name = `${consumer.name} ${pick}`;
      if (product && f < 0.25) product.domain = `domain ${pick}`;
      return next;
    case 7:
      if (consumer && product) {
        const at = consumer.uses.indexOf(product.id);
        if (at >= 0) consumer.uses.splice(at, 1);
        else consumer.uses.push(product.id);
      }
      return next;
    case 8:
      if (consumer) consumer.ownPipelines = pick % 4;
      return next;
    default:
      next.simulation = {
        ...next.simulation,
        seed: pick,
        mode: f < 0.5 ? 'expected' : 'stochastic',
        weeks: f < 0.2 ? next.simulation.weeks * 2 : next.simulation.weeks,
      };
      return next;
  }
}

/** `base` after the edits that keep it valid. */
export function edited(base: Scenario, edits: readonly Edit[]): Scenario {
  let s = base;
  for (const e of edits) {
    const next = applyEdit(s, e);
    if (valid(next)) s = next;
  }
  return s;
}
