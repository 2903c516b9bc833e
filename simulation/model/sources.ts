/**
 * Variables of one data source: a shared data product, or an AI consumer's own pipeline built from
 * raw siloed data. Both have the same anatomy and mechanisms; an own pipeline is simply a source
 * with low maturities, one consumer, no central queue and no platform.
 */
import { ANATOMY_PARTS, type AnatomyPart } from './anatomy';
import { clamp01, constant, from, stepShareInside, sum, type ModelBuilder } from './declare';

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

/** Declares the source's variables; `consumersDeployed` are the deployed flags of its consumers. */
export function declareSource(
  m: ModelBuilder,
  ref: SourceRef,
  consumersDeployed: readonly string[],
): SourceVars {
  const v = (name: string): string => `${ref.prefix}.${name}`;
  const [D, P, A, M, G, S, O, Q] = ANATOMY_PARTS.map((part) => ref.maturity[part]) as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const label = ref.label;

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

  const coverage = m.aux(
    v('coverage'),
    'fraction',
    'Datasets: share of the behavioural signal carried (0.2 + 0.8 x datasets maturity).',
    [D],
    (d) => 0.2 + 0.8 * d,
  );
  const accuracy = m.aux(
    v('accuracy'),
    'fraction',
    'Quality: share of records without defects (defect rate falls up to 90% with quality maturity).',
    ['baseDefectRate', Q],
    (base, q) => 1 - base * (1 - 0.9 * q),
  );
  const detectWeeks = m.aux(
    v('detectWeeks'),
    'weeks',
    'Quality: time to detect an incident (monitors cut it by up to 90%).',
    ['maxDetectWeeks', Q],
    (w, q) => w * (1 - 0.9 * q),
  );
  const resolveWeeks = m.aux(
    v('resolveWeeks'),
    'weeks',
    'Ownership: time to resolve an incident (an accountable team cuts it by up to 85%).',
    ['maxResolveWeeks', O],
    (w, o) => w * (1 - 0.85 * o),
  );
  const refreshLag = m.aux(
    v('refreshLagWeeks'),
    'weeks',
    'Pipelines and SLAs: age of the newest data a consumer gets (3 weeks at maturity 0, about 8 hours at 1).',
    [P, S],
    (p, s) => 0.05 + 3 * (1 - p) * (1 - 0.6 * s),
  );
  const freshness = m.aux(
    v('freshness'),
    'fraction',
    'Worth of the data given its refresh lag: 1 / (1 + lag / staleness tolerance).',
    [refreshLag, 'freshnessScaleWeeks'],
    (lag, scale) => 1 / (1 + lag / scale),
  );
  const integrationWeeks = m.aux(
    v('integrationWeeks'),
    'weeks',
    'APIs and Metadata: weeks for a new consumer to integrate.',
    ['baseIntegrationWeeks', A, M],
    (base, a, md) => base * (1 - 0.75 * a) * (1 - 0.3 * md),
  );
  const reuse = m.aux(
    v('reuse'),
    'fraction',
    "APIs and Metadata: how much of a consumer's development this source lets it reuse.",
    [A, M],
    (a, md) => 0.5 * a + 0.5 * md,
  );
  const capacity = m.aux(
    v('ownerCapacity'),
    'capacity',
    'Ownership: capacity of the accountable team (0.5 with nobody, 2 with a full team).',
    [O],
    (o) => 0.5 + 1.5 * o,
  );

  const consumersLive =
    consumersDeployed.length === 0
      ? m.aux(
          v('consumersLive'),
          'consumers',
          'Deployed AI consumers reading this source.',
          [],
          () => 0,
        )
      : m.auxList(
          v('consumersLive'),
          'consumers',
          'Deployed AI consumers reading this source.',
          consumersDeployed,
          sum,
        );

  const recentIncidents = v('recentIncidents');
  const ownerLoad = m.aux(
    v('ownerLoad'),
    'dimensionless',
    'Maintenance load on the owning team relative to its capacity (consumers and recent incidents).',
    [consumersLive, recentIncidents, 'ownerLoadPerConsumer', 'ownerLoadPerIncident', capacity],
    (c, inc, perC, perI, cap) => (c * perC + inc * perI) / cap,
  );
  const overload = m.aux(
    v('overload'),
    'fraction',
    "Share of the owning team's work left undone when load exceeds capacity (1 - 1/load): raises incidents and quality drift, at most doubling them.",
    [ownerLoad],
    (l) => (l > 1 ? 1 - 1 / l : 0),
  );
  const incidents = m.aux(
    v('incidents'),
    'incidents/week',
    'Pipelines: data incidents (stochastic: Poisson draws).',
    [live, 'baseIncidentsPerWeek', P, overload],
    (on, base, p, ov) => on * base * (1 - 0.85 * p) * (1 + ov),
    { noise: { type: 'poisson' }, metric: true, label: `${label} incidents` },
  );
  m.flow(
    v('incidentTrend'),
    'incidents/week/week',
    'Smoothing of incidents over four weeks (information delay; at least one step).',
    [incidents, recentIncidents, 'dt'],
    (i, r, dt) => (i - r) / Math.max(4, dt),
  );
  m.stock(
    recentIncidents,
    'incidents/week',
    'Incident rate as the owning team perceives it (4-week smoothing).',
    { initial: constant(0), inflows: [v('incidentTrend')] },
  );
  const downtime = m.aux(
    v('downtime'),
    'fraction',
    'Share of the data wrong or missing: incidents x (detect + resolve) x severity, softened by SLAs.',
    [incidents, detectWeeks, resolveWeeks, 'incidentSeverity', S],
    (i, d, r, sev, s) => Math.min(1, i * (d + r) * sev) * (1 - 0.6 * s),
  );
  const availability = m.aux(
    v('availability'),
    'fraction',
    'SLAs: share of the week the source serves correct data.',
    [downtime],
    (d) => 1 - d,
    { metric: true, label: `${label} availability` },
  );

  const erosion = v('erosion');
  const feedback = m.aux(
    v('feedback'),
    'fraction',
    'Operational feedback from deployed consumers (saturating in their number).',
    [consumersLive],
    (c) => c / (c + 1),
  );
  m.flow(
    v('erosionGrowth'),
    'fraction/week',
    'Quality drift: source and schema changes erode quality; monitoring slows it, overload speeds it (never past full erosion in one step).',
    [live, 'qualityDriftPerWeek', Q, overload, erosion, 'dt'],
    (on, d, q, ov, e, dt) => Math.min((1 - e) / dt, on * d * (1 - 0.7 * q) * (1 + ov) * (1 - e)),
  );
  m.flow(
    v('erosionRepair'),
    'fraction/week',
    'Ownership: the owning team repairs erosion, faster with consumer feedback.',
    [live, 'qualityRepairPerWeek', O, feedback, erosion, 'dt'],
    (on, r, o, f, e, dt) => Math.min(e / dt, on * r * o * (0.5 + 0.5 * f) * e),
  );
  m.stock(erosion, 'fraction', 'Share of the launch accuracy lost to drift and not yet repaired.', {
    initial: constant(0),
    inflows: [v('erosionGrowth')],
    outflows: [v('erosionRepair')],
  });
  const quality = m.aux(
    v('quality'),
    'fraction',
    'Data quality delivered: accuracy less erosion.',
    [accuracy, erosion],
    (a, e) => clamp01(a * (1 - e)),
    { metric: true, label: `${label} quality` },
  );
  const delivered = m.aux(
    v('delivered'),
    'fraction',
    'What a consumer gets per unit of data: quality x availability x freshness.',
    [quality, availability, freshness],
    (q, a, f) => q * a * f,
  );

  const trust = v('trust');
  const trustTarget = m.aux(
    v('trustTarget'),
    'fraction',
    'Governance: the trust the source can earn from its governance, quality, availability and lineage.',
    [live, G, quality, availability, M, 'initialTrust'],
    (on, g, q, a, md, t0) => (on > 0 ? (0.25 + 0.75 * g) * q * a * (0.8 + 0.2 * md) : t0),
  );
  m.flow(
    v('trustChange'),
    'fraction/week',
    'Trust moves toward what the source earns (first-order adjustment; time constant at least one step).',
    [trustTarget, trust, 'trustAdjustmentWeeks', 'dt'],
    (target, tr, tau, dt) => (target - tr) / Math.max(tau, dt),
  );
  m.stock(
    trust,
    'fraction',
    'Trust of decision makers and AI teams in this source.',
    { initial: from(['initialTrust'], (t0) => t0), inflows: [v('trustChange')] },
    { metric: true, label: `${label} trust` },
  );

  const buildSpend = m.aux(
    v('buildSpend'),
    'usd/week',
    'Build cost spread evenly over the build weeks (at least one): the total paid is the build cost at any step length.',
    [building, ref.buildCostUsd, ref.buildWeeks],
    (b, bc, bw) => (b * bc) / Math.max(bw, 1),
  );
  const shared = ref.shared ? 1 : 0;
  const runSpend = m.aux(
    v('runSpend'),
    'usd/week',
    'While live: running cost, incidents, expected compliance cost (falls with governance) and, for shared products, coordination.',
    [
      live,
      ref.runCostUsdPerWeek,
      incidents,
      'costPerIncidentUsd',
      G,
      'complianceExposureUsdPerWeek',
      'coordinationCostUsdPerProductPerWeek',
    ],
    (on, run, inc, perInc, g, exposure, coord) =>
      on * (run + inc * perInc + (1 - g) * exposure + shared * coord),
  );
  const cost = m.aux(
    v('cost'),
    'usd/week',
    `Total cost of ${label}.`,
    [buildSpend, runSpend],
    (b, r) => b + r,
  );
  return {
    ref,
    liveWeek,
    live,
    coverage,
    integrationWeeks,
    reuse,
    quality,
    trust,
    delivered,
    incidents,
    cost,
  };
}
