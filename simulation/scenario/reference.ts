/**
 * What "the default" of a value is, everywhere it is shown (the workspace's reset buttons, the
 * report's marked assumptions): the built-in default scenario. A parameter defaults to its registry
 * value (which is the built-in scenario's); a data product or AI consumer to the built-in one with
 * the same id, or, for one the built-in scenario does not have, to the registry's defaults for a
 * new one; the own-pipeline template to the built-in template.
 */
import { ANATOMY_PARTS, type Maturity } from '../model/anatomy';
import {
  CONSUMER_FIELDS,
  MATURITY_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  PRODUCT_FIELDS,
  type Impact,
} from '../model/entities';
import { withPreset } from './presets';
import type { AiConsumerSpec, DataProductSpec, ProductBuild, Scenario } from './types';

export type ProductReference = Pick<
  DataProductSpec,
  'maturity' | 'buildWeeks' | 'buildCostUsd' | 'runCostUsdPerWeek' | 'startWeek'
>;
export type ConsumerReference = Pick<
  AiConsumerSpec,
  'ownPipelines' | 'startWeek' | 'devWeeks' | 'devCostUsd' | 'runCostUsdPerWeek' | 'impact'
>;

let builtIn: Scenario | null = null;
const defaultScenario = (): Scenario => (builtIn ??= withPreset());

/** The eight maturities a new data product starts with (the registry's defaults). */
export function newProductMaturity(): Maturity {
  return Object.fromEntries(ANATOMY_PARTS.map((p) => [p, MATURITY_FIELDS[p].default])) as Maturity;
}

function newImpact(): Impact {
  return Object.fromEntries(IMPACT_LEVERS.map((l) => [l, IMPACT_FIELDS[l].default])) as Impact;
}

/** The defaults of the data product with this id. */
export function productReference(id: string): ProductReference {
  const known = defaultScenario().dataProducts.find((d) => d.id === id);
  if (known) return known;
  return {
    maturity: newProductMaturity(),
    buildWeeks: PRODUCT_FIELDS.buildWeeks.default,
    buildCostUsd: PRODUCT_FIELDS.buildCostUsd.default,
    runCostUsdPerWeek: PRODUCT_FIELDS.runCostUsdPerWeek.default,
    startWeek: PRODUCT_FIELDS.startWeek.default,
  };
}

/** The defaults of the AI consumer with this id. */
export function consumerReference(id: string): ConsumerReference {
  const known = defaultScenario().aiConsumers.find((c) => c.id === id);
  if (known) return known;
  return {
    ownPipelines: CONSUMER_FIELDS.ownPipelines.default,
    startWeek: CONSUMER_FIELDS.startWeek.default,
    devWeeks: CONSUMER_FIELDS.devWeeks.default,
    devCostUsd: CONSUMER_FIELDS.devCostUsd.default,
    runCostUsdPerWeek: CONSUMER_FIELDS.runCostUsdPerWeek.default,
    impact: newImpact(),
  };
}

/** The defaults of the own-pipeline template. */
export function ownPipelineReference(): ProductBuild {
  return defaultScenario().ownPipeline;
}
