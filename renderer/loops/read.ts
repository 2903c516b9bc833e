/**
 * Reading loop dominance for people (pure): which loop leads at a week and since when, the
 * sentence that says so from live numbers, the chart's series, and which arcs and steps of the
 * five-step loop a loop runs through.
 */
import type { LoopDominance, ScenarioLoops } from '../../simulation/analysis/loop-dominance';
import { DOMINANCE_SHARE, type LoopGroup, type RunLoops } from '../../simulation/analysis/loops';
import type { LoopStepId } from '../loop/types';

export interface Leading {
  readonly group: LoopGroup;
  readonly share: number;
  /** First week of the stretch in which this loop has led without a break. */
  readonly sinceWeek: number;
  readonly dominant: boolean;
}

/** The loop leading the flywheel at point k (null at week 0 or when nothing moves). */
export function leadingAt(loops: RunLoops, k: number): Leading | null {
  const at = Math.max(0, Math.min(loops.leader.length - 1, k));
  const id = loops.leader[at];
  if (id === null || id === undefined) return null;
  const group = loops.groups.find((g) => g.id === id);
  if (!group) return null;
  let start = at;
  while (start > 1 && loops.leader[start - 1] === id) start--;
  const share = loops.leaderShare[at]!;
  return { group, share, sinceWeek: loops.time[start]!, dominant: share >= DOMINANCE_SHARE };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;

/** A short name for a loop in a sentence: "R1 (the data flywheel)". */
export function loopLabel(g: LoopGroup): string {
  return `${g.id} ${g.name}`;
}

function runSentence(run: ScenarioLoops, k: number, single: boolean): string {
  const who = single ? 'In this scenario' : run.name === 'with' ? 'With data products' : 'Without';
  const lead = leadingAt(run.loops, k);
  if (!lead) return `${who}, no loop moves users or data yet.`;
  const verb = lead.dominant ? 'dominates' : 'leads';
  const since =
    lead.sinceWeek === run.loops.time[Math.max(1, Math.min(k, run.loops.time.length - 1))]
      ? 'from this week'
      : `since week ${lead.sinceWeek}`;
  return `${who}, ${loopLabel(lead.group)} ${verb} ${since} (${pct(lead.share)} of the change in users and data).`;
}

/** "Week 80: With data products, B4 Data ageing leads since week 50 (45% ...). Without, ..." */
export function dominanceSentence(d: LoopDominance, k: number): string {
  const run = d.runs[0];
  if (!run) return '';
  const week = run.loops.time[Math.max(0, Math.min(k, run.loops.time.length - 1))]!;
  if (week === 0) return 'Week 0: no loop has moved anything yet. Play or scrub to a later week.';
  const single = d.runs.length === 1;
  return `Week ${week}: ${d.runs.map((r) => runSentence(r, k, single)).join(' ')}`;
}

export interface ChartBand {
  readonly id: string;
  readonly name: string;
  readonly polarity: 'R' | 'B';
  readonly values: Float64Array;
}

/**
 * The flywheel's loops for the chart: the `max - 1` most important of either run (so both charts
 * show the same loops in the same colours), the rest summed as "other".
 */
export function chartBands(d: LoopDominance, max = 7): { ids: string[]; bands: ChartBand[][] } {
  const weight = new Map<string, number>();
  for (const r of d.runs)
    for (const g of r.loops.groups)
      if (g.inFlywheel) weight.set(g.id, Math.max(weight.get(g.id) ?? 0, g.weight));
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  const ids = ranked.length <= max ? ranked : ranked.slice(0, max - 1);
  const bands = d.runs.map((r) => {
    const flywheel = r.loops.groups.filter((g) => g.inFlywheel);
    const shown: ChartBand[] = ids.flatMap((id) => {
      const g = flywheel.find((x) => x.id === id);
      return g ? [{ id, name: g.name, polarity: g.polarity, values: g.relativeScore }] : [];
    });
    const rest = flywheel.filter((g) => !ids.includes(g.id));
    if (rest.length > 0) {
      const values = new Float64Array(r.loops.time.length);
      for (const g of rest)
        for (let k = 0; k < values.length; k++) values[k] = values[k]! + g.relativeScore[k]!;
      shown.push({ id: 'other', name: `${rest.length} other loops`, polarity: 'R', values });
    }
    return shown;
  });
  if (ranked.length > ids.length) ids.push('other');
  return { ids, bands };
}

/**
 * Which of the five-step loop's arcs and steps a loop runs through. Arc i leaves step i: a loop
 * runs along it when it passes through a variable the arc's flow is read from (renderer/loop/
 * flows.ts); a step is on the loop when one of its variables is.
 */
const ARC_VARIABLES: readonly (readonly RegExp[])[] = [
  [/^eventsRecorded$/],
  [/^freshEvents$/, /\.effectiveData$/, /\.inputCoverage$/, /\.inputQuality$/],
  [/^aiConsumer\.<consumer>\.(performance|impact|error|adoption)$/],
  [
    /^lever\./,
    /^experienceIndex$/,
    /^conversionRate$/,
    /^churnRate$/,
    /^sessionsPerUser$/,
    /^averageOrderValue$/,
  ],
  [/^adoption$/, /^wordOfMouthMultiplier$/],
];

const STEP_VARIABLES: Readonly<Record<LoopStepId, readonly RegExp[]>> = {
  activity: [
    /^(potentialUsers|activeUsers|lapsedUsers|churn|winBack|sessions|searches|orders|adoption)$/,
  ],
  products: [/^dataProduct\./, /\.ownPipeline\./],
  consumers: [/^aiConsumer\.<consumer>\.(?!ownPipeline)/],
  experience: [
    /^lever\./,
    /^(searchSuccess|searchFactor|conversionRate|averageOrderValue|churnRate|sessionsPerUser|revenuePerUser|experienceIndex|stockoutRate|availabilityFactor|behaviouralDepth|wordOfMouthMultiplier)$/,
  ],
  data: [/^(eventsRecorded|freshEvents|eventsAgeing|totalEvents)$/],
};

export interface LoopOnRing {
  /** arcs[i]: the loop runs along the arc leaving step i. */
  readonly arcs: readonly boolean[];
  readonly steps: ReadonlySet<LoopStepId>;
}

export function loopOnRing(group: LoopGroup): LoopOnRing {
  const vars = group.variables;
  const arcs = ARC_VARIABLES.map((patterns) => vars.some((v) => patterns.some((p) => p.test(v))));
  const steps = new Set<LoopStepId>();
  for (const [id, patterns] of Object.entries(STEP_VARIABLES) as [LoopStepId, readonly RegExp[]][])
    if (vars.some((v) => patterns.some((p) => p.test(v)))) steps.add(id);
  return { arcs, steps };
}

/** The week's leading loop of a run as the five-step loop draws it (null when none leads). */
export function leadingLoopMark(
  run: ScenarioLoops | undefined,
  k: number,
): { label: string; arcs: readonly boolean[]; steps: ReadonlySet<LoopStepId> } | null {
  if (!run) return null;
  const lead = leadingAt(run.loops, k);
  if (!lead) return null;
  const ring = loopOnRing(lead.group);
  return { label: `${lead.group.id} ${lead.group.name}, ${pct(lead.share)}`, ...ring };
}
