/**
 * Field registries for the per-entity parameters: every data product (and every own pipeline)
 * has the eight anatomy maturities plus build and run figures; every AI consumer has development
 * figures and an impact profile on the experience levers. Like parameters.ts, the one place where
 * each field's unit, range, default and explanation live.
 */
import { ANATOMY, ANATOMY_PARTS, type AnatomyPart, type Maturity } from './anatomy';
import type { Grade } from './parameters';

export interface FieldSpec {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly integer?: boolean;
  readonly source: string;
  readonly grade: Grade;
  /**
   * How far a scenario's value may plausibly be off (the plausible range around it, inside the
   * valid range): absolute (maturities: value - minus .. value + plus) or relative (costs: value x
   * low .. value x high). Absent: the value is a choice, not an estimate (plausible = the value).
   */
  readonly spread?:
    | { readonly kind: 'absolute'; readonly minus: number; readonly plus: number }
    | { readonly kind: 'relative'; readonly low: number; readonly high: number };
  /** Monte Carlo draws it (triangular over the plausible range, mode at the value). */
  readonly uncertain?: boolean;
  /** Why the spread is what it is (its source or stated reasoning). */
  readonly spreadSource?: string;
}

const COST_SPREAD = {
  spread: { kind: 'relative', low: 0.7, high: 1.6 },
  uncertain: true,
  spreadSource:
    'Flyvbjerg & Budzier, HBR 2011 (IT projects: average cost overrun 27%, one in six far more): 0.7 to 1.6 times the estimate.',
} as const;
const SCHEDULE_SPREAD = {
  spread: { kind: 'relative', low: 0.75, high: 1.5 },
  uncertain: true,
  spreadSource:
    'Flyvbjerg & Budzier, HBR 2011 (IT projects run late more often than early): 0.75 to 1.5 times the plan.',
} as const;
const IMPACT_SPREAD = {
  spread: { kind: 'relative', low: 0.5, high: 1.5 },
  uncertain: true,
  spreadSource:
    'Jannach & Jugovac, ACM TMIS 2019 (reported lifts differ several-fold between studies and settings): half to one and a half times the value.',
} as const;

export const MATURITY_FIELDS: Record<AnatomyPart, FieldSpec> = Object.fromEntries(
  ANATOMY_PARTS.map((part) => [
    part,
    {
      name: part,
      label: ANATOMY[part].label,
      unit: 'maturity 0-1',
      description: `${ANATOMY[part].seed} In the model: ${ANATOMY[part].mechanism}`,
      default: 0.7,
      min: 0,
      max: 1,
      source: 'Judgement: a product team that has done the work (0 = absent, 1 = best practice).',
      grade: 'J' as Grade,
      spread: { kind: 'absolute', minus: 0.1, plus: 0.1 },
      uncertain: true,
      spreadSource:
        'Judgement: an assessment is good to about one step on a ten-step scale, part by part; the error common to every part and product is productMaturityShift / ownPipelineMaturityShift.',
    } satisfies FieldSpec,
  ]),
) as Record<AnatomyPart, FieldSpec>;

export const PRODUCT_FIELDS = {
  buildWeeks: {
    name: 'buildWeeks',
    label: 'Build time',
    unit: 'weeks',
    description: 'Weeks from the start of work until the product is live.',
    default: 12,
    min: 0,
    max: 260,
    source: 'Judgement: one team, one quarter.',
    grade: 'J',
    ...SCHEDULE_SPREAD,
  },
  buildCostUsd: {
    name: 'buildCostUsd',
    label: 'Build cost',
    unit: 'usd',
    description: 'Total cost of building the product, spread over the build weeks.',
    default: 150_000,
    min: 0,
    max: 1e9,
    source: 'Judgement: a team of four for a quarter.',
    grade: 'J',
    ...COST_SPREAD,
  },
  runCostUsdPerWeek: {
    name: 'runCostUsdPerWeek',
    label: 'Running cost',
    unit: 'usd/week',
    description:
      "Compute, storage and the owning team's share while the product is live, for a business of the reference size (compute and storage scale with active users).",
    default: 3000,
    min: 0,
    max: 1e8,
    source: 'Judgement.',
    grade: 'J',
    ...COST_SPREAD,
  },
  startWeek: {
    name: 'startWeek',
    label: 'Work starts',
    unit: 'week',
    description:
      'Week in which work on the product starts (a central team adds its queue to this).',
    default: 0,
    min: 0,
    max: 520,
    source: 'Scenario choice.',
    grade: 'J',
  },
} as const satisfies Record<string, FieldSpec>;

export const IMPACT_LEVERS = [
  'searchSuccess',
  'conversion',
  'basket',
  'churn',
  'sessions',
  'stockouts',
] as const;
export type ImpactLever = (typeof IMPACT_LEVERS)[number];
export type Impact = Record<ImpactLever, number>;

export const IMPACT_FIELDS: Record<ImpactLever, FieldSpec> = {
  searchSuccess: {
    name: 'searchSuccess',
    label: 'Search gap closed',
    unit: 'fraction',
    description:
      'Share of failing searches turned into successes at full performance and adoption ("find products faster").',
    default: 0,
    min: 0,
    max: 1,
    source: '904Labs 2017 A/B (search relevance +15% conversion, an upper bound); judgement.',
    grade: 'V',
    ...IMPACT_SPREAD,
  },
  conversion: {
    name: 'conversion',
    label: 'Conversion lift',
    unit: 'relative change',
    description:
      'Relative lift of conversion per session at full performance and adoption ("buy more").',
    default: 0,
    min: 0,
    max: 2,
    source: 'McKinsey 2023 (personalisation lifts revenue 5-15%); Jannach & Jugovac 2019 caution.',
    grade: 'C',
    ...IMPACT_SPREAD,
  },
  basket: {
    name: 'basket',
    label: 'Basket lift',
    unit: 'relative change',
    description:
      'Relative lift of average order value at full performance and adoption ("buy more").',
    default: 0,
    min: 0,
    max: 2,
    source:
      'McKinsey 2013 (35% of Amazon purchases from recommendations; not incremental); judgement.',
    grade: 'C',
    ...IMPACT_SPREAD,
  },
  churn: {
    name: 'churn',
    label: 'Churn reduction',
    unit: 'fraction',
    description:
      'Relative reduction of weekly churn at full performance and adoption ("stay longer").',
    default: 0,
    min: 0,
    max: 1,
    source:
      'Gomez-Uribe & Hunt, ACM TMIS 2015 (Netflix: personalisation and retention); judgement.',
    grade: 'PRp',
    ...IMPACT_SPREAD,
  },
  sessions: {
    name: 'sessions',
    label: 'Session lift',
    unit: 'relative change',
    description:
      'Relative lift of sessions per active user at full performance and adoption ("stay longer").',
    default: 0,
    min: 0,
    max: 2,
    source: 'Judgement.',
    grade: 'J',
    ...IMPACT_SPREAD,
  },
  stockouts: {
    name: 'stockouts',
    label: 'Stock-out reduction',
    unit: 'fraction',
    description: 'Relative reduction of the out-of-stock rate at full performance and adoption.',
    default: 0,
    min: 0,
    max: 1,
    source: 'McKinsey 2022 (forecast error -20 to -50%, lost sales -65%); Oliver Wyman 2021.',
    grade: 'C',
    ...IMPACT_SPREAD,
  },
};

export const CONSUMER_FIELDS = {
  devWeeks: {
    name: 'devWeeks',
    label: 'Development time',
    unit: 'weeks',
    description:
      'Weeks to develop the AI feature without any reuse; reusable data products shorten it.',
    default: 16,
    min: 0,
    max: 260,
    source: 'Judgement: two quarters for a first production model, minus data preparation.',
    grade: 'J',
    ...SCHEDULE_SPREAD,
  },
  devCostUsd: {
    name: 'devCostUsd',
    label: 'Development cost',
    unit: 'usd',
    description: 'Total development cost, spread over the (effective) development weeks.',
    default: 250_000,
    min: 0,
    max: 1e9,
    source: 'Judgement.',
    grade: 'J',
    ...COST_SPREAD,
  },
  runCostUsdPerWeek: {
    name: 'runCostUsdPerWeek',
    label: 'Running cost',
    unit: 'usd/week',
    description:
      'Serving, retraining and monitoring while deployed, for a business of the reference size (compute scales with active users).',
    default: 5000,
    min: 0,
    max: 1e8,
    source: 'Judgement.',
    grade: 'J',
    ...COST_SPREAD,
  },
  startWeek: {
    name: 'startWeek',
    label: 'Development starts',
    unit: 'week',
    description: 'Week in which development starts.',
    default: 0,
    min: 0,
    max: 520,
    source: 'Scenario choice.',
    grade: 'J',
  },
  ownPipelines: {
    name: 'ownPipelines',
    label: 'Own pipelines from raw data',
    unit: 'pipelines',
    description:
      'Pipelines this consumer builds itself from raw siloed data, for inputs no data product provides.',
    default: 0,
    min: 0,
    max: 20,
    integer: true,
    source: 'Scenario choice.',
    grade: 'J',
  },
} as const satisfies Record<string, FieldSpec>;

export function maturityOf(level: number): Maturity {
  return Object.fromEntries(ANATOMY_PARTS.map((p) => [p, level])) as Maturity;
}

export function zeroImpact(): Impact {
  return Object.fromEntries(IMPACT_LEVERS.map((l) => [l, 0])) as Impact;
}
