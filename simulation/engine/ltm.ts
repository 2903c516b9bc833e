/**
 * Loops That Matter (Schoenberg, Davidsen & Eberlein, System Dynamics Review 36(2), 2020, with the
 * flow-to-stock link score of Schoenberg, Hayward & Eberlein, SDR 39(2), 2023) over a finished run.
 *
 * At each point k >= 1 (point 0 has no previous point: every score there is 0):
 * - a link x -> z into an auxiliary or flow scores |Δx(z) / Δz| x sign(Δx(z) / Δx), where Δz and
 *   Δx are the changes since point k - 1 and Δx(z) the change in z from x's change alone
 *   (link-evaluator.ts); 0 when z or x did not change;
 * - a link from flow f to stock S scores ±|Δf / Δnet| (+ for an inflow, - for an outflow), Δf the
 *   change of the flow and Δnet the change of the stock's net flow, both from point k - 1 to k.
 *   The stock then changes by dt x net(k) over the next step, so Δnet is its second difference
 *   divided by dt: the corrected 2023 formula, taken on the step the flow's change acts on, which
 *   makes it exactly invariant to how flows are split or summed;
 * - a loop scores the product of its link scores; its relative score is its score over the sum of
 *   the absolute scores of the loops in its cycle partition (0 when none of them is active). The
 *   absolute relative scores of a partition with an active loop sum to 1.
 *
 * A change smaller than CHANGE_TOLERANCE times the size of the values is rounding, not change, and
 * counts as none. Where a loop score leaves the float range (huge link scores near a dominance
 * shift, where Δz passes through 0), the relative scores of that point are computed from
 * logarithms. Pure and deterministic.
 */
import type { CompiledModel } from './compile';
import { linkEvaluator, type LinkEvaluator } from './link-evaluator';
import { loopStructure, type LoopStructure } from './loop-structure';
import type { RunSeries } from './run';
import { exp, log } from './dmath';

export const CHANGE_TOLERANCE = 1e-10;

export interface LoopScores {
  readonly structure: LoopStructure;
  readonly points: number;
  /** Per loop: its loop score at each point (signed; ±Infinity only past the float range). */
  readonly loopScore: readonly Float64Array[];
  /** Per loop: its relative loop score within its partition at each point, in [-1, 1]. */
  readonly relativeScore: readonly Float64Array[];
  /** The link score of a graph edge at each point (null for an edge on no loop). */
  linkScore(edge: number): Float64Array | null;
}

const evaluators = new WeakMap<CompiledModel, { structure: LoopStructure; ev: LinkEvaluator }>();

function evaluatorFor(model: CompiledModel, structure: LoopStructure): LinkEvaluator {
  const cached = evaluators.get(model);
  if (cached && cached.structure === structure) return cached.ev;
  const ev = linkEvaluator(model, structure);
  evaluators.set(model, { structure, ev });
  return ev;
}

const changed = (now: number, was: number): number => {
  const d = now - was;
  return Math.abs(d) <= CHANGE_TOLERANCE * Math.max(Math.abs(now), Math.abs(was)) ? 0 : d;
};

/** Link, loop and relative loop scores of every loop of a run's model at every point. */
export function loopScores(run: RunSeries, structure = loopStructure(run.model)): LoopScores {
  const model = run.model;
  const { graph } = structure;
  const points = run.points;
  const n = model.variables.length;
  const v = run.values;
  const stochastic = run.settings.mode === 'stochastic';

  // Each loop edge's link score at each point, flat: link[edge position * points + point].
  const E = structure.loopEdges.length;
  const position = new Int32Array(graph.edges.length).fill(-1);
  structure.loopEdges.forEach((e, i) => (position[e] = i));
  const link = new Float64Array(E * points);

  const ev = evaluatorFor(model, structure);
  const partial = new Float64Array(ev.edges.length);
  const inFrom = Int32Array.from(ev.edges, (e) => graph.edges[e]!.from);
  const inTo = Int32Array.from(ev.edges, (e) => graph.edges[e]!.to);
  const inPos = Int32Array.from(ev.edges, (e) => position[e]!);
  const flowEdges = structure.loopEdges.filter((e) => graph.edges[e]!.kind === 'flow');
  const flFrom = Int32Array.from(flowEdges, (e) => graph.edges[e]!.from);
  const flSign = Int32Array.from(flowEdges, (e) => graph.edges[e]!.flowSign);
  const flPos = Int32Array.from(flowEdges, (e) => position[e]!);
  const netChange = netFlowChanges(
    model,
    run,
    flowEdges.map((e) => graph.edges[e]!.to),
  );
  const flNet = flowEdges.map((e) => netChange.get(graph.edges[e]!.to)!);
  // The change of every variable on a loop since the previous point (0 when only rounding).
  const onLoops = Int32Array.from(structure.partitions.flatMap((p) => p.slots));
  const delta = new Float64Array(n);

  for (let k = 1; k < points; k++) {
    const cur = k * n;
    const prev = cur - n;
    for (let i = 0; i < onLoops.length; i++) {
      const s = onLoops[i]!;
      delta[s] = changed(v[cur + s]!, v[prev + s]!);
    }
    ev.evaluate(v, n, k, stochastic, partial);
    for (let i = 0; i < inFrom.length; i++) {
      const dz = delta[inTo[i]!]!;
      const dx = delta[inFrom[i]!]!;
      const p = partial[i]!;
      if (dz === 0 || dx === 0 || p === 0 || p !== p) continue;
      const magnitude = Math.abs(p / dz);
      link[inPos[i]! * points + k] = p > 0 === dx > 0 ? magnitude : -magnitude;
    }
    for (let i = 0; i < flFrom.length; i++) {
      const df = delta[flFrom[i]!]!;
      const dnet = flNet[i]![k]!;
      if (df === 0 || dnet === 0) continue;
      const magnitude = Math.abs((df * flSign[i]!) / dnet);
      link[flPos[i]! * points + k] = flSign[i]! > 0 ? magnitude : -magnitude;
    }
  }

  // A loop with a link that is never active scores 0 throughout and is skipped.
  const active = new Uint8Array(E);
  for (let i = 0; i < E; i++) {
    for (let k = 1; k < points; k++) {
      if (link[i * points + k] !== 0) {
        active[i] = 1;
        break;
      }
    }
  }
  // Row by row (each row contiguous in time): a loop's scores are the product of its links' rows;
  // a partition's total is the sum of its loops' absolute scores.
  // One buffer each for all loops' scores (views per loop): a few large allocations, not hundreds.
  const L = structure.loops.length;
  const scoreBuffer = new Float64Array(L * points);
  const relativeBuffer = new Float64Array(L * points);
  const loopScore = structure.loops.map((_, l) =>
    scoreBuffer.subarray(l * points, (l + 1) * points),
  );
  const relativeScore = structure.loops.map((_, l) =>
    relativeBuffer.subarray(l * points, (l + 1) * points),
  );
  const total = new Float64Array(points);
  // The products of a loop's first j links, row j of `prefix` (row 0 all ones), for the edges in
  // `prefixEdges`: loops listed one after the other share long first stretches (the circuit
  // search lists them depth first), so each loop multiplies only the links after the stretch it
  // shares with the one before. The same products in the same order: the same bits.
  const longest = structure.loops.reduce((m, loop) => Math.max(m, loop.edges.length), 0);
  const prefix = new Float64Array((longest + 1) * points).fill(1, 0, points);
  const prefixEdges = new Int32Array(longest).fill(-1);
  let depth = 0;
  for (const partition of structure.partitions) {
    const live = partition.loops.filter((l) =>
      structure.loops[l]!.edges.every((e) => active[position[e]!] === 1),
    );
    total.fill(0);
    for (const l of live) {
      const edges = structure.loops[l]!.edges;
      let shared = 0;
      while (shared < depth && shared < edges.length && prefixEdges[shared] === edges[shared])
        shared++;
      for (let j = shared; j < edges.length; j++) {
        multiplyRow(prefix, j * points, link, position[edges[j]!]! * points, points);
        prefixEdges[j] = edges[j]!;
      }
      depth = edges.length;
      const out = loopScore[l]!;
      out.set(prefix.subarray(depth * points, (depth + 1) * points));
      out[0] = 0;
      addAbsolute(total, out, points);
    }
    for (let k = 1; k < points; k++) {
      const t = total[k]!;
      if (t === 0) continue;
      if (Number.isFinite(t)) {
        for (const l of live) relativeBuffer[l * points + k] = scoreBuffer[l * points + k]! / t;
      } else {
        relativeByLogarithms(structure, live, k, points, position, link, relativeScore);
      }
    }
  }
  return {
    structure,
    points,
    loopScore,
    relativeScore,
    linkScore(edge) {
      const at = position[edge] ?? -1;
      return at < 0 ? null : link.slice(at * points, (at + 1) * points);
    },
  };
}

/**
 * Row `from / points + 1` of `prefix` = row `from / points` times the link row at `row`, points
 * 1.. (its own function: small and monomorphic, so V8 optimises it whatever loopScores' fate).
 */
function multiplyRow(
  prefix: Float64Array,
  from: number,
  link: Float64Array,
  row: number,
  points: number,
): void {
  const to = from + points;
  for (let k = 1; k < points; k++) prefix[to + k] = prefix[from + k]! * link[row + k]!;
}

/** total[k] += |scores[k]| for points 1.. */
function addAbsolute(total: Float64Array, scores: Float64Array, points: number): void {
  for (let k = 1; k < points; k++) total[k] = total[k]! + Math.abs(scores[k]!);
}

/** Relative scores at point k from the logarithms of the link scores (for overflowing products). */
function relativeByLogarithms(
  structure: LoopStructure,
  members: readonly number[],
  k: number,
  points: number,
  position: Int32Array,
  link: Float64Array,
  relativeScore: readonly Float64Array[],
): void {
  const logs = members.map((l) => {
    let sum = 0;
    let sign = 1;
    for (const e of structure.loops[l]!.edges) {
      const x = link[position[e]! * points + k]!;
      if (x === 0) return { sum: Number.NEGATIVE_INFINITY, sign: 0 };
      sum += log(Math.abs(x));
      if (x < 0) sign = -sign;
    }
    return { sum, sign };
  });
  const top = Math.max(...logs.map((x) => x.sum));
  let total = 0;
  for (const x of logs) if (x.sign !== 0) total += exp(x.sum - top);
  members.forEach((l, i) => {
    const x = logs[i]!;
    relativeScore[l]![k] = x.sign === 0 ? 0 : (x.sign * exp(x.sum - top)) / total;
  });
}

/**
 * For each stock: the change of its net flow from point k - 1 to k (0 when it is rounding next to
 * the size of its flows).
 */
function netFlowChanges(
  model: CompiledModel,
  run: RunSeries,
  stocks: readonly number[],
): Map<number, Float64Array> {
  const out = new Map<number, Float64Array>();
  const n = model.variables.length;
  const v = run.values;
  for (const stock of new Set(stocks)) {
    const d = model.variables[stock]!.decl!;
    if (d.kind !== 'stock') continue;
    const ins = d.inflows.map((f) => model.slotOf.get(f)!);
    const outs = d.outflows.map((f) => model.slotOf.get(f)!);
    const series = new Float64Array(run.points);
    let prevNet = 0;
    let prevSize = 0;
    for (let k = 0; k < run.points; k++) {
      let net = 0;
      let size = 0;
      for (const s of ins) {
        net += v[k * n + s]!;
        size += Math.abs(v[k * n + s]!);
      }
      for (const s of outs) {
        net -= v[k * n + s]!;
        size += Math.abs(v[k * n + s]!);
      }
      if (k > 0) {
        const dnet = net - prevNet;
        series[k] = Math.abs(dnet) <= CHANGE_TOLERANCE * Math.max(size, prevSize) ? 0 : dnet;
      }
      prevNet = net;
      prevSize = size;
    }
    out.set(stock, series);
  }
  return out;
}
