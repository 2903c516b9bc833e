/**
 * What the results mean, in words, for the screen: each KPI's meaning (the definitions of
 * docs/MODEL.md section 5, said for a reader at a card) and the few terms every result leans on
 * (status quo, net value, payback, momentum). Partial on purpose: a KPI added to the model
 * without a sentence here shows its label alone until one is written.
 */
import type { Kpis } from '../../simulation';

export const TERMS = {
  statusQuo:
    'The status quo is the same business with no data products and no AI: the yardstick for payback and for what the investment adds.',
  netValue:
    'Net value is revenue less every cost: the business’s own costs and what it spends on data and AI.',
  payback:
    'Payback is the first week from which cumulative net value stays at or above the status quo’s until the horizon: from then on the investment has paid for itself.',
  momentum:
    'Flywheel momentum is how much the loop’s three quantities (active users, fresh data, the experience) have grown together since week 0 (their geometric mean growth): above 0 the flywheel is speeding up, below 0 it is running down.',
} as const;

export const KPI_MEANINGS: Partial<Readonly<Record<keyof Kpis, string>>> = {
  finalActiveUsers: 'People using the business in the last week of the horizon.',
  cumulativeRevenueUsd: 'Orders times the average order value, added up over the horizon.',
  cumulativeNetValueUsd: `${TERMS.netValue} Added up over the horizon. ${TERMS.statusQuo}`,
  cumulativeSpendingUsd:
    'Building and running data products, own pipelines and AI models, added up over the horizon.',
  netValueVsStatusQuoUsd: `Cumulative net value minus the status quo’s at the horizon: what data and AI add to the business. ${TERMS.statusQuo}`,
  paybackWeek: `${TERMS.payback} ${TERMS.statusQuo}`,
  firstAiDeploymentWeek: 'The first week an AI model goes live.',
  finalFlywheelMomentum: `${TERMS.momentum} Read at the horizon.`,
  selfSustainingWeek:
    'The first week from which, until the horizon, AI is delivering and every week’s net value beats the status quo’s: the loop pays its own way.',
  finalAiPerformance:
    'Mean performance of the AI models at the horizon: it grows with the volume and quality of the data they receive and suffers from stale or broken inputs.',
  finalExperienceIndex:
    'Spend per user per week against what it was without AI (1 = no better): more sessions, better search and conversion, a larger basket, fewer stock-outs. At the horizon.',
  finalDataQuality: 'Mean quality of the data the AI models read, at the horizon.',
  finalTrust:
    'Mean trust in that data at the horizon: it follows quality, governance and a record without incidents.',
  totalIncidents: 'Data incidents (broken or late inputs) over the whole horizon.',
};
