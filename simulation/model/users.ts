/**
 * Users (docs/MODEL.md 3.1): a market of potential users adopts (innovation and word of mouth,
 * Bass-style), active users churn, lapsed users return to the market. People only move between
 * the three stocks, so the market is conserved.
 */
import { constant, from, type ModelBuilder } from './declare';
import { pow } from '../engine/dmath';

export function declareUsers(m: ModelBuilder): void {
  m.aux('weeklyInnovation', '1/week', 'Bass p per week.', ['bassInnovationPerYear'], (p) => p / 52);
  m.aux('weeklyImitation', '1/week', 'Bass q per week.', ['bassImitationPerYear'], (q) => q / 52);
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
    'Bass adoption: (p + q x word of mouth x active share) x potential users.',
    [
      'weeklyInnovation',
      'weeklyImitation',
      'wordOfMouthMultiplier',
      'activeUsers',
      'marketSize',
      'potentialUsers',
      'dt',
    ],
    (p, q, wom, a, n, pot, dt) => Math.min(pot / dt, (p + (n > 0 ? (q * wom * a) / n : 0)) * pot),
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
  m.stock(
    'potentialUsers',
    'people',
    'People in the market who are not customers yet.',
    {
      initial: from(['marketSize', 'initialActiveUsers'], (n, a) => Math.max(0, n - a)),
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
      initial: from(['marketSize', 'initialActiveUsers'], (n, a) => Math.min(n, a)),
      inflows: ['adoption'],
      outflows: ['churn'],
    },
    { metric: true, label: 'Active users' },
  );
  m.stock(
    'lapsedUsers',
    'people',
    'Former customers.',
    { initial: constant(0), inflows: ['churn'], outflows: ['winBack'] },
    { metric: true, label: 'Lapsed users' },
  );
}
