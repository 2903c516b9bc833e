/**
 * The partial changes of Loops That Matter: for every link x -> z on a feedback loop, "the change
 * in z from x's change alone", Δx(z) = f(x now, every other input as at the previous point) - z
 * then. Built once per compiled model and loop structure: a flat table per target variable (its
 * equation, input slots and the positions of each loop input), evaluated point by point over a
 * finished run's series. Each point evaluates one equation per loop link, so the pass costs about
 * as much as the run itself (see `npm run bench`).
 *
 * Noise is an input like any other and is held at its previous value: a noisy variable's
 * re-evaluated value is scaled by the ratio its noise gave at the previous point (the value drawn
 * over the equation's expected value), so demand noise and incident draws are not attributed to
 * the link.
 */
import { codegenAvailable } from './codegen';
import type { CompiledModel } from './compile';
import type { LoopStructure } from './loop-structure';
import type { ListFn, PositionalFn } from './types';

interface TargetPlan {
  readonly slot: number;
  readonly fn: PositionalFn | null;
  readonly listFn: ListFn | null;
  readonly inputs: Int32Array;
  readonly args: Float64Array;
  readonly noisy: boolean;
  /** Per loop link into this target: its edge index and the argument positions of its source. */
  readonly links: readonly {
    readonly edge: number;
    readonly from: number;
    readonly positions: Int32Array;
  }[];
}

export interface LinkEvaluator {
  /** Edge indices evaluated, in the order `evaluate` writes them. */
  readonly edges: readonly number[];
  /**
   * Writes Δx(z) of every input link at point k (k >= 1) of the point-major `values` (`n` slots a
   * point) into `partial[edgeSlot]`, where edgeSlot is the position in `edges`.
   */
  evaluate(
    values: Float64Array,
    n: number,
    k: number,
    stochastic: boolean,
    partial: Float64Array,
  ): void;
}

function call(f: PositionalFn, a: Float64Array): number {
  // prettier-ignore
  switch (a.length) {
    case 0: return f();
    case 1: return f(a[0]!);
    case 2: return f(a[0]!, a[1]!);
    case 3: return f(a[0]!, a[1]!, a[2]!);
    case 4: return f(a[0]!, a[1]!, a[2]!, a[3]!);
    case 5: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!);
    case 6: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!);
    case 7: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!);
    default: return f(a[0]!, a[1]!, a[2]!, a[3]!, a[4]!, a[5]!, a[6]!, a[7]!);
  }
}

/**
 * The evaluator for a model and its loops: generated code (one call site per link, so V8 inlines
 * the equations, as in codegen.ts) for a model compiled with the codegen backend, a table walk for
 * the interpreter (no eval: the app's worker). Both perform the same arithmetic.
 */
export function linkEvaluator(model: CompiledModel, structure: LoopStructure): LinkEvaluator {
  const plans = planTargets(model, structure);
  const edges = plans.flatMap((p) => p.links.map((l) => l.edge));
  if (model.backend === 'codegen' && codegenAvailable())
    return { edges, evaluate: generatedEvaluate(plans) };
  return { edges, evaluate: tableEvaluate(plans) };
}

function planTargets(model: CompiledModel, structure: LoopStructure): TargetPlan[] {
  const { graph } = structure;
  const byTarget = new Map<number, number[]>();
  for (const e of structure.loopEdges) {
    const edge = graph.edges[e]!;
    if (edge.kind !== 'input') continue;
    const list = byTarget.get(edge.to);
    if (list) list.push(e);
    else byTarget.set(edge.to, [e]);
  }
  const plans: TargetPlan[] = [];
  for (const [slot, edgeList] of [...byTarget].sort((a, b) => a[0] - b[0])) {
    const d = model.variables[slot]!.decl!;
    if (d.kind !== 'auxiliary' && d.kind !== 'flow') continue;
    const eq = d.equation;
    const inputs = Int32Array.from(eq.inputs.map((name) => model.slotOf.get(name)!));
    const links = edgeList.map((e) => {
      const edge = graph.edges[e]!;
      return { edge: e, from: edge.from, positions: Int32Array.from(edge.inputPositions) };
    });
    plans.push({
      slot,
      fn: 'fn' in eq ? eq.fn : null,
      listFn: 'listFn' in eq ? eq.listFn : null,
      inputs,
      args: new Float64Array(inputs.length),
      noisy: d.noise !== undefined,
      links,
    });
  }
  return plans;
}

type Evaluate = LinkEvaluator['evaluate'];

function tableEvaluate(plans: readonly TargetPlan[]): Evaluate {
  return (values, n, k, stochastic, partial) => {
    const prev = (k - 1) * n;
    const cur = k * n;
    let out = 0;
    for (let t = 0; t < plans.length; t++) {
      const p = plans[t]!;
      const { args, inputs } = p;
      for (let i = 0; i < inputs.length; i++) args[i] = values[prev + inputs[i]!]!;
      const zPrev = values[prev + p.slot]!;
      let ratio = 1;
      if (p.noisy && stochastic) {
        const expected = p.listFn ? p.listFn(args) : call(p.fn!, args);
        ratio = expected !== 0 ? zPrev / expected : 1;
      }
      for (const link of p.links) {
        const now = values[cur + link.from]!;
        const was = values[prev + link.from]!;
        const pos = link.positions;
        for (let j = 0; j < pos.length; j++) args[pos[j]!] = now;
        const v = p.listFn ? p.listFn(args) : call(p.fn!, args);
        for (let j = 0; j < pos.length; j++) args[pos[j]!] = was;
        partial[out++] = v * ratio - zPrev;
      }
    }
  };
}

/** Targets per generated function (small functions keep their equations inlined: codegen.ts). */
const CHUNK = 12;

function generatedEvaluate(plans: readonly TargetPlan[]): Evaluate {
  const lines: string[] = ['"use strict";'];
  plans.forEach((p, t) => {
    lines.push(p.listFn ? `const l${t} = L[${t}], b${t} = B[${t}];` : `const f${t} = F[${t}];`);
  });
  const chunks: string[] = [];
  let out = 0;
  for (let start = 0; start < plans.length; start += CHUNK) {
    const name = `chunk${chunks.length}`;
    chunks.push(name);
    lines.push(`function ${name}(V, p, c, stochastic, out) {`);
    lines.push('let z = 0, r = 1, e = 0;');
    for (let t = start; t < Math.min(plans.length, start + CHUNK); t++) {
      const plan = plans[t]!;
      const prevArgs = Array.from(plan.inputs, (s) => `V[p + ${s}]`);
      const callWith = (args: readonly string[]): string =>
        plan.listFn ? `l${t}(b${t})` : `f${t}(${args.join(', ')})`;
      if (plan.listFn) prevArgs.forEach((a, j) => lines.push(`b${t}[${j}] = ${a};`));
      lines.push(`z = V[p + ${plan.slot}];`);
      if (plan.noisy) {
        lines.push(
          `r = 1; if (stochastic) { e = ${callWith(prevArgs)}; r = e !== 0 ? z / e : 1; }`,
        );
      }
      for (const link of plan.links) {
        const args = [...prevArgs];
        for (const pos of link.positions) {
          args[pos] = `V[c + ${link.from}]`;
          if (plan.listFn) lines.push(`b${t}[${pos}] = V[c + ${link.from}];`);
        }
        lines.push(`out[${out++}] = ${callWith(args)}${plan.noisy ? ' * r' : ''} - z;`);
        if (plan.listFn)
          for (const pos of link.positions) lines.push(`b${t}[${pos}] = V[p + ${link.from}];`);
      }
    }
    lines.push('}');
  }
  lines.push('return function evaluate(V, n, k, stochastic, out) {');
  lines.push('const c = k * n, p = c - n;');
  for (const c of chunks) lines.push(`${c}(V, p, c, stochastic, out);`);
  lines.push('};');
  const factory = new Function('F', 'L', 'B', lines.join('\n')) as (
    F: readonly unknown[],
    L: readonly unknown[],
    B: readonly unknown[],
  ) => Evaluate;
  return factory(
    plans.map((p) => p.fn),
    plans.map((p) => p.listFn),
    plans.map((p) => p.args),
  );
}
