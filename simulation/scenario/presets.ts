/**
 * Built-in scenarios. `with` is today's retailer, the default e-commerce business with four data
 * products and three AI consumers; `without` is the same business with every consumer on its own
 * pipelines from raw siloed data (derived, not written twice); `mesh` has the products owned by
 * domains. `small-shop`, `marketplace` and `subscription` are other businesses with the same data
 * products and AI uses (a family of presets, each with a verdict the tests pin).
 */
import type { Maturity } from '../model/anatomy';
import { zeroImpact, type Impact } from '../model/entities';
import { defaultParameterValues } from '../model/parameters';
import { steadyAcquisitionPerWeek } from '../model/users';
import { withoutDataProducts } from './derive';
import type { AiConsumerSpec, DataProductSpec, Scenario } from './types';

const maturity = (
  datasets: number,
  pipelines: number,
  apis: number,
  metadata: number,
  governance: number,
  slas: number,
  ownership: number,
  quality: number,
): Maturity => ({ datasets, pipelines, apis, metadata, governance, slas, ownership, quality });

const impact = (partial: Partial<Impact>): Impact => ({ ...zeroImpact(), ...partial });

function defaultProducts(): DataProductSpec[] {
  return [
    {
      id: 'customer-360',
      name: 'Customer 360',
      domain: 'customer',
      maturity: maturity(0.8, 0.75, 0.7, 0.7, 0.8, 0.7, 0.8, 0.75),
      buildWeeks: 16,
      buildCostUsd: 240_000,
      runCostUsdPerWeek: 4000,
      startWeek: 0,
    },
    {
      id: 'product-catalog',
      name: 'Product catalog',
      domain: 'merchandising',
      maturity: maturity(0.85, 0.8, 0.75, 0.75, 0.7, 0.7, 0.8, 0.8),
      buildWeeks: 10,
      buildCostUsd: 120_000,
      runCostUsdPerWeek: 2500,
      startWeek: 0,
    },
    {
      id: 'recommendation-feature-store',
      name: 'Recommendation feature store',
      domain: 'customer',
      maturity: maturity(0.75, 0.75, 0.8, 0.65, 0.7, 0.75, 0.75, 0.7),
      buildWeeks: 14,
      buildCostUsd: 200_000,
      runCostUsdPerWeek: 4000,
      startWeek: 0,
    },
    {
      id: 'inventory-prediction',
      name: 'Inventory prediction',
      domain: 'supply chain',
      maturity: maturity(0.7, 0.7, 0.65, 0.6, 0.7, 0.7, 0.75, 0.7),
      buildWeeks: 12,
      buildCostUsd: 160_000,
      runCostUsdPerWeek: 3000,
      startWeek: 0,
    },
  ];
}

function defaultConsumers(): AiConsumerSpec[] {
  const common = { ownPipelines: 0, devWeeks: 16, devCostUsd: 250_000, runCostUsdPerWeek: 5000 };
  return [
    {
      id: 'personalized-homepage',
      name: 'Personalized homepage',
      uses: ['customer-360', 'product-catalog', 'recommendation-feature-store'],
      startWeek: 0,
      ...common,
      impact: impact({ sessions: 0.06, conversion: 0.04, churn: 0.1 }),
    },
    {
      id: 'product-recommendations',
      name: 'Product recommendations',
      uses: ['customer-360', 'product-catalog', 'recommendation-feature-store'],
      startWeek: 12,
      ...common,
      impact: impact({
        basket: 0.06,
        conversion: 0.04,
        searchSuccess: 0.3,
        churn: 0.05,
        sessions: 0.02,
      }),
    },
    {
      id: 'inventory-forecasting',
      name: 'Inventory forecasting',
      uses: ['product-catalog', 'inventory-prediction'],
      startWeek: 24,
      ...common,
      impact: impact({ stockouts: 0.3 }),
    },
  ];
}

export function withPreset(): Scenario {
  const parameters = defaultParameterValues();
  return {
    name: 'E-commerce with data products',
    description:
      "Today's mid-sized online retailer with four data products (Customer 360, Product catalog, Recommendation feature store, Inventory prediction) feeding three AI consumers.",
    simulation: { weeks: 156, stepWeeks: 1, seed: 1, mode: 'stochastic' },
    parameters,
    dataProducts: defaultProducts(),
    aiConsumers: defaultConsumers(),
    ownPipeline: {
      maturity: maturity(0.5, 0.25, 0.1, 0.1, 0.15, 0.1, 0.2, 0.2),
      buildWeeks: 8,
      buildCostUsd: 80_000,
      runCostUsdPerWeek: 2000,
    },
  };
}

export function withoutPreset(): Scenario {
  return withoutDataProducts(withPreset());
}

/**
 * Data mesh: the same products owned by their domains. Domains build in parallel (no central
 * queue), own their products more fully, and feed operational feedback back faster; federated
 * governance adds coordination overhead. Evidence is thin (MODEL-ANCHORS.md): judgement values.
 */
export function meshPreset(): Scenario {
  const s = withPreset();
  s.name = 'E-commerce as a data mesh';
  s.description =
    'The same products owned by the customer, merchandising and supply-chain domains: built in parallel, stronger ownership and feedback, coordination overhead.';
  // Only what data products are: the same business without them (own pipelines) is unchanged, so
  // `mesh` and `with` are compared against exactly the same `without`.
  s.parameters.centralQueueWeeksPerProduct = 0;
  s.parameters.coordinationCostUsdPerProductPerWeek = 1500;
  s.dataProducts = s.dataProducts.map((dp) => ({
    ...dp,
    buildWeeks: dp.buildWeeks + 2,
    maturity: {
      ...dp.maturity,
      ownership: Math.min(1, dp.maturity.ownership + 0.15),
      slas: Math.min(1, dp.maturity.slas + 0.05),
    },
  }));
  return s;
}

/**
 * A small online shop with the default data products and AI uses: 5,000 active customers in a
 * market of 50,000. The products, platform and AI cost what they cost anyone (people and builds);
 * only the parts that grow with the business (compute, compliance exposure, incident damage)
 * shrink with it.
 */
export function smallShopPreset(): Scenario {
  const s = withPreset();
  s.name = 'Small online shop';
  s.description =
    'A small online shop (5,000 active customers of 50,000 reachable) considering the same four data products and three AI uses as a mid-sized retailer.';
  s.parameters.marketSize = 50_000;
  s.parameters.initialActiveUsers = 5_000;
  s.parameters.acquisitionPerWeek = steadyAcquisitionPerWeek(s.parameters);
  return s;
}

/**
 * An online marketplace: many buyers who visit often and buy cheaper items, with the operator
 * earning a take rate on the goods sold rather than a retail margin; search matters more.
 */
export function marketplacePreset(): Scenario {
  const s = withPreset();
  s.name = 'Online marketplace';
  s.description =
    'A marketplace (4 million active buyers of 40 million reachable): frequent visits, low conversion and order value, a 12% take rate on goods sold, search in a third of sessions.';
  Object.assign(s.parameters, {
    marketSize: 40_000_000,
    initialActiveUsers: 4_000_000,
    sessionsPerUserPerWeek: 2.5,
    baseConversion: 0.015,
    averageOrderValueUsd: 45,
    grossMargin: 0.12,
    searchShareOfSessions: 0.3,
  });
  s.parameters.acquisitionPerWeek = steadyAcquisitionPerWeek(s.parameters);
  return s;
}

/**
 * A subscription business (weekly meal boxes): customers order most weeks they visit, churn is
 * high, and the margin on a box is higher than general retail.
 */
export function subscriptionPreset(): Scenario {
  const s = withPreset();
  s.name = 'Subscription business';
  s.description =
    'A meal-box subscription (100,000 subscribers of 2 million reachable): one visit a week that usually ends in an order of $60, 2% of subscribers lost a week, a 35% margin.';
  Object.assign(s.parameters, {
    marketSize: 2_000_000,
    initialActiveUsers: 100_000,
    sessionsPerUserPerWeek: 1,
    baseConversion: 0.5,
    averageOrderValueUsd: 60,
    baseChurnPerWeek: 0.02,
    grossMargin: 0.35,
    searchShareOfSessions: 0.05,
  });
  s.parameters.acquisitionPerWeek = steadyAcquisitionPerWeek(s.parameters);
  return s;
}

export const PRESETS = {
  with: withPreset,
  without: withoutPreset,
  mesh: meshPreset,
  'small-shop': smallShopPreset,
  marketplace: marketplacePreset,
  subscription: subscriptionPreset,
} as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name);
}
