/**
 * Loops That Matter on textbook models with known answers (Schoenberg, Davidsen & Eberlein 2020;
 * Schoenberg, Hayward & Eberlein 2023): which loop dominates when, the isolated-loop score of ±1,
 * the partitions, the identities (absolute relative scores of a partition sum to 1; a cut loop
 * scores 0) and the invariances (flows split or summed; an equation split in two).
 */
import { describe, expect, it } from 'vitest';
import { ModelBuilder, constant } from '../../simulation/model/declare';
import { analyse, bass, birthsAndDeaths, chain, goalSeeking, logistic } from './ltm-models';

/** Index of the largest value. */
const argMax = (xs: readonly number[]): number => xs.indexOf(Math.max(...xs));

describe('logistic growth', () => {
  const a = analyse(...logistic(), 150);
  const r = a.loopThrough('population', 'births');
  const b = a.loopThrough('population', 'fractionalGrowth', 'births');

  it('has two loops in one partition: R through births, B through crowding', () => {
    expect(a.scores.structure.loops).toHaveLength(2);
    expect(a.scores.structure.partitions).toHaveLength(1);
    expect(a.scores.relativeScore[r]![5]).toBeGreaterThan(0);
    expect(a.scores.relativeScore[b]![5]).toBeLessThan(0);
  });

  it('the reinforcing loop dominates until births peak, then the balancing loop', () => {
    const births = a.series('births');
    const peak = argMax(births);
    expect(peak).toBeGreaterThan(20);
    expect(peak).toBeLessThan(130);
    for (let k = 1; k < births.length; k++) {
      const reinforcing = a.scores.relativeScore[r]![k]!;
      const balancing = -a.scores.relativeScore[b]![k]!;
      if (k < peak) expect(reinforcing, `week ${k}`).toBeGreaterThan(balancing);
      if (k > peak) expect(balancing, `week ${k}`).toBeGreaterThan(reinforcing);
    }
  });

  it('the population is half the capacity where dominance shifts', () => {
    const births = a.series('births');
    const population = a.series('population');
    expect(population[argMax(births)]! / 1000).toBeCloseTo(0.5, 1);
  });
});

describe('Bass diffusion', () => {
  const a = analyse(...bass(), 80);
  const wordOfMouth = a.loopThrough('adopters', 'adoption');
  const saturation = a.loopThrough('potential', 'adoption');

  it('word of mouth dominates until adoption peaks, then saturation', () => {
    const adoption = a.series('adoption');
    const peak = argMax(adoption);
    expect(peak).toBeGreaterThan(5);
    expect(peak).toBeLessThan(70);
    for (let k = 2; k < adoption.length; k++) {
      const rel = a.scores.relativeScore;
      if (k < peak) expect(rel[wordOfMouth]![k]!, `week ${k}`).toBeGreaterThan(0.5);
      if (k > peak) expect(rel[saturation]![k]!, `week ${k}`).toBeLessThan(-0.5);
    }
  });

  it('the two loops share the change: |R| + |B| = 1 whenever either is active', () => {
    for (let k = 1; k < a.run.points; k++) {
      const sum =
        Math.abs(a.scores.relativeScore[wordOfMouth]![k]!) +
        Math.abs(a.scores.relativeScore[saturation]![k]!);
      expect(sum).toBeCloseTo(1, 12);
    }
  });
});

describe('a first-order goal-seeking loop', () => {
  const a = analyse(...goalSeeking(), 40);
  it('is one balancing loop whose loop score and relative score are -1 while it moves', () => {
    expect(a.scores.structure.loops).toHaveLength(1);
    for (let k = 1; k < a.run.points; k++) {
      expect(a.scores.loopScore[0]![k]!).toBeCloseTo(-1, 9);
      expect(a.scores.relativeScore[0]![k]!).toBe(-1);
    }
  });
  it('scores 0 at week 0, where nothing has changed yet', () => {
    expect(a.scores.loopScore[0]![0]).toBe(0);
    expect(a.scores.relativeScore[0]![0]).toBe(0);
  });
  it('scores 0 once the level sits at its goal', () => {
    const b = analyse(...goalSeeking(100, 5, 100), 10);
    expect([...b.scores.relativeScore[0]!]).toEqual(new Array(11).fill(0));
  });
});

describe('two stocks in a chain', () => {
  const a = analyse(...chain(), 60);
  it('has one balancing drain loop per stock, each in a partition of its own', () => {
    const { loops, partitions } = a.scores.structure;
    expect(loops).toHaveLength(2);
    expect(partitions).toHaveLength(2);
    expect(new Set(loops.map((l) => l.partition)).size).toBe(2);
    const down = a.loopThrough('downstream', 'loss');
    const up = a.loopThrough('upstream', 'transfer');
    for (let k = 1; k < a.run.points; k++) {
      expect(a.scores.relativeScore[up]![k]).toBe(-1);
      expect(a.scores.relativeScore[down]![k]).toBe(-1);
    }
  });
  it('the transfer into the second stock is on no loop', () => {
    const { graph, loopEdges } = a.scores.structure;
    const transferIn = graph.edges.findIndex(
      (e) => e.kind === 'flow' && e.to === a.model.slotOf.get('downstream'),
    );
    expect(
      loopEdges.filter((e) => graph.edges[e]!.to === a.model.slotOf.get('downstream')),
    ).toEqual(
      loopEdges.filter(
        (e) => e !== transferIn && graph.edges[e]!.to === a.model.slotOf.get('downstream'),
      ),
    );
    expect(loopEdges).not.toContain(transferIn);
  });
});

describe('identities and invariances', () => {
  it('a loop that is cut (a link whose cause never changes its effect) scores 0', () => {
    // Population with births and a second loop through 'boost' whose weight is 0.
    const m = new ModelBuilder();
    m.parameter('weight', '', '', 0);
    m.aux('boost', '', '', ['population', 'weight'], (p, w) => w * p);
    m.flow('births', '', '', ['population', 'boost'], (p, b) => 0.05 * p + b);
    m.stock('population', '', '', { initial: constant(10), inflows: ['births'] });
    const a = analyse({ variables: m.variables }, m.parameterValues, 20);
    const cut = a.loopThrough('population', 'boost', 'births');
    const open = a.loopThrough('population', 'births');
    expect([...a.scores.loopScore[cut]!]).toEqual(new Array(21).fill(0));
    for (let k = 1; k <= 20; k++) expect(a.scores.relativeScore[open]![k]).toBe(1);
  });

  it('births and deaths as separate flows or as one net flow give the same loop scores', () => {
    const split = analyse(...birthsAndDeaths(false), 60);
    const net = analyse(...birthsAndDeaths(true), 60);
    for (const names of [
      ['population', 'births'],
      ['population', 'deaths'],
      ['population', 'crowding', 'deaths'],
    ]) {
      const i = split.loopThrough(...names);
      const j = net.loopThrough(...names, 'net');
      for (let k = 1; k <= 60; k++) {
        expect(net.scores.loopScore[j]![k]!, `${names.join('>')} week ${k}`).toBeCloseTo(
          split.scores.loopScore[i]![k]!,
          9,
        );
      }
    }
  });

  it('an equation split into two gives the same loop score (chain rule)', () => {
    const one = new ModelBuilder();
    one.parameter('K', '', '', 500);
    one.flow('births', '', '', ['population', 'K'], (p, k) => 0.1 * p * (1 - p / k));
    one.flow('deaths', '', '', ['population'], (p) => 0.01 * p);
    one.stock('population', '', '', {
      initial: constant(5),
      inflows: ['births'],
      outflows: ['deaths'],
    });
    const two = new ModelBuilder();
    two.parameter('K', '', '', 500);
    two.aux('room', '', '', ['population', 'K'], (p, k) => 1 - p / k);
    two.aux('fertile', '', '', ['population'], (p) => 0.1 * p);
    two.flow('births', '', '', ['fertile', 'room'], (f, r) => f * r);
    two.flow('deaths', '', '', ['population'], (p) => 0.01 * p);
    two.stock('population', '', '', {
      initial: constant(5),
      inflows: ['births'],
      outflows: ['deaths'],
    });
    const a = analyse({ variables: one.variables }, one.parameterValues, 80);
    const b = analyse({ variables: two.variables }, two.parameterValues, 80);
    // The single births equation holds both loops; the split one shows them apart. Their sum of
    // relative scores over the births loops must agree, and the deaths loop exactly.
    const deathsA = a.loopThrough('population', 'deaths');
    const deathsB = b.loopThrough('population', 'deaths');
    for (let k = 2; k <= 80; k++) {
      expect(b.scores.loopScore[deathsB]![k]!).toBeCloseTo(a.scores.loopScore[deathsA]![k]!, 9);
    }
  });

  it('absolute relative scores of every partition sum to 1 at every point with an active loop', () => {
    for (const [decl, values] of [logistic(), bass(), chain(), birthsAndDeaths(false)]) {
      const a = analyse(decl, values, 100);
      for (const p of a.scores.structure.partitions) {
        for (let k = 1; k <= 100; k++) {
          const sum = p.loops.reduce((s, l) => s + Math.abs(a.scores.relativeScore[l]![k]!), 0);
          if (sum !== 0) expect(sum).toBeCloseTo(1, 12);
        }
      }
    }
  });

  it('gives the same scores with either backend and any step length', () => {
    const i = analyse(...logistic(), 100, 1, 'interpreter');
    const c = analyse(...logistic(), 100, 1, 'codegen');
    expect(c.scores.relativeScore.map((s) => [...s])).toEqual(
      i.scores.relativeScore.map((s) => [...s]),
    );
    const half = analyse(...logistic(), 100, 0.5);
    const r = half.loopThrough('population', 'births');
    const births = half.series('births');
    const peak = argMax(births);
    expect(half.scores.relativeScore[r]![peak - 2]!).toBeGreaterThan(0.5);
    expect(half.scores.relativeScore[r]![peak + 2]!).toBeLessThan(0.5);
  });
});
