/**
 * The family of presets (Sterman ch. 21, test 9, "family member": the same model gives plausible
 * results for other members of its class) and the cases that decide the story, each with its
 * verdict pinned (expected-value mode, 156 weeks):
 *
 * - today's retailer (`with`): data products pay off;
 * - a small shop of 5,000 customers with the same products and AI uses: they do not (its data is
 *   too little for the AI to beat the rule-based experience, and the products cost what they cost
 *   anyone): own pipelines or neither;
 * - a marketplace and a subscription business: data products pay off;
 * - equal maturity (own pipelines as mature as the products) and the swapped case (products at the
 *   own pipelines' maturity and the other way round): own pipelines win;
 * - the AI doing nothing: what is left is cost alone.
 */
import { describe, expect, it } from 'vitest';
import {
  ANATOMY_PARTS,
  compareWithWithout,
  PRESETS,
  verdictOf,
  withoutDataProducts,
  zeroImpact,
  type Maturity,
  type PresetName,
  type Scenario,
} from '../../simulation';
import { expectedRun, series } from './helpers';

const expected = (s: Scenario): Scenario => ({
  ...s,
  simulation: { ...s.simulation, mode: 'expected' },
});

function meanProductMaturity(s: Scenario): Maturity {
  return Object.fromEntries(
    ANATOMY_PARTS.map((p) => [
      p,
      s.dataProducts.reduce((a, d) => a + d.maturity[p], 0) / s.dataProducts.length,
    ]),
  ) as Maturity;
}

/** Own pipelines as mature as the products are on average, part by part. */
function equalMaturity(s: Scenario): Scenario {
  return { ...s, ownPipeline: { ...s.ownPipeline, maturity: meanProductMaturity(s) } };
}

/** Products at the own pipelines' maturity, own pipelines at the products' mean maturity. */
function swapped(s: Scenario): Scenario {
  return {
    ...s,
    dataProducts: s.dataProducts.map((d) => ({ ...d, maturity: { ...s.ownPipeline.maturity } })),
    ownPipeline: { ...s.ownPipeline, maturity: meanProductMaturity(s) },
  };
}

const PINNED: Readonly<Record<PresetName, readonly string[]>> = {
  with: ['with'],
  without: ['without', 'neither'],
  mesh: ['with'],
  'small-shop': ['without', 'neither'],
  marketplace: ['with'],
  subscription: ['with'],
};

describe('the family of presets: each verdict pinned', () => {
  for (const name of Object.keys(PRESETS) as PresetName[]) {
    it(`${name}: ${PINNED[name].join(' or ')}`, () => {
      const c = compareWithWithout(expected(PRESETS[name]()));
      expect(PINNED[name]).toContain(verdictOf(c));
    });
  }

  it('the small shop (5,000 customers, default products and AI uses) prefers own pipelines or neither', () => {
    const c = compareWithWithout(expected(PRESETS['small-shop']()));
    const [w, wo] = c.runs.map((r) => r.kpis);
    expect(c.runs[0]!.scenario.parameters.initialActiveUsers).toBe(5000);
    // Data products lose against own pipelines and against the status quo.
    expect(c.differences!.cumulativeNetValueUsd!).toBeLessThan(0);
    expect(w!.netValueVsStatusQuoUsd).toBeLessThan(0);
    // Its data is too little for the AI to beat the rule-based experience: no uplift at all.
    expect(w!.finalAiPerformance).toBe(0);
    expect(wo!.finalAiPerformance).toBe(0);
  });

  it('every member gives plausible numbers: users near the start, revenue per user as its inputs say', () => {
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      const s = expected(PRESETS[name]());
      const c = compareWithWithout(s);
      const p = s.parameters;
      const start = Math.min(p.initialActiveUsers!, p.marketSize!);
      const weeklyRevenuePerUser =
        p.sessionsPerUserPerWeek! * p.baseConversion! * p.averageOrderValueUsd!;
      for (const r of c.runs) {
        // Within three years no business loses or gains more than a third of its customers.
        expect(r.kpis.finalActiveUsers / start, `${name} ${r.name}`).toBeGreaterThan(0.67);
        expect(r.kpis.finalActiveUsers / start, `${name} ${r.name}`).toBeLessThan(1.33);
        // Revenue is users x what each spends, within the levers' reach (+-50%).
        const perUserWeek = r.kpis.cumulativeRevenueUsd / s.simulation.weeks / start;
        expect(perUserWeek / weeklyRevenuePerUser, `${name} ${r.name}`).toBeGreaterThan(0.9);
        expect(perUserWeek / weeklyRevenuePerUser, `${name} ${r.name}`).toBeLessThan(1.5);
      }
    }
  });
});

describe('the cases that decide the story', () => {
  const base = expected(PRESETS.with());

  it('today: data products win, by more than their cost advantage', () => {
    const d = compareWithWithout(base).differences!;
    expect(d.cumulativeNetValueUsd!).toBeGreaterThan(5e6);
    expect(d.netValueGapFromCostUsd!).toBeLessThan(d.cumulativeNetValueUsd! / 4);
  });

  it('equal maturity: own pipelines as mature as the products win (earlier, no platform)', () => {
    const c = compareWithWithout(equalMaturity(base));
    expect(c.differences!.cumulativeNetValueUsd!).toBeLessThan(0);
    expect(verdictOf(c)).toBe('without');
  });

  it('swapped maturities: own pipelines win by about as much as the products win today', () => {
    const today = compareWithWithout(base).differences!.cumulativeNetValueUsd!;
    const c = compareWithWithout(swapped(base));
    expect(verdictOf(c)).toBe('without');
    expect(-c.differences!.cumulativeNetValueUsd!).toBeGreaterThan(today / 2);
  });

  it('when the AI does nothing, the whole gap is cost and neither pays off', () => {
    const s = {
      ...base,
      aiConsumers: base.aiConsumers.map((c) => ({ ...c, impact: zeroImpact() })),
    };
    const c = compareWithWithout(s);
    expect(c.differences!.cumulativeNetValueUsd!).toBeCloseTo(
      c.differences!.netValueGapFromCostUsd!,
      2,
    );
    expect(verdictOf(c)).toBe('neither');
  });

  it('costs scale with the business: with no AI effect, own pipelines are cheaper for a small business', () => {
    const small = {
      ...base,
      parameters: { ...base.parameters, marketSize: 100_000, initialActiveUsers: 10_000 },
    };
    const s = {
      ...small,
      aiConsumers: small.aiConsumers.map((c) => ({ ...c, impact: zeroImpact() })),
    };
    expect(compareWithWithout(s).differences!.netValueGapFromCostUsd!).toBeLessThan(0);
  });

  it('mesh is compared against exactly the same business without data products as `with`', () => {
    const a = expectedRun(withoutDataProducts(expected(PRESETS.with())));
    const b = expectedRun(withoutDataProducts(expected(PRESETS.mesh())));
    // Every computed variable, to the bit (mesh's own parameters - no central queue, coordination
    // cost - exist in both models but act only on data products).
    const computed = a.model.variables.filter((v) => v.kind !== 'parameter').map((v) => v.name);
    expect(computed.length).toBeGreaterThan(100);
    const bits = (r: typeof a, name: string): Buffer => Buffer.from(series(r, name).buffer);
    for (const name of computed) expect(bits(b, name).equals(bits(a, name)), name).toBe(true);
    const kw = compareWithWithout(expected(PRESETS.with())).runs[1]!.kpis;
    const km = compareWithWithout(expected(PRESETS.mesh())).runs[1]!.kpis;
    expect(km).toEqual(kw);
  });
});
