/**
 * Activity and data (docs/MODEL.md 3.2): active users' sessions, searches and orders, the events
 * they record (deeper with a better experience), and the stock of fresh events that ages.
 */
import { constant, from, type ModelBuilder } from './declare';
import { pow } from '../engine/dmath';

/** Sessions, searches and orders of the active users. */
export function declareActivityAndData(m: ModelBuilder): void {
  m.aux(
    'sessions',
    'sessions/week',
    'User activity: visits per week (stochastic: demand noise).',
    ['activeUsers', 'sessionsPerUser'],
    (a, s) => a * s,
    { noise: { type: 'lognormal', sigma: 'demandNoiseSigma' }, metric: true, label: 'Sessions' },
  );
  m.aux(
    'searches',
    'searches/week',
    'User activity: searches per week.',
    ['sessions', 'searchShareOfSessions'],
    (s, f) => s * f,
    { metric: true, label: 'Searches' },
  );
  m.aux(
    'orders',
    'orders/week',
    'User activity: orders per week.',
    ['sessions', 'conversionRate'],
    (s, c) => s * c,
    { metric: true, label: 'Orders' },
  );
  declareEvents(m);
}

/** Events recorded, their ageing, and the fresh-event and total-event stocks. */
function declareEvents(m: ModelBuilder): void {
  m.aux(
    'behaviouralDepth',
    'dimensionless',
    'Richer signals: browse events per session scale with experience ^ depth elasticity.',
    ['experienceIndex', 'signalDepthElasticity'],
    (e, el) => pow(Math.max(e, 0), el),
  );
  m.flow(
    'eventsRecorded',
    'events/week',
    'More data: raw events from browsing, searching and buying.',
    [
      'sessions',
      'browseEventsPerSession',
      'behaviouralDepth',
      'searches',
      'eventsPerSearch',
      'orders',
      'eventsPerOrder',
    ],
    (s, b, d, q, eq, o, eo) => s * b * d + q * eq + o * eo,
    { metric: true, label: 'Events recorded' },
  );
  m.aux(
    'dataLifetimeWeeks',
    'weeks',
    'Mean life of an event before it is aged out: half-life / ln 2.',
    ['dataHalfLifeWeeks'],
    (h) => h / Math.LN2,
  );
  m.flow(
    'eventsAgeing',
    'events/week',
    'Data ageing: old behaviour loses its worth.',
    ['freshEvents', 'dataLifetimeWeeks', 'dt'],
    (e, life, dt) => Math.min(e / dt, e / life),
  );
  m.aux(
    'initialEventsPerWeek',
    'events/week',
    'Events per week at the start (before AI).',
    [
      'initialActiveUsers',
      'marketSize',
      'sessionsPerUserPerWeek',
      'browseEventsPerSession',
      'searchShareOfSessions',
      'eventsPerSearch',
      'baseConversion',
      'eventsPerOrder',
    ],
    (a, n, s, b, f, eq, c, eo) => Math.min(a, n) * s * (b + f * eq + c * eo),
  );
  m.stock(
    'freshEvents',
    'events',
    'Behavioural data still worth learning from (accumulates and ages).',
    {
      initial: from(['initialEventsPerWeek', 'dataLifetimeWeeks'], (e, life) => e * life),
      inflows: ['eventsRecorded'],
      outflows: ['eventsAgeing'],
    },
    { metric: true, label: 'Fresh events' },
  );
  m.stock(
    'totalEvents',
    'events',
    'All raw events recorded since week 0.',
    { initial: constant(0), inflows: ['eventsRecorded'] },
    { metric: true, label: 'Total events' },
  );
  declareDataIndices(m);
}

/** The data at the start, and what the data sources read of the data now. */
function declareDataIndices(m: ModelBuilder): void {
  m.aux(
    'initialFreshEvents',
    'events',
    'Fresh events at the start.',
    ['initialEventsPerWeek', 'dataLifetimeWeeks'],
    (e, l) => e * l,
  );
  m.aux(
    'dataVolumeIndex',
    'dimensionless',
    'Fresh events relative to the start (1 = as at week 0; 0 when the business starts with no data): the volume the data sources hold and serve.',
    ['freshEvents', 'initialFreshEvents'],
    (e, e0) => (e0 > 0 ? e / e0 : 0),
  );
  m.aux(
    'dataAvailable',
    'flag',
    'Whether there is any behavioural data at all (fresh events above 0): a source with no data delivers no quality and earns no trust.',
    ['freshEvents'],
    (e) => (e > 0 ? 1 : 0),
  );
}
