/**
 * How the loops the analysis finds are named: the documented loops of docs/MODEL.md section 1,
 * each recognised by a small table of characteristic variables, and the rule that makes loops of
 * different data products, own pipelines and AI consumers one mechanism.
 *
 * Entity ids are replaced by placeholders (`dataProduct.<product>.trust`,
 * `aiConsumer.<consumer>.performance`, `aiConsumer.<consumer>.ownPipeline.<k>.trust`), so the
 * trust loop of Customer 360 and that of Product catalog read the same: one mechanism. A loop is
 * then the first entry of DOCUMENTED_LOOPS whose patterns it meets: it passes through a variable
 * matching every `all` pattern, through one matching an `any` pattern (when there are any), and
 * through none matching a `none` pattern. `*` in a pattern stands for any text. Loops that match
 * no entry are named by their variables. Change this table with docs/MODEL.md section 1.
 */

export interface DocumentedLoop {
  readonly id: string;
  readonly name: string;
  /** The polarity the documentation gives it (the analysis reports what it measures). */
  readonly polarity: 'R' | 'B';
  readonly all: readonly string[];
  readonly any?: readonly string[];
  readonly none?: readonly string[];
}

export const DOCUMENTED_LOOPS: readonly DocumentedLoop[] = [
  {
    id: 'B3',
    name: 'Maintenance load on product owners',
    polarity: 'B',
    all: ['*.ownerLoad'],
    any: ['freshEvents', 'activeUsers', 'sessions', 'aiConsumer.*.performance'],
  },
  {
    id: 'B6',
    name: 'Trust erosion',
    polarity: 'B',
    all: ['*.trust'],
    any: ['*.incidents', '*.availability', 'aiConsumer.*.impact'],
  },
  {
    id: 'R1',
    name: 'Data -> AI -> experience -> users and data (the flywheel)',
    polarity: 'R',
    all: ['freshEvents', 'aiConsumer.*.performance'],
  },
  {
    id: 'R2',
    name: 'Word of mouth',
    polarity: 'R',
    all: ['activeUsers', 'adoption'],
    none: ['potentialUsers', 'lapsedUsers', 'aiConsumer.*'],
  },
  {
    id: 'B1',
    name: 'Market saturation',
    polarity: 'B',
    all: ['potentialUsers', 'adoption'],
    none: ['activeUsers'],
  },
  {
    id: 'R3',
    name: 'Win-back: lapsed users return to the market and are won again',
    polarity: 'R',
    all: ['activeUsers', 'lapsedUsers', 'potentialUsers'],
  },
  {
    id: 'B7',
    name: 'Churn: more users, more users lost',
    polarity: 'B',
    all: ['activeUsers', 'churn'],
    none: ['lapsedUsers', 'adoption'],
  },
  {
    id: 'B8',
    name: 'Lapsed users drain back to the market',
    polarity: 'B',
    all: ['lapsedUsers', 'winBack'],
    none: ['potentialUsers'],
  },
  {
    id: 'B4',
    name: 'Data ageing',
    polarity: 'B',
    all: ['freshEvents', 'eventsAgeing'],
    none: ['aiConsumer.*'],
  },
  {
    id: 'S1',
    name: 'Firefighting: incidents load the owners, overload brings more incidents',
    polarity: 'R',
    all: ['*.ownerLoad', '*.incidents'],
  },
  {
    id: 'S2',
    name: 'Incident memory catches up with incidents',
    polarity: 'B',
    all: ['*.recentIncidents', '*.incidentTrend'],
    none: ['*.ownerLoad'],
  },
  {
    id: 'S3',
    name: 'Quality drift slows as little is left to erode',
    polarity: 'B',
    all: ['*.erosion', '*.erosionGrowth'],
  },
  {
    id: 'S4',
    name: 'Owners repair quality erosion',
    polarity: 'B',
    all: ['*.erosion', '*.erosionRepair'],
  },
  {
    id: 'S5',
    name: 'Trust moves toward what a source earns',
    polarity: 'B',
    all: ['*.trust', '*.trustChange'],
  },
  {
    id: 'S6',
    name: 'AI adoption moves toward what trust allows',
    polarity: 'B',
    all: ['aiConsumer.*.adoption', 'aiConsumer.*.adoptionChange'],
  },
];

/** A variable's name with entity ids replaced by placeholders. */
export function mechanismName(variable: string): string {
  return variable
    .replace(/^aiConsumer\.[^.]+\.ownPipeline\.[^.]+\./, 'aiConsumer.<consumer>.ownPipeline.<k>.')
    .replace(/^aiConsumer\.[^.]+\./, 'aiConsumer.<consumer>.')
    .replace(/^dataProduct\.[^.]+\./, 'dataProduct.<product>.');
}

const patternCache = new Map<string, RegExp>();

function patternOf(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    const body = pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\<>]/g, '\\$&'))
      .join('.*');
    re = new RegExp(`^${body}$`);
    patternCache.set(pattern, re);
  }
  return re;
}

const hasMatch = (variables: readonly string[], pattern: string): boolean =>
  variables.some((v) => patternOf(pattern).test(v));

/** The documented loop a loop's (placeholder) variables belong to, or null. */
export function documentedLoopOf(variables: readonly string[]): DocumentedLoop | null {
  for (const d of DOCUMENTED_LOOPS) {
    if (!d.all.every((p) => hasMatch(variables, p))) continue;
    if (d.any && !d.any.some((p) => hasMatch(variables, p))) continue;
    if (d.none?.some((p) => hasMatch(variables, p))) continue;
    return d;
  }
  return null;
}
