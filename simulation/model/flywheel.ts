/**
 * The flywheel model: builds the declaration of every variable from a scenario. Global variables
 * (users, events, experience, economics) are declared here; per-source and per-consumer ones in
 * sources.ts and consumers.ts. docs/MODEL.md describes the same equations in words.
 */
import type { ModelDecl } from '../engine/types';
import type { Scenario } from '../scenario/types';
import { ANATOMY_PARTS, type AnatomyPart } from './anatomy';
import { declareConsumer, deployedName, type ConsumerRef, type ConsumerVars } from './consumers';
import {
  combineLifts,
  combineReductions,
  constant,
  from,
  mean,
  ModelBuilder,
  sum,
  weightedMeanOr,
} from './declare';
import {
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  PRODUCT_FIELDS,
  type ImpactLever,
} from './entities';
import { PARAMETERS } from './parameters';
import { declareSource, type SourceRef, type SourceVars } from './sources';

export interface BuiltModel {
  readonly decl: ModelDecl;
  /** Parameter values in declaration order (the order `compileModel` reports). */
  readonly parameterValues: Float64Array;
  readonly sources: readonly SourceVars[];
  readonly consumers: readonly ConsumerVars[];
}

export const productPrefix = (id: string): string => `dataProduct.${id}`;
export const consumerPrefix = (id: string): string => `aiConsumer.${id}`;
export const OWN_PIPELINE_TEMPLATE = 'ownPipelineTemplate';

const LIFT_LEVERS: readonly ImpactLever[] = ['conversion', 'basket', 'sessions'];

export function buildFlywheelModel(scenario: Scenario): BuiltModel {
  const m = new ModelBuilder();
  declareParameters(m, scenario);

  // Sources: shared data products, then each consumer's own pipelines.
  const consumersOf = new Map<string, string[]>();
  for (const c of scenario.aiConsumers) {
    for (const id of c.uses)
      consumersOf.set(id, [...(consumersOf.get(id) ?? []), deployedName(consumerPrefix(c.id))]);
  }
  const sources: SourceVars[] = [];
  const byProduct = new Map<string, SourceVars>();
  scenario.dataProducts.forEach((dp, position) => {
    const prefix = productPrefix(dp.id);
    const ref: SourceRef = {
      prefix,
      label: dp.name,
      maturity: maturityParams(prefix),
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
  const consumers: ConsumerVars[] = [];
  for (const c of scenario.aiConsumers) {
    const cp = consumerPrefix(c.id);
    const own: SourceVars[] = [];
    for (let k = 1; k <= c.ownPipelines; k++) {
      const t = OWN_PIPELINE_TEMPLATE;
      const ref: SourceRef = {
        prefix: `${cp}.ownPipeline.${k}`,
        label: `${c.name} own pipeline ${k}`,
        maturity: maturityParams(t),
        buildWeeks: `${t}.buildWeeks`,
        buildCostUsd: `${t}.buildCostUsd`,
        runCostUsdPerWeek: `${t}.runCostUsdPerWeek`,
        startWeek: `${cp}.startWeek`,
        queuePosition: 0,
        shared: false,
      };
      own.push(declareSource(m, ref, [deployedName(cp)]));
    }
    sources.push(...own);
    const ref: ConsumerRef = {
      prefix: cp,
      label: c.name,
      startWeek: `${cp}.startWeek`,
      devWeeks: `${cp}.devWeeks`,
      devCostUsd: `${cp}.devCostUsd`,
      runCostUsdPerWeek: `${cp}.runCostUsdPerWeek`,
      impact: Object.fromEntries(IMPACT_LEVERS.map((l) => [l, `${cp}.impact.${l}`])) as Record<
        ImpactLever,
        string
      >,
    };
    const inputs = [...c.uses.map((id) => byProduct.get(id)!), ...own];
    consumers.push(declareConsumer(m, ref, inputs));
  }

  declareExperience(m, consumers);
  declareUsersAndData(m);
  declareEconomics(m, scenario, sources, consumers);
  return {
    decl: { variables: m.variables },
    parameterValues: Float64Array.from(m.parameterValues),
    sources,
    consumers,
  };
}

function maturityParams(prefix: string): Record<AnatomyPart, string> {
  return Object.fromEntries(ANATOMY_PARTS.map((p) => [p, `${prefix}.maturity.${p}`])) as Record<
    AnatomyPart,
    string
  >;
}

/** Where parameters are declared: the model builder, or a collector of their values alone. */
type ParameterSink = Pick<ModelBuilder, 'parameter'>;

/** Every parameter of the model, in its order: the registry's, then the entities'. */
function declareParameters(m: ParameterSink, scenario: Scenario): void {
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

function declareExperience(m: ModelBuilder, consumers: readonly ConsumerVars[]): void {
  for (const lever of IMPACT_LEVERS) {
    const effects = consumers.map((c) => c.effects[lever]);
    const combine = LIFT_LEVERS.includes(lever) ? combineLifts : combineReductions;
    const description = LIFT_LEVERS.includes(lever)
      ? `Combined relative lift of ${lever} from all AI consumers: prod(1 + effect) - 1.`
      : `Combined relative reduction of ${lever} from all AI consumers: 1 - prod(1 - effect).`;
    const unit = IMPACT_FIELDS[lever].unit;
    if (effects.length === 0) m.aux(`lever.${lever}`, unit, description, [], () => 0);
    else m.auxList(`lever.${lever}`, unit, description, effects, combine);
  }
  const searchMix = (s: number, success: number, mult: number, failMult: number): number =>
    1 - s + s * (success * mult + (1 - success) * failMult);
  m.aux(
    'searchSuccess',
    'fraction',
    'Find products faster: share of searches that succeed.',
    ['baseSearchSuccess', 'lever.searchSuccess'],
    (base, gap) => base + (1 - base) * gap,
    { metric: true, label: 'Search success' },
  );
  m.aux(
    'baselineSearchMix',
    'dimensionless',
    'Session-weighted conversion multiplier of search before AI.',
    [
      'searchShareOfSessions',
      'baseSearchSuccess',
      'searcherConversionMultiplier',
      'failedSearchConversionMultiplier',
    ],
    searchMix,
  );
  m.aux(
    'searchFactor',
    'dimensionless',
    'Conversion change from better search relative to the start.',
    [
      'searchShareOfSessions',
      'searchSuccess',
      'searcherConversionMultiplier',
      'failedSearchConversionMultiplier',
      'baselineSearchMix',
    ],
    (s, succ, mult, fail, base) => (base > 0 ? searchMix(s, succ, mult, fail) / base : 1),
  );
  m.aux(
    'stockoutRate',
    'fraction',
    'Out-of-stock rate after forecasting AI.',
    ['baseStockoutRate', 'lever.stockouts'],
    (base, r) => base * (1 - r),
    { metric: true, label: 'Out-of-stock rate' },
  );
  m.aux(
    'availabilityFactor',
    'dimensionless',
    'Conversion change from fewer lost stock-outs relative to the start.',
    ['stockoutRate', 'baseStockoutRate', 'stockoutLostShare'],
    (oos, base, lost) => (1 - base * lost > 0 ? (1 - oos * lost) / (1 - base * lost) : 1),
  );
  m.aux(
    'conversionRate',
    'fraction',
    'Buy more: orders per session.',
    ['baseConversion', 'searchFactor', 'lever.conversion', 'availabilityFactor'],
    (c, sf, lift, af) => Math.min(1, c * sf * (1 + lift) * af),
    { metric: true, label: 'Conversion rate' },
  );
  m.aux(
    'averageOrderValue',
    'usd/order',
    'Buy more: revenue per order.',
    ['averageOrderValueUsd', 'lever.basket'],
    (aov, lift) => aov * (1 + lift),
    { metric: true, label: 'Average order value' },
  );
  m.aux(
    'churnRate',
    'fraction/week',
    'Stay longer: share of active users who lapse per week.',
    ['baseChurnPerWeek', 'lever.churn'],
    (c, r) => Math.min(1, c * (1 - r)),
    { metric: true, label: 'Churn rate' },
  );
  m.aux(
    'sessionsPerUser',
    'sessions/person/week',
    'Stay longer: sessions per active user per week.',
    ['sessionsPerUserPerWeek', 'lever.sessions'],
    (s, lift) => s * (1 + lift),
    { metric: true, label: 'Sessions per user' },
  );
  m.aux(
    'revenuePerUser',
    'usd/person/week',
    'Spend per active user per week.',
    ['sessionsPerUser', 'conversionRate', 'averageOrderValue'],
    (s, c, a) => s * c * a,
  );
  m.aux(
    'baselineRevenuePerUser',
    'usd/person/week',
    'Spend per active user per week before AI.',
    ['sessionsPerUserPerWeek', 'baseConversion', 'averageOrderValueUsd'],
    (s, c, a) => s * c * a,
  );
  m.aux(
    'experienceIndex',
    'dimensionless',
    'Better experience: spend per active user relative to the start (1 = unchanged).',
    ['revenuePerUser', 'baselineRevenuePerUser'],
    (r, r0) => (r0 > 0 ? r / r0 : 1),
    { metric: true, label: 'Experience index' },
  );
}

function declareUsersAndData(m: ModelBuilder): void {
  m.aux('weeklyInnovation', '1/week', 'Bass p per week.', ['bassInnovationPerYear'], (p) => p / 52);
  m.aux('weeklyImitation', '1/week', 'Bass q per week.', ['bassImitationPerYear'], (q) => q / 52);
  m.aux(
    'wordOfMouthMultiplier',
    'dimensionless',
    'Experience raises word of mouth: experience index ^ elasticity.',
    ['experienceIndex', 'wordOfMouthElasticity'],
    (e, el) => Math.pow(Math.max(e, 0), el),
  );
  m.flow(
    'adoption',
    'people/week',
    'Bass adoption: (p + q x word of mouth x active share) x potential users.',
    [
      'weeklyInnovation',
      'weeklyImitation',
      'wordOfMouthMultiplier',
      'activeUsers',
      'marketSize',
      'potentialUsers',
      'dt',
    ],
    (p, q, wom, a, n, pot, dt) => Math.min(pot / dt, (p + (n > 0 ? (q * wom * a) / n : 0)) * pot),
    { metric: true, label: 'Adoption' },
  );
  m.flow(
    'churn',
    'people/week',
    'Active users who lapse.',
    ['churnRate', 'activeUsers', 'dt'],
    (c, a, dt) => Math.min(a / dt, c * a),
    { metric: true, label: 'Churn' },
  );
  m.flow(
    'winBack',
    'people/week',
    'Lapsed users who return to the potential market.',
    ['winBackPerWeek', 'lapsedUsers', 'dt'],
    (w, l, dt) => Math.min(l / dt, w * l),
  );
  m.stock(
    'potentialUsers',
    'people',
    'People in the market who are not customers yet.',
    {
      initial: from(['marketSize', 'initialActiveUsers'], (n, a) => Math.max(0, n - a)),
      inflows: ['winBack'],
      outflows: ['adoption'],
    },
    { metric: true, label: 'Potential users' },
  );
  m.stock(
    'activeUsers',
    'people',
    'Customers who browse, search and buy.',
    {
      initial: from(['marketSize', 'initialActiveUsers'], (n, a) => Math.min(n, a)),
      inflows: ['adoption'],
      outflows: ['churn'],
    },
    { metric: true, label: 'Active users' },
  );
  m.stock(
    'lapsedUsers',
    'people',
    'Former customers.',
    { initial: constant(0), inflows: ['churn'], outflows: ['winBack'] },
    { metric: true, label: 'Lapsed users' },
  );

  m.aux(
    'sessions',
    'sessions/week',
    'User activity: visits per week (stochastic: demand noise).',
    ['activeUsers', 'sessionsPerUser'],
    (a, s) => a * s,
    { noise: { type: 'lognormal', sigma: 'demandNoiseSigma' }, metric: true, label: 'Sessions' },
  );
  m.aux(
    'searches',
    'searches/week',
    'User activity: searches per week.',
    ['sessions', 'searchShareOfSessions'],
    (s, f) => s * f,
    { metric: true, label: 'Searches' },
  );
  m.aux(
    'orders',
    'orders/week',
    'User activity: orders per week.',
    ['sessions', 'conversionRate'],
    (s, c) => s * c,
    { metric: true, label: 'Orders' },
  );
  m.aux(
    'behaviouralDepth',
    'dimensionless',
    'Richer signals: browse events per session scale with experience ^ depth elasticity.',
    ['experienceIndex', 'signalDepthElasticity'],
    (e, el) => Math.pow(Math.max(e, 0), el),
  );
  m.flow(
    'eventsRecorded',
    'events/week',
    'More data: raw events from browsing, searching and buying.',
    [
      'sessions',
      'browseEventsPerSession',
      'behaviouralDepth',
      'searches',
      'eventsPerSearch',
      'orders',
      'eventsPerOrder',
    ],
    (s, b, d, q, eq, o, eo) => s * b * d + q * eq + o * eo,
    { metric: true, label: 'Events recorded' },
  );
  m.aux(
    'dataLifetimeWeeks',
    'weeks',
    'Mean life of an event before it is aged out: half-life / ln 2.',
    ['dataHalfLifeWeeks'],
    (h) => h / Math.LN2,
  );
  m.flow(
    'eventsAgeing',
    'events/week',
    'Data ageing: old behaviour loses its worth.',
    ['freshEvents', 'dataLifetimeWeeks', 'dt'],
    (e, life, dt) => Math.min(e / dt, e / life),
  );
  m.aux(
    'initialEventsPerWeek',
    'events/week',
    'Events per week at the start (before AI).',
    [
      'initialActiveUsers',
      'marketSize',
      'sessionsPerUserPerWeek',
      'browseEventsPerSession',
      'searchShareOfSessions',
      'eventsPerSearch',
      'baseConversion',
      'eventsPerOrder',
    ],
    (a, n, s, b, f, eq, c, eo) => Math.min(a, n) * s * (b + f * eq + c * eo),
  );
  m.stock(
    'freshEvents',
    'events',
    'Behavioural data still worth learning from (accumulates and ages).',
    {
      initial: from(['initialEventsPerWeek', 'dataLifetimeWeeks'], (e, life) => e * life),
      inflows: ['eventsRecorded'],
      outflows: ['eventsAgeing'],
    },
    { metric: true, label: 'Fresh events' },
  );
  m.stock(
    'totalEvents',
    'events',
    'All raw events recorded since week 0.',
    { initial: constant(0), inflows: ['eventsRecorded'] },
    { metric: true, label: 'Total events' },
  );
}

function declareEconomics(
  m: ModelBuilder,
  scenario: Scenario,
  sources: readonly SourceVars[],
  consumers: readonly ConsumerVars[],
): void {
  const shared = sources.filter((s) => s.ref.shared);
  const firstStart = shared.length === 0 ? null : shared.map((s) => s.ref.startWeek);
  if (firstStart === null) {
    m.aux(
      'platformCost',
      'usd/week',
      'Shared data platform (none: no shared data products).',
      [],
      () => 0,
    );
  } else {
    m.auxList(
      'platformCost',
      'usd/week',
      'Shared data platform, from the week work on the first shared product starts.',
      ['time', 'platformCostUsdPerWeek', ...firstStart],
      (v) => {
        let first = Infinity;
        for (let i = 2; i < v.length; i++) first = Math.min(first, v[i]!);
        return v[0]! >= first ? v[1]! : 0;
      },
    );
  }
  const zeroOr = (
    name: string,
    unit: string,
    description: string,
    inputs: string[],
    opts: { metric: boolean; label: string },
  ): string =>
    inputs.length === 0
      ? m.aux(name, unit, description, [], () => 0, opts)
      : m.auxList(name, unit, description, inputs, sum, opts);
  zeroOr(
    'sourcesCost',
    'usd/week',
    'Data products and own pipelines: build, run, incidents, compliance, coordination.',
    sources.map((s) => s.cost),
    { metric: false, label: 'Sources cost' },
  );
  m.aux(
    'dataCost',
    'usd/week',
    'Data cost: sources plus platform.',
    ['sourcesCost', 'platformCost'],
    (a, b) => a + b,
    { metric: true, label: 'Data cost' },
  );
  zeroOr(
    'aiCost',
    'usd/week',
    'AI consumers: development and running.',
    consumers.map((c) => c.cost),
    { metric: true, label: 'AI cost' },
  );
  m.flow(
    'revenue',
    'usd/week',
    'Orders x average order value.',
    ['orders', 'averageOrderValue'],
    (o, a) => o * a,
    { metric: true, label: 'Revenue' },
  );
  m.aux(
    'grossProfit',
    'usd/week',
    'Revenue x gross margin.',
    ['revenue', 'grossMargin'],
    (r, g) => r * g,
    { metric: true, label: 'Gross profit' },
  );
  m.flow('spending', 'usd/week', 'Data and AI spending.', ['dataCost', 'aiCost'], (d, a) => d + a);
  m.flow(
    'netValue',
    'usd/week',
    'Gross profit less data and AI spending.',
    ['grossProfit', 'spending'],
    (g, s) => g - s,
    { metric: true, label: 'Net value' },
  );
  m.stock(
    'cumulativeRevenue',
    'usd',
    'Revenue since week 0.',
    { initial: constant(0), inflows: ['revenue'] },
    { metric: true, label: 'Cumulative revenue' },
  );
  m.stock(
    'cumulativeNetValue',
    'usd',
    'Net value since week 0.',
    { initial: constant(0), inflows: ['netValue'] },
    { metric: true, label: 'Cumulative net value' },
  );
  m.stock(
    'cumulativeSpending',
    'usd',
    'Data and AI spending since week 0.',
    { initial: constant(0), inflows: ['spending'] },
    { metric: true, label: 'Cumulative spending' },
  );

  // Loop-level summaries.
  const liveWeighted = (pick: (s: SourceVars) => string, fallback: string): string[] => [
    ...sources.map(pick),
    ...sources.map((s) => s.live),
    fallback,
  ];
  if (sources.length === 0) {
    m.aux(
      'meanSourceQuality',
      'fraction',
      'Mean quality of live data sources (0: none live).',
      [],
      () => 0,
      { metric: true, label: 'Data quality' },
    );
    m.aux(
      'meanSourceTrust',
      'fraction',
      'Mean trust in live data sources (start trust when none is live).',
      ['initialTrust'],
      (t) => t,
      { metric: true, label: 'Trust in data' },
    );
    m.aux('incidentsPerWeek', 'incidents/week', 'Data incidents across all sources.', [], () => 0, {
      metric: true,
      label: 'Incidents',
    });
  } else {
    m.aux('zero', 'fraction', 'The constant 0.', [], () => 0);
    m.auxList(
      'meanSourceQuality',
      'fraction',
      'Mean quality of live data sources (0: none live).',
      liveWeighted((s) => s.quality, 'zero'),
      weightedMeanOr,
      { metric: true, label: 'Data quality' },
    );
    m.auxList(
      'meanSourceTrust',
      'fraction',
      'Mean trust in live data sources (start trust when none is live).',
      liveWeighted((s) => s.trust, 'initialTrust'),
      weightedMeanOr,
      { metric: true, label: 'Trust in data' },
    );
    m.auxList(
      'incidentsPerWeek',
      'incidents/week',
      'Data incidents across all sources.',
      sources.map((s) => s.incidents),
      sum,
      { metric: true, label: 'Incidents' },
    );
  }
  if (consumers.length === 0) {
    m.aux('meanAiPerformance', 'fraction', 'Mean performance of the AI consumers.', [], () => 0, {
      metric: true,
      label: 'AI performance',
    });
    m.aux(
      'meanAiImpact',
      'fraction',
      'Mean impact (performance x adoption) of the AI consumers.',
      [],
      () => 0,
      { metric: true, label: 'AI impact' },
    );
  } else {
    m.auxList(
      'meanAiPerformance',
      'fraction',
      'Mean performance of the AI consumers.',
      consumers.map((c) => c.performance),
      mean,
      { metric: true, label: 'AI performance' },
    );
    m.auxList(
      'meanAiImpact',
      'fraction',
      'Mean impact (performance x adoption) of the AI consumers.',
      consumers.map((c) => c.impact),
      mean,
      { metric: true, label: 'AI impact' },
    );
  }
  m.aux(
    'initialFreshEvents',
    'events',
    'Fresh events at the start.',
    ['initialEventsPerWeek', 'dataLifetimeWeeks'],
    (e, l) => e * l,
  );
  m.aux(
    'flywheelMomentum',
    'relative change',
    "Geometric mean growth of the loop's three quantities since week 0 (active users, fresh data, experience), minus 1.",
    ['activeUsers', 'initialActiveUsers', 'freshEvents', 'initialFreshEvents', 'experienceIndex'],
    (a, a0, e, e0, x) => Math.cbrt((a0 > 0 ? a / a0 : 1) * (e0 > 0 ? e / e0 : 1) * x) - 1,
    { metric: true, label: 'Flywheel momentum' },
  );
  void scenario;
}
