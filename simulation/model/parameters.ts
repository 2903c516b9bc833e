/**
 * The registry of global model parameters: the one place where each default, range, unit,
 * explanation and source lives. The model, the scenario schema, the CLI, the editor, the docs and
 * the report all read it from here. The entries are split by area (registry/*.ts); their order
 * here is the model's parameter order.
 */
import { AI_CONSUMER_PARAMETERS } from './registry/ai-consumers';
import { ANATOMY_PARAMETERS } from './registry/anatomy';
import { CUSTOMER_PARAMETERS } from './registry/customers';
import { DATA_PRODUCT_PARAMETERS } from './registry/data-products';
import { DATA_PARAMETERS } from './registry/data';
import { ECONOMICS_PARAMETERS } from './registry/economics';
import { MARKET_PARAMETERS } from './registry/market';
import type { ParameterSpec } from './registry/spec';

export {
  PARAMETER_GROUPS,
  type Grade,
  type ParameterGroup,
  type ParameterSpec,
} from './registry/spec';

export const PARAMETERS: readonly ParameterSpec[] = [
  ...MARKET_PARAMETERS,
  ...CUSTOMER_PARAMETERS,
  ...DATA_PARAMETERS,
  ...DATA_PRODUCT_PARAMETERS,
  ...AI_CONSUMER_PARAMETERS,
  ...ECONOMICS_PARAMETERS,
  ...ANATOMY_PARAMETERS,
];

export const PARAMETER_BY_NAME: ReadonlyMap<string, ParameterSpec> = new Map(
  PARAMETERS.map((s) => [s.name, s]),
);

export type ParameterValues = Record<string, number>;

export function defaultParameterValues(): ParameterValues {
  return Object.fromEntries(PARAMETERS.map((s) => [s.name, s.default]));
}
