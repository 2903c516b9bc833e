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
  return { consumersLive, overload, incidents, availability };
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
  return trust;
}
