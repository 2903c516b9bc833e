/**
 * What each anatomy part's maturity does in a data source (docs/MODEL.md sections 3.3 and 4):
 * coverage, accuracy, detection and resolution times, freshness, integration time, reuse and the
 * owning team's capacity.
 */
import type { SourceContext } from './sources';

/** What each anatomy part's maturity does (section 4 of docs/MODEL.md). */
export interface Mechanisms {
  readonly coverage: string;
  readonly accuracy: string;
  readonly detectWeeks: string;
  readonly resolveWeeks: string;
  readonly freshness: string;
  readonly integrationWeeks: string;
  readonly reuse: string;
  readonly capacity: string;
}

export function declareMechanisms(x: SourceContext): Mechanisms {
  const { m, v, D, P, A, M, S, O, Q } = x;
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
  return {
    coverage,
    accuracy,
    detectWeeks,
    resolveWeeks,
    freshness,
    integrationWeeks,
    reuse,
    capacity,
  };
}
