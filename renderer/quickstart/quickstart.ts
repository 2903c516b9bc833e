/**
 * "Describe your business": a handful of numbers an architect knows about their business, turned
 * into the scenario's parameters (each then sourced "your input"), with the data products and AI
 * uses they plan chosen from the built-in ones. Each answer is checked against its assumption's
 * valid range (an error) and plausible range from the sources (a question: "sure?"). Pure: the
 * dialog renders it, tests drive it.
 */
import {
  assumptionNamed,
  isoDate,
  steadyAcquisitionPerWeek,
  withPreset,
  withProvenance,
  type Scenario,
} from '../../simulation';

export type Per = 'week' | 'month';

export interface BusinessAnswers {
  readonly activeCustomers: number;
  readonly marketSize: number;
  readonly sessions: number;
  readonly sessionsPer: Per;
  /** Orders per session, as a fraction. */
  readonly conversion: number;
  readonly averageOrderValue: number;
  /** Share of active customers lost per `churnPer`, as a fraction. */
  readonly churn: number;
  readonly churnPer: Per;
  readonly grossMargin: number;
  /** Ids of the built-in data products and AI consumers planned. */
  readonly products: readonly string[];
  readonly consumers: readonly string[];
}

export type AnswerKey = Exclude<
  keyof BusinessAnswers,
  'products' | 'consumers' | 'sessionsPer' | 'churnPer'
>;

/** Each answer: the assumption it sets and how the answer converts to the model's unit. */
export const QUESTIONS: readonly {
  readonly key: AnswerKey;
  readonly assumption: string;
  readonly label: string;
  readonly percent: boolean;
}[] = [
  {
    key: 'activeCustomers',
    assumption: 'initialActiveUsers',
    label: 'Active customers',
    percent: false,
  },
  {
    key: 'marketSize',
    assumption: 'marketSize',
    label: 'Addressable market (people)',
    percent: false,
  },
  {
    key: 'sessions',
    assumption: 'sessionsPerUserPerWeek',
    label: 'Sessions per customer',
    percent: false,
  },
  {
    key: 'conversion',
    assumption: 'baseConversion',
    label: 'Conversion per session',
    percent: true,
  },
  {
    key: 'averageOrderValue',
    assumption: 'averageOrderValueUsd',
    label: 'Average order value (USD)',
    percent: false,
  },
  {
    key: 'churn',
    assumption: 'baseChurnPerWeek',
    label: 'Churn of active customers',
    percent: true,
  },
  { key: 'grossMargin', assumption: 'grossMargin', label: 'Gross margin', percent: true },
];

const WEEKS_PER_MONTH = 52 / 12;

/** The model's weekly value of an answer given per week or per month. */
export function toModel(key: AnswerKey, value: number, per: Per): number {
  if (per === 'week') return value;
  if (key === 'sessions') return value / WEEKS_PER_MONTH;
  if (key === 'churn') return 1 - (1 - value) ** (1 / WEEKS_PER_MONTH);
  return value;
}

/** An answer in the unit asked, from the model's weekly value. */
export function fromModel(key: AnswerKey, value: number, per: Per): number {
  if (per === 'week') return value;
  if (key === 'sessions') return value * WEEKS_PER_MONTH;
  if (key === 'churn') return 1 - (1 - value) ** WEEKS_PER_MONTH;
  return value;
}

const perOf = (a: BusinessAnswers, key: AnswerKey): Per =>
  key === 'sessions' ? a.sessionsPer : key === 'churn' ? a.churnPer : 'week';

/** The answers a scenario already gives (the dialog starts from them). */
export function answersFrom(s: Scenario): BusinessAnswers {
  const p = s.parameters;
  return {
    activeCustomers: p.initialActiveUsers!,
    marketSize: p.marketSize!,
    sessions: fromModel('sessions', p.sessionsPerUserPerWeek!, 'month'),
    sessionsPer: 'month',
    conversion: p.baseConversion!,
    averageOrderValue: p.averageOrderValueUsd!,
    churn: fromModel('churn', p.baseChurnPerWeek!, 'month'),
    churnPer: 'month',
    grossMargin: p.grossMargin!,
    products: s.dataProducts.map((d) => d.id),
    consumers: s.aiConsumers.map((c) => c.id),
  };
}

export interface Check {
  readonly key: AnswerKey;
  /** 'error': cannot be used; 'question': outside what the sources report, asks "sure?". */
  readonly severity: 'error' | 'question';
  readonly message: string;
}

function shown(key: AnswerKey, v: number, per: Per, percent: boolean, withUnit = true): string {
  const unit = withUnit && (key === 'sessions' || key === 'churn') ? `/${per}` : '';
  const text = percent
    ? `${Number((v * 100).toPrecision(3))}%`
    : Number(v.toPrecision(4)).toLocaleString('en-US');
  return `${text}${unit}`;
}

/** What is wrong with the answers (errors) and what lies outside the sources (questions). */
export function checkAnswers(a: BusinessAnswers): Check[] {
  const base = withPreset();
  const out: Check[] = [];
  for (const q of QUESTIONS) {
    const raw = a[q.key];
    const per = perOf(a, q.key);
    const spec = assumptionNamed(base, q.assumption)!;
    if (!Number.isFinite(raw)) {
      out.push({ key: q.key, severity: 'error', message: `${q.label}: enter a number` });
      continue;
    }
    if (q.percent && !(raw >= 0 && raw <= 1)) {
      out.push({ key: q.key, severity: 'error', message: `${q.label}: expected 0% to 100%` });
      continue;
    }
    const v = toModel(q.key, raw, per);
    if (!(v >= spec.min && v <= spec.max)) {
      out.push({
        key: q.key,
        severity: 'error',
        message: `${q.label}: expected ${shown(q.key, fromModel(q.key, spec.min, per), per, q.percent, false)} to ${shown(q.key, fromModel(q.key, spec.max, per), per, q.percent)}`,
      });
      continue;
    }
    const [lo, hi] = spec.plausible;
    const evidence = hi > lo && !(lo === spec.min && hi === spec.max);
    if (evidence && (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9))) {
      const range = `${shown(q.key, fromModel(q.key, lo, per), per, q.percent, false)} to ${shown(q.key, fromModel(q.key, hi, per), per, q.percent)}`;
      out.push({
        key: q.key,
        severity: 'question',
        message: `${q.label} of ${shown(q.key, raw, per, q.percent)} is ${v > hi ? 'above' : 'below'} anything in the sources (${range}): sure?`,
      });
    }
  }
  if (
    Number.isFinite(a.activeCustomers) &&
    Number.isFinite(a.marketSize) &&
    a.activeCustomers > a.marketSize
  )
    out.push({
      key: 'activeCustomers',
      severity: 'error',
      message: 'Active customers cannot exceed the addressable market',
    });
  return out;
}

/**
 * The data products and AI consumers a user can plan: the scenario's own, then the built-in ones
 * it does not have (from the default scenario).
 */
export function plannable(s: Scenario): {
  products: { id: string; name: string }[];
  consumers: { id: string; name: string; uses: string[] }[];
} {
  const b = withPreset();
  const products = [
    ...s.dataProducts,
    ...b.dataProducts.filter((p) => !s.dataProducts.some((x) => x.id === p.id)),
  ];
  const consumers = [
    ...s.aiConsumers,
    ...b.aiConsumers.filter((c) => !s.aiConsumers.some((x) => x.id === c.id)),
  ];
  return {
    products: products.map((p) => ({ id: p.id, name: p.name })),
    consumers: consumers.map((c) => ({ id: c.id, name: c.name, uses: c.uses })),
  };
}

/**
 * The scenario with the answers: parameters set (sourced "your input"), the planned products
 * and consumers (the scenario's own where it has them, else the built-in ones); a consumer whose
 * products are not planned builds its own pipelines for those inputs.
 */
export function describeBusiness(s: Scenario, a: BusinessAnswers, date = isoDate()): Scenario {
  const base = withPreset();
  const parameters = { ...s.parameters };
  for (const q of QUESTIONS) {
    const spec = assumptionNamed(base, q.assumption)!;
    const v = toModel(q.key, a[q.key], perOf(a, q.key));
    parameters[q.assumption] = spec.integer ? Math.round(v) : v;
  }
  // The business as described holds still without data products and AI (docs/MODEL.md 3.1).
  parameters.acquisitionPerWeek = steadyAcquisitionPerWeek(parameters);
  const find = <T extends { id: string }>(
    own: readonly T[],
    builtIn: readonly T[],
    id: string,
  ): T | undefined => own.find((x) => x.id === id) ?? builtIn.find((x) => x.id === id);
  const dataProducts = plannable(s)
    .products.filter((p) => a.products.includes(p.id))
    .map((p) => structuredClone(find(s.dataProducts, base.dataProducts, p.id)!));
  const planned = new Set(dataProducts.map((p) => p.id));
  const aiConsumers = plannable(s)
    .consumers.filter((c) => a.consumers.includes(c.id))
    .map((c) => {
      const own = structuredClone(find(s.aiConsumers, base.aiConsumers, c.id)!);
      const uses = own.uses.filter((u) => planned.has(u));
      return { ...own, uses, ownPipelines: own.ownPipelines + (own.uses.length - uses.length) };
    });
  const next: Scenario = { ...s, parameters, dataProducts, aiConsumers };
  return withProvenance(
    next,
    QUESTIONS.map((q) => q.assumption),
    { kind: 'input', date },
  );
}
