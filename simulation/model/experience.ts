/**
 * Experience (docs/MODEL.md 3.5): the AI consumers' effects combine into one change per lever
 * (search success, conversion, basket, churn, sessions, stock-outs), and the levers into the
 * experience index: spend per active user relative to the start.
 */
import type { ConsumerVars } from './consumers';
import { combineLifts, combineReductions, type ModelBuilder } from './declare';
import { IMPACT_FIELDS, IMPACT_LEVERS } from './entities';
import { exp } from '../engine/dmath';

/**
 * tanh from dmath's exp (the same bits in every engine): sign(x) (1 - e^-2|x|) / (1 + e^-2|x|).
 * An arrow function, so that the build attaches its source and the WebAssembly backend translates
 * it into the module (a function declaration would be called back in JavaScript at every step).
 */
const tanh = (x: number): number => {
  const t = exp(-2 * Math.abs(x));
  const r = (1 - t) / (1 + t);
  return x < 0 ? -r : r;
};

const searchMix = (s: number, success: number, mult: number, failMult: number): number =>
  1 - s + s * (success * mult + (1 - success) * failMult);

export function declareExperience(m: ModelBuilder, consumers: readonly ConsumerVars[]): void {
  declareLevers(m, consumers);
  declareSearchAndStock(m);
  declareSpendPerUser(m);
}

/** The ceiling parameter of each lift lever (lifts saturate; reductions stay within 0..1). */
const LIFT_CEILING: Readonly<Record<string, string>> = {
  conversion: 'maxConversionLift',
  basket: 'maxBasketLift',
  sessions: 'maxSessionLift',
};

/**
 * Each lever: the consumers' effects combined as independent effects. Lifts then saturate toward
 * their ceiling (ceiling x tanh(lift / ceiling): nearly unchanged while small, never above it).
 */
function declareLevers(m: ModelBuilder, consumers: readonly ConsumerVars[]): void {
  for (const lever of IMPACT_LEVERS) {
    const effects = consumers.map((c) => c.effects[lever]);
    const unit = IMPACT_FIELDS[lever].unit;
    const ceiling = LIFT_CEILING[lever];
    if (ceiling === undefined) {
      const description = `Combined relative reduction of ${lever} from all AI consumers: 1 - prod(1 - effect).`;
      if (effects.length === 0) m.aux(`lever.${lever}`, unit, description, [], () => 0);
      else m.auxList(`lever.${lever}`, unit, description, effects, combineReductions);
      continue;
    }
    const uncapped = `lever.${lever}.uncapped`;
    const description = `Combined relative lift of ${lever} from all AI consumers before the ceiling: prod(1 + effect) - 1.`;
    if (effects.length === 0) m.aux(uncapped, unit, description, [], () => 0);
    else m.auxList(uncapped, unit, description, effects, combineLifts);
    m.aux(
      `lever.${lever}`,
      unit,
      `Relative lift of ${lever}, saturating toward ${ceiling}: ceiling x tanh(lift / ceiling).`,
      [uncapped, ceiling],
      (lift, cap) => cap * tanh(lift / cap),
    );
  }
}

/** Find products faster (search success) and fewer lost stock-outs, as conversion factors. */
function declareSearchAndStock(m: ModelBuilder): void {
  m.aux(
    'searchSuccess',
    'fraction',
    'Find products faster: share of searches that succeed.',
    ['baseSearchSuccess', 'lever.searchSuccess'],
    (base, gap) => base + (1 - base) * gap,
    { metric: true, label: 'Search success' },
  );
  m.aux(
    'baselineSearchMix',
    'dimensionless',
    'Session-weighted conversion multiplier of search before AI.',
    [
      'searchShareOfSessions',
      'baseSearchSuccess',
      'searcherConversionMultiplier',
      'failedSearchConversionMultiplier',
    ],
    searchMix,
  );
  m.aux(
    'searchFactor',
    'dimensionless',
    'Conversion change from better search relative to the start.',
    [
      'searchShareOfSessions',
      'searchSuccess',
      'searcherConversionMultiplier',
      'failedSearchConversionMultiplier',
      'baselineSearchMix',
    ],
    (s, succ, mult, fail, base) => (base > 0 ? searchMix(s, succ, mult, fail) / base : 1),
  );
  m.aux(
    'stockoutRate',
    'fraction',
    'Out-of-stock rate after forecasting AI.',
    ['baseStockoutRate', 'lever.stockouts'],
    (base, r) => base * (1 - r),
    { metric: true, label: 'Out-of-stock rate' },
  );
  m.aux(
    'availabilityFactor',
    'dimensionless',
    'Conversion change from fewer lost stock-outs relative to the start.',
    ['stockoutRate', 'baseStockoutRate', 'stockoutLostShare'],
    (oos, base, lost) => (1 - base * lost > 0 ? (1 - oos * lost) / (1 - base * lost) : 1),
  );
}

/** Buy more and stay longer: conversion, order value, churn, sessions and spend per user. */
function declareSpendPerUser(m: ModelBuilder): void {
  m.aux(
    'conversionRate',
    'fraction',
    'Buy more: orders per session.',
    ['baseConversion', 'searchFactor', 'lever.conversion', 'availabilityFactor'],
    (c, sf, lift, af) => Math.min(1, c * sf * (1 + lift) * af),
    { metric: true, label: 'Conversion rate' },
  );
  m.aux(
    'averageOrderValue',
    'usd/order',
    'Buy more: revenue per order.',
    ['averageOrderValueUsd', 'lever.basket'],
    (aov, lift) => aov * (1 + lift),
    { metric: true, label: 'Average order value' },
  );
  m.aux(
    'churnRate',
    'fraction/week',
    'Stay longer: share of active users who lapse per week.',
    ['baseChurnPerWeek', 'lever.churn'],
    (c, r) => Math.min(1, c * (1 - r)),
    { metric: true, label: 'Churn rate' },
  );
  m.aux(
    'sessionsPerUser',
    'sessions/person/week',
    'Stay longer: sessions per active user per week.',
    ['sessionsPerUserPerWeek', 'lever.sessions'],
    (s, lift) => s * (1 + lift),
    { metric: true, label: 'Sessions per user' },
  );
  m.aux(
    'revenuePerUser',
    'usd/person/week',
    'Spend per active user per week.',
    ['sessionsPerUser', 'conversionRate', 'averageOrderValue'],
    (s, c, a) => s * c * a,
  );
  m.aux(
    'baselineRevenuePerUser',
    'usd/person/week',
    'Spend per active user per week before AI.',
    ['sessionsPerUserPerWeek', 'baseConversion', 'averageOrderValueUsd'],
    (s, c, a) => s * c * a,
  );
  m.aux(
    'experienceIndex',
    'dimensionless',
    'Better experience: spend per active user relative to the start (1 = unchanged).',
    ['revenuePerUser', 'baselineRevenuePerUser'],
    (r, r0) => (r0 > 0 ? r / r0 : 1),
    { metric: true, label: 'Experience index' },
  );
}
