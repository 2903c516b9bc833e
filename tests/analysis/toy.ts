/**
 * A toy evaluator for analysis tests: the selected KPI is a known function of the changed
 * assumptions (the rest of the catalogue at the scenario's values), written where the real
 * evaluator writes it, so plans, reducers and searches can be checked against exact answers.
 */
import {
  assumptionsOf,
  DIFFERENCE_KEYS,
  KPI_KEYS,
  OUTCOME_WIDTH,
  type EvalOutcome,
  type EvalPoint,
  type KpiSelector,
  type PointEvaluator,
  type Scenario,
} from '../../simulation';

export class ToyEvaluator implements PointEvaluator {
  readonly base: ReadonlyMap<string, number>;
  evaluated = 0;

  constructor(
    scenario: Scenario,
    private readonly selector: KpiSelector,
    private readonly fn: (value: (name: string) => number) => number | null,
  ) {
    this.base = new Map(assumptionsOf(scenario).map((a) => [a.name, a.value]));
  }

  evaluate(point: EvalPoint): EvalOutcome {
    this.evaluated++;
    const values = new Map(this.base);
    for (const [name, v] of point.changes) {
      if (!values.has(name)) throw new Error(`toy: no assumption '${name}'`);
      values.set(name, v);
    }
    const y = this.fn((name) => values.get(name)!);
    const kpis = new Float64Array(OUTCOME_WIDTH).fill(NaN);
    const { kpi, of } = this.selector;
    const at =
      of === 'difference'
        ? 2 * KPI_KEYS.length + DIFFERENCE_KEYS.indexOf(kpi)
        : (of === 'without' ? KPI_KEYS.length : 0) + KPI_KEYS.indexOf(kpi as never);
    kpis[at] = y ?? NaN;
    return { kpis, error: null };
  }
}
