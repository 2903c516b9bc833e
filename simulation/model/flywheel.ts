/**
 * The flywheel model: builds the declaration of every variable from a scenario, one sub-model at
 * a time, in the order docs/MODEL.md describes them: parameters, data sources (sources.ts), AI
 * consumers (consumers.ts), experience (experience.ts), users (users.ts), activity and data
 * (activity.ts), economics (economics.ts) and the loop-level summaries (summaries.ts).
 */
import type { ModelDecl } from '../engine/types';
import type { Scenario } from '../scenario/types';
import { ANATOMY_PARTS, type AnatomyPart } from './anatomy';
import { declareActivityAndData } from './activity';
import { declareConsumer, deployedName, type ConsumerRef, type ConsumerVars } from './consumers';
import { clamp01, ModelBuilder } from './declare';
import { declareEconomics } from './economics';
import { IMPACT_LEVERS, type ImpactLever } from './entities';
import { declareExperience } from './experience';
import { declareParameters } from './model-parameters';
import { consumerPrefix, OWN_PIPELINE_TEMPLATE, productPrefix } from './names';
import { declareSource, type SourceRef, type SourceVars } from './sources';
import { declareSummaries } from './summaries';
import { declareUsers } from './users';

export { parameterValuesOf } from './model-parameters';
export { consumerPrefix, OWN_PIPELINE_TEMPLATE, productPrefix } from './names';

export interface BuiltModel {
  readonly decl: ModelDecl;
  /** Parameter values in declaration order (the order `compileModel` reports). */
  readonly parameterValues: Float64Array;
  readonly sources: readonly SourceVars[];
  readonly consumers: readonly ConsumerVars[];
}

export function buildFlywheelModel(scenario: Scenario): BuiltModel {
  const m = new ModelBuilder();
  declareParameters(m, scenario);
  const sources: SourceVars[] = [];
  const byProduct = declareDataProducts(m, scenario, sources);
  const consumers: ConsumerVars[] = [];
  const template = scenario.aiConsumers.some((c) => c.ownPipelines > 0)
    ? effectiveMaturities(m, OWN_PIPELINE_TEMPLATE, 'ownPipelineMaturityShift', 'Own pipelines')
    : null;
  for (const c of scenario.aiConsumers) {
    const own = template ? declareOwnPipelines(m, c.id, c.name, c.ownPipelines, template) : [];
    sources.push(...own);
    const inputs = [...c.uses.map((id) => byProduct.get(id)!), ...own];
    consumers.push(declareConsumer(m, consumerRef(c.id, c.name), inputs));
  }
  declareExperience(m, consumers);
  declareUsers(m);
  declareActivityAndData(m);
  declareEconomics(m, sources, consumers);
  declareSummaries(m, sources, consumers);
  return {
    decl: { variables: m.variables },
    parameterValues: Float64Array.from(m.parameterValues),
    sources,
    consumers,
  };
}

/**
 * The maturities a source's mechanisms read: each part's maturity plus the common shift of its
 * kind (productMaturityShift or ownPipelineMaturityShift), kept within 0 to 1.
 */
function effectiveMaturities(
  m: ModelBuilder,
  prefix: string,
  shift: string,
  owner: string,
): Record<AnatomyPart, string> {
  return Object.fromEntries(
    ANATOMY_PARTS.map((part) => [
      part,
      m.aux(
        `${prefix}.effectiveMaturity.${part}`,
        'maturity 0-1',
        `${owner}: ${part} maturity plus the common ${shift}, within 0 to 1.`,
        [`${prefix}.maturity.${part}`, shift],
        (level, d) => clamp01(level + d),
      ),
    ]),
  ) as Record<AnatomyPart, string>;
}

/** The shared data products, in the central team's queue order; adds them to `sources`. */
function declareDataProducts(
  m: ModelBuilder,
  scenario: Scenario,
  sources: SourceVars[],
): Map<string, SourceVars> {
  const consumersOf = new Map<string, string[]>();
  for (const c of scenario.aiConsumers) {
    for (const id of c.uses)
      consumersOf.set(id, [...(consumersOf.get(id) ?? []), deployedName(consumerPrefix(c.id))]);
  }
  const byProduct = new Map<string, SourceVars>();
  scenario.dataProducts.forEach((dp, position) => {
    const prefix = productPrefix(dp.id);
    const ref: SourceRef = {
      prefix,
      label: dp.name,
      maturity: effectiveMaturities(m, prefix, 'productMaturityShift', dp.name),
      buildWeeks: `${prefix}.buildWeeks`,
      buildCostUsd: `${prefix}.buildCostUsd`,
      runCostUsdPerWeek: `${prefix}.runCostUsdPerWeek`,
      startWeek: `${prefix}.startWeek`,
      queuePosition: position,
      shared: true,
    };
    const s = declareSource(m, ref, consumersOf.get(dp.id) ?? []);
    sources.push(s);
    byProduct.set(dp.id, s);
  });
  return byProduct;
}

/** A consumer's own pipelines from raw siloed data, on the own-pipeline template. */
function declareOwnPipelines(
  m: ModelBuilder,
  consumerId: string,
  consumerName: string,
  count: number,
  maturity: Record<AnatomyPart, string>,
): SourceVars[] {
  const cp = consumerPrefix(consumerId);
  const t = OWN_PIPELINE_TEMPLATE;
  const own: SourceVars[] = [];
  for (let k = 1; k <= count; k++) {
    const ref: SourceRef = {
      prefix: `${cp}.ownPipeline.${k}`,
      label: `${consumerName} own pipeline ${k}`,
      maturity,
      buildWeeks: `${t}.buildWeeks`,
      buildCostUsd: `${t}.buildCostUsd`,
      runCostUsdPerWeek: `${t}.runCostUsdPerWeek`,
      startWeek: `${cp}.startWeek`,
      queuePosition: 0,
      shared: false,
    };
    own.push(declareSource(m, ref, [deployedName(cp)]));
  }
  return own;
}

function consumerRef(id: string, name: string): ConsumerRef {
  const cp = consumerPrefix(id);
  return {
    prefix: cp,
    label: name,
    startWeek: `${cp}.startWeek`,
    devWeeks: `${cp}.devWeeks`,
    devCostUsd: `${cp}.devCostUsd`,
    runCostUsdPerWeek: `${cp}.runCostUsdPerWeek`,
    impact: Object.fromEntries(IMPACT_LEVERS.map((l) => [l, `${cp}.impact.${l}`])) as Record<
      ImpactLever,
      string
    >,
  };
}
