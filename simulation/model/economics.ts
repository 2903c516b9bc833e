/**
 * Economics (docs/MODEL.md 3.6): the data platform, the sources' and the AI consumers' costs,
 * revenue, gross profit, spending and net value, and their running sums.
 */
import type { ConsumerVars } from './consumers';
import { constant, sum, type ModelBuilder } from './declare';
import type { SourceVars } from './sources';

/** Costs: the shared platform, the sources (data cost) and the AI consumers. */
export function declareEconomics(
  m: ModelBuilder,
  sources: readonly SourceVars[],
  consumers: readonly ConsumerVars[],
): void {
  declareCostScales(m);
  const shared = sources.filter((s) => s.ref.shared);
  const firstStart = shared.length === 0 ? null : shared.map((s) => s.ref.startWeek);
  if (firstStart === null) {
    m.aux(
      'platformCost',
      'usd/week',
      'Shared data platform (none: no shared data products).',
      [],
      () => 0,
    );
  } else {
    m.auxList(
      'platformCost',
      'usd/week',
      'Shared data platform, from the week work on the first shared product starts (its compute part scaled to the business).',
      ['time', 'platformCostUsdPerWeek', 'runningCostScale', ...firstStart],
      (v) => {
        let first = Infinity;
        for (let i = 3; i < v.length; i++) first = Math.min(first, v[i]!);
        return v[0]! >= first ? v[1]! * v[2]! : 0;
      },
    );
  }
  const zeroOr = (
    name: string,
    unit: string,
    description: string,
    inputs: string[],
    opts: { metric: boolean; label: string },
  ): string =>
    inputs.length === 0
      ? m.aux(name, unit, description, [], () => 0, opts)
      : m.auxList(name, unit, description, inputs, sum, opts);
  zeroOr(
    'sourcesCost',
    'usd/week',
    'Data products and own pipelines: build, run, incidents, compliance, coordination.',
    sources.map((s) => s.cost),
    { metric: false, label: 'Sources cost' },
  );
  m.aux(
    'dataCost',
    'usd/week',
    'Data cost: sources plus platform.',
    ['sourcesCost', 'platformCost'],
    (a, b) => a + b,
    { metric: true, label: 'Data cost' },
  );
  zeroOr(
    'aiCost',
    'usd/week',
    'AI consumers: development and running.',
    consumers.map((c) => c.cost),
    { metric: true, label: 'AI cost' },
  );
  declareNetValue(m);
}

/**
 * How the costs that grow with the business follow its size: active users relative to the size
 * the cost figures are stated for.
 */
function declareCostScales(m: ModelBuilder): void {
  m.aux(
    'businessScale',
    'dimensionless',
    'Active users relative to the business size the cost figures are for (costReferenceActiveUsers).',
    ['activeUsers', 'costReferenceActiveUsers'],
    (a, ref) => a / ref,
  );
  m.aux(
    'runningCostScale',
    'dimensionless',
    'Running costs relative to their stated figures: the fixed share plus the compute and storage share x business scale.',
    ['runningCostFixedShare', 'businessScale'],
    (f, scale) => f + (1 - f) * scale,
  );
  m.aux(
    'incidentCostScale',
    'dimensionless',
    'Cost per incident relative to its stated figure: the fixed share plus the business share x business scale.',
    ['incidentCostFixedShare', 'businessScale'],
    (f, scale) => f + (1 - f) * scale,
  );
}

/** Revenue, gross profit, spending and net value, and their running sums. */
function declareNetValue(m: ModelBuilder): void {
  m.flow(
    'revenue',
    'usd/week',
    'Orders x average order value.',
    ['orders', 'averageOrderValue'],
    (o, a) => o * a,
    { metric: true, label: 'Revenue' },
  );
  m.aux(
    'grossProfit',
    'usd/week',
    'Revenue x gross margin.',
    ['revenue', 'grossMargin'],
    (r, g) => r * g,
    { metric: true, label: 'Gross profit' },
  );
  m.flow('spending', 'usd/week', 'Data and AI spending.', ['dataCost', 'aiCost'], (d, a) => d + a);
  m.aux(
    'inventorySavings',
    'usd/week',
    'Holding and markdown cost that better forecasts save: revenue x holding and markdown share x saving per stock-out cut x stock-out reduction.',
    ['revenue', 'inventoryCostShareOfRevenue', 'inventoryCostCutPerStockoutCut', 'lever.stockouts'],
    (r, share, perCut, cut) => r * share * perCut * cut,
    { metric: true, label: 'Inventory savings' },
  );
  m.flow(
    'netValue',
    'usd/week',
    'Gross profit plus inventory savings less data and AI spending.',
    ['grossProfit', 'inventorySavings', 'spending'],
    (g, inv, s) => g + inv - s,
    { metric: true, label: 'Net value' },
  );
  m.stock(
    'cumulativeRevenue',
    'usd',
    'Revenue since week 0.',
    { initial: constant(0), inflows: ['revenue'] },
    { metric: true, label: 'Cumulative revenue' },
  );
  m.stock(
    'cumulativeNetValue',
    'usd',
    'Net value since week 0.',
    { initial: constant(0), inflows: ['netValue'] },
    { metric: true, label: 'Cumulative net value' },
  );
  m.stock(
    'cumulativeSpending',
    'usd',
    'Data and AI spending since week 0.',
    { initial: constant(0), inflows: ['spending'] },
    { metric: true, label: 'Cumulative spending' },
  );
}
