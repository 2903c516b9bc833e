/**
 * The causal graph of a compiled model, for loop analysis (Loops That Matter, ltm.ts). Nodes are
 * the variables that change during a run: stocks and the auxiliaries and flows that are not
 * constant. There is an edge for every input of every such equation (from the input to the
 * variable), and one from every flow to each stock it fills (sign +1) or drains (sign -1).
 * Parameters, constants, `time` and `dt` never lie on a feedback loop and are left out. A stock's
 * initial value is not a causal link during the run.
 *
 * Every feedback loop lies inside one strongly connected component; the components that hold a
 * loop are the model's cycle partitions (Schoenberg, Davidsen & Eberlein 2020): loops are compared
 * with each other only inside their partition. Pure.
 */
import type { CompiledModel } from './compile';

export interface CausalEdge {
  /** Slot of the cause. */
  readonly from: number;
  /** Slot of the effect. */
  readonly to: number;
  /**
   * `input`: `from` is read by `to`'s equation at `inputPositions`; `flow`: `from` is a flow of the
   * stock `to`, with `flowSign` +1 (inflow), -1 (outflow) or their sum when it is listed as both.
   */
  readonly kind: 'input' | 'flow';
  readonly inputPositions: readonly number[];
  readonly flowSign: number;
}

export interface CausalGraph {
  /** Slots of the nodes, ascending. */
  readonly nodes: readonly number[];
  readonly edges: readonly CausalEdge[];
  /** For each node index, the indices of the edges leaving it (ordered by target slot). */
  readonly outEdges: readonly (readonly number[])[];
  /** Node index of a slot (-1 for slots that are not nodes). */
  readonly nodeOf: Int32Array;
}

function isDynamic(model: CompiledModel, slot: number): boolean {
  const v = model.variables[slot]!;
  if (v.kind === 'stock') return true;
  return (v.kind === 'auxiliary' || v.kind === 'flow') && !v.constant;
}

/** Builds the causal graph of a compiled model (deterministic: nodes and edges in slot order). */
export function causalGraph(model: CompiledModel): CausalGraph {
  const nSlots = model.variables.length;
  const nodeOf = new Int32Array(nSlots).fill(-1);
  const nodes: number[] = [];
  for (let s = 0; s < nSlots; s++) {
    if (isDynamic(model, s)) {
      nodeOf[s] = nodes.length;
      nodes.push(s);
    }
  }
  const edges: CausalEdge[] = [];
  for (const to of nodes) {
    const d = model.variables[to]!.decl!;
    if (d.kind === 'stock') {
      const sign = new Map<number, number>();
      for (const f of d.inflows) {
        const s = model.slotOf.get(f)!;
        sign.set(s, (sign.get(s) ?? 0) + 1);
      }
      for (const f of d.outflows) {
        const s = model.slotOf.get(f)!;
        sign.set(s, (sign.get(s) ?? 0) - 1);
      }
      for (const [from, flowSign] of [...sign].sort((a, b) => a[0] - b[0])) {
        if (flowSign !== 0 && nodeOf[from]! >= 0)
          edges.push({ from, to, kind: 'flow', inputPositions: [], flowSign });
      }
    } else if (d.kind === 'auxiliary' || d.kind === 'flow') {
      const positions = new Map<number, number[]>();
      d.equation.inputs.forEach((name, i) => {
        const s = model.slotOf.get(name)!;
        if (nodeOf[s]! < 0) return;
        const list = positions.get(s);
        if (list) list.push(i);
        else positions.set(s, [i]);
      });
      for (const [from, inputPositions] of [...positions].sort((a, b) => a[0] - b[0]))
        edges.push({ from, to, kind: 'input', inputPositions, flowSign: 0 });
    }
  }
  const outEdges: number[][] = nodes.map(() => []);
  edges.forEach((e, i) => outEdges[nodeOf[e.from]!]!.push(i));
  for (const list of outEdges) list.sort((a, b) => edges[a]!.to - edges[b]!.to);
  return { nodes, edges, outEdges, nodeOf };
}

/**
 * Strongly connected components (Tarjan, iterative so deep models cannot overflow the stack).
 * Returns the component index of each node; components are numbered in order of their smallest
 * node, so the numbering is deterministic.
 */
export function stronglyConnected(
  n: number,
  adjacency: readonly (readonly number[])[],
): Int32Array {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const raw = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let counter = 0;
  let components = 0;
  const work: { v: number; i: number }[] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    work.push({ v: root, i: 0 });
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const next = adjacency[frame.v]!;
      if (frame.i < next.length) {
        const w = next[frame.i++]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack.push(w);
          onStack[w] = 1;
          work.push({ v: w, i: 0 });
        } else if (onStack[w]) {
          low[frame.v] = Math.min(low[frame.v]!, index[w]!);
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.v;
        low[parent] = Math.min(low[parent]!, low[frame.v]!);
      }
      if (low[frame.v] === index[frame.v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          raw[w] = components;
        } while (w !== frame.v);
        components++;
      }
    }
  }
  // Renumber by smallest member.
  const first = new Int32Array(components).fill(n);
  for (let v = 0; v < n; v++) first[raw[v]!] = Math.min(first[raw[v]!]!, v);
  const order = Array.from({ length: components }, (_, c) => c).sort(
    (a, b) => first[a]! - first[b]!,
  );
  const renamed = new Int32Array(components);
  order.forEach((c, i) => (renamed[c] = i));
  const out = new Int32Array(n);
  for (let v = 0; v < n; v++) out[v] = renamed[raw[v]!]!;
  return out;
}

/** The graph's adjacency as node indices (for stronglyConnected and elementaryCircuits). */
export function nodeAdjacency(graph: CausalGraph): number[][] {
  return graph.outEdges.map((list) => list.map((e) => graph.nodeOf[graph.edges[e]!.to]!));
}
