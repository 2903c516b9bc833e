/**
 * The report's plain-language summary: sentences chosen by conditions on the numbers and filled
 * from the comparison's named values (simulation/narrative), so every number in them is one the
 * simulation produced. Never a vague word where a number exists.
 */
import { comparisonValues, type NamedValue } from '../../simulation/narrative/values';
import { renderTemplate } from '../../simulation/narrative/template';
import type { Comparison } from '../../simulation/analysis/simulate';

export interface SummarySentence {
  /** Which rule chose the sentence (tests and tracing). */
  readonly id: string;
  readonly text: string;
}

type Values = ReadonlyMap<string, NamedValue>;
const valueOf = (v: Values, name: string): number | null => v.get(name)?.value ?? null;

interface Rule {
  readonly id: string;
  readonly when: (v: Values) => boolean;
  readonly template: string;
}

/** Each topic is a list of rules; the first whose condition holds gives the sentence. */
const TOPICS: readonly (readonly Rule[])[] = [
  [
    {
      id: 'overtake-from-start',
      when: (v) => valueOf(v, 'overtakeWeek') === 0,
      template:
        'With data products, cumulative net value is ahead of the same business without them from the start, and ends {gap.cumulativeNetValue} ahead after {horizon} ({with.cumulativeNetValue} against {without.cumulativeNetValue}).',
    },
    {
      id: 'overtake',
      when: (v) => valueOf(v, 'overtakeWeek') !== null,
      template:
        'With data products, cumulative net value overtakes the same business without them in {overtakeWeek} and stays ahead, ending {gap.cumulativeNetValue} ahead after {horizon} ({with.cumulativeNetValue} against {without.cumulativeNetValue}).',
    },
    {
      id: 'no-overtake',
      when: () => true,
      template:
        'Within the horizon of {horizon}, cumulative net value with data products does not stay ahead of the business without them: at the horizon the gap is {gap.cumulativeNetValue} ({with.cumulativeNetValue} against {without.cumulativeNetValue}).',
    },
  ],
  [
    {
      id: 'payback-both',
      when: (v) =>
        valueOf(v, 'with.paybackWeek') !== null && valueOf(v, 'without.paybackWeek') !== null,
      template:
        'Against the status quo (no data products and no AI), the investment with data products pays back in {with.paybackWeek}; without data products it pays back in {without.paybackWeek}.',
    },
    {
      id: 'payback-with-only',
      when: (v) => valueOf(v, 'with.paybackWeek') !== null,
      template:
        'Against the status quo (no data products and no AI), the investment with data products pays back in {with.paybackWeek}; without data products it never pays back within the {horizon} simulated.',
    },
    {
      id: 'payback-without-only',
      when: (v) => valueOf(v, 'without.paybackWeek') !== null,
      template:
        'Against the status quo (no data products and no AI), the investment with data products does not pay back within the {horizon} simulated; without data products it pays back in {without.paybackWeek}.',
    },
    {
      id: 'payback-neither',
      when: () => true,
      template:
        'Against the status quo (no data products and no AI), neither the business with data products nor the one without pays back its investment within the {horizon} simulated.',
    },
  ],
  [
    {
      id: 'self-sustaining',
      when: (v) => valueOf(v, 'with.selfSustainingWeek') !== null,
      template:
        'With data products the loop pays its own way (AI delivering and every week’s net value above the status quo’s) from {with.selfSustainingWeek} to the horizon; without them, {without.selfSustainingWeek?never within the horizon}.',
    },
    {
      id: 'not-self-sustaining',
      when: () => true,
      template:
        'With data products the loop does not become self-sustaining (AI delivering and every week’s net value above the status quo’s) within the {horizon} simulated; without them, {without.selfSustainingWeek?neither}.',
    },
  ],
  [
    {
      id: 'horizon',
      when: () => true,
      template:
        'After {horizon}: {with.activeUsers} active with data products against {without.activeUsers} without ({change.activeUsers}); mean AI performance {with.meanAiPerformance} against {without.meanAiPerformance}; {with.totalIncidents} over the horizon against {without.totalIncidents}.',
    },
  ],
];

const SINGLE_RUN: readonly Rule[] = [
  {
    id: 'single-run',
    when: () => true,
    template:
      'This scenario has no data products, so there is no comparison without them. After {horizon}: {with.activeUsers} active, cumulative net value {with.cumulativeNetValue}, payback against the status quo {with.paybackWeek?not within the horizon}, mean AI performance {with.meanAiPerformance}.',
  },
];

/** The summary of a comparison, read at its horizon. Throws if a template names an unknown value. */
export function summarize(comparison: Comparison): SummarySentence[] {
  const first = comparison.runs[0];
  if (!first) return [];
  const horizon = first.series.time[first.series.points - 1] ?? 0;
  const values = comparisonValues(comparison, horizon);
  const topics = comparison.runs.length > 1 ? TOPICS : [SINGLE_RUN];
  return topics.map((rules) => {
    const rule = rules.find((r) => r.when(values))!;
    const rendered = renderTemplate(rule.template, values);
    if (rendered.unknown.length > 0)
      throw new Error(
        `summary template '${rule.id}' names unknown values: ${rendered.unknown.join(', ')}`,
      );
    return { id: rule.id, text: rendered.text };
  });
}
