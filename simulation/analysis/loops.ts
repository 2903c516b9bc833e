/**
 * Which loop drives the flywheel, week by week: Loops That Matter (engine/ltm.ts) on the flywheel
 * model's runs, with loops grouped and named for people.
 *
 * - A **path** is a set of elementary loops that are the same mechanism across entities: their
 *   variables read the same once entity ids are replaced by placeholders (loop-names.ts), e.g. the
 *   trust loops of every data product, or the R1 loop through each consumer's conversion lift.
 * - A **loop** (as reported) is the documented loop its paths belong to (R1, R2, B1 ... by the table
 *   of characteristic variables in loop-names.ts), or, for a path that matches none, the path
 *   itself, named by its variables.
 * - The relative score of a group is the sum of its elementary loops' relative scores within each
 *   cycle partition, averaged over the partitions it spans (so the trust loops of four products,
 *   each alone in its partition, score like one of them).
 * - The **flywheel** is the cycle partition with the most stocks (users and data); dominance is read
 *   there: each week the loop with the largest absolute relative score leads, and dominates when
 *   that share is at least one half (the papers' definition).
 * Pure.
 */
import { loopScores, type LoopScores } from '../engine/ltm';
import { loopStructure, type LoopStructure } from '../engine/loop-structure';
import type { CompiledModel } from '../engine/compile';
import type { RunSeries } from '../engine/run';
import { documentedLoopOf, mechanismName } from './loop-names';

export type Polarity = 'R' | 'B';

export interface LoopPath {
  readonly id: string;
  readonly name: string;
  readonly polarity: Polarity;
  /** The path's variables in causal order, with entity placeholders. */
  readonly variables: readonly string[];
  /** Elementary loops in the path (one per entity or combination of entities). */
  readonly loopCount: number;
  readonly relativeScore: Float64Array;
}

export interface LoopGroup {
  /** A documented id (R1, B4, S5 ...) or, for a loop no entry names, `L` and a number. */
  readonly id: string;
  readonly name: string;
  readonly documented: boolean;
  /** Measured polarity: the sign of its relative score over the run. */
  readonly polarity: Polarity;
  /** Every variable its paths pass through, with entity placeholders, in first-seen order. */
  readonly variables: readonly string[];
  readonly loopCount: number;
  /** True when its loops are in the flywheel partition (they move users and data). */
  readonly inFlywheel: boolean;
  readonly relativeScore: Float64Array;
  /** Its paths, most important first. */
  readonly paths: readonly LoopPath[];
  /** Mean absolute relative score over the run (what the order of loops follows). */
  readonly weight: number;
}

export interface DominancePeriod {
  /** The leading loop's id, or null for weeks in which no loop of the flywheel moves. */
  readonly loopId: string | null;
  readonly fromWeek: number;
  readonly toWeek: number;
  /** Mean absolute relative score of the leader over the period. */
  readonly meanShare: number;
  /** True when the leader explains at least half the change in every week of the period. */
  readonly dominant: boolean;
}

export interface RunLoops {
  readonly time: Float64Array;
  readonly groups: readonly LoopGroup[];
  /** Elementary loops found, and how many of them never scored (inactive throughout). */
  readonly loopCount: number;
  readonly inactiveLoopCount: number;
  readonly partitionCount: number;
  readonly truncated: boolean;
  /** Per point: id of the leading flywheel loop (null when none moves) and its share. */
  readonly leader: readonly (string | null)[];
  readonly leaderShare: Float64Array;
  readonly periods: readonly DominancePeriod[];
}

/** At least this share of the change and a loop dominates (Schoenberg et al. 2020). */
export const DOMINANCE_SHARE = 0.5;

const labelOf = (model: CompiledModel, slot: number): string => {
  const v = model.variables[slot]!;
  return v.decl?.label && !v.name.includes('.') ? v.decl.label : shortName(mechanismName(v.name));
};

/** A placeholder name without its entity part: `aiConsumer.<consumer>.effect.churn` -> `effect.churn`. */
export function shortName(name: string): string {
  return name.replace(/^.*<(?:product|consumer|k)>\./, '');
}

interface PathDraft {
  key: string;
  variables: string[];
  loops: number[];
  labels: string[];
}

/** Groups, names and scores the loops of a run. */
export function analyseLoops(run: RunSeries, structure = loopStructure(run.model)): RunLoops {
  const scores = loopScores(run, structure);
  return groupLoops(run, scores);
}

function canonicalRotation(names: readonly string[]): number {
  let best = 0;
  for (let r = 1; r < names.length; r++) {
    for (let i = 0; i < names.length; i++) {
      const a = names[(r + i) % names.length]!;
      const b = names[(best + i) % names.length]!;
      if (a !== b) {
        if (a < b) best = r;
        break;
      }
    }
  }
  return best;
}

function groupLoops(run: RunSeries, scores: LoopScores): RunLoops {
  const { structure } = scores;
  const model = run.model;
  const points = run.points;
  const flywheel = flywheelPartition(structure);

  const drafts = new Map<string, PathDraft>();
  let inactive = 0;
  structure.loops.forEach((loop, l) => {
    if (scores.relativeScore[l]!.every((x) => x === 0)) {
      inactive++;
      return;
    }
    const names = loop.slots.map((s) => mechanismName(model.variables[s]!.name));
    const r = canonicalRotation(names);
    const variables = [...names.slice(r), ...names.slice(0, r)];
    const slots = [...loop.slots.slice(r), ...loop.slots.slice(0, r)];
    const key = variables.join('>');
    const draft = drafts.get(key);
    if (draft) draft.loops.push(l);
    else
      drafts.set(key, {
        key,
        variables,
        loops: [l],
        labels: slots.map((s) => labelOf(model, s)),
      });
  });

  const byFamily = new Map<string, { documented: boolean; name: string; drafts: PathDraft[] }>();
  let undocumented = 0;
  for (const draft of [...drafts.values()].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const doc = documentedLoopOf(draft.variables);
    const id = doc ? doc.id : `L${++undocumented}`;
    const family = byFamily.get(id);
    if (family) family.drafts.push(draft);
    else
      byFamily.set(id, {
        documented: doc !== null,
        name: doc ? doc.name : `Loop through ${uniqueLabels(draft.labels).join(' -> ')}`,
        drafts: [draft],
      });
  }

  const groups: LoopGroup[] = [];
  for (const [id, family] of byFamily) {
    const shared = family.drafts
      .map((d) => new Set(d.variables))
      .reduce((a, b) => new Set([...a].filter((x) => b.has(x))));
    const paths = family.drafts
      .map((d, i): LoopPath => {
        const relativeScore = combined(scores, structure, d.loops, points);
        const own = d.variables
          .map((v, j) => (shared.has(v) ? null : d.labels[j]!))
          .filter((x): x is string => x !== null);
        const via =
          family.drafts.length > 1 && own.length > 0
            ? ` via ${uniqueLabels(own).join(' -> ')}`
            : '';
        return {
          id: family.drafts.length > 1 ? `${id}.${i + 1}` : id,
          name: `${id}${via}`,
          polarity: polarityOf(relativeScore),
          variables: d.variables,
          loopCount: d.loops.length,
          relativeScore,
        };
      })
      .sort((a, b) => weightOf(b.relativeScore) - weightOf(a.relativeScore));
    const allLoops = family.drafts.flatMap((d) => d.loops);
    const relativeScore = combined(scores, structure, allLoops, points);
    const variables = [...new Set(family.drafts.flatMap((d) => d.variables))];
    groups.push({
      id,
      name: family.name,
      documented: family.documented,
      polarity: polarityOf(relativeScore),
      variables,
      loopCount: allLoops.length,
      inFlywheel: allLoops.some((l) => structure.loops[l]!.partition === flywheel),
      relativeScore,
      paths: paths.map((p, i) => (paths.length > 1 ? { ...p, id: `${id}.${i + 1}` } : p)),
      weight: weightOf(relativeScore),
    });
  }
  groups.sort((a, b) => Number(b.inFlywheel) - Number(a.inFlywheel) || b.weight - a.weight);

  const { leader, leaderShare } = leaders(
    groups.filter((g) => g.inFlywheel),
    points,
  );
  return {
    time: run.time,
    groups,
    loopCount: structure.loops.length,
    inactiveLoopCount: inactive,
    partitionCount: structure.partitions.length,
    truncated: structure.truncated,
    leader,
    leaderShare,
    periods: periodsOf(leader, leaderShare, run.time),
  };
}

/** The partition with the most stocks (ties: the most loops, then the first). */
export function flywheelPartition(structure: LoopStructure): number | null {
  let best: number | null = null;
  for (const p of structure.partitions) {
    const b = best === null ? null : structure.partitions[best]!;
    if (
      b === null ||
      p.stocks.length > b.stocks.length ||
      (p.stocks.length === b.stocks.length && p.loops.length > b.loops.length)
    )
      best = p.index;
  }
  return best;
}

/** Sum of the loops' relative scores per partition, averaged over the partitions they span. */
function combined(
  scores: LoopScores,
  structure: LoopStructure,
  loops: readonly number[],
  points: number,
): Float64Array {
  const out = new Float64Array(points);
  const partitions = new Set(loops.map((l) => structure.loops[l]!.partition));
  for (const l of loops) {
    const r = scores.relativeScore[l]!;
    for (let k = 0; k < points; k++) out[k] = out[k]! + r[k]!;
  }
  if (partitions.size > 1) for (let k = 0; k < points; k++) out[k] = out[k]! / partitions.size;
  return out;
}

function weightOf(series: Float64Array): number {
  let s = 0;
  for (let k = 1; k < series.length; k++) s += Math.abs(series[k]!);
  return series.length > 1 ? s / (series.length - 1) : 0;
}

function polarityOf(series: Float64Array): Polarity {
  let s = 0;
  for (let k = 0; k < series.length; k++) s += series[k]!;
  return s >= 0 ? 'R' : 'B';
}

function uniqueLabels(labels: readonly string[]): string[] {
  return labels.filter((l, i) => labels.indexOf(l) === i);
}

function leaders(
  groups: readonly LoopGroup[],
  points: number,
): { leader: (string | null)[]; leaderShare: Float64Array } {
  const leader: (string | null)[] = new Array<string | null>(points).fill(null);
  const leaderShare = new Float64Array(points);
  for (let k = 1; k < points; k++) {
    let best: LoopGroup | null = null;
    let share = 0;
    for (const g of groups) {
      const x = Math.abs(g.relativeScore[k]!);
      if (x > share) {
        share = x;
        best = g;
      }
    }
    leader[k] = best?.id ?? null;
    leaderShare[k] = share;
  }
  return { leader, leaderShare };
}

function periodsOf(
  leader: readonly (string | null)[],
  share: Float64Array,
  time: Float64Array,
): DominancePeriod[] {
  const periods: DominancePeriod[] = [];
  let start = 1;
  for (let k = 2; k <= leader.length; k++) {
    if (k < leader.length && leader[k] === leader[start]) continue;
    let total = 0;
    let dominant = true;
    for (let j = start; j < k; j++) {
      total += share[j]!;
      if (share[j]! < DOMINANCE_SHARE) dominant = false;
    }
    periods.push({
      loopId: leader[start] ?? null,
      fromWeek: time[start]!,
      toWeek: time[k - 1]!,
      meanShare: total / (k - start),
      dominant: leader[start] !== null && dominant,
    });
    start = k;
  }
  return periods;
}

/** The weeks at which the leading loop changes (from one loop to another). */
export function dominanceShifts(
  loops: RunLoops,
): { week: number; from: string | null; to: string | null }[] {
  return loops.periods.slice(1).map((p, i) => ({
    week: p.fromWeek,
    from: loops.periods[i]!.loopId,
    to: p.loopId,
  }));
}
