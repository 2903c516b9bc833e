/**
 * Geometry of the loop view (pure). The loop is a ring: five numbered step dots sit clockwise on
 * it from the top, the arcs between them carry the flows, and each step's card stands just
 * outside its dot. Card heights follow their contents; the ring's radius is the largest that
 * keeps every card inside the view box's width, and the height follows. Particles and the
 * renderer read every position from here, so they always agree.
 */
import { line } from 'd3';
import {
  boxesOverlap,
  LANE_GAP,
  laneOffset,
  normalOnEllipse,
  pointOnArc,
  pointOnEllipse,
  reach,
  type Box,
  type Point,
  type Ring,
} from './geometry';
import { placeLabel } from './labels';
import type { LoopStep } from './types';

export {
  boxesOverlap,
  laneOffset,
  normalOnEllipse,
  pointOnArc,
  pointOnEllipse,
  type Box,
  type Point,
  type Ring,
};

/** Card metrics in view-box units; the renderer draws rows with the same numbers. */
export const CARD = {
  width: 336,
  padding: 13,
  titleHeight: 29,
  headlineHeight: 27,
  columnsHeight: 19,
  groupHeight: 20,
  rowHeight: 25,
  noteHeight: 24,
  /** Space between a step's dot and its card. */
  gap: 10,
} as const;

export const VIEW = {
  width: 1100,
  /** Space kept clear at the edges of the view box. */
  margin: 10,
  /** Radius of a step's numbered dot on the ring. */
  dotRadius: 22,
  /** Gap between a dot and the arcs that leave or reach it. */
  arcGap: 6,
  /** Distance between the parallel strands of a siloed arc. */
  laneGap: LANE_GAP,
  minRadius: 80,
  maxRadius: 320,
} as const;

/** Rate labels: line spacing, and the box used when no sizes are given (two lines). */
export const LABEL = { lineHeight: 20, width: 236, height: 46 } as const;

/** A narrower view box and cards: for a loop drawn small (its cards then show no rows). */
export interface LayoutOptions {
  readonly viewWidth?: number;
  readonly cardWidth?: number;
  /** Compact cards: headlines in lines, a smaller momentum read-out. */
  readonly compact?: boolean;
  /**
   * Fill a box this tall as well (a loop on stage): the ring is the largest that fits both the
   * width and this height, and the drawing is centred in the box. When even the smallest ring
   * does not fit, the box grows to hold the drawing (it is then drawn smaller).
   */
  readonly viewHeight?: number;
  /** Size of the momentum read-out in the ring's middle (kept clear of the rate labels). */
  readonly centreSize?: CentreSize;
}

/** The momentum read-out's box: its size and how far it reaches above the ring's centre. */
export interface CentreSize {
  readonly width: number;
  readonly height: number;
  readonly above: number;
}

export const CENTRE = {
  full: { width: 280, height: 96, above: 40 },
  compact: { width: 200, height: 62, above: 34 },
} as const satisfies Record<string, CentreSize>;

export const COMPACT_LAYOUT: LayoutOptions = { viewWidth: 900, cardWidth: 284, compact: true };

export interface LabelSize {
  readonly width: number;
  readonly height: number;
}

export interface CardBox extends Box {
  /** Angle of the step's dot on the ring (radians, 0 = right, clockwise on screen). */
  readonly angle: number;
  /** The step's dot. */
  readonly dot: Point;
}

export interface ArcGeometry {
  readonly startAngle: number;
  readonly endAngle: number;
  /** Length of the centre line in view-box units. */
  readonly length: number;
  readonly lanes: number;
  /** One SVG path per lane (d attribute). */
  readonly lanePaths: readonly string[];
  /** The box of the arc's rate label, clear of the cards, the dots and the other labels. */
  readonly label: Box;
  /** The point of the arc the label belongs to (a leader line joins them when far apart). */
  readonly labelAnchor: Point;
}

export interface LoopLayout {
  readonly width: number;
  readonly height: number;
  readonly cx: number;
  readonly cy: number;
  /** The ring is a circle; rx = ry = its radius (the maths takes an ellipse). */
  readonly rx: number;
  readonly ry: number;
  readonly cards: readonly CardBox[];
  readonly arcs: readonly ArcGeometry[];
  /** Where the momentum read-out sits, in the middle of the ring. */
  readonly centre: Box;
  readonly compact: boolean;
  /**
   * Top-left corner of the view box (0, 0 unless a loop filling a box had to let its rate
   * labels reach past the box's edges: the view box then grows to hold them).
   */
  readonly originX?: number;
  readonly originY?: number;
}

/** The rows a card draws: group headings (when the group changes) and items. */
export function cardRowCounts(step: Pick<LoopStep, 'items'>): { groups: number; items: number } {
  let groups = 0;
  let previous: string | null = null;
  for (const item of step.items) {
    if (item.group !== null && item.group !== previous) groups++;
    previous = item.group;
  }
  return { groups, items: step.items.length };
}

/** A compact card breaks its headline at ' · ' into lines; a full card keeps one line. */
export function headlineLines(step: Pick<LoopStep, 'headline'>, compact = false): string[] {
  return compact ? step.headline.split(' · ') : [step.headline];
}

export function cardHeight(
  step: Pick<LoopStep, 'items' | 'columns' | 'note'> & Partial<Pick<LoopStep, 'headline'>>,
  compact = false,
): number {
  const { groups, items } = cardRowCounts(step);
  return (
    CARD.padding * 2 +
    CARD.titleHeight +
    CARD.headlineHeight * headlineLines({ headline: step.headline ?? '' }, compact).length +
    (step.columns.length > 0 && items > 0 ? CARD.columnsHeight : 0) +
    groups * CARD.groupHeight +
    items * CARD.rowHeight +
    (step.note ? CARD.noteHeight : 0)
  );
}

/** Clockwise angle of step i of n, starting at the top. */
export function stepAngle(i: number, n = 5): number {
  return -Math.PI / 2 + (2 * Math.PI * i) / n;
}

/**
 * Card centres relative to the ring's centre for radius r: each card stands outside its dot,
 * along the dot's direction from the centre.
 */
function cardCentres(
  r: number,
  heights: readonly number[],
  cardWidth: number,
  bottomGap = 0,
): Point[] {
  const n = heights.length;
  const centres = heights.map((h, i) => {
    const a = stepAngle(i, n);
    const dx = Math.cos(a);
    const dy = Math.sin(a);
    const d = r + VIEW.dotRadius + CARD.gap + reach(dx, dy, cardWidth, h);
    return { x: dx * d, y: dy * d };
  });
  // The two cards below the ring stand at least `bottomGap` apart, so the label of the arc
  // between them has room under the ring instead of over its track.
  const [right, left] = bottomPair(n);
  if (bottomGap > 0 && right !== left) {
    const gap = centres[right]!.x - centres[left]!.x - cardWidth;
    const push = Math.max(0, (bottomGap - gap) / 2);
    centres[right] = { x: centres[right]!.x + push, y: centres[right]!.y };
    centres[left] = { x: centres[left]!.x - push, y: centres[left]!.y };
  }
  return centres;
}

/** The cards either side of the ring's foot (clockwise from the top: [right, left]); one when a dot is there. */
export function bottomPair(n: number): [number, number] {
  // Step i sits at -90 + 360 i / n degrees; the foot of the ring is at +90.
  const k = (n / 2) % 1 === 0 ? n / 2 : Math.floor(n / 2);
  return (n / 2) % 1 === 0 ? [k, k] : [k, k + 1];
}

function extents(r: number, heights: readonly number[], cardWidth: number, bottomGap = 0): Box {
  const centres = cardCentres(r, heights, cardWidth, bottomGap);
  let minX = -r - VIEW.dotRadius;
  let maxX = r + VIEW.dotRadius;
  let minY = minX;
  let maxY = maxX;
  centres.forEach((c, i) => {
    minX = Math.min(minX, c.x - cardWidth / 2);
    maxX = Math.max(maxX, c.x + cardWidth / 2);
    minY = Math.min(minY, c.y - heights[i]! / 2);
    maxY = Math.max(maxY, c.y + heights[i]! / 2);
  });
  return { left: minX, top: minY, width: maxX - minX, height: maxY - minY };
}

const SAMPLES = 64;
const ARC_SAMPLES_ON_RING = Array.from({ length: 60 }, (_, k) => (k * Math.PI) / 30);
const toPath = line<Point>()
  .x((p) => p.x)
  .y((p) => p.y);

function arcGeometry(ring: Ring, startAngle: number, endAngle: number, lanes: number): ArcGeometry {
  const arc = { startAngle, endAngle, lanes };
  let length = 0;
  let previous = pointOnEllipse(ring, startAngle);
  for (let s = 1; s <= SAMPLES; s++) {
    const p = pointOnEllipse(ring, startAngle + ((endAngle - startAngle) * s) / SAMPLES);
    length += Math.hypot(p.x - previous.x, p.y - previous.y);
    previous = p;
  }
  const lanePaths = Array.from({ length: lanes }, (_, lane) => {
    const points = Array.from({ length: SAMPLES + 1 }, (_, s) =>
      pointOnArc(ring, arc, s / SAMPLES, lane),
    );
    return toPath(points) ?? '';
  });
  return {
    startAngle,
    endAngle,
    length,
    lanes,
    lanePaths,
    label: { left: 0, top: 0, width: 0, height: 0 },
    labelAnchor: pointOnEllipse(ring, (startAngle + endAngle) / 2),
  };
}

/**
 * Lays out the ring, the five cards and the arcs between the dots. `lanes[i]` is the number of
 * parallel strands of arc i (more than one for siloed data).
 */
export function layoutLoop(
  steps: readonly (Pick<LoopStep, 'items' | 'columns' | 'note'> &
    Partial<Pick<LoopStep, 'headline'>>)[],
  lanes: readonly number[] = steps.map(() => 1),
  labelSizes: readonly LabelSize[] = steps.map(() => ({
    width: LABEL.width,
    height: LABEL.height,
  })),
  options: LayoutOptions = {},
): LoopLayout {
  const compact = options.compact ?? false;
  const heights = steps.map((step) => cardHeight(step, compact));
  const viewWidth = options.viewWidth ?? VIEW.width;
  const cardWidth = options.cardWidth ?? CARD.width;
  const room = viewWidth - 2 * VIEW.margin;
  const fill = options.viewHeight;
  const roomHeight = fill === undefined ? Infinity : fill - 2 * VIEW.margin;
  // On stage, the cards under the ring stand apart to leave its foot's label room below it.
  const [right, left] = bottomPair(heights.length);
  const bottomGap =
    fill === undefined || right === left ? 0 : (labelSizes[right]?.width ?? LABEL.width) + 24;
  const fits = (r: number): boolean => {
    const e = extents(r, heights, cardWidth, bottomGap);
    return e.width <= room && e.height <= roomHeight;
  };
  // The largest ring whose cards fit the width (and the height when filling a box); extents
  // grow with the radius.
  let lo: number = VIEW.minRadius;
  let hi: number = VIEW.maxRadius;
  if (fits(hi)) lo = hi;
  else {
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (fits(mid)) lo = mid;
      else hi = mid;
    }
  }
  const build = (r: number): LoopLayout =>
    layoutAt(r, {
      heights,
      cardWidth,
      viewWidth,
      fill,
      lanes,
      labelSizes,
      options,
      compact,
      bottomGap,
    });
  if (fill === undefined) return build(lo);
  // Filling a box (on stage): the ring stays large enough for its cards to stand clear of each
  // other, and shrinks (6% at a time) while a rate label finds no free place; if none of those
  // rings frees every label, the largest is kept and the view box grows to hold its labels.
  const lowest = clearRadius(heights, cardWidth, bottomGap);
  let r = Math.max(lo, lowest);
  const largest = build(r);
  let chosen = largest;
  for (let k = 0; k < 12 && !labelsFree(chosen) && r * 0.94 >= lowest; k++) {
    r *= 0.94;
    chosen = build(r);
  }
  return grownToHoldLabels(labelsFree(chosen) ? chosen : largest);
}

interface LayoutInputs {
  readonly heights: readonly number[];
  readonly cardWidth: number;
  readonly viewWidth: number;
  readonly fill: number | undefined;
  readonly lanes: readonly number[];
  readonly labelSizes: readonly LabelSize[];
  readonly options: LayoutOptions;
  readonly compact: boolean;
  /** Least room between the cards under the ring (see cardCentres). */
  readonly bottomGap: number;
}

/** The smallest ring whose cards do not touch each other (4 units apart). */
function clearRadius(heights: readonly number[], cardWidth: number, bottomGap = 0): number {
  const clear = (r: number): boolean => {
    const centres = cardCentres(r, heights, cardWidth, bottomGap);
    const boxes = centres.map((c, i) => ({
      left: c.x - cardWidth / 2,
      top: c.y - heights[i]! / 2,
      width: cardWidth,
      height: heights[i]!,
    }));
    return boxes.every((a, i) => boxes.every((b, j) => j <= i || !boxesOverlap(a, b, 4)));
  };
  let r: number = VIEW.minRadius;
  while (!clear(r) && r < VIEW.maxRadius) r += 2;
  return r;
}

/** Half the width of the ring's track a label must keep clear of (widest track and lanes). */
const TRACK_CLEARANCE = 9;

/** True when `box` reaches onto the ring's track (within `clearance` of the circle). */
export function boxCrossesRing(
  box: Box,
  ring: Pick<LoopLayout, 'cx' | 'cy' | 'rx'>,
  clearance = TRACK_CLEARANCE,
): boolean {
  const nx = Math.max(box.left, Math.min(ring.cx, box.left + box.width));
  const ny = Math.max(box.top, Math.min(ring.cy, box.top + box.height));
  const near = Math.hypot(nx - ring.cx, ny - ring.cy);
  let far = 0;
  for (const x of [box.left, box.left + box.width])
    for (const y of [box.top, box.top + box.height])
      far = Math.max(far, Math.hypot(x - ring.cx, y - ring.cy));
  return near < ring.rx + clearance && far > ring.rx - clearance;
}

/**
 * Every rate label inside the view box and clear of the cards, the dots, the centre, each other
 * and the ring's track.
 */
function labelsFree(layout: LoopLayout): boolean {
  const inView = (b: Box): boolean =>
    b.left >= 0 &&
    b.top >= 0 &&
    b.left + b.width <= layout.width &&
    b.top + b.height <= layout.height;
  const dots = layout.cards.map((c) => ({
    left: c.dot.x - VIEW.dotRadius,
    top: c.dot.y - VIEW.dotRadius,
    width: 2 * VIEW.dotRadius,
    height: 2 * VIEW.dotRadius,
  }));
  return layout.arcs.every(
    ({ label }, i) =>
      inView(label) &&
      !layout.cards.some((c) => boxesOverlap(label, c)) &&
      !dots.some((d) => boxesOverlap(label, d)) &&
      !boxesOverlap(label, layout.centre) &&
      !boxCrossesRing(label, layout) &&
      !layout.arcs.some((other, j) => j !== i && boxesOverlap(label, other.label)),
  );
}

/** The layout for a ring of radius `r`. */
function layoutAt(r: number, inputs: LayoutInputs): LoopLayout {
  const { heights, cardWidth, viewWidth, fill, lanes, labelSizes, options, compact, bottomGap } =
    inputs;
  const n = heights.length;
  const box = extents(r, heights, cardWidth, bottomGap);
  const contentHeight = Math.ceil(box.height + 2 * VIEW.margin);
  const width =
    fill === undefined ? viewWidth : Math.max(viewWidth, Math.ceil(box.width + 2 * VIEW.margin));
  const height = fill === undefined ? contentHeight : Math.max(Math.floor(fill), contentHeight);
  const cx = width / 2 - (box.left + box.width / 2);
  const cy = fill === undefined ? VIEW.margin - box.top : height / 2 - (box.top + box.height / 2);
  const ring: Ring = { cx, cy, rx: r, ry: r };
  const centres = cardCentres(r, heights, cardWidth, bottomGap);
  const cards = centres.map((c, i): CardBox => {
    const angle = stepAngle(i, n);
    return {
      left: cx + c.x - cardWidth / 2,
      top: cy + c.y - heights[i]! / 2,
      width: cardWidth,
      height: heights[i]!,
      angle,
      dot: pointOnEllipse(ring, angle),
    };
  });
  // Angle whose chord is the dot radius plus the gap: arcs start just clear of the dots.
  const skip = 2 * Math.asin(Math.min(1, (VIEW.dotRadius + VIEW.arcGap) / (2 * r)));
  const arcs = cards.map((card, i) => {
    const next = cards[(i + 1) % n]!;
    let to = next.angle;
    while (to <= card.angle) to += 2 * Math.PI;
    return arcGeometry(ring, card.angle + skip, to - skip, Math.max(1, lanes[i] ?? 1));
  });
  const centreSize = options.centreSize ?? (compact ? CENTRE.compact : CENTRE.full);
  const centre: Box = {
    left: cx - centreSize.width / 2,
    top: cy - centreSize.above,
    width: centreSize.width,
    height: centreSize.height,
  };
  const dotBoxes = cards.map((c) => ({
    left: c.dot.x - VIEW.dotRadius,
    top: c.dot.y - VIEW.dotRadius,
    width: 2 * VIEW.dotRadius,
    height: 2 * VIEW.dotRadius,
  }));
  // On stage (filling a box), the ring itself too, as small boxes every 6 degrees: a label
  // should not sit on another arc's track. (A small workspace loop has no room to spare for it.)
  const track = (fill === undefined ? [] : ARC_SAMPLES_ON_RING).map((a) => {
    const p = pointOnEllipse(ring, a);
    return { left: p.x - 5, top: p.y - 5, width: 10, height: 10 };
  });
  const placed: Box[] = [];
  const labelled = arcs.map((arc, i) => {
    const obstacles: Box[] = [
      ...track,
      ...cards.map((c) => ({
        left: c.left - 4,
        top: c.top - 4,
        width: c.width + 8,
        height: c.height + 8,
      })),
      ...dotBoxes,
      centre,
      ...placed,
    ];
    const size = labelSizes[i] ?? { width: LABEL.width, height: LABEL.height };
    const view = { width, height, margin: VIEW.margin };
    const { box, anchor } = placeLabel(ring, view, arc, size, obstacles);
    placed.push(box);
    return { ...arc, label: box, labelAnchor: anchor };
  });
  const base = { width, height, cx, cy, rx: r, ry: r, cards, arcs: labelled, centre, compact };
  return fill === undefined ? base : grownToHoldLabels(base);
}

/** The view box of a filling layout, grown (never shrunk) to hold every rate label. */
function grownToHoldLabels(layout: LoopLayout): LoopLayout {
  let left = 0;
  let top = 0;
  let right = layout.width;
  let bottom = layout.height;
  for (const { label } of layout.arcs) {
    left = Math.min(left, label.left - VIEW.margin);
    top = Math.min(top, label.top - VIEW.margin);
    right = Math.max(right, label.left + label.width + VIEW.margin);
    bottom = Math.max(bottom, label.top + label.height + VIEW.margin);
  }
  if (left === 0 && top === 0 && right === layout.width && bottom === layout.height) return layout;
  return {
    ...layout,
    originX: Math.floor(left),
    originY: Math.floor(top),
    width: Math.ceil(right - Math.floor(left)),
    height: Math.ceil(bottom - Math.floor(top)),
  };
}
