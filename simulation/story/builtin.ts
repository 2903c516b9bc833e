/**
 * The built-in story: a title slide, then the seed's narrative in nine steps. The business and
 * its users; data products made from their events; AI consuming them; the better experience; more
 * data, and the loop closes; the same business without data products; both over the horizon;
 * which loop drives the flywheel; a live what-if.
 * Captions carry only named simulated values: no number is typed into them. A caption that names
 * one run's values only reads true for the other run too (W shows it with the other's values).
 */
import type { Story } from './types';

export const BUILT_IN_STORY: Story = {
  title: 'The data flywheel',
  organisation: '',
  date: '',
  pinned: [
    'dataProducts.customer-360.maturity.quality',
    'parameters.baseChurnPerWeek',
    'parameters.learningCurveExponent',
  ],
  steps: [
    {
      id: 'title',
      title: 'Title slide',
      view: 'title',
      week: 'end',
      show: 'with',
      highlight: null,
      caption: 'The same business with and without data products, over {horizon}.',
      notes:
        'Say who you are and the question: what do data products do for this business? Set the organisation and the date in the story editor.',
    },
    {
      id: 'business',
      title: 'A business and its users',
      view: 'loop',
      week: 0,
      show: 'with',
      highlight: 'activity',
      caption:
        '{with.activeUsers} browse, search and buy: {with.sessions} sessions and {with.orders} orders a week.',
      notes:
        'Start with the business, not the data. Every session, search and order leaves events behind.',
    },
    {
      id: 'data-products',
      title: 'Their events become data products',
      view: 'loop',
      week: 26,
      show: 'with',
      highlight: 'products',
      caption:
        'By {week}, {with.eventsRecorded} flow into team-owned data products at {with.meanSourceQuality} quality; own pipelines reach {without.meanSourceQuality}.',
      notes:
        'Data products are owned, documented, quality-checked and served through APIs: the anatomy in the cards.',
    },
    {
      id: 'ai',
      title: 'AI consumes the data products',
      view: 'loop',
      week: 52,
      show: 'with',
      highlight: 'consumers',
      caption:
        'The first AI model went live in {with.firstAiDeploymentWeek?no week within the horizon}. By {week} the models perform at {with.meanAiPerformance}.',
      notes:
        'Reuse is the point: every model reads the same data products instead of its own pipelines.',
    },
    {
      id: 'experience',
      title: 'A better experience',
      view: 'loop',
      week: 80,
      show: 'with',
      highlight: 'experience',
      caption:
        'By {week}, searches succeed {with.searchSuccess} of the time against {without.searchSuccess} without data products.',
      notes: 'Better search, recommendations and stock: customers notice and come back.',
    },
    {
      id: 'loop-closes',
      title: 'More data, and the loop closes',
      view: 'loop',
      week: 'end',
      show: 'with',
      highlight: 'data',
      caption:
        'A better experience brings more users and more data: by {week}, active users are {change.activeUsers} against the business without data products.',
      notes:
        'The loop is self-sustaining from {with.selfSustainingWeek?no week within the horizon}: each turn feeds the next.',
    },
    {
      id: 'broken',
      title: 'The same business without data products',
      view: 'loop',
      week: 'end',
      show: 'without',
      highlight: 'products',
      caption:
        'On their own pipelines by {week}: {without.activeUsers} active, against {with.activeUsers} with data products.',
      notes:
        'The flywheel stays broken: each AI team builds its own pipelines from raw, siloed data; quality drifts and trust stays low.',
    },
    {
      id: 'over-time',
      title: 'Both over {horizon}',
      view: 'charts',
      week: 'end',
      show: 'both',
      highlight: null,
      caption:
        'Net value reaches {with.cumulativeNetValue} with data products and {without.cumulativeNetValue} without: a gap of {gap.cumulativeNetValue}.',
      notes:
        'Payback in {with.paybackWeek?no week within the horizon}; ahead for good from {overtakeWeek?no week within the horizon}.',
    },
    {
      id: 'drivers',
      title: 'What drives the flywheel',
      view: 'split',
      week: 'end',
      show: 'both',
      highlight: null,
      caption:
        'Which loop drives the flywheel by {week}? Each ring marks the feedback loop with the largest share of the change in users and data this week, with and without data products.',
      notes:
        'Loops That Matter: the Loops tab shows every loop week by week and when the lead shifts. Ask the room which loop they expected to lead, then show whether the data loop ever does.',
    },
    {
      id: 'what-if',
      title: 'What if?',
      view: 'what-if',
      week: 'end',
      show: 'both',
      highlight: null,
      caption:
        'By {week}, active users are {change.activeUsers} against no data products, and net value differs by {gap.cumulativeNetValue}.',
      notes: 'Ask the room for an assumption they doubt, and move its slider.',
    },
  ],
};
