/**
 * Registry: what each part of a data product's anatomy is worth. These coefficients turn a
 * maturity (0 = absent, 1 = best practice) into a mechanism: coverage, defects, detection and
 * resolution times, refresh lag, integration time, reuse, owner capacity, incidents, downtime,
 * quality drift and repair, trust. No study measures them; each is judgement with an honest, wide
 * range, and Monte Carlo draws every one (docs/MODEL.md section 4).
 */
import { p, type ParameterSpec } from './spec';

type Coefficient = Omit<ParameterSpec, 'group' | 'uncertain' | 'grade' | 'plausible'> & {
  readonly plausible: readonly [number, number];
  readonly grade?: ParameterSpec['grade'];
};

const coefficient = (spec: Coefficient): ParameterSpec =>
  p({ grade: 'J', ...spec, group: 'anatomy', uncertain: true });

export const ANATOMY_PARAMETERS: readonly ParameterSpec[] = [
  coefficient({
    name: 'coverageWithoutDatasets',
    label: 'Signal coverage at datasets maturity 0',
    unit: 'fraction',
    description:
      'Share of the behavioural signal a source carries when its datasets are raw extracts (maturity 0); it rises linearly to all of it at maturity 1.',
    default: 0.2,
    min: 0,
    max: 1,
    plausible: [0.05, 0.4],
    source:
      'Judgement: raw extracts hold the core entities (orders, sessions) but few of the joined, cleaned attributes a model uses.',
  }),
  coefficient({
    name: 'defectCutByQuality',
    label: 'Defects removed by quality maturity',
    unit: 'fraction',
    description:
      'Share of the defect rate that tests and quality guarantees at maturity 1 remove (accuracy = 1 - defect rate x (1 - this x quality)).',
    default: 0.9,
    min: 0,
    max: 1,
    plausible: [0.7, 0.97],
    source:
      'Judgement; Redman, MIT SMR 2017 (most errors are caught by checks at the source): best practice leaves a residue.',
  }),
  coefficient({
    name: 'detectionCutByQuality',
    label: 'Detection time saved by quality maturity',
    unit: 'fraction',
    description:
      'Share of the time to detect an incident that monitors and tests at quality maturity 1 save.',
    default: 0.9,
    min: 0,
    max: 1,
    plausible: [0.6, 0.97],
    source: 'Monte Carlo data-observability surveys (vendor): monitoring turns days into hours.',
    grade: 'V',
  }),
  coefficient({
    name: 'resolutionCutByOwnership',
    label: 'Resolution time saved by ownership',
    unit: 'fraction',
    description:
      'Share of the time to resolve an incident that an accountable owning team (ownership maturity 1) saves.',
    default: 0.85,
    min: 0,
    max: 1,
    plausible: [0.5, 0.95],
    source: 'Judgement; Dehghani 2020 (domain ownership): an owner on call versus a ticket queue.',
  }),
  coefficient({
    name: 'refreshLagAtBestPracticeWeeks',
    label: 'Refresh lag at best practice',
    unit: 'weeks',
    description:
      'Age of the newest data a consumer gets from a source with pipelines at maturity 1 (the residue of even a streaming pipeline).',
    default: 0.05,
    min: 0,
    max: 4,
    plausible: [0.01, 0.15],
    source: 'Judgement: hourly to daily refreshes (0.05 weeks is about 8 hours).',
  }),
  coefficient({
    name: 'refreshLagAddedWithoutPipelinesWeeks',
    label: 'Refresh lag added at pipelines maturity 0',
    unit: 'weeks',
    description:
      'Extra age of the data when pipelines are manual extracts (maturity 0); it shrinks linearly to nothing at maturity 1.',
    default: 3,
    min: 0,
    max: 52,
    plausible: [1, 6],
    source: 'Judgement: hand-run extracts refreshed every few weeks.',
  }),
  coefficient({
    name: 'refreshLagCutBySlas',
    label: 'Refresh lag saved by SLAs',
    unit: 'fraction',
    description:
      'Share of the added refresh lag that freshness commitments at SLAs maturity 1 remove.',
    default: 0.6,
    min: 0,
    max: 1,
    plausible: [0.3, 0.8],
    source: 'Judgement: a freshness SLA makes a late refresh an incident rather than a habit.',
  }),
  coefficient({
    name: 'integrationCutByApis',
    label: 'Integration time saved by APIs',
    unit: 'fraction',
    description:
      'Share of the weeks a new consumer needs to integrate a source that self-service APIs at maturity 1 save.',
    default: 0.75,
    min: 0,
    max: 1,
    plausible: [0.5, 0.9],
    source:
      'Judgement; Anaconda 2020 (45% of data-science time on preparation): an API removes most of the wiring, not the understanding.',
  }),
  coefficient({
    name: 'integrationCutByMetadata',
    label: 'Integration time saved by metadata',
    unit: 'fraction',
    description:
      'Share of the remaining integration weeks that schemas, semantics and lineage at metadata maturity 1 save.',
    default: 0.3,
    min: 0,
    max: 1,
    plausible: [0.1, 0.5],
    source: 'Judgement: documented semantics save the weeks spent finding out what a field means.',
  }),
  coefficient({
    name: 'reuseShareFromApis',
    label: 'Share of reuse from APIs',
    unit: 'fraction',
    description:
      "How much of a source's reuse (the development a consumer can skip) comes from its APIs; the rest comes from its metadata.",
    default: 0.5,
    min: 0,
    max: 1,
    plausible: [0.3, 0.7],
    source: 'Judgement: access and understanding matter about equally.',
  }),
  coefficient({
    name: 'ownerCapacityWithoutOwnership',
    label: 'Owner capacity at ownership maturity 0',
    unit: 'capacity',
    description:
      'Maintenance capacity of a source nobody owns (people who look after it on the side), in the units of owner load.',
    default: 0.5,
    min: 0.01,
    max: 10,
    plausible: [0.25, 1],
    source: 'Judgement.',
  }),
  coefficient({
    name: 'ownerCapacityAtFullOwnership',
    label: 'Owner capacity at full ownership',
    unit: 'capacity',
    description:
      'Maintenance capacity of a fully owned source (an accountable team); it rises linearly from the capacity without ownership.',
    default: 2,
    min: 0.01,
    max: 20,
    plausible: [1.5, 3],
    source: 'Judgement: a dedicated team handles about four times what people on the side do.',
  }),
  coefficient({
    name: 'incidentCutByPipelines',
    label: 'Incidents prevented by pipelines maturity',
    unit: 'fraction',
    description:
      'Share of the incident rate that tested, orchestrated pipelines at maturity 1 prevent.',
    default: 0.85,
    min: 0,
    max: 1,
    plausible: [0.6, 0.95],
    source:
      'Judgement; Monte Carlo (vendor) incident surveys: most incidents are pipeline failures.',
  }),
  coefficient({
    name: 'incidentPerceptionWeeks',
    label: 'Incident perception time',
    unit: 'weeks',
    description:
      'Time over which the owning team perceives the incident rate (the smoothing that feeds owner load).',
    default: 4,
    min: 1,
    max: 26,
    plausible: [2, 8],
    source: 'Judgement: a month of incident history shapes how a team plans its work.',
  }),
  coefficient({
    name: 'downtimeCutBySlas',
    label: 'Downtime saved by SLAs',
    unit: 'fraction',
    description:
      'Share of the downtime an incident causes that availability commitments at SLAs maturity 1 remove (fallbacks, last good data).',
    default: 0.6,
    min: 0,
    max: 1,
    plausible: [0.3, 0.8],
    source: 'Judgement.',
  }),
  coefficient({
    name: 'feedbackHalfConsumers',
    label: 'Consumers for half the feedback',
    unit: 'consumers',
    description:
      'Number of deployed consumers at which operational feedback reaches half its full strength (feedback = consumers / (consumers + this)).',
    default: 1,
    min: 0.01,
    max: 20,
    plausible: [0.5, 3],
    source: 'Judgement: the first consumers report most of what there is to find.',
  }),
  coefficient({
    name: 'driftCutByQuality',
    label: 'Quality drift slowed by quality maturity',
    unit: 'fraction',
    description:
      'Share of quality drift that monitors and contracts at quality maturity 1 prevent.',
    default: 0.7,
    min: 0,
    max: 1,
    plausible: [0.4, 0.9],
    source: 'Judgement: schema contracts catch most silent changes, not all.',
  }),
  coefficient({
    name: 'repairShareWithoutFeedback',
    label: 'Repair rate without consumer feedback',
    unit: 'fraction',
    description:
      'Share of the full repair rate owners reach with no consumer feedback; feedback raises it to the full rate.',
    default: 0.5,
    min: 0,
    max: 1,
    plausible: [0.25, 0.75],
    source: 'Judgement: owners find half the erosion themselves.',
  }),
  coefficient({
    name: 'trustWithoutGovernance',
    label: 'Trust earned at governance maturity 0',
    unit: 'fraction',
    description:
      'Share of the trust a source can earn (given its quality and availability) when it has no access policies, privacy controls or compliance posture.',
    default: 0.25,
    min: 0,
    max: 1,
    plausible: [0.1, 0.5],
    source:
      'Judgement; KPMG, Guardians of Trust 2018 (35% of executives trust their data): ungoverned data is widely distrusted.',
  }),
  coefficient({
    name: 'trustShareFromLineage',
    label: 'Share of trust from lineage',
    unit: 'fraction',
    description:
      'Share of the trust a source earns that depends on its metadata (lineage: knowing where the data comes from).',
    default: 0.2,
    min: 0,
    max: 1,
    plausible: [0.05, 0.4],
    source: 'Judgement.',
  }),
  coefficient({
    name: 'overloadEffect',
    label: 'Effect of owner overload',
    unit: 'dimensionless',
    description:
      'How much an overloaded owning team raises incidents and quality drift: x (1 + this x overload), overload being the share of its work left undone.',
    default: 1,
    min: 0,
    max: 5,
    plausible: [0.5, 2],
    source: 'Judgement: work left undone fails about as often as work never done.',
  }),
];
