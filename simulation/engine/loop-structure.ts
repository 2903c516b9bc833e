/**
 * The feedback loops of a compiled model: its causal graph, its cycle partitions (the strongly
 * connected components that hold a loop) and every elementary loop, each as its variables and the
 * graph's edges in order. Depends on the model's structure only, so it is computed once per
 * compiled model and kept (a run with other parameter values reuses it). Pure.
 */
import { causalGraph, nodeAdjacency, stronglyConnected, type CausalGraph } from './causal-graph';
import { elementaryCircuits } from './circuits';
import type { CompiledModel } from './compile';

export interface CyclePartition {
  readonly index: number;
  /** Slots of the variables in the partition, ascending. */
  readonly slots: readonly number[];
  /** Slots of its stocks, ascending. */
  readonly stocks: readonly number[];
  /** Indices of its loops in LoopStructure.loops. */
  readonly loops: readonly number[];
}

export interface FeedbackLoop {
  readonly index: number;
  /** Slots of the loop's variables in causal order, starting at its first stock (by slot). */
  readonly slots: readonly number[];
  /** Indices of the graph's edges around the loop: edges[i] goes from slots[i] to slots[i + 1]. */
  readonly edges: readonly number[];
  readonly partition: number;
}

export interface LoopStructure {
  readonly graph: CausalGraph;
  readonly partitions: readonly CyclePartition[];
  readonly loops: readonly FeedbackLoop[];
  /** Indices of the edges that lie on a loop (both ends in one partition), ascending. */
  readonly loopEdges: readonly number[];
  /** True when the model has more loops than the limit: only the first `limit` were kept. */
  readonly truncated: boolean;
  readonly limit: number;
}

/** More loops than this and the analysis keeps the first ones found (and says so). */
export const DEFAULT_LOOP_LIMIT = 20_000;

const cache = new WeakMap<CompiledModel, LoopStructure>();

/** The loops of a compiled model (kept per model and limit). */
export function loopStructure(model: CompiledModel, limit = DEFAULT_LOOP_LIMIT): LoopStructure {
  const cached = cache.get(model);
  if (cached && cached.limit === limit) return cached;
  const structure = findLoops(model, limit);
  cache.set(model, structure);
  return structure;
}

function findLoops(model: CompiledModel, limit: number): LoopStructure {
  const graph = causalGraph(model);
  const adjacency = nodeAdjacency(graph);
  const component = stronglyConnected(graph.nodes.length, adjacency);
  const search = elementaryCircuits(adjacency, limit);

  const edgeBetween = new Map<string, number>();
  graph.edges.forEach((e, i) => edgeBetween.set(`${e.from}>${e.to}`, i));
  const partitionOf = new Map<number, number>();
  const partitionLoops: number[][] = [];
  const loops: FeedbackLoop[] = [];
  for (const circuit of search.circuits) {
    const slots = rotateToFirstStock(
      model,
      circuit.map((v) => graph.nodes[v]!),
    );
    const comp = component[graph.nodeOf[slots[0]!]!]!;
    let partition = partitionOf.get(comp);
    if (partition === undefined) {
      partition = partitionLoops.length;
      partitionOf.set(comp, partition);
      partitionLoops.push([]);
    }
    const edges = slots.map((from, i) =>
      edgeBetween.get(`${from}>${slots[(i + 1) % slots.length]}`)!,
    );
    partitionLoops[partition]!.push(loops.length);
    loops.push({ index: loops.length, slots, edges, partition });
  }
  // Partitions in order of their smallest slot; loops keep the search order.
  const byComponent = [...partitionOf.entries()].sort((a, b) => a[0] - b[0]);
  const renumber = new Map<number, number>();
  byComponent.forEach(([, p], i) => renumber.set(p, i));
  const partitions: CyclePartition[] = byComponent.map(([comp, p], i) => {
    const slots = graph.nodes.filter((_, v) => component[v] === comp);
    return {
      index: i,
      slots,
      stocks: slots.filter((s) => model.variables[s]!.kind === 'stock'),
      loops: partitionLoops[p]!,
    };
  });
  const renumbered = loops.map((l) => ({ ...l, partition: renumber.get(l.partition)! }));
  const loopEdges: number[] = [];
  graph.edges.forEach((e, i) => {
    const a = component[graph.nodeOf[e.from]!]!;
    if (a === component[graph.nodeOf[e.to]!]! && partitionOf.has(a)) loopEdges.push(i);
  });
  return {
    graph,
    partitions,
    loops: renumbered,
    loopEdges,
    truncated: search.truncated,
    limit,
  };
}

/** The loop's slots rotated to start at its stock with the smallest slot. */
function rotateToFirstStock(model: CompiledModel, slots: number[]): number[] {
  let at = -1;
  slots.forEach((s, i) => {
    if (model.variables[s]!.kind === 'stock' && (at < 0 || s < slots[at]!)) at = i;
  });
  if (at <= 0) return slots;
  return [...slots.slice(at), ...slots.slice(0, at)];
}
