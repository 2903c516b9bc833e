/**
 * Johnson's algorithm against brute force: on random directed graphs (with self-loops and
 * duplicate edges) it finds exactly the elementary circuits a plain depth-first enumeration
 * finds, each once, and stops at a limit when asked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { elementaryCircuits, stronglyConnected } from '../../simulation';

/** Every elementary circuit, as a string key rotated to start at its smallest vertex. */
function bruteForce(adjacency: readonly (readonly number[])[]): string[] {
  const n = adjacency.length;
  const out = new Set<string>();
  for (let s = 0; s < n; s++) {
    const path = [s];
    const onPath = new Set([s]);
    const walk = (v: number): void => {
      for (const w of new Set(adjacency[v]!)) {
        if (w === s) out.add(path.join(','));
        else if (w > s && !onPath.has(w)) {
          path.push(w);
          onPath.add(w);
          walk(w);
          path.pop();
          onPath.delete(w);
        }
      }
    };
    walk(s);
  }
  return [...out].sort();
}

const graph = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.array(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: 5 }), {
    minLength: n,
    maxLength: n,
  }),
);

describe('elementaryCircuits', () => {
  it('finds exactly the circuits brute force finds', () => {
    fc.assert(
      fc.property(graph, (adjacency) => {
        const found = elementaryCircuits(adjacency);
        expect(found.truncated).toBe(false);
        const keys = found.circuits.map((c) => c.join(','));
        expect(new Set(keys).size).toBe(keys.length);
        expect([...keys].sort()).toEqual(bruteForce(adjacency));
      }),
      { numRuns: 1500 },
    );
  });

  it('stops at the limit and says so', () => {
    const complete = Array.from({ length: 6 }, (_, v) =>
      Array.from({ length: 6 }, (_, w) => w).filter((w) => w !== v),
    );
    const all = elementaryCircuits(complete);
    expect(all.circuits.length).toBe(409);
    const some = elementaryCircuits(complete, 100);
    expect(some.truncated).toBe(true);
    expect(some.circuits).toHaveLength(100);
  });

  it('puts two vertices in one component exactly when each reaches the other', () => {
    fc.assert(
      fc.property(graph, (adjacency) => {
        const n = adjacency.length;
        const reach = adjacency.map((_, s) => {
          const seen = new Set([s]);
          const queue = [s];
          while (queue.length)
            for (const w of adjacency[queue.pop()!]!)
              if (!seen.has(w)) {
                seen.add(w);
                queue.push(w);
              }
          return seen;
        });
        const comp = stronglyConnected(n, adjacency);
        for (let a = 0; a < n; a++)
          for (let b = 0; b < n; b++)
            expect(comp[a] === comp[b]).toBe(reach[a]!.has(b) && reach[b]!.has(a));
      }),
      { numRuns: 500 },
    );
  });
});
