/**
 * A data source in operation (docs/MODEL.md section 3.3): maintenance load on its owners,
 * incidents and downtime, quality erosion and repair, and the trust the source earns.
 */
import { clamp01, constant, from, sum } from './declare';
import type { Mechanisms } from './source-anatomy';
import type { SourceContext } from './sources';

export interface Operations {
  readonly consumersLive: string;
  readonly overload: string;
  readonly incidents: string;
  readonly availability: string;
}

/** Maintenance load on the owners, incidents and the downtime they cause. */
export function declareOperations(
  x: SourceContext,
  live: string,
  mech: Mechanisms,
  consumersDeployed: readonly string[],
): Operations {
  const { m, label, v, P, S } = x;
  const { capacity, detectWeeks, resolveWeeks } = mech;
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
  const overload = declareOwnerLoad(x, consumersLive, recentIncidents, capacity);
  const incidents = m.aux(
    v('incidents'),
    'incidents/week',
    'Pipelines: data incidents; pipelines maturity prevents up to incidentCutByPipelines of them, overload adds some (stochastic: Poisson draws).',
    [live, 'baseIncidentsPerWeek', 'incidentCutByPipelines', P, 'overloadEffect', overload],
    (on, base, cut, p, eff, ov) => on * base * (1 - cut * p) * (1 + eff * ov),
    { noise: { type: 'poisson' }, metric: true, label: `${label} incidents` },
  );
  m.flow(
    v('incidentTrend'),
    'incidents/week/week',
    'Smoothing of incidents over the incident perception time (information delay; at least one step).',
    [incidents, recentIncidents, 'incidentPerceptionWeeks', 'dt'],
    (i, r, tau, dt) => (i - r) / Math.max(tau, dt),
  );
  m.stock(
    recentIncidents,
    'incidents/week',
    'Incident rate as the owning team perceives it (smoothed over the incident perception time).',
    { initial: constant(0), inflows: [v('incidentTrend')] },
  );
  const downtime = m.aux(
    v('downtime'),
    'fraction',
    'Share of the data wrong or missing: incidents x (detect + resolve) x severity, softened by SLAs.',
    [incidents, detectWeeks, resolveWeeks, 'incidentSeverity', 'downtimeCutBySlas', S],
    (i, d, r, sev, cut, s) => Math.min(1, i * (d + r) * sev) * (1 - cut * s),
  );
  const availability = m.aux(
    v('availability'),
    'fraction',
    'SLAs: share of the week the source serves correct data.',
    [downtime],
    (d) => 1 - d,
    { metric: true, label: `${label} availability` },
  );
  return { consumersLive, overload, incidents, availability };
}

/**
 * Maintenance load on the owning team relative to its capacity, and the share of its work it
 * leaves undone (B3).
 */
function declareOwnerLoad(
  x: SourceContext,
  consumersLive: string,
  recentIncidents: string,
  capacity: string,
): string {
  const { m, v } = x;
  const ownerLoad = m.aux(
    v('ownerLoad'),
    'dimensionless',
    'Maintenance load on the owning team relative to its capacity: deployed consumers (their requests grow with the data the source holds and serves) and recent incidents.',
    [
      consumersLive,
      'ownerLoadPerConsumer',
      'dataVolumeIndex',
      recentIncidents,
      'ownerLoadPerIncident',
      capacity,
    ],
    (c, perC, volume, inc, perI, cap) => (c * perC * volume + inc * perI) / cap,
  );
  const overload = m.aux(
    v('overload'),
    'fraction',
    "Share of the owning team's work left undone: load^2 / (1 + load^2), a little at light load, half at full load, nearly all far beyond it; raises incidents and quality drift (by overloadEffect x overload).",
    [ownerLoad],
    (l) => (l * l) / (1 + l * l),
  );
  return overload;
}

/** Quality: launch accuracy, eroded by drift and repaired by owners; what a consumer receives. */
export function declareQuality(
  x: SourceContext,
  live: string,
  mech: Mechanisms,
  ops: Operations,
): { quality: string; delivered: string } {
  const { m, label, v, O, Q } = x;
  const { accuracy, freshness } = mech;
  const { consumersLive, overload, availability } = ops;
  const erosion = v('erosion');
  const feedback = m.aux(
    v('feedback'),
    'fraction',
    'Operational feedback from deployed consumers, saturating in their number: consumers / (consumers + feedbackHalfConsumers).',
    [consumersLive, 'feedbackHalfConsumers'],
    (c, half) => c / (c + half),
  );
  m.flow(
    v('erosionGrowth'),
    'fraction/week',
    'Quality drift: source and schema changes erode quality; monitoring slows it, overload speeds it (never past full erosion in one step).',
    [
      live,
      'qualityDriftPerWeek',
      'driftCutByQuality',
      Q,
      'overloadEffect',
      overload,
      erosion,
      'dt',
    ],
    (on, d, cut, q, eff, ov, e, dt) =>
      Math.min((1 - e) / dt, on * d * (1 - cut * q) * (1 + eff * ov) * (1 - e)),
  );
  m.flow(
    v('erosionRepair'),
    'fraction/week',
    'Ownership: the owning team repairs erosion, faster with consumer feedback.',
    [live, 'qualityRepairPerWeek', O, 'repairShareWithoutFeedback', feedback, erosion, 'dt'],
    (on, r, o, s0, f, e, dt) => Math.min(e / dt, on * r * o * (s0 + (1 - s0) * f) * e),
  );
  m.stock(erosion, 'fraction', 'Share of the launch accuracy lost to drift and not yet repaired.', {
    initial: constant(0),
    inflows: [v('erosionGrowth')],
    outflows: [v('erosionRepair')],
  });
  const quality = m.aux(
    v('quality'),
    'fraction',
    'Data quality delivered: accuracy less erosion (0 while there is no data at all).',
    [accuracy, erosion, 'dataAvailable'],
    (a, e, has) => clamp01(a * (1 - e)) * has,
    { metric: true, label: `${label} quality` },
  );
  const delivered = m.aux(
    v('delivered'),
    'fraction',
    'What a consumer gets per unit of data: quality x availability x freshness.',
    [quality, availability, freshness],
    (q, a, f) => q * a * f,
  );
  return { quality, delivered };
}

/** Trust in the source moves toward what its governance, quality and availability earn. */
export function declareTrust(
  x: SourceContext,
  live: string,
  quality: string,
  availability: string,
): string {
  const { m, label, v, G, M } = x;
  const trust = v('trust');
  const trustTarget = m.aux(
    v('trustTarget'),
    'fraction',
    'Governance: the trust the source can earn from its governance, quality, availability and lineage.',
    [
      live,
      'trustWithoutGovernance',
      G,
      quality,
      availability,
      'trustShareFromLineage',
      M,
      'initialTrust',
    ],
    (on, g0, g, q, a, l, md, t0) => (on > 0 ? (g0 + (1 - g0) * g) * q * a * (1 - l + l * md) : t0),
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
  return trust;
}
