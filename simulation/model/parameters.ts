/**
 * The registry of global model parameters: the one place where each default, range, unit,
 * explanation and source lives. The model, the scenario schema, the CLI, the editor, the docs and
 * the report all read it from here.
 *
 * `min`/`max` is the valid range (values outside are rejected). `plausible` is the range the
 * evidence supports; Monte Carlo draws from a triangular distribution over it (mode = default)
 * for parameters marked `uncertain`, and sensitivity analysis swings over it.
 *
 * Grades (MODEL-ANCHORS.md): PR peer-reviewed, PRp practitioner paper in a peer-reviewed journal,
 * AI academic study funded by a trade body, C consultancy/analyst, V vendor, B blog, J judgement.
 */
export type Grade = 'PR' | 'PRp' | 'AI' | 'C' | 'V' | 'B' | 'J';
export type ParameterGroup = 'market' | 'customers' | 'data' | 'dataProducts' | 'aiConsumers' | 'economics';

export interface ParameterSpec {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly group: ParameterGroup;
  readonly description: string;
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly plausible: readonly [number, number];
  readonly uncertain: boolean;
  readonly integer?: boolean;
  readonly source: string;
  readonly grade: Grade;
}

export const PARAMETER_GROUPS: Record<ParameterGroup, string> = {
  market: 'Market',
  customers: 'Customers',
  data: 'Data',
  dataProducts: 'Data products',
  aiConsumers: 'AI consumers',
  economics: 'Economics',
};

const p = (spec: Omit<ParameterSpec, 'plausible' | 'uncertain'> & Partial<Pick<ParameterSpec, 'plausible' | 'uncertain'>>): ParameterSpec => ({
  plausible: [spec.min, spec.max],
  uncertain: false,
  ...spec,
});

export const PARAMETERS: readonly ParameterSpec[] = [
  // Market
  p({
    name: 'marketSize', label: 'Addressable market', unit: 'people', group: 'market',
    description: 'People who could become active customers (potential + active + lapsed).',
    default: 10_000_000, min: 0, max: 1e9, integer: true,
    source: 'Judgement: a mid-sized online retailer (about $130M revenue a year) with 10% of its addressable market active.', grade: 'J',
  }),
  p({
    name: 'initialActiveUsers', label: 'Active users at start', unit: 'people', group: 'market',
    description: 'Customers active in week 0. Must not exceed the market.',
    default: 1_000_000, min: 0, max: 1e9, integer: true,
    source: 'Judgement: 10% of the market, an established business rather than a start-up.', grade: 'J',
  }),
  p({
    name: 'bassInnovationPerYear', label: 'Innovation (Bass p)', unit: '1/year', group: 'market',
    description: 'Share of remaining potential customers who adopt each year on their own (advertising, search).',
    default: 0.03, min: 0, max: 0.5, plausible: [0.001, 0.03], uncertain: true,
    source: 'Sultan, Farley & Lehmann, JMR 1990; Chandrasekaran & Tellis 2007 (p 0.001-0.03 per year).', grade: 'PR',
  }),
  p({
    name: 'bassImitationPerYear', label: 'Word of mouth (Bass q)', unit: '1/year', group: 'market',
    description: 'Adoption per year through contact with active customers, at full market penetration.',
    default: 0.38, min: 0, max: 3, plausible: [0.3, 0.53], uncertain: true,
    source: 'Sultan, Farley & Lehmann, JMR 1990 (mean q 0.38); Chandrasekaran & Tellis 2007.', grade: 'PR',
  }),
  p({
    name: 'wordOfMouthElasticity', label: 'Word of mouth response to experience', unit: 'dimensionless', group: 'market',
    description: 'Word of mouth scales with the experience index raised to this power (0: experience does not spread).',
    default: 1, min: 0, max: 5, plausible: [0.5, 2], uncertain: true,
    source: 'Judgement: proportional response; sensitivity-test it.', grade: 'J',
  }),
  p({
    name: 'winBackPerWeek', label: 'Lapsed users returning to the market', unit: '1/week', group: 'market',
    description: 'Share of lapsed customers who become reachable potential customers again each week.',
    default: 0.01, min: 0, max: 1, plausible: [0.002, 0.03], uncertain: true,
    source: 'Judgement: lapsed customers return to the reachable pool over about two years.', grade: 'J',
  }),
  // Customers
  p({
    name: 'sessionsPerUserPerWeek', label: 'Sessions per active user', unit: 'sessions/person/week', group: 'customers',
    description: 'Visits per active customer per week before any AI-driven engagement lift.',
    default: 1, min: 0, max: 50, plausible: [0.35, 2], uncertain: true,
    source: 'Littledata 2022 (1.4/month across all visitors); Monetate Q2 2017 benchmarks.', grade: 'V',
  }),
  p({
    name: 'baseChurnPerWeek', label: 'Churn of active users', unit: '1/week', group: 'customers',
    description: 'Share of active customers who lapse each week before any experience improvement (5%/month).',
    default: 0.012, min: 0, max: 1, plausible: [0.007, 0.024], uncertain: true,
    source: 'Gupta, Lehmann & Stuart, JMR 2004 (retention of online retailers); 5%/month is judgement within it.', grade: 'PR',
  }),
  p({
    name: 'baseConversion', label: 'Conversion per session', unit: 'fraction', group: 'customers',
    description: 'Share of sessions that end in an order before AI.',
    default: 0.025, min: 0, max: 1, plausible: [0.014, 0.04], uncertain: true,
    source: 'Invesp 2023 (2.58%); Littledata Shopify (1.4%); Dynamic Yield (2.95%).', grade: 'V',
  }),
  p({
    name: 'averageOrderValueUsd', label: 'Average order value', unit: 'usd/order', group: 'customers',
    description: 'Revenue per order before AI-driven basket growth.',
    default: 100, min: 0, max: 100_000, plausible: [75, 150], uncertain: true,
    source: 'Monetate Q1 2018 ($110); Littledata US ($97).', grade: 'V',
  }),
  p({
    name: 'searchShareOfSessions', label: 'Sessions that use site search', unit: 'fraction', group: 'customers',
    description: 'Share of sessions in which the customer searches.',
    default: 0.08, min: 0, max: 1, plausible: [0.05, 0.3], uncertain: true,
    source: 'Econsultancy (5.4%); store.is 2024 (7%).', grade: 'V',
  }),
  p({
    name: 'baseSearchSuccess', label: 'Search success', unit: 'fraction', group: 'customers',
    description: 'Share of searches that find a relevant product before AI.',
    default: 0.6, min: 0, max: 1, plausible: [0.4, 0.8], uncertain: true,
    source: 'Judgement: no stored benchmark; sensitivity-test it.', grade: 'J',
  }),
  p({
    name: 'searcherConversionMultiplier', label: 'Conversion multiplier for successful searches', unit: 'dimensionless', group: 'customers',
    description: 'Conversion of a session with a successful search relative to a session without search.',
    default: 2, min: 1, max: 10, plausible: [1.4, 3], uncertain: true,
    source: 'Screen Pages (2.4% vs 1.7%); store.is (3x).', grade: 'V',
  }),
  p({
    name: 'failedSearchConversionMultiplier', label: 'Conversion multiplier for failed searches', unit: 'dimensionless', group: 'customers',
    description: 'Conversion of a session whose search found nothing, relative to a session without search.',
    default: 0.5, min: 0, max: 1, plausible: [0.2, 0.8], uncertain: true,
    source: 'Judgement: a failed search mostly ends the visit.', grade: 'J',
  }),
  p({
    name: 'baseStockoutRate', label: 'Out-of-stock rate', unit: 'fraction', group: 'customers',
    description: 'Share of demanded items that are out of stock before forecasting AI.',
    default: 0.08, min: 0, max: 1, plausible: [0.07, 0.11], uncertain: true,
    source: 'Gruen, Corsten & Bharadwaj 2002, GMA/FMI (8.3%).', grade: 'AI',
  }),
  p({
    name: 'stockoutLostShare', label: 'Stock-out demand lost', unit: 'fraction', group: 'customers',
    description: 'Share of out-of-stock demand lost to the retailer (the rest substitutes or waits).',
    default: 0.4, min: 0, max: 1, plausible: [0.21, 0.58], uncertain: true,
    source: 'Gruen, Corsten & Bharadwaj 2002 (about 4% of sales lost overall).', grade: 'AI',
  }),
  p({
    name: 'demandNoiseSigma', label: 'Demand noise', unit: 'log-sd per step', group: 'customers',
    description: 'Week-to-week randomness of sessions (log standard deviation), stochastic mode only.',
    default: 0.05, min: 0, max: 1, plausible: [0.02, 0.1],
    source: 'Judgement: +-5% weekly traffic variation for an established shop.', grade: 'J',
  }),
  // Data
  p({
    name: 'browseEventsPerSession', label: 'Browse events per session', unit: 'events/session', group: 'data',
    description: 'Page views, clicks and impressions recorded per session.',
    default: 25, min: 0, max: 10_000, plausible: [10, 60],
    source: 'Judgement: typical clickstream depth of a retail session.', grade: 'J',
  }),
  p({
    name: 'eventsPerSearch', label: 'Events per search', unit: 'events/search', group: 'data',
    description: 'Query, result and refinement events per search.',
    default: 5, min: 0, max: 1000, plausible: [2, 10],
    source: 'Judgement.', grade: 'J',
  }),
  p({
    name: 'eventsPerOrder', label: 'Events per order', unit: 'events/order', group: 'data',
    description: 'Cart, checkout, payment and fulfilment events per order.',
    default: 12, min: 0, max: 1000, plausible: [5, 30],
    source: 'Judgement.', grade: 'J',
  }),
  p({
    name: 'signalDepthElasticity', label: 'Behavioural depth response to experience', unit: 'dimensionless', group: 'data',
    description: 'Events per session scale with the experience index raised to this power (richer signals).',
    default: 0.5, min: 0, max: 3, plausible: [0, 1], uncertain: true,
    source: 'Judgement: engaged sessions are deeper; sensitivity-test it.', grade: 'J',
  }),
  p({
    name: 'dataHalfLifeWeeks', label: 'Half-life of behavioural data', unit: 'weeks', group: 'data',
    description: 'Weeks after which an event is worth half as much to a model (data ageing).',
    default: 26, min: 1, max: 520, plausible: [8, 52], uncertain: true,
    source: 'Judgement: recency weighting in retail recommenders; behaviour older than about 6 months counts half.', grade: 'J',
  }),
  // Data products (mechanism constants shared by all products and own pipelines)
  p({
    name: 'baseIncidentsPerWeek', label: 'Incidents at zero pipeline maturity', unit: 'incidents/week', group: 'dataProducts',
    description: 'Data incidents per week of a product whose pipelines have maturity 0; mature pipelines cut it by up to 85%.',
    default: 0.25, min: 0, max: 20, plausible: [0.1, 0.5], uncertain: true,
    source: 'Monte Carlo data downtime surveys (vendor): incidents x (time to detect + time to resolve); the rate is judgement.', grade: 'V',
  }),
  p({
    name: 'maxDetectWeeks', label: 'Time to detect at zero quality maturity', unit: 'weeks', group: 'dataProducts',
    description: 'Weeks before an incident is noticed without tests or monitors.',
    default: 1.5, min: 0, max: 26, plausible: [0.5, 4], uncertain: true,
    source: 'Monte Carlo (vendor): detection takes days to weeks without monitoring.', grade: 'V',
  }),
  p({
    name: 'maxResolveWeeks', label: 'Time to resolve at zero ownership maturity', unit: 'weeks', group: 'dataProducts',
    description: 'Weeks to resolve an incident when nobody owns the product.',
    default: 2, min: 0, max: 26, plausible: [0.5, 4], uncertain: true,
    source: 'Monte Carlo (vendor); judgement.', grade: 'V',
  }),
  p({
    name: 'incidentSeverity', label: 'Share of data an incident breaks', unit: 'fraction/incident', group: 'dataProducts',
    description: 'Share of a source\'s data that a typical incident makes wrong or missing until it is resolved.',
    default: 0.25, min: 0, max: 1, plausible: [0.1, 0.5], uncertain: true,
    source: 'Judgement: most incidents hit a table or a field, not the whole product.', grade: 'J',
  }),
  p({
    name: 'baseDefectRate', label: 'Defect rate at zero quality maturity', unit: 'fraction', group: 'dataProducts',
    description: 'Share of defective records without quality guarantees; quality maturity cuts it by up to 90%.',
    default: 0.25, min: 0, max: 1, plausible: [0.1, 0.4], uncertain: true,
    source: 'Redman, MIT SMR 2017 (about half of new records have a critical error); judgement.', grade: 'C',
  }),
  p({
    name: 'qualityDriftPerWeek', label: 'Quality drift', unit: '1/week', group: 'dataProducts',
    description: 'Rate at which schema changes, source changes and decay erode a product\'s quality; quality monitoring slows it by up to 70%.',
    default: 0.01, min: 0, max: 1, plausible: [0.005, 0.03], uncertain: true,
    source: 'Judgement.', grade: 'J',
  }),
  p({
    name: 'qualityRepairPerWeek', label: 'Quality repair by owners', unit: '1/week', group: 'dataProducts',
    description: 'Rate at which a fully owned product repairs erosion, doubled by consumer feedback.',
    default: 0.04, min: 0, max: 1, plausible: [0.02, 0.08], uncertain: true,
    source: 'Judgement.', grade: 'J',
  }),
  p({
    name: 'ownerLoadPerConsumer', label: 'Owner load per consumer', unit: 'capacity/consumer', group: 'dataProducts',
    description: 'Share of an owning team\'s capacity that each live AI consumer takes (requests, support).',
    default: 0.25, min: 0, max: 5, plausible: [0.1, 0.5], uncertain: true,
    source: 'Judgement: maintenance load on product owners is a balancing force.', grade: 'J',
  }),
  p({
    name: 'ownerLoadPerIncident', label: 'Owner load per weekly incident', unit: 'capacity/(incident/week)', group: 'dataProducts',
    description: 'Share of an owning team\'s capacity taken by each incident per week.',
    default: 0.5, min: 0, max: 10, plausible: [0.2, 1],
    source: 'Judgement.', grade: 'J',
  }),
  p({
    name: 'initialTrust', label: 'Trust in data at start', unit: 'fraction', group: 'dataProducts',
    description: 'Trust of decision makers and AI teams in the data before any product exists.',
    default: 0.35, min: 0, max: 1, plausible: [0.33, 0.4],
    source: 'KPMG, Guardians of Trust 2018 (35% of executives trust their data).', grade: 'C',
  }),
  p({
    name: 'trustAdjustmentWeeks', label: 'Trust adjustment time', unit: 'weeks', group: 'dataProducts',
    description: 'Time constant with which trust moves toward what a product earns.',
    default: 12, min: 1, max: 260, plausible: [4, 26], uncertain: true,
    source: 'Judgement: trust is earned over a quarter.', grade: 'J',
  }),
  p({
    name: 'centralQueueWeeksPerProduct', label: 'Central team queue per product', unit: 'weeks/product', group: 'dataProducts',
    description: 'Extra wait before each further product can start when one central team builds them (0 when domains build in parallel).',
    default: 4, min: 0, max: 52, plausible: [0, 8],
    source: 'Judgement; Dehghani 2020 (central data team as bottleneck).', grade: 'J',
  }),
  p({
    name: 'coordinationCostUsdPerProductPerWeek', label: 'Coordination overhead per product', unit: 'usd/week', group: 'dataProducts',
    description: 'Federated governance and cross-domain coordination per live product (data mesh).',
    default: 0, min: 0, max: 1e6, plausible: [0, 5000],
    source: 'Judgement: mesh overhead has no published figure.', grade: 'J',
  }),
  p({
    name: 'platformCostUsdPerWeek', label: 'Shared data platform cost', unit: 'usd/week', group: 'dataProducts',
    description: 'Running cost of the shared platform whenever at least one shared data product exists.',
    default: 8000, min: 0, max: 1e7, plausible: [4000, 20000], uncertain: true,
    source: 'Judgement: a small cloud data platform and its team share.', grade: 'J',
  }),
  p({
    name: 'baseIntegrationWeeks', label: 'Integration time without APIs', unit: 'weeks', group: 'dataProducts',
    description: 'Weeks for a new consumer to integrate a source without APIs or metadata.',
    default: 12, min: 0, max: 104, plausible: [6, 20], uncertain: true,
    source: 'Anaconda 2020 (45% of data-science time on preparation); judgement.', grade: 'V',
  }),
  // AI consumers
  p({
    name: 'timeToMarketGain', label: 'Development time saved by reuse', unit: 'fraction', group: 'aiConsumers',
    description: 'Share of an AI consumer\'s development time saved at full reuse (APIs and metadata at maturity 1).',
    default: 0.5, min: 0, max: 0.95, plausible: [0.3, 0.9], uncertain: true,
    source: 'McKinsey / HBR 2022 ("up to 90% faster"), unverified; 50% is a conservative reading.', grade: 'C',
  }),
  p({
    name: 'learningCurveExponent', label: 'Learning-curve exponent', unit: 'dimensionless', group: 'aiConsumers',
    description: 'Error falls with effective data as D^beta (negative: more data, less error, with diminishing returns).',
    default: -0.2, min: -1, max: 0, plausible: [-0.35, -0.07], uncertain: true,
    source: 'Hestness et al., arXiv 1712.00409 (2017).', grade: 'PR',
  }),
  p({
    name: 'irreducibleError', label: 'Irreducible error (accuracy ceiling)', unit: 'fraction', group: 'aiConsumers',
    description: 'Error no amount of data removes: the accuracy ceiling.',
    default: 0.1, min: 0, max: 0.9, plausible: [0.05, 0.2], uncertain: true,
    source: 'Hestness 2017; Banko & Brill, ACL 2001 (error = a*D^beta + g).', grade: 'PR',
  }),
  p({
    name: 'reducibleErrorAtReference', label: 'Reducible error at reference data', unit: 'fraction', group: 'aiConsumers',
    description: 'The a in error = a*(D/Dref)^beta + g: error above the ceiling with the reference volume of effective data.',
    default: 0.3, min: 0, max: 1, plausible: [0.2, 0.4],
    source: 'Judgement, calibrated so a model on clean reference data closes about 60% of the gap to its ceiling.', grade: 'J',
  }),
  p({
    name: 'heuristicError', label: 'Error without a model', unit: 'fraction', group: 'aiConsumers',
    description: 'Error of the rule-based experience the AI replaces; performance 0 means no better than this.',
    default: 0.6, min: 0.01, max: 1, plausible: [0.5, 0.7],
    source: 'Judgement.', grade: 'J',
  }),
  p({
    name: 'referenceEffectiveEvents', label: 'Reference effective data', unit: 'events', group: 'aiConsumers',
    description: 'Scale of the learning curve: effective events at which error is a + g.',
    default: 1e8, min: 1, max: 1e13, plausible: [3e7, 3e8],
    source: 'Judgement: about the fresh behavioural data of the default business.', grade: 'J',
  }),
  p({
    name: 'dataQualityExponent', label: 'Quality exponent k', unit: 'dimensionless', group: 'aiConsumers',
    description: 'Effective data = volume x coverage x quality^k: bad data counts less than its volume.',
    default: 1.5, min: 0, max: 4, plausible: [1, 2], uncertain: true,
    source: 'MODEL-ANCHORS note (k about 1-2, judgement); sensitivity-test it.', grade: 'J',
  }),
  p({
    name: 'freshnessScaleWeeks', label: 'Staleness tolerance', unit: 'weeks', group: 'aiConsumers',
    description: 'Refresh lag at which a consumer\'s input is worth half (freshness = 1 / (1 + lag / scale)).',
    default: 2, min: 0.01, max: 52, plausible: [0.5, 4], uncertain: true,
    source: 'Judgement: fortnightly merchandising and campaign cycles.', grade: 'J',
  }),
  p({
    name: 'adoptionAdjustmentWeeks', label: 'AI adoption time', unit: 'weeks', group: 'aiConsumers',
    description: 'Time constant with which use of an AI feature moves toward what trust in its inputs allows.',
    default: 8, min: 1, max: 104, plausible: [4, 16],
    source: 'Judgement: staged roll-out over two months.', grade: 'J',
  }),
  p({
    name: 'minimumAdoption', label: 'Adoption without trust', unit: 'fraction', group: 'aiConsumers',
    description: 'Share of traffic a deployed AI feature gets even when nobody trusts its data.',
    default: 0.3, min: 0, max: 1, plausible: [0.1, 0.5],
    source: 'Judgement.', grade: 'J',
  }),
  // Economics
  p({
    name: 'grossMargin', label: 'Gross margin', unit: 'fraction', group: 'economics',
    description: 'Share of revenue left after cost of goods, shipping and payment.',
    default: 0.3, min: 0, max: 1, plausible: [0.2, 0.45], uncertain: true,
    source: 'Judgement: general-merchandise online retail.', grade: 'J',
  }),
  p({
    name: 'costPerIncidentUsd', label: 'Cost per data incident', unit: 'usd/incident', group: 'economics',
    description: 'Engineering time, bad decisions and rework per incident.',
    default: 5000, min: 0, max: 1e7, plausible: [2000, 30000], uncertain: true,
    source: 'Gartner 2021 ($12.9M/yr cost of poor data quality), scaled down; judgement.', grade: 'C',
  }),
  p({
    name: 'complianceExposureUsdPerWeek', label: 'Compliance exposure without governance', unit: 'usd/week', group: 'economics',
    description: 'Expected weekly cost of privacy and compliance failures per source with governance maturity 0.',
    default: 1500, min: 0, max: 1e7, plausible: [500, 5000], uncertain: true,
    source: 'Judgement: expected value of fines and remediation.', grade: 'J',
  }),
];

export const PARAMETER_BY_NAME: ReadonlyMap<string, ParameterSpec> = new Map(PARAMETERS.map((s) => [s.name, s]));

export type ParameterValues = Record<string, number>;

export function defaultParameterValues(): ParameterValues {
  return Object.fromEntries(PARAMETERS.map((s) => [s.name, s.default]));
}
