/**
 * Built-in scenarios. `with` is the default e-commerce business with four data products and three
 * AI consumers; `without` is the same business with every consumer on its own pipelines from raw
 * siloed data (derived, not written twice); `mesh` has the products owned by domains.
 */
import type { Maturity } from '../model/anatomy';
import { zeroImpact, type Impact } from '../model/entities';
import { defaultParameterValues } from '../model/parameters';
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
      'An online retailer with four data products (Customer 360, Product catalog, Recommendation feature store, Inventory prediction) feeding three AI consumers.',
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
  s.parameters.centralQueueWeeksPerProduct = 0;
  s.parameters.coordinationCostUsdPerProductPerWeek = 1500;
  s.parameters.qualityRepairPerWeek = 0.06;
  s.dataProducts = s.dataProducts.map((dp) => ({
    ...dp,
    buildWeeks: dp.buildWeeks + 2,
    maturity: {
      ...dp.maturity,
      ownership: Math.min(1, dp.maturity.ownership + 0.1),
      slas: Math.min(1, dp.maturity.slas + 0.05),
    },
  }));
  return s;
}

export const PRESETS = {
  with: withPreset,
  without: withoutPreset,
  mesh: meshPreset,
} as const;
export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];

export function isPresetName(name: string): name is PresetName {
  return Object.prototype.hasOwnProperty.call(PRESETS, name);
}
