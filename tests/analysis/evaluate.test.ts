/**
 * The analysis evaluator gives exactly what a full run of the changed scenario gives
 * (compareWithWithout(withAssumptions(...))), on both backends, for any assumptions of the
 * catalogue, and reads KPIs with "never reached" ordered as latest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assumptionsOf,
  compareWithWithout,
  DIFFERENCE_KEYS,
  KPI_KEYS,
  kpiValue,
  orderedKpi,
  OUTCOME_WIDTH,
  ScenarioEvaluator,
  withAssumptions,
  withPreset,
  type EvalOutcome,
} from '../../simulation';
import { propertyRuns } from '../model/helpers';

const base = withPreset();
const scenario = { ...base, simulation: { ...base.simulation, weeks: 52, seed: 5 } };
const catalogue = assumptionsOf(scenario).filter((a) => a.plausible[1] > a.plausible[0]);

function expectedOutcome(changes: readonly (readonly [string, number])[]): Float64Array {
  const c = compareWithWithout(withAssumptions(scenario, changes), { backend: 'codegen' });
  const out = new Float64Array(OUTCOME_WIDTH);
  KPI_KEYS.forEach((k, i) => {
    out[i] = c.runs[0]!.kpis[k] ?? NaN;
    out[KPI_KEYS.length + i] = c.runs[1]!.kpis[k] ?? NaN;
  });
  DIFFERENCE_KEYS.forEach((k, i) => (out[2 * KPI_KEYS.length + i] = c.differences![k] ?? NaN));
  return out;
}

const sameBits = (a: Float64Array, b: Float64Array): boolean =>
  a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe('ScenarioEvaluator', () => {
  const interpreter = new ScenarioEvaluator(scenario, scenario.simulation);
  const codegen = new ScenarioEvaluator(scenario, scenario.simulation, { backend: 'codegen' });

  it('gives the KPIs of the changed scenario, to the bit, on both backends', () => {
    const change = fc
      .record({ i: fc.nat(catalogue.length - 1), t: fc.double({ min: 0, max: 1, noNaN: true }) })
      .map(({ i, t }) => {
        const a = catalogue[i]!;
        const v = a.plausible[0] + t * (a.plausible[1] - a.plausible[0]);
        return [a.name, a.integer ? Math.round(v) : v] as const;
      });
    fc.assert(
      fc.property(fc.array(change, { minLength: 0, maxLength: 4 }), (changes) => {
        const expected = expectedOutcome(changes);
        const a = interpreter.evaluate({ changes });
        const b = codegen.evaluate({ changes });
        expect(a.error).toBeNull();
        expect(sameBits(a.kpis, expected)).toBe(true);
        expect(sameBits(b.kpis, expected)).toBe(true);
      }),
      { numRuns: propertyRuns(25) },
    );
  });

  it('reports a run that fails as an error outcome, and an unknown name as an analysis error', () => {
    const o = codegen.evaluate({ changes: [['averageOrderValueUsd', 1e308]] });
    expect(o.error).toMatch(/non-finite|became/);
    expect(o.kpis.every(Number.isNaN)).toBe(true);
    expect(() => codegen.evaluate({ changes: [['noSuchThing', 1]] })).toThrow(
      /no parameter 'noSuchThing'/,
    );
  });

  it('orders week KPIs never reached as latest', () => {
    const kpis = new Float64Array(OUTCOME_WIDTH).fill(NaN);
    const pb = KPI_KEYS.indexOf('paybackWeek');
    kpis[pb] = 40; // scenario pays back at 40, the without run never
    const o: EvalOutcome = { kpis, error: null };
    expect(kpiValue(o, { kpi: 'paybackWeek', of: 'without' })).toBeNull();
    expect(orderedKpi(o, { kpi: 'paybackWeek', of: 'without' })).toBe(Infinity);
    expect(orderedKpi(o, { kpi: 'paybackWeek', of: 'difference' })).toBe(-Infinity);
    expect(orderedKpi(o, { kpi: 'overtakeWeek', of: 'difference' })).toBe(Infinity);
    expect(orderedKpi({ kpis, error: 'x' }, { kpi: 'paybackWeek', of: 'scenario' })).toBeNaN();
  });
});
