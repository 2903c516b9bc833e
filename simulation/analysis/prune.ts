/**
 * Compute only what a run is read for: a model declaration cut down to the variables some kept
 * variables need. A variable's value depends only on the variables its equation reads (a stock on
 * its flows and its initial value's inputs, a noisy variable on its noise's sigma too), and each
 * noisy variable draws from a stream of its own (seeded from its name), so the kept variables
 * compute the same bits in the cut model as in the whole one. Every parameter stays, in its order,
 * so parameter vectors of the whole model fit the cut one.
 */
import { DT, TIME, type ModelDecl, type VariableDecl } from '../engine/types';

function readsOf(d: VariableDecl): readonly string[] {
  switch (d.kind) {
    case 'parameter':
      return [];
    case 'stock':
      return [...d.initial.inputs, ...d.inflows, ...d.outflows];
    default:
      return d.noise?.type === 'lognormal'
        ? [...d.equation.inputs, d.noise.sigma]
        : d.equation.inputs;
  }
}

/** The declaration with the parameters and only the variables `keep` needs, in declared order. */
export function prunedModel(decl: ModelDecl, keep: readonly string[]): ModelDecl {
  const byName = new Map(decl.variables.map((d) => [d.name, d]));
  const needed = new Set<string>();
  const stack = [...keep];
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (needed.has(name) || name === TIME || name === DT) continue;
    const d = byName.get(name);
    if (!d) throw new Error(`no variable named '${name}'`);
    needed.add(name);
    stack.push(...readsOf(d));
  }
  return {
    variables: decl.variables.filter((d) => d.kind === 'parameter' || needed.has(d.name)),
  };
}
