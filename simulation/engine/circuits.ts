/**
 * The elementary circuits (feedback loops) of a directed graph, by Johnson's algorithm (D. B.
 * Johnson, "Finding all the elementary circuits of a directed graph", SIAM J. Comput. 4(1), 1975):
 * time O((n + e)(c + 1)) for c circuits. Written here rather than taken from npm: the package made
 * for it (elementary-circuits-directed-graph 1.3.1) misses circuits on about a third of small
 * random graphs (it overwrites its `found` flag per neighbour and records blocked vertices under
 * the wrong key), mutates its input and cannot stop early; graph libraries such as graphology or
 * @dagrejs/graphlib list strongly connected components, not circuits. tests/engine/circuits checks
 * this one against brute-force enumeration. Pure and deterministic.
 */

export interface CircuitSearch {
  /** Each circuit as its vertices in order, starting from its smallest vertex. */
  readonly circuits: readonly (readonly number[])[];
  /** True when the search stopped at the limit (more circuits exist). */
  readonly truncated: boolean;
}

class LimitReached extends Error {}

/**
 * Elementary circuits of the graph with vertices 0..n-1 and `adjacency[v]` the successors of v
 * (duplicates are ignored). At most `limit` circuits are returned.
 */
export function elementaryCircuits(
  adjacency: readonly (readonly number[])[],
  limit = Number.POSITIVE_INFINITY,
): CircuitSearch {
  const n = adjacency.length;
  const succ = adjacency.map((list) => [...new Set(list)].sort((a, b) => a - b));
  const pred: number[][] = Array.from({ length: n }, () => []);
  succ.forEach((list, v) => list.forEach((w) => pred[w]!.push(v)));

  const circuits: number[][] = [];
  const blocked = new Uint8Array(n);
  const blockedBy: Set<number>[] = Array.from({ length: n }, () => new Set<number>());
  const inComponent = new Uint8Array(n);
  const path: number[] = [];
  let start = 0;

  /** Marks the strongly connected component of `s` in the subgraph of vertices >= s. */
  const markComponent = (s: number): number => {
    inComponent.fill(0);
    const forward = new Uint8Array(n);
    const queue = [s];
    forward[s] = 1;
    while (queue.length > 0) {
      const v = queue.pop()!;
      for (const w of succ[v]!) {
        if (w >= s && !forward[w]) {
          forward[w] = 1;
          queue.push(w);
        }
      }
    }
    const backward = new Uint8Array(n);
    queue.push(s);
    backward[s] = 1;
    let size = 0;
    while (queue.length > 0) {
      const v = queue.pop()!;
      if (forward[v]) {
        inComponent[v] = 1;
        size++;
      }
      for (const w of pred[v]!) {
        if (w >= s && !backward[w]) {
          backward[w] = 1;
          queue.push(w);
        }
      }
    }
    return size;
  };

  const unblock = (u: number): void => {
    const pending = [u];
    while (pending.length > 0) {
      const v = pending.pop()!;
      if (!blocked[v]) continue;
      blocked[v] = 0;
      for (const w of blockedBy[v]!) pending.push(w);
      blockedBy[v]!.clear();
    }
  };

  const circuit = (v: number): boolean => {
    let found = false;
    path.push(v);
    blocked[v] = 1;
    for (const w of succ[v]!) {
      if (!inComponent[w]) continue;
      if (w === start) {
        if (circuits.length >= limit) throw new LimitReached();
        circuits.push([...path]);
        found = true;
      } else if (!blocked[w] && circuit(w)) {
        found = true;
      }
    }
    if (found) unblock(v);
    else for (const w of succ[v]!) if (inComponent[w]) blockedBy[w]!.add(v);
    path.pop();
    return found;
  };

  try {
    for (start = 0; start < n; start++) {
      const size = markComponent(start);
      const selfLoop = succ[start]!.includes(start);
      if (size < 2 && !selfLoop) continue;
      for (let v = 0; v < n; v++) {
        if (!inComponent[v]) continue;
        blocked[v] = 0;
        blockedBy[v]!.clear();
      }
      circuit(start);
    }
  } catch (e) {
    if (e instanceof LimitReached) return { circuits, truncated: true };
    throw e;
  }
  return { circuits, truncated: false };
}
