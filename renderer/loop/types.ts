/**
 * What the five-step loop view shows at one point of a run: the steps' live values and the flows
 * along the arcs between them. Built by buildLoopFrame (frame.ts) from a run, rendered by LoopView.
 */

/** The seed's five steps: user activity, create data products, AI consumes them, better
 * experience, more data (and back to 1). */
export type LoopStepId = 'activity' | 'products' | 'consumers' | 'experience' | 'data';

export const LOOP_STEP_IDS: readonly LoopStepId[] = [
  'activity',
  'products',
  'consumers',
  'experience',
  'data',
];

/** Whether a change is good news, bad news or neither. */
export type Tone = 'good' | 'bad' | 'neutral';

export type ItemStatus =
  'live' | 'building' | 'planned' | 'deployed' | 'developing' | 'waiting' | 'not-started';

export interface LoopCell {
  readonly text: string;
  readonly tone: Tone;
}

/** One row of a step's card: a seed sub-item, a data product, an own-pipeline silo, a consumer. */
export interface LoopItem {
  readonly id: string;
  readonly label: string;
  /** The seed's sub-item this row belongs to (e.g. "Buy more"), shown as a heading above it. */
  readonly group: string | null;
  /** Values for the step's columns; a row with a status other than live/deployed has one cell. */
  readonly cells: readonly LoopCell[];
  readonly status: ItemStatus | null;
  /** For a consumer's own pipelines: how many separate silos it runs (0 for everything else). */
  readonly silos: number;
  /** Plain-language reading of the row for assistive technology. */
  readonly description: string;
}

export interface LoopStep {
  readonly id: LoopStepId;
  /** 1..5 */
  readonly number: number;
  readonly title: string;
  /** The step's main figure, e.g. "1.01M active users". */
  readonly headline: string;
  readonly headlineTone: Tone;
  /** Column headings for the rows' cells (may be empty). */
  readonly columns: readonly string[];
  readonly items: readonly LoopItem[];
  /** A remark under the rows, e.g. "No shared data products: 9 siloed pipelines". */
  readonly note: string | null;
  readonly description: string;
}

/** The flow along the arc from one step to the next. */
export interface LoopArc {
  readonly from: LoopStepId;
  readonly to: LoopStepId;
  /** What flows, e.g. "Raw events". */
  readonly label: string;
  /** Amount entering the arc this week, in `unit`. */
  readonly amount: number;
  readonly unit: string;
  /** `amount` formatted with its unit. */
  readonly amountText: string;
  /** amount / the largest amount of this arc in the reference run (clamped to 0..MAX_INTENSITY). */
  readonly intensity: number;
  /** Share of what enters the arc that is lost on the way (0..1). */
  readonly leakFraction: number;
  /** Why it is lost, in words ("" when nothing is). */
  readonly leakCause: string;
  /** The same in a few words, for the arc's label. */
  readonly leakShort: string;
  /** Parallel strands: more than one when the data travels in separate silos. */
  readonly lanes: number;
}

export interface LoopFrame {
  readonly runName: string;
  readonly pointIndex: number;
  readonly week: number;
  /** True when consumers build their own pipelines (siloed data) instead of, or beside, products. */
  readonly fragmented: boolean;
  readonly steps: readonly LoopStep[];
  /** arcs[i] goes from steps[i] to steps[(i + 1) % 5]. */
  readonly arcs: readonly LoopArc[];
  readonly momentum: number;
  readonly momentumText: string;
  readonly momentumTone: Tone;
  /** The whole frame in words, for assistive technology and exports. */
  readonly description: string;
}

/** Intensity is capped so a run far above its reference does not flood the view. */
export const MAX_INTENSITY = 1.5;
