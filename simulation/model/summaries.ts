/**
 * Loop-level summaries (docs/MODEL.md 3.7): mean quality and trust of the live sources, incidents,
 * mean AI performance and impact, and the flywheel's momentum.
 */
import type { ConsumerVars } from './consumers';
import { mean, sum, weightedMeanOr, type ModelBuilder } from './declare';
import type { SourceVars } from './sources';
import { cbrt } from '../engine/dmath';

/** Quality, trust and incidents of the sources, then the AI summaries. */
export function declareSummaries(
  m: ModelBuilder,
  sources: readonly SourceVars[],
  consumers: readonly ConsumerVars[],
): void {
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
  declareAiSummaries(m, consumers);
}

/** Mean AI performance and impact, and the flywheel's momentum. */
function declareAiSummaries(m: ModelBuilder, consumers: readonly ConsumerVars[]): void {
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
    'flywheelMomentum',
    'relative change',
    "Geometric mean growth of the loop's three quantities since week 0 (active users, fresh data, experience), minus 1.",
    ['activeUsers', 'initialActiveUsers', 'freshEvents', 'initialFreshEvents', 'experienceIndex'],
    (a, a0, e, e0, x) => cbrt((a0 > 0 ? a / a0 : 1) * (e0 > 0 ? e / e0 : 1) * x) - 1,
    { metric: true, label: 'Flywheel momentum' },
  );
}
