/** Small textbook models for the Loops That Matter tests, declared with the model builder. */
import {
  compileModel,
  loopScores,
  loopStructure,
  runModel,
  type CompiledModel,
  type LoopScores,
  type ModelDecl,
  type RunSeries,
} from '../../simulation';
import { constant, from, ModelBuilder } from '../../simulation/model/declare';

export interface Analysed {
  readonly model: CompiledModel;
  readonly run: RunSeries;
  readonly scores: LoopScores;
  /** The loop whose variables are exactly these names (in any rotation), by index. */
  loopThrough(...names: string[]): number;
  series(name: string): number[];
}

export function analyse(
  decl: ModelDecl,
  values: number[],
  weeks: number,
  stepWeeks = 1,
  backend: 'interpreter' | 'codegen' = 'interpreter',
): Analysed {
  const model = compileModel(decl, { backend });
  const run = runModel(model, Float64Array.from(values), {
    weeks,
    stepWeeks,
    seed: 1,
    mode: 'expected',
  });
  const scores = loopScores(run, loopStructure(model));
  return {
    model,
    run,
    scores,
    loopThrough(...names) {
      const want = new Set(names.map((n) => model.slotOf.get(n)!));
      const i = scores.structure.loops.findIndex(
        (l) => l.slots.length === want.size && l.slots.every((s) => want.has(s)),
      );
      if (i < 0) throw new Error(`no loop through ${names.join(', ')}`);
      return i;
    },
    series(name) {
      const slot = model.slotOf.get(name)!;
      const n = model.variables.length;
      return Array.from({ length: run.points }, (_, k) => run.values[k * n + slot]!);
    },
  };
}

/**
 * Logistic growth with its two loops apart: births = population x fractional growth, fractional
 * growth = r x (1 - population / K). R: population -> births; B: population -> fractional growth
 * -> births.
 */
export function logistic(r = 0.1, capacity = 1000, initial = 10): [ModelDecl, number[]] {
  const m = new ModelBuilder();
  m.parameter('r', '1/week', 'growth rate', r);
  m.parameter('K', 'people', 'capacity', capacity);
  m.aux('fractionalGrowth', '1/week', '', ['r', 'population', 'K'], (g, p, k) => g * (1 - p / k));
  m.flow('births', 'people/week', '', ['population', 'fractionalGrowth'], (p, f) => p * f);
  m.stock('population', 'people', '', { initial: constant(initial), inflows: ['births'] });
  return [{ variables: m.variables }, m.parameterValues];
}

/** Bass diffusion: adoption = (p + q x adopters / N) x potential. */
export function bass(p = 0.01, q = 0.3, market = 10_000): [ModelDecl, number[]] {
  const m = new ModelBuilder();
  m.parameter('p', '1/week', '', p);
  m.parameter('q', '1/week', '', q);
  m.parameter('N', 'people', '', market);
  m.flow(
    'adoption',
    'people/week',
    '',
    ['p', 'q', 'adopters', 'N', 'potential'],
    (pp, qq, a, n, pot) => (pp + (qq * a) / n) * pot,
  );
  m.stock('potential', 'people', '', {
    initial: from(['N'], (n) => n),
    outflows: ['adoption'],
  });
  m.stock('adopters', 'people', '', { initial: constant(0), inflows: ['adoption'] });
  return [{ variables: m.variables }, m.parameterValues];
}

/** A first-order goal-seeking loop: change = (goal - level) / tau. */
export function goalSeeking(goal = 100, tau = 5, initial = 0): [ModelDecl, number[]] {
  const m = new ModelBuilder();
  m.parameter('goal', 'units', '', goal);
  m.parameter('tau', 'weeks', '', tau);
  m.flow('change', 'units/week', '', ['goal', 'level', 'tau'], (g, l, t) => (g - l) / t);
  m.stock('level', 'units', '', { initial: constant(initial), inflows: ['change'] });
  return [{ variables: m.variables }, m.parameterValues];
}

/**
 * Two stocks in a chain: upstream drains into downstream (transfer = upstream / t1), downstream
 * drains away (loss = downstream / t2). Each drain is a balancing loop of its own stock; the
 * transfer into downstream closes no loop, so the two loops are in separate cycle partitions.
 */
export function chain(t1 = 4, t2 = 8): [ModelDecl, number[]] {
  const m = new ModelBuilder();
  m.parameter('t1', 'weeks', '', t1);
  m.parameter('t2', 'weeks', '', t2);
  m.flow('transfer', 'units/week', '', ['upstream', 't1'], (u, t) => u / t);
  m.flow('loss', 'units/week', '', ['downstream', 't2'], (d, t) => d / t);
  m.stock('upstream', 'units', '', { initial: constant(1000), outflows: ['transfer'] });
  m.stock('downstream', 'units', '', {
    initial: constant(0),
    inflows: ['transfer'],
    outflows: ['loss'],
  });
  return [{ variables: m.variables }, m.parameterValues];
}

/**
 * Population with births and deaths as separate flows, or as one net flow: the same model, so the
 * same loop scores (the 2023 correction makes flow-to-stock scores invariant to this choice).
 */
export function birthsAndDeaths(aggregated: boolean): [ModelDecl, number[]] {
  const m = new ModelBuilder();
  m.parameter('birthRate', '1/week', '', 0.08);
  m.parameter('K', 'people', '', 1000);
  m.aux('crowding', 'dimensionless', '', ['population', 'K'], (p, k) => p / k);
  m.flow('births', 'people/week', '', ['population', 'birthRate'], (p, b) => p * b);
  m.flow('deaths', 'people/week', '', ['population', 'crowding'], (p, c) => p * (0.02 + 0.1 * c));
  if (aggregated) {
    m.flow('net', 'people/week', '', ['births', 'deaths'], (b, d) => b - d);
    m.stock('population', 'people', '', { initial: constant(20), inflows: ['net'] });
  } else {
    m.stock('population', 'people', '', {
      initial: constant(20),
      inflows: ['births'],
      outflows: ['deaths'],
    });
  }
  return [{ variables: m.variables }, m.parameterValues];
}
