/**
 * The flows along the loop's five arcs, read from the model's own variables at one point of a
 * run. Each arc has an amount entering it (what the particles stand for), the share of it that is
 * lost on the way (particles dropping off), and an intensity: the amount relative to the largest
 * amount of the same arc in a reference run, so two runs drawn on one scale look as strong or as
 * weak as their numbers are.
 *
 *   1 -> 2  raw events recorded, into the live sources; lost: signal the sources' datasets miss
 *   2 -> 3  data fed to AI (fresh events x coverage); lost: quality^k, downtime and staleness
 *   3 -> 4  AI performance; lost: what users and teams do not adopt (trust)
 *   4 -> 5  experience gain over the start (spend per user)
 *   5 -> 1  new users won (Bass adoption, raised by word of mouth)
 */
import type { ScenarioRun } from '../../simulation';
import { fieldName, readerOf, type RunReader } from './read';
import { sourcesOf, structureOf, type RunStructure } from './structure';
import { LOOP_STEP_IDS, MAX_INTENSITY, type LoopArc } from './types';
import { formatCount, formatPercent, formatRelativeChange } from './format';

export interface ArcFlow {
  /** Amount entering the arc, in the arc's unit. */
  readonly amount: number;
  /** Share lost on the way, 0..1. */
  readonly leakFraction: number;
}

export interface ArcSpec {
  readonly label: string;
  readonly unit: string;
  readonly leakCause: string;
  /** A few words for the arc's label. */
  readonly leakShort: string;
  /** The label when nothing flows. */
  readonly idleText: string;
  /** About the widest amount text this arc shows (sizes its label box once, not every week). */
  readonly widestText: string;
  readonly flow: (r: RunReader, s: RunStructure, k: number) => ArcFlow;
  readonly text: (amount: number, r: RunReader, s: RunStructure, k: number) => string;
}

const clamp01 = (x: number): number => (x > 1 ? 1 : x > 0 ? x : 0);

function meanOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Share of the given sources that are live at point k (0 when there are none). */
function liveShare(r: RunReader, prefixes: readonly string[], k: number): number {
  return meanOf(prefixes.map((p) => r.at(fieldName(p, 'live'), k)));
}

const rawEvents: ArcSpec = {
  label: 'Raw events',
  unit: 'events/week',
  leakCause: 'signal the datasets do not capture',
  leakShort: 'not captured',
  idleText: 'no live data source yet',
  widestText: '999M events/wk',
  flow(r, s, k) {
    const live = s.sourcePrefixes.filter((p) => r.at(fieldName(p, 'live'), k) > 0);
    const coverage = meanOf(live.map((p) => r.at(fieldName(p, 'coverage'), k)));
    const share = live.length / Math.max(1, s.sourcePrefixes.length);
    return {
      amount: r.at('eventsRecorded', k) * share,
      leakFraction: live.length === 0 ? 0 : clamp01(1 - coverage),
    };
  },
  text: (amount) => `${formatCount(amount)} events/wk`,
};

const dataToAi: ArcSpec = {
  label: 'Data to AI',
  unit: 'events',
  leakCause: 'poor quality, downtime, stale data',
  leakShort: 'quality, downtime',
  idleText: 'no data reaches AI yet',
  widestText: '999B events fed',
  flow(r, s, k) {
    const fresh = r.at('freshEvents', k);
    let sent = 0;
    let effective = 0;
    for (const c of s.consumers) {
      const share = liveShare(r, sourcesOf(c), k);
      if (share === 0) continue;
      sent += fresh * r.at(fieldName(c.prefix, 'inputCoverage'), k) * share;
      effective += r.at(fieldName(c.prefix, 'effectiveData'), k) * share;
    }
    return { amount: sent, leakFraction: sent > 0 ? clamp01(1 - effective / sent) : 0 };
  },
  text: (amount) => `${formatCount(amount)} events fed`,
};

const aiPerformance: ArcSpec = {
  label: 'AI at work',
  unit: 'performance (sum over consumers)',
  leakCause: 'not adopted, low trust',
  leakShort: 'not adopted',
  idleText: 'no AI deployed yet',
  widestText: '100% AI performance',
  flow(r, s, k) {
    let performance = 0;
    let impact = 0;
    for (const c of s.consumers) {
      performance += r.at(fieldName(c.prefix, 'performance'), k);
      impact += r.at(fieldName(c.prefix, 'impact'), k);
    }
    return {
      amount: performance,
      leakFraction: performance > 0 ? clamp01(1 - impact / performance) : 0,
    };
  },
  text: (amount, _r, s) =>
    s.consumers.length === 0
      ? 'no AI consumers'
      : `${formatPercent(amount / s.consumers.length)} AI performance`,
};

const experienceGain: ArcSpec = {
  label: 'Experience gain',
  unit: 'fraction over the start',
  leakCause: '',
  leakShort: '',
  idleText: 'no gain over week 0 yet',
  widestText: '+99.9% spend/user',
  flow: (r, _s, k) => ({ amount: Math.max(0, r.at('experienceIndex', k) - 1), leakFraction: 0 }),
  text: (_amount, r, _s, k) =>
    `${formatRelativeChange(r.at('experienceIndex', k), r.at('experienceIndex', 0))} spend/user`,
};

const newUsers: ArcSpec = {
  label: 'New users',
  unit: 'people/week',
  leakCause: '',
  leakShort: '',
  idleText: 'no new users',
  widestText: '999k new users/wk',
  flow: (r, _s, k) => ({ amount: Math.max(0, r.at('adoption', k)), leakFraction: 0 }),
  text: (amount) => `${formatCount(amount)} new users/wk`,
};

/** arcs[i] leaves step i. */
export const ARC_SPECS: readonly ArcSpec[] = [
  rawEvents,
  dataToAi,
  aiPerformance,
  experienceGain,
  newUsers,
];

export function arcFlowsAt(run: ScenarioRun, k: number): ArcFlow[] {
  const r = readerOf(run);
  const s = structureOf(run);
  return ARC_SPECS.map((spec) => spec.flow(r, s, k));
}

const scaleCache = new WeakMap<ScenarioRun, readonly number[]>();

/** The largest amount of each arc over the whole run (0 when the arc never carries anything). */
export function arcScales(reference: ScenarioRun): readonly number[] {
  const cached = scaleCache.get(reference);
  if (cached !== undefined) return cached;
  const r = readerOf(reference);
  const s = structureOf(reference);
  const scales = ARC_SPECS.map((spec) => {
    let largest = 0;
    for (let k = 0; k < r.points; k++) largest = Math.max(largest, spec.flow(r, s, k).amount);
    return largest;
  });
  scaleCache.set(reference, scales);
  return scales;
}

/** amount / scale, clamped to 0..MAX_INTENSITY (0 when the scale is 0). */
export function intensityOf(amount: number, scale: number): number {
  if (!(scale > 0) || !(amount > 0)) return 0;
  return Math.min(MAX_INTENSITY, amount / scale);
}

/** The five arcs of a run at point k, on the scale of `reference` (the run itself by default). */
export function buildArcs(run: ScenarioRun, k: number, reference: ScenarioRun = run): LoopArc[] {
  const r = readerOf(run);
  const s = structureOf(run);
  const scales = arcScales(reference);
  const lanes = Math.max(1, (s.products.length > 0 ? 1 : 0) + s.siloedConsumers);
  return ARC_SPECS.map((spec, i) => {
    const flow = spec.flow(r, s, k);
    // A reference that never carries this arc cannot set its scale: use the run's own.
    const scale = scales[i]! > 0 ? scales[i]! : arcScales(run)[i]!;
    return {
      from: LOOP_STEP_IDS[i]!,
      to: LOOP_STEP_IDS[(i + 1) % LOOP_STEP_IDS.length]!,
      label: spec.label,
      amount: flow.amount,
      unit: spec.unit,
      amountText: flow.amount > 0 ? spec.text(flow.amount, r, s, k) : spec.idleText,
      intensity: intensityOf(flow.amount, scale),
      leakFraction: flow.leakFraction,
      leakCause: flow.leakFraction > 0 ? spec.leakCause : '',
      leakShort: flow.leakFraction > 0 ? spec.leakShort : '',
      // Data travels in silos on the arcs into and out of the sources.
      lanes: i === 0 || i === 1 ? lanes : 1,
    };
  });
}
