/**
 * Variables of one data source: a shared data product, or an AI consumer's own pipeline built from
 * raw siloed data. Both have the same anatomy and mechanisms; an own pipeline is simply a source
 * with low maturities, one consumer, no central queue and no platform.
 */
import type { AnatomyPart } from './anatomy';
import { declareMechanisms } from './source-anatomy';
import { declareOperations, declareQuality, declareTrust } from './source-health';
import { stepShareInside, type ModelBuilder } from './declare';

export interface SourceRef {
  /** Variable-name prefix, e.g. `dataProduct.customer-360` or `ownPipeline.recs.1`. */
  readonly prefix: string;
  readonly label: string;
  /** Name of the parameter holding each anatomy maturity. */
  readonly maturity: Record<AnatomyPart, string>;
  readonly buildWeeks: string;
  readonly buildCostUsd: string;
  readonly runCostUsdPerWeek: string;
  /** Week the build starts (a parameter or a constant auxiliary). */
  readonly startWeek: string;
  /** Position in the central team's queue (0 for own pipelines). */
  readonly queuePosition: number;
  /** True for shared data products (platform and coordination costs apply). */
  readonly shared: boolean;
}

/** Names of a source's variables that others read. */
export interface SourceVars {
  readonly ref: SourceRef;
  readonly liveWeek: string;
  readonly live: string;
  readonly coverage: string;
  readonly integrationWeeks: string;
  readonly reuse: string;
  readonly quality: string;
  readonly trust: string;
  readonly delivered: string;
  readonly incidents: string;
  readonly cost: string;
}

/** What the parts of a source's declaration share: the builder, its names and maturities. */
export interface SourceContext {
  readonly m: ModelBuilder;
  readonly ref: SourceRef;
  readonly label: string;
  /** The name of the source's variable `name`. */
  readonly v: (name: string) => string;
  /** The parameter names of its maturities: datasets, pipelines, APIs, metadata, governance, SLAs, ownership, quality. */
  readonly D: string;
  readonly P: string;
  readonly A: string;
  readonly M: string;
  readonly G: string;
  readonly S: string;
  readonly O: string;
  readonly Q: string;
}

/** Declares the source's variables; `consumersDeployed` are the deployed flags of its consumers. */
export function declareSource(
  m: ModelBuilder,
  ref: SourceRef,
  consumersDeployed: readonly string[],
): SourceVars {
  const mat = ref.maturity;
  const x: SourceContext = {
    m,
    ref,
    label: ref.label,
    v: (name) => `${ref.prefix}.${name}`,
    D: mat.datasets,
    P: mat.pipelines,
    A: mat.apis,
    M: mat.metadata,
    G: mat.governance,
    S: mat.slas,
    O: mat.ownership,
    Q: mat.quality,
  };
  const { liveWeek, live, building } = declareTiming(x);
  const mech = declareMechanisms(x);
  const ops = declareOperations(x, live, mech, consumersDeployed);
  const { quality, delivered } = declareQuality(x, live, mech, ops);
  const trust = declareTrust(x, live, quality, ops.availability);
  const cost = declareSourceCost(x, live, building, ops.incidents);
  return {
    ref,
    liveWeek,
    live,
    coverage: mech.coverage,
    integrationWeeks: mech.integrationWeeks,
    reuse: mech.reuse,
    quality,
    trust,
    delivered,
    incidents: ops.incidents,
    cost,
  };
}

/** When the source is built and live. */
function declareTiming(x: SourceContext): { liveWeek: string; live: string; building: string } {
  const { m, ref, label, v } = x;
  const liveWeek = m.aux(
    v('liveWeek'),
    'week',
    `Week ${label} goes live: start, plus the central queue, plus build time.`,
    [ref.startWeek, 'centralQueueWeeksPerProduct', ref.buildWeeks],
    (start, queue, build) => start + queue * ref.queuePosition + build,
  );
  const live = m.aux(
    v('live'),
    'flag',
    `1 while ${label} is live.`,
    ['time', liveWeek],
    (t, w) => (t >= w ? 1 : 0),
    { metric: true, label: `${label} live` },
  );
  const building = m.aux(
    v('building'),
    'fraction',
    `Share of the step ${label} is being built: from the start of work (live week - build weeks) for the build weeks (at least one).`,
    ['time', 'dt', liveWeek, ref.buildWeeks],
    (t, dt, w, b) => stepShareInside(t, dt, w - b, w - b + Math.max(b, 1)),
  );
  return { liveWeek, live, building };
}

/** Build and running cost, incidents, compliance exposure and coordination. */
function declareSourceCost(
  x: SourceContext,
  live: string,
  building: string,
  incidents: string,
): string {
  const { m, ref, label, v, G } = x;
  const buildSpend = m.aux(
    v('buildSpend'),
    'usd/week',
    'Build cost spread evenly over the build weeks (at least one): the total paid is the build cost at any step length.',
    [building, ref.buildCostUsd, ref.buildWeeks],
    (b, bc, bw) => (b * bc) / Math.max(bw, 1),
  );
  const shared = ref.shared ? 1 : 0;
  const compliance = m.aux(
    v('complianceExposure'),
    'usd/week',
    'Governance: expected compliance cost per week at the reference business size, (1 - governance maturity) x exposure.',
    [G, 'complianceExposureUsdPerWeek'],
    (g, exposure) => (1 - g) * exposure,
  );
  const incidentSpend = m.aux(
    v('incidentSpend'),
    'usd/week',
    'Incidents x cost per incident (its business part scaled to the business).',
    [incidents, 'costPerIncidentUsd', 'incidentCostScale'],
    (inc, perInc, scale) => inc * perInc * scale,
  );
  const runSpend = m.aux(
    v('runSpend'),
    'usd/week',
    'While live: running cost, incidents, expected compliance cost and, for shared products, coordination; each part that grows with the business scaled to its size.',
    [
      live,
      ref.runCostUsdPerWeek,
      'runningCostScale',
      incidentSpend,
      compliance,
      'businessScale',
      'coordinationCostUsdPerProductPerWeek',
    ],
    (on, run, runScale, inc, comp, scale, coord) =>
      on * (run * runScale + comp * scale + shared * coord) + inc,
  );
  const cost = m.aux(
    v('cost'),
    'usd/week',
    `Total cost of ${label}.`,
    [buildSpend, runSpend],
    (b, r) => b + r,
  );
  return cost;
}
