/**
 * Dimensional consistency (Sterman ch. 21, test 3). Every variable has a unit from a known
 * vocabulary; a small unit algebra turns each unit into dimension exponents; then
 * - every flow into or out of a stock has the stock's unit per week,
 * - sums, means, maxima and weighted means over lists have the units of their terms,
 * - a table of the model's main equations checks output unit = product of input units.
 * The declared units are read from the compiled model, so a wrong unit in a declaration fails.
 */
import { describe, expect, it } from 'vitest';
import { prepareModel, withoutPreset, withPreset, type CompiledModel } from '../../simulation';
import {
  max,
  mean,
  sum,
  weightedMeanOr,
  combineLifts,
  combineReductions,
} from '../../simulation/model/declare';

type Dims = Readonly<Record<string, number>>;

/** Base dimensions of each unit word; dimensionless words map to {}. */
const WORDS: Readonly<Record<string, { dims: Dims; scale?: number }>> = {
  people: { dims: { person: 1 } },
  person: { dims: { person: 1 } },
  sessions: { dims: { session: 1 } },
  session: { dims: { session: 1 } },
  searches: { dims: { search: 1 } },
  search: { dims: { search: 1 } },
  orders: { dims: { order: 1 } },
  order: { dims: { order: 1 } },
  events: { dims: { event: 1 } },
  incidents: { dims: { incident: 1 } },
  incident: { dims: { incident: 1 } },
  consumers: { dims: { consumer: 1 } },
  consumer: { dims: { consumer: 1 } },
  product: { dims: { product: 1 } },
  usd: { dims: { usd: 1 } },
  week: { dims: { time: 1 } },
  weeks: { dims: { time: 1 } },
  year: { dims: { time: 1 }, scale: 52 },
  capacity: { dims: { capacity: 1 } },
  '1': { dims: {} },
  fraction: { dims: {} },
  dimensionless: { dims: {} },
  'relative change': { dims: {} },
  flag: { dims: {} },
  'maturity 0-1': { dims: {} },
  'maturity change': { dims: {} },
  'log-sd per step': { dims: {} },
};

function combine(a: Dims, b: Dims, sign: 1 | -1): Dims {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const n = (out[k] ?? 0) + sign * v;
    if (n === 0) delete out[k];
    else out[k] = n;
  }
  return out;
}

/** Parses `a/b/c`, `a/(b/c)`, with the words above; throws on an unknown word. */
export function parseUnit(unit: string): Dims {
  let i = 0;
  const term = (): Dims => {
    if (unit[i] === '(') {
      i++;
      const d = expr();
      if (unit[i] !== ')') throw new Error(`unbalanced parenthesis in '${unit}'`);
      i++;
      return d;
    }
    let j = i;
    while (j < unit.length && unit[j] !== '/' && unit[j] !== ')') j++;
    const word = unit.slice(i, j).trim();
    i = j;
    const w = WORDS[word];
    if (!w) throw new Error(`unknown unit word '${word}' in '${unit}'`);
    return w.dims;
  };
  const expr = (): Dims => {
    let d = term();
    while (unit[i] === '/') {
      i++;
      d = combine(d, term(), -1);
    }
    return d;
  };
  const d = expr();
  if (i !== unit.length) throw new Error(`cannot parse unit '${unit}'`);
  return d;
}

const same = (a: Dims, b: Dims): boolean => Object.keys(combine(a, b, -1)).length === 0;
const show = (d: Dims): string =>
  Object.entries(d)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => (v === 1 ? k : `${k}^${v}`))
    .join(' ') || '1';

function models(): CompiledModel[] {
  // `with` has shared products; `without` has own pipelines: together they declare every variable kind.
  return [withPreset(), withoutPreset()].map((s) => prepareModel(s).compiled);
}

function unitOf(m: CompiledModel, name: string): string {
  const slot = m.slotOf.get(name);
  if (slot === undefined) throw new Error(`no variable '${name}'`);
  return m.variables[slot]!.unit;
}

describe('the unit algebra', () => {
  it('parses compound units', () => {
    expect(parseUnit('sessions/person/week')).toEqual({ session: 1, person: -1, time: -1 });
    expect(parseUnit('capacity/(incident/week)')).toEqual({ capacity: 1, incident: -1, time: 1 });
    expect(parseUnit('fraction/week')).toEqual({ time: -1 });
    expect(() => parseUnit('furlongs/fortnight')).toThrow(/unknown unit word/);
  });
});

describe('every variable has a unit and a description', () => {
  for (const m of models()) {
    it(`${m.variables.length} variables`, () => {
      for (const v of m.variables) {
        if (v.kind === 'builtin') continue;
        expect(v.unit.trim(), v.name).not.toBe('');
        expect(v.decl!.description.trim().length, v.name).toBeGreaterThan(5);
        expect(() => parseUnit(v.unit), v.name).not.toThrow();
      }
    });
  }
});

describe('flows into and out of a stock have the stock unit per week', () => {
  for (const m of models()) {
    it(`${m.stockSlots.length} stocks`, () => {
      const perWeek = parseUnit('1/week');
      for (const v of m.variables) {
        if (v.decl?.kind !== 'stock') continue;
        const expected = combine(parseUnit(v.unit), perWeek, 1);
        for (const f of [...v.decl.inflows, ...v.decl.outflows]) {
          const got = parseUnit(unitOf(m, f));
          expect(same(got, expected), `${f} (${show(got)}) into ${v.name} (${v.unit})`).toBe(true);
        }
      }
    });
  }
});

describe('list aggregates have the units of their terms', () => {
  for (const m of models()) {
    it('sum, mean, max, weighted mean; lifts and reductions are dimensionless', () => {
      let checked = 0;
      for (const v of m.variables) {
        const d = v.decl;
        if (!d || (d.kind !== 'auxiliary' && d.kind !== 'flow') || !('listFn' in d.equation))
          continue;
        const out = parseUnit(d.unit);
        const inputs = d.equation.inputs.map((n) => parseUnit(unitOf(m, n)));
        const f = d.equation.listFn;
        const flags = d.equation.inputs.every((n) => unitOf(m, n) === 'flag');
        if (f === sum && flags) {
          // Counting: a sum of 0/1 flags is a number of things (deployed consumers).
          expect(Object.values(out), `${v.name} counts`).toEqual([1]);
        } else if (f === sum || f === mean || f === max) {
          inputs.forEach((u, i) =>
            expect(same(u, out), `${v.name} term ${d.equation.inputs[i]}`).toBe(true),
          );
        } else if (f === weightedMeanOr) {
          const n = (inputs.length - 1) / 2;
          inputs
            .slice(0, n)
            .forEach((u, i) =>
              expect(same(u, out), `${v.name} value ${d.equation.inputs[i]}`).toBe(true),
            );
          inputs
            .slice(n, 2 * n)
            .forEach((u, i) =>
              expect(same(u, {}), `${v.name} weight ${d.equation.inputs[n + i]}`).toBe(true),
            );
          expect(same(inputs[2 * n]!, out), `${v.name} fallback`).toBe(true);
        } else if (f === combineLifts || f === combineReductions) {
          expect(same(out, {}), v.name).toBe(true);
          inputs.forEach((u, i) =>
            expect(same(u, {}), `${v.name} term ${d.equation.inputs[i]}`).toBe(true),
          );
        } else {
          continue;
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(20);
    });
  }
});

/**
 * Main equations: output = product of inputs^power (x a constant of the stated unit, for the
 * modelling identities the equation uses). Each entry reads the units from the declaration.
 */
interface UnitCheck {
  readonly output: string;
  readonly terms: readonly (readonly [input: string, power: number])[];
  /** A unit the equation's constants carry, e.g. weeks/year for the 52 in p/52. */
  readonly constant?: string;
  readonly why: string;
}

const P = 'dataProduct.customer-360';
const C = 'aiConsumer.personalized-homepage';
const CHECKS: readonly UnitCheck[] = [
  {
    output: 'sessions',
    terms: [
      ['activeUsers', 1],
      ['sessionsPerUser', 1],
    ],
    why: 'people x sessions/person/week',
  },
  {
    output: 'orders',
    terms: [
      ['sessions', 1],
      ['conversionRate', 1],
    ],
    constant: 'orders/session',
    why: 'a converting session is one order',
  },
  {
    output: 'searches',
    terms: [
      ['sessions', 1],
      ['searchShareOfSessions', 1],
    ],
    constant: 'searches/session',
    why: 'a searching session is one search',
  },
  {
    output: 'revenue',
    terms: [
      ['orders', 1],
      ['averageOrderValue', 1],
    ],
    why: 'orders/week x usd/order',
  },
  {
    output: 'grossProfit',
    terms: [
      ['revenue', 1],
      ['grossMargin', 1],
    ],
    why: 'usd/week x fraction',
  },
  {
    output: 'revenuePerUser',
    terms: [
      ['sessionsPerUser', 1],
      ['conversionRate', 1],
      ['averageOrderValue', 1],
    ],
    constant: 'orders/session',
    why: 'spend per person',
  },
  {
    output: 'churn',
    terms: [
      ['churnRate', 1],
      ['activeUsers', 1],
    ],
    why: 'fraction/week x people',
  },
  {
    output: 'winBack',
    terms: [
      ['winBackPerWeek', 1],
      ['lapsedUsers', 1],
    ],
    why: '1/week x people',
  },
  {
    output: 'adoption',
    terms: [
      ['weeklyInnovation', 1],
      ['potentialUsers', 1],
    ],
    why: 'innovation term: 1/week x people',
  },
  {
    output: 'adoption',
    terms: [
      ['weeklyImitation', 1],
      ['activeUsers', 1],
      ['marketSize', -1],
      ['potentialUsers', 1],
    ],
    why: 'imitation term',
  },
  {
    output: 'weeklyInnovation',
    terms: [['bassInnovationPerYear', 1]],
    constant: 'year/week',
    why: 'p per year / 52 weeks per year',
  },
  {
    output: 'eventsRecorded',
    terms: [
      ['sessions', 1],
      ['browseEventsPerSession', 1],
      ['behaviouralDepth', 1],
    ],
    why: 'browse term',
  },
  {
    output: 'eventsRecorded',
    terms: [
      ['searches', 1],
      ['eventsPerSearch', 1],
    ],
    why: 'search term',
  },
  {
    output: 'eventsRecorded',
    terms: [
      ['orders', 1],
      ['eventsPerOrder', 1],
    ],
    why: 'order term',
  },
  {
    output: 'eventsAgeing',
    terms: [
      ['freshEvents', 1],
      ['dataLifetimeWeeks', -1],
    ],
    why: 'events / weeks',
  },
  {
    output: 'freshEvents',
    terms: [
      ['initialEventsPerWeek', 1],
      ['dataLifetimeWeeks', 1],
    ],
    why: 'initial value: events/week x weeks',
  },
  { output: 'netValue', terms: [['grossProfit', 1]], why: 'gross profit less spending' },
  { output: 'spending', terms: [['dataCost', 1]], why: 'data plus AI cost' },
  {
    output: `${P}.downtime`,
    terms: [
      [`${P}.incidents`, 1],
      [`${P}.detectWeeks`, 1],
      ['incidentSeverity', 1],
    ],
    why: 'open incidents (Little) x share each breaks',
  },
  {
    output: `${P}.ownerLoad`,
    terms: [
      [`${P}.consumersLive`, 1],
      ['ownerLoadPerConsumer', 1],
      [`${P}.ownerCapacity`, -1],
    ],
    why: 'consumer load / capacity',
  },
  {
    output: `${P}.ownerLoad`,
    terms: [
      [`${P}.recentIncidents`, 1],
      ['ownerLoadPerIncident', 1],
      [`${P}.ownerCapacity`, -1],
    ],
    why: 'incident load / capacity',
  },
  {
    output: `${P}.incidentTrend`,
    terms: [[`${P}.incidents`, 1]],
    constant: '1/week',
    why: 'smoothing over 4 weeks',
  },
  {
    output: `${P}.buildSpend`,
    terms: [
      [`${P}.building`, 1],
      [`${P}.buildCostUsd`, 1],
      [`${P}.buildWeeks`, -1],
    ],
    why: 'cost spread over build weeks',
  },
  {
    output: `${P}.runSpend`,
    terms: [
      [`${P}.incidents`, 1],
      ['costPerIncidentUsd', 1],
    ],
    why: 'incident cost',
  },
  {
    output: `${P}.runSpend`,
    terms: [['complianceExposureUsdPerWeek', 1]],
    why: 'compliance exposure',
  },
  {
    output: `${P}.liveWeek`,
    terms: [['centralQueueWeeksPerProduct', 1]],
    constant: 'product',
    why: 'queue x position in the queue',
  },
  {
    output: `${P}.trustChange`,
    terms: [
      [`${P}.trust`, 1],
      ['trustAdjustmentWeeks', -1],
    ],
    why: 'first-order adjustment',
  },
  {
    output: `${P}.erosionRepair`,
    terms: [
      ['qualityRepairPerWeek', 1],
      [`${P}.erosion`, 1],
    ],
    why: 'repair rate x erosion',
  },
  {
    output: `${P}.freshness`,
    terms: [
      [`${P}.refreshLagWeeks`, 1],
      ['freshnessScaleWeeks', -1],
    ],
    why: 'lag / staleness tolerance',
  },
  {
    output: `${C}.effectiveData`,
    terms: [
      ['freshEvents', 1],
      [`${C}.inputCoverage`, 1],
      [`${C}.inputQuality`, 1],
    ],
    why: 'events x coverage x quality^k',
  },
  {
    output: `${C}.error`,
    terms: [
      [`${C}.effectiveData`, 1],
      ['referenceEffectiveEvents', -1],
    ],
    why: 'learning curve in D / D_ref',
  },
  {
    output: `${C}.adoptionChange`,
    terms: [
      [`${C}.adoption`, 1],
      ['adoptionAdjustmentWeeks', -1],
    ],
    why: 'first-order adjustment',
  },
  {
    output: `${C}.devWeeksEffective`,
    terms: [
      [`${C}.devWeeks`, 1],
      ['timeToMarketGain', 1],
      [`${C}.reuse`, 1],
    ],
    why: 'weeks x fraction x fraction',
  },
  {
    output: `${C}.cost`,
    terms: [
      [`${C}.developing`, 1],
      [`${C}.devCostUsd`, 1],
      [`${C}.devWeeksEffective`, -1],
    ],
    why: 'development spread over its weeks',
  },
  {
    output: 'experienceIndex',
    terms: [
      ['revenuePerUser', 1],
      ['baselineRevenuePerUser', -1],
    ],
    why: 'ratio',
  },
];

/** Slots the variable's equation reads, directly or through auxiliaries and flows. */
function ancestors(m: CompiledModel, slot: number): Set<number> {
  const seen = new Set<number>();
  const stack = [...m.variables[slot]!.inputSlots];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    const k = m.variables[s]!.kind;
    if (k === 'auxiliary' || k === 'flow') stack.push(...m.variables[s]!.inputSlots);
  }
  return seen;
}

describe('main equations are dimensionally consistent', () => {
  const m = prepareModel(withPreset()).compiled;
  for (const c of CHECKS) {
    it(`${c.output}: ${c.why}`, () => {
      const reads = ancestors(m, m.slotOf.get(c.output)!);
      let d: Dims = c.constant ? parseUnit(c.constant) : {};
      for (const [input, power] of c.terms) {
        // Each term is something the equation really reads (directly or through auxiliaries).
        expect(reads.has(m.slotOf.get(input)!), `${c.output} reads ${input}`).toBe(true);
        if (Math.abs(power) !== 1) throw new Error('only powers of +-1 are used');
        d = combine(d, parseUnit(unitOf(m, input)), power > 0 ? 1 : -1);
      }
      const out = parseUnit(unitOf(m, c.output));
      expect(show(d)).toBe(show(out));
    });
  }
});
