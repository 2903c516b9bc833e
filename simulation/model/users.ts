/**
 * Users (docs/MODEL.md 3.1): a market of potential users adopts (innovation and word of mouth,
 * Bass-style, plus the business's own acquisition), active users churn, lapsed users return to the
 * market. People only move between the three stocks, so the market is conserved.
 *
 * The status quo starts at rest (Sterman, Business Dynamics ch. 21: a model at rest should stay at
 * rest): the lapsed pool starts where churn and win-back balance, and every preset states the
 * acquisition rate (marketing, partnerships) that replaces the customers it loses
 * (steadyAcquisitionPerWeek). So without data products and AI the customer base holds still, and
 * every change a run shows is caused by something in it. The acquisition is a stated parameter,
 * not solved for inside the model, so that churn and word of mouth still shape the status quo when
 * they differ from what the business states (a draw, a calibration to a declining history): the
 * trend is then the same in all three runs and visible in the status quo.
 */
import { from, type ModelBuilder } from './declare';
import { pow } from '../engine/dmath';

export function declareUsers(m: ModelBuilder): void {
  declareEquilibriumStart(m);
  m.aux(
    'wordOfMouthMultiplier',
    'dimensionless',
    'Experience raises word of mouth: experience index ^ elasticity.',
    ['experienceIndex', 'wordOfMouthElasticity'],
    (e, el) => pow(Math.max(e, 0), el),
  );
  m.flow(
    'adoption',
    'people/week',
    'Adoption: (Bass p + own acquisition + q x word of mouth x active share) x potential users.',
    [
      'weeklyInnovation',
      'acquisitionPerWeek',
      'weeklyImitation',
      'wordOfMouthMultiplier',
      'activeUsers',
      'marketSize',
      'potentialUsers',
      'dt',
    ],
    (p, acq, q, wom, a, n, pot, dt) =>
      Math.min(pot / dt, (p + acq + (n > 0 ? (q * wom * a) / n : 0)) * pot),
    { metric: true, label: 'Adoption' },
  );
  m.flow(
    'churn',
    'people/week',
    'Active users who lapse.',
    ['churnRate', 'activeUsers', 'dt'],
    (c, a, dt) => Math.min(a / dt, c * a),
    { metric: true, label: 'Churn' },
  );
  m.flow(
    'winBack',
    'people/week',
    'Lapsed users who return to the potential market.',
    ['winBackPerWeek', 'lapsedUsers', 'dt'],
    (w, l, dt) => Math.min(l / dt, w * l),
  );
  declareUserStocks(m);
}

/** The starting point: active users as given, the rest of the market where the status quo rests. */
function declareEquilibriumStart(m: ModelBuilder): void {
  m.aux('weeklyInnovation', '1/week', 'Bass p per week.', ['bassInnovationPerYear'], (p) => p / 52);
  m.aux('weeklyImitation', '1/week', 'Bass q per week.', ['bassImitationPerYear'], (q) => q / 52);
  m.aux(
    'startingActiveUsers',
    'people',
    'Active users at week 0 (the active users at start, at most the market).',
    ['marketSize', 'initialActiveUsers'],
    (n, a) => Math.min(n, a),
  );
  m.aux(
    'startingLapsedUsers',
    'people',
    'Lapsed users at week 0: where churn and win-back balance in the status quo (churn x active users / win-back, within the rest of the market; 0 without win-back).',
    ['marketSize', 'startingActiveUsers', 'baseChurnPerWeek', 'winBackPerWeek'],
    (n, a, c, w) => (w > 0 ? Math.min(n - a, (c * a) / w) : 0),
  );
  m.aux(
    'startingPotentialUsers',
    'people',
    'Potential users at week 0: the rest of the market.',
    ['marketSize', 'startingActiveUsers', 'startingLapsedUsers'],
    (n, a, l) => Math.max(0, n - a - l),
  );
}

function declareUserStocks(m: ModelBuilder): void {
  m.stock(
    'potentialUsers',
    'people',
    'People in the market who are not customers yet.',
    {
      initial: from(['startingPotentialUsers'], (p) => p),
      inflows: ['winBack'],
      outflows: ['adoption'],
    },
    { metric: true, label: 'Potential users' },
  );
  m.stock(
    'activeUsers',
    'people',
    'Customers who browse, search and buy.',
    {
      initial: from(['startingActiveUsers'], (a) => a),
      inflows: ['adoption'],
      outflows: ['churn'],
    },
    { metric: true, label: 'Active users' },
  );
  m.stock(
    'lapsedUsers',
    'people',
    'Former customers.',
    {
      initial: from(['startingLapsedUsers'], (l) => l),
      inflows: ['churn'],
      outflows: ['winBack'],
    },
    { metric: true, label: 'Lapsed users' },
  );
}

/**
 * The acquisition rate (per week, on potential users) at which a business with these parameters
 * holds still at week 0: the customers churn takes replaced by adoption, with the lapsed pool
 * where churn and win-back balance (docs/MODEL.md 3.1). 0 when Bass adoption alone outgrows churn
 * (a young business grows). The presets and "Describe your business" set acquisitionPerWeek to it.
 */
export function steadyAcquisitionPerWeek(p: Readonly<Record<string, number | undefined>>): number {
  const n = p.marketSize ?? 0;
  const a = Math.min(n, p.initialActiveUsers ?? 0);
  const c = p.baseChurnPerWeek ?? 0;
  const w = p.winBackPerWeek ?? 0;
  const lapsed = w > 0 ? Math.min(n - a, (c * a) / w) : 0;
  const potential = Math.max(0, n - a - lapsed);
  if (!(potential > 0 && n > 0)) return 0;
  const bassP = (p.bassInnovationPerYear ?? 0) / 52;
  const bassQ = (p.bassImitationPerYear ?? 0) / 52;
  return Math.max(0, (c * a) / potential - bassP - (bassQ * a) / n);
}
