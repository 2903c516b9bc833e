/**
 * The assumption catalogue: every number of a scenario that the model reads, addressed by the
 * model's own parameter name, with what the registries say about it (label, unit, valid and
 * plausible range, how Monte Carlo draws it, source, grade) and its value in this scenario.
 *
 * This is the one list that Monte Carlo, sensitivity, sweeps, goal seeking, calibration, bulk
 * edits and the report read. Names are the compiled model's parameter names:
 *
 *   baseChurnPerWeek                                  a global parameter (parameters.ts)
 *   dataProduct.customer-360.maturity.governance      a data product's anatomy maturity
 *   dataProduct.customer-360.buildCostUsd             a data product's build or run figure
 *   aiConsumer.product-recommendations.impact.basket  an AI consumer's impact on a lever
 *   aiConsumer.product-recommendations.devWeeks       an AI consumer's development figure
 *   ownPipelineTemplate.maturity.quality              the own-pipeline template
 *
 * A pattern may use `*` for one whole dot-separated segment (`dataProduct.*.maturity.quality`:
 * every product's quality; `ownPipelineTemplate.maturity.*`: every part of the template).
 */
import { ANATOMY_PARTS } from '../model/anatomy';
import {
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  PRODUCT_FIELDS,
  type FieldSpec,
} from '../model/entities';
import { consumerPrefix, OWN_PIPELINE_TEMPLATE, productPrefix } from '../model/flywheel';
import { PARAMETERS, type Grade, type ParameterSpec } from '../model/parameters';
import type { Scenario } from './types';

/** What an assumption belongs to. */
export type AssumptionOwner =
  | { readonly kind: 'parameter' }
  | { readonly kind: 'dataProduct'; readonly id: string; readonly name: string }
  | { readonly kind: 'aiConsumer'; readonly id: string; readonly name: string }
  | { readonly kind: 'ownPipeline' };

/** How Monte Carlo draws an assumption: triangular over [lo, hi] with its mode at `mode`. */
export interface Distribution {
  readonly kind: 'triangular';
  readonly lo: number;
  readonly mode: number;
  readonly hi: number;
}

export interface Assumption {
  /** The model's parameter name (see the file comment). */
  readonly name: string;
  /** Where the value lives in the scenario (`['dataProducts', 0, 'maturity', 'quality']`). */
  readonly path: readonly (string | number)[];
  readonly owner: AssumptionOwner;
  /** The registry's field or parameter name (`quality`, `buildCostUsd`, `baseChurnPerWeek`). */
  readonly field: string;
  /** As a user knows it: "Customer 360: Quality maturity", "Churn of active users". */
  readonly label: string;
  readonly unit: string;
  readonly description: string;
  readonly value: number;
  /** Valid range: values outside are refused. */
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  /** The range the evidence (or stated judgement) supports for this scenario's value. */
  readonly plausible: readonly [number, number];
  /** How Monte Carlo draws it; null when it is held fixed. */
  readonly distribution: Distribution | null;
  /** Why it is drawn over this range (null when it is held fixed). */
  readonly distributionSource: string | null;
  readonly source: string;
  readonly grade: Grade;
}

/**
 * The plausible range of a value: the parameter's own range, or around an entity field's value by
 * its spread; always inside the valid range and always containing the value itself.
 */
function plausibleRange(
  spec: Pick<ParameterSpec, 'min' | 'max'> & {
    readonly plausible?: readonly [number, number];
    readonly spread?: FieldSpec['spread'];
  },
  value: number,
): [number, number] {
  let lo: number;
  let hi: number;
  if (spec.plausible) [lo, hi] = spec.plausible;
  else if (spec.spread?.kind === 'absolute') {
    lo = value - spec.spread.minus;
    hi = value + spec.spread.plus;
  } else if (spec.spread?.kind === 'relative') {
    lo = value * spec.spread.low;
    hi = value * spec.spread.high;
  } else [lo, hi] = [value, value];
  return [Math.max(spec.min, Math.min(lo, value)), Math.min(spec.max, Math.max(hi, value))];
}

function distributionOf(
  uncertain: boolean,
  plausible: readonly [number, number],
  value: number,
): Distribution | null {
  if (!uncertain || !(plausible[1] > plausible[0])) return null;
  return { kind: 'triangular', lo: plausible[0], mode: value, hi: plausible[1] } as const;
}

function drawn(
  distribution: Distribution | null,
  why: string,
): Pick<Assumption, 'distribution' | 'distributionSource'> {
  return { distribution, distributionSource: distribution === null ? null : why };
}

function fromParameter(spec: ParameterSpec, scenario: Scenario): Assumption {
  const value = scenario.parameters[spec.name] ?? spec.default;
  const plausible = spec.relativeSpread
    ? plausibleRange(
        { ...spec, plausible: undefined, spread: { kind: 'relative', ...spec.relativeSpread } },
        value,
      )
    : plausibleRange(spec, value);
  return {
    name: spec.name,
    path: ['parameters', spec.name],
    owner: { kind: 'parameter' },
    field: spec.name,
    label: spec.label,
    unit: spec.unit,
    description: spec.description,
    value,
    min: spec.min,
    max: spec.max,
    integer: spec.integer === true,
    plausible,
    ...drawn(distributionOf(spec.uncertain, plausible, value), spec.source),
    source: spec.source,
    grade: spec.grade,
  };
}

function fromField(
  name: string,
  path: readonly (string | number)[],
  owner: AssumptionOwner,
  ownerLabel: string,
  spec: FieldSpec,
  value: number,
  labelSuffix = '',
): Assumption {
  const plausible = plausibleRange(spec, value);
  return {
    name,
    path,
    owner,
    field: spec.name,
    label: `${ownerLabel}: ${spec.label}${labelSuffix}`,
    unit: spec.unit,
    description: spec.description,
    value,
    min: spec.min,
    max: spec.max,
    integer: spec.integer === true,
    plausible,
    ...drawn(
      distributionOf(spec.uncertain === true, plausible, value),
      spec.spreadSource ?? spec.source,
    ),
    source: spec.source,
    grade: spec.grade,
  };
}

/**
 * Every assumption of the scenario, in the model's parameter order: the global parameters in
 * registry order, the own-pipeline template, each data product, each AI consumer.
 */
export function assumptionsOf(scenario: Scenario): Assumption[] {
  const out: Assumption[] = PARAMETERS.map((spec) => fromParameter(spec, scenario));
  const t = OWN_PIPELINE_TEMPLATE;
  const own: AssumptionOwner = { kind: 'ownPipeline' };
  for (const part of ANATOMY_PARTS)
    out.push(
      fromField(
        `${t}.maturity.${part}`,
        ['ownPipeline', 'maturity', part],
        own,
        'Own pipelines',
        MATURITY_FIELDS[part],
        scenario.ownPipeline.maturity[part],
        ' maturity',
      ),
    );
  for (const f of ['buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek'] as const)
    out.push(
      fromField(
        `${t}.${f}`,
        ['ownPipeline', f],
        own,
        'Own pipelines',
        PRODUCT_FIELDS[f],
        scenario.ownPipeline[f],
      ),
    );
  scenario.dataProducts.forEach((dp, i) => {
    const prefix = productPrefix(dp.id);
    const owner: AssumptionOwner = { kind: 'dataProduct', id: dp.id, name: dp.name };
    for (const part of ANATOMY_PARTS)
      out.push(
        fromField(
          `${prefix}.maturity.${part}`,
          ['dataProducts', i, 'maturity', part],
          owner,
          dp.name,
          MATURITY_FIELDS[part],
          dp.maturity[part],
          ' maturity',
        ),
      );
    for (const f of ['buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek', 'startWeek'] as const)
      out.push(
        fromField(
          `${prefix}.${f}`,
          ['dataProducts', i, f],
          owner,
          dp.name,
          PRODUCT_FIELDS[f],
          dp[f],
        ),
      );
  });
  scenario.aiConsumers.forEach((c, i) => {
    const prefix = consumerPrefix(c.id);
    const owner: AssumptionOwner = { kind: 'aiConsumer', id: c.id, name: c.name };
    for (const f of ['startWeek', 'devWeeks', 'devCostUsd', 'runCostUsdPerWeek'] as const)
      out.push(
        fromField(`${prefix}.${f}`, ['aiConsumers', i, f], owner, c.name, CONSUMER_FIELDS[f], c[f]),
      );
    for (const l of IMPACT_LEVERS)
      out.push(
        fromField(
          `${prefix}.impact.${l}`,
          ['aiConsumers', i, 'impact', l],
          owner,
          c.name,
          IMPACT_FIELDS[l],
          c.impact[l],
        ),
      );
  });
  return out;
}

/** True when `name` matches `pattern` (`*` stands for one whole dot-separated segment). */
export function matchesAssumption(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  const p = pattern.split('.');
  const n = name.split('.');
  return p.length === n.length && p.every((seg, i) => seg === '*' || seg === n[i]);
}

/** The assumptions a name or pattern selects, in catalogue order (empty when none does). */
export function findAssumptions(scenario: Scenario, pattern: string): Assumption[] {
  return assumptionsOf(scenario).filter((a) => matchesAssumption(pattern, a.name));
}

/** The assumption with this exact name, or null. */
export function assumptionNamed(scenario: Scenario, name: string): Assumption | null {
  return assumptionsOf(scenario).find((a) => a.name === name) ?? null;
}

export class AssumptionError extends Error {}

/**
 * A copy of the scenario with every assumption the name or pattern selects set to `value`
 * (rounded for whole-number fields). Throws AssumptionError when nothing matches or the value is
 * outside a match's valid range; the scenario passed in is never changed.
 */
export function withAssumption(scenario: Scenario, pattern: string, value: number): Scenario {
  return withAssumptions(scenario, [[pattern, value]]);
}

/** withAssumption for several names or patterns at once (applied in order). */
export function withAssumptions(
  scenario: Scenario,
  changes: readonly (readonly [string, number])[],
): Scenario {
  const next = structuredClone(scenario);
  const catalogue = assumptionsOf(scenario);
  for (const [pattern, raw] of changes) {
    const matches = catalogue.filter((a) => matchesAssumption(pattern, a.name));
    if (matches.length === 0) throw new AssumptionError(`no assumption named '${pattern}'`);
    for (const a of matches) {
      const value = a.integer ? Math.round(raw) : raw;
      if (!Number.isFinite(value) || value < a.min || value > a.max)
        throw new AssumptionError(
          `${a.name}: ${raw} is outside its valid range ${a.min} to ${a.max} (${a.unit})`,
        );
      setAt(next, a.path, value);
    }
  }
  return next;
}

function setAt(target: unknown, path: readonly (string | number)[], value: number): void {
  let node = target as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++)
    node = node[path[i]!] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}
