/**
 * Monte-Carlo-free sensitivity sanity (Sterman ch. 21, tests 8 and 11): one parameter at a time,
 * on a 5-point grid over its plausible range (from the registry), expected-value mode. Each
 * response must move in the direction the mechanism implies, strictly, at every grid step.
 * Also loop knock-outs: cutting a link removes the behaviour it carries.
 */
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  metricSeries,
  PARAMETER_BY_NAME,
  runScenario,
  statusQuo,
  withPreset,
  type Comparison,
  type Scenario,
} from '../../simulation';

interface Response {
  readonly parameter: string;
  readonly what: string;
  readonly measure: (c: Comparison) => number;
  /** +1: the measure rises with the parameter; -1: it falls. */
  readonly direction: 1 | -1;
  readonly why: string;
}

const withKpis = (c: Comparison) => c.runs[0]!.kpis;
const withoutKpis = (c: Comparison) => c.runs[1]!.kpis;
const gap = (c: Comparison): number => c.differences!.cumulativeNetValueUsd!;
const aiBenefit = (c: Comparison): number => withKpis(c).netValueVsStatusQuoUsd;

const RESPONSES: readonly Response[] = [
  {
    parameter: 'learningCurveExponent',
    what: 'AI performance (with)',
    measure: (c) => withKpis(c).finalAiPerformance,
    direction: -1,
    why: 'toward 0 the curve flattens: more data buys less',
  },
  {
    parameter: 'learningCurveExponent',
    what: 'AI benefit over the status quo',
    measure: aiBenefit,
    direction: -1,
    why: 'a flatter curve lowers the AI benefit',
  },
  {
    parameter: 'learningCurveExponent',
    what: 'with-minus-without gap',
    measure: gap,
    direction: -1,
    why: 'better data matters less when data matters less',
  },
  {
    parameter: 'irreducibleError',
    what: 'AI benefit over the status quo',
    measure: aiBenefit,
    direction: -1,
    why: 'a lower accuracy ceiling',
  },
  {
    parameter: 'reducibleErrorAtReference',
    what: 'AI performance (without)',
    measure: (c) => withoutKpis(c).finalAiPerformance,
    direction: -1,
    why: 'more error at the same data',
  },
  {
    parameter: 'dataHalfLifeWeeks',
    what: 'AI performance (with)',
    measure: (c) => withKpis(c).finalAiPerformance,
    direction: 1,
    why: 'slower ageing keeps more data fresh',
  },
  {
    parameter: 'dataQualityExponent',
    what: 'with-minus-without gap',
    measure: gap,
    direction: 1,
    why: 'bad data counts for less: raw pipelines suffer most',
  },
  {
    parameter: 'dataQualityExponent',
    what: 'AI performance (without)',
    measure: (c) => withoutKpis(c).finalAiPerformance,
    direction: -1,
    why: 'own pipelines deliver lower quality',
  },
  {
    parameter: 'baseIncidentsPerWeek',
    what: 'with-minus-without gap',
    measure: gap,
    direction: 1,
    why: 'immature pipelines break more often',
  },
  {
    parameter: 'costPerIncidentUsd',
    what: 'with-minus-without gap',
    measure: gap,
    direction: 1,
    why: 'without has more incidents',
  },
  {
    parameter: 'platformCostUsdPerWeek',
    what: 'with-minus-without gap',
    measure: gap,
    direction: -1,
    why: 'only with pays for the shared platform',
  },
  {
    parameter: 'centralQueueWeeksPerProduct',
    what: 'first AI deployment (with)',
    measure: (c) => withKpis(c).firstAiDeploymentWeek!,
    direction: 1,
    why: 'a central team builds products one after another',
  },
  {
    parameter: 'centralQueueWeeksPerProduct',
    what: 'with-minus-without gap',
    measure: gap,
    direction: -1,
    why: 'later products, later benefits',
  },
  {
    parameter: 'freshnessScaleWeeks',
    what: 'with-minus-without gap',
    measure: gap,
    direction: -1,
    why: 'stale own pipelines matter less when staleness is tolerated',
  },
  {
    parameter: 'baseChurnPerWeek',
    what: 'final active users (with)',
    measure: (c) => withKpis(c).finalActiveUsers,
    direction: -1,
    why: 'more customers lapse',
  },
  {
    parameter: 'bassImitationPerYear',
    what: 'final active users (without)',
    measure: (c) => withoutKpis(c).finalActiveUsers,
    direction: 1,
    why: 'more word of mouth',
  },
  {
    parameter: 'wordOfMouthElasticity',
    what: 'users gap (with minus without)',
    measure: (c) => c.differences!.finalActiveUsers!,
    direction: 1,
    why: 'a better experience spreads further (R2)',
  },
  {
    parameter: 'grossMargin',
    what: 'AI benefit over the status quo',
    measure: aiBenefit,
    direction: 1,
    why: 'each extra order earns more',
  },
  {
    parameter: 'signalDepthElasticity',
    what: 'AI performance (with)',
    measure: (c) => withKpis(c).finalAiPerformance,
    direction: 1,
    why: 'engaged sessions record more events (R1)',
  },
];

function at(parameter: string, value: number): Comparison {
  const s: Scenario = withPreset();
  s.simulation.mode = 'expected';
  s.parameters[parameter] = value;
  return compareWithWithout(s);
}

describe('one-at-a-time responses over the plausible range', () => {
  const cache = new Map<string, Comparison[]>();
  const grid = (parameter: string): Comparison[] => {
    let g = cache.get(parameter);
    if (!g) {
      const [lo, hi] = PARAMETER_BY_NAME.get(parameter)!.plausible;
      g = [0, 1, 2, 3, 4].map((i) => at(parameter, lo + ((hi - lo) * i) / 4));
      cache.set(parameter, g);
    }
    return g;
  };
  for (const r of RESPONSES) {
    it(`${r.parameter} ${r.direction > 0 ? 'raises' : 'lowers'} ${r.what}: ${r.why}`, () => {
      const values = grid(r.parameter).map(r.measure);
      for (let i = 1; i < values.length; i++) {
        expect(
          r.direction * (values[i]! - values[i - 1]!),
          `${r.parameter} grid point ${i}: ${values.join(', ')}`,
        ).toBeGreaterThan(0);
      }
    });
  }
});

describe('loop knock-outs', () => {
  it('cutting experience -> word of mouth (R2) and -> behavioural depth (R1) shrinks the users gain', () => {
    const base = compareWithWithout({
      ...withPreset(),
      simulation: { ...withPreset().simulation, mode: 'expected' },
    });
    const s = withPreset();
    s.simulation.mode = 'expected';
    s.parameters.wordOfMouthElasticity = 0;
    s.parameters.signalDepthElasticity = 0;
    const cut = compareWithWithout(s);
    expect(cut.differences!.finalActiveUsers!).toBeLessThan(base.differences!.finalActiveUsers!);
    // The churn lever still works, so the gain does not vanish.
    expect(cut.differences!.finalActiveUsers!).toBeGreaterThan(0);
  });

  it('without the owners repairing erosion (balancing loop off), data quality falls over time', () => {
    const s = withPreset();
    s.simulation.mode = 'expected';
    const repaired = compareWithWithout(s).runs[0]!.kpis.finalDataQuality;
    s.parameters.qualityRepairPerWeek = 0;
    const unrepaired = compareWithWithout(s).runs[0]!.kpis.finalDataQuality;
    expect(unrepaired).toBeLessThan(repaired);
  });

  it('saturation (balancing) bends adoption: it rises to one peak, then falls as the market fills', () => {
    const s = statusQuo(withPreset());
    s.parameters.baseChurnPerWeek = 0;
    s.parameters.winBackPerWeek = 0;
    s.parameters.initialActiveUsers = 0;
    const adoption = metricSeries(
      runScenario(s, { settings: { mode: 'expected', weeks: 520 } }),
      'adoption',
    );
    let peak = 0;
    for (let k = 1; k < adoption.length; k++) if (adoption[k]! > adoption[peak]!) peak = k;
    expect(peak).toBeGreaterThan(52);
    expect(peak).toBeLessThan(adoption.length - 52);
    for (let k = 1; k <= peak; k++) expect(adoption[k]!).toBeGreaterThanOrEqual(adoption[k - 1]!);
    for (let k = peak + 1; k < adoption.length; k++)
      expect(adoption[k]!).toBeLessThan(adoption[k - 1]!);
  });
});
