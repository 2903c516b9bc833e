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
  return { ...declareRecordMechanisms(x), ...declareDeliveryMechanisms(x) };
}

/** Datasets, quality and ownership: what the records carry and how incidents are handled. */
function declareRecordMechanisms(
  x: SourceContext,
): Pick<Mechanisms, 'coverage' | 'accuracy' | 'detectWeeks' | 'resolveWeeks'> {
  const { m, v, D, O, Q } = x;
  const coverage = m.aux(
    v('coverage'),
    'fraction',
    'Datasets: share of the behavioural signal carried (from coverageWithoutDatasets at maturity 0 to all of it at 1).',
    ['coverageWithoutDatasets', D],
    (c0, d) => c0 + (1 - c0) * d,
  );
  const accuracy = m.aux(
    v('accuracy'),
    'fraction',
    'Quality: share of records without defects (quality maturity cuts the defect rate by up to defectCutByQuality).',
    ['baseDefectRate', 'defectCutByQuality', Q],
    (base, cut, q) => 1 - base * (1 - cut * q),
  );
  const detectWeeks = m.aux(
    v('detectWeeks'),
    'weeks',
    'Quality: time to detect an incident (monitors cut it by up to detectionCutByQuality).',
    ['maxDetectWeeks', 'detectionCutByQuality', Q],
    (w, cut, q) => w * (1 - cut * q),
  );
  const resolveWeeks = m.aux(
    v('resolveWeeks'),
    'weeks',
    'Ownership: time to resolve an incident (an accountable team cuts it by up to resolutionCutByOwnership).',
    ['maxResolveWeeks', 'resolutionCutByOwnership', O],
    (w, cut, o) => w * (1 - cut * o),
  );
  return { coverage, accuracy, detectWeeks, resolveWeeks };
}

/** Pipelines, SLAs, APIs, metadata and ownership: how data reaches consumers and who keeps it. */
function declareDeliveryMechanisms(
  x: SourceContext,
): Pick<Mechanisms, 'freshness' | 'integrationWeeks' | 'reuse' | 'capacity'> {
  const { m, v, P, A, M, S, O } = x;
  const refreshLag = m.aux(
    v('refreshLagWeeks'),
    'weeks',
    'Pipelines and SLAs: age of the newest data a consumer gets (the best-practice lag plus a lag that pipelines maturity removes and SLAs shorten).',
    [
      'refreshLagAtBestPracticeWeeks',
      'refreshLagAddedWithoutPipelinesWeeks',
      'refreshLagCutBySlas',
      P,
      S,
    ],
    (best, added, cut, p, s) => best + added * (1 - p) * (1 - cut * s),
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
    ['baseIntegrationWeeks', 'integrationCutByApis', 'integrationCutByMetadata', A, M],
    (base, cutA, cutM, a, md) => base * (1 - cutA * a) * (1 - cutM * md),
  );
  const reuse = m.aux(
    v('reuse'),
    'fraction',
    "APIs and Metadata: how much of a consumer's development this source lets it reuse.",
    ['reuseShareFromApis', A, M],
    (share, a, md) => share * a + (1 - share) * md,
  );
  const capacity = m.aux(
    v('ownerCapacity'),
    'capacity',
    'Ownership: capacity of the accountable team (from the capacity without ownership to that at full ownership).',
    ['ownerCapacityWithoutOwnership', 'ownerCapacityAtFullOwnership', O],
    (c0, c1, o) => c0 + (c1 - c0) * o,
  );
  return { freshness, integrationWeeks, reuse, capacity };
}
