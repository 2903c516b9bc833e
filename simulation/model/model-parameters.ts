/**
 * The model's parameters, in its order: the registry's global parameters, then the own-pipeline
 * template, each data product's and each AI consumer's fields (entities.ts), with the scenario's
 * values.
 */
import type { Scenario } from '../scenario/types';
import { ANATOMY_PARTS } from './anatomy';
import type { ModelBuilder } from './declare';
import {
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  PRODUCT_FIELDS,
} from './entities';
import { consumerPrefix, OWN_PIPELINE_TEMPLATE, productPrefix } from './names';
import { PARAMETERS } from './parameters';

/** Where parameters are declared: the model builder, or a collector of their values alone. */
type ParameterSink = Pick<ModelBuilder, 'parameter'>;

/** Every parameter of the model, in its order: the registry's, then the entities'. */
export function declareParameters(m: ParameterSink, scenario: Scenario): void {
  for (const spec of PARAMETERS) {
    m.parameter(
      spec.name,
      spec.unit,
      spec.description,
      scenario.parameters[spec.name] ?? spec.default,
      { label: spec.label },
    );
  }
  declareEntityParameters(m, scenario);
}

/**
 * The scenario's parameter values in the model's order (buildFlywheelModel's parameterValues)
 * without declaring the rest of the model: enough to rerun a compiled model of the same structure.
 */
export function parameterValuesOf(scenario: Scenario): Float64Array {
  const values: number[] = [];
  declareParameters(
    {
      parameter: (name, _unit, _description, value) => {
        values.push(value);
        return name;
      },
    },
    scenario,
  );
  return Float64Array.from(values);
}

function declareEntityParameters(m: ParameterSink, scenario: Scenario): void {
  const t = OWN_PIPELINE_TEMPLATE;
  for (const part of ANATOMY_PARTS) {
    m.parameter(
      `${t}.maturity.${part}`,
      MATURITY_FIELDS[part].unit,
      `Own pipelines: ${MATURITY_FIELDS[part].label} maturity.`,
      scenario.ownPipeline.maturity[part],
    );
  }
  for (const f of ['buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek'] as const) {
    m.parameter(
      `${t}.${f}`,
      PRODUCT_FIELDS[f].unit,
      `Own pipelines: ${PRODUCT_FIELDS[f].description}`,
      scenario.ownPipeline[f],
    );
  }
  for (const dp of scenario.dataProducts) {
    const prefix = productPrefix(dp.id);
    for (const part of ANATOMY_PARTS) {
      m.parameter(
        `${prefix}.maturity.${part}`,
        MATURITY_FIELDS[part].unit,
        `${dp.name}: ${MATURITY_FIELDS[part].label} maturity.`,
        dp.maturity[part],
      );
    }
    for (const f of ['buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek', 'startWeek'] as const) {
      m.parameter(
        `${prefix}.${f}`,
        PRODUCT_FIELDS[f].unit,
        `${dp.name}: ${PRODUCT_FIELDS[f].description}`,
        dp[f],
      );
    }
  }
  for (const c of scenario.aiConsumers) {
    const prefix = consumerPrefix(c.id);
    for (const f of ['startWeek', 'devWeeks', 'devCostUsd', 'runCostUsdPerWeek'] as const) {
      m.parameter(
        `${prefix}.${f}`,
        CONSUMER_FIELDS[f].unit,
        `${c.name}: ${CONSUMER_FIELDS[f].description}`,
        c[f],
      );
    }
    for (const l of IMPACT_LEVERS) {
      m.parameter(
        `${prefix}.impact.${l}`,
        IMPACT_FIELDS[l].unit,
        `${c.name}: ${IMPACT_FIELDS[l].description}`,
        c.impact[l],
      );
    }
  }
}
