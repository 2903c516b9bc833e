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
}

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
function cardCentres(r: number, heights: readonly number[], cardWidth: number): Point[] {
  const n = heights.length;
  return heights.map((h, i) => {
    const a = stepAngle(i, n);
    const dx = Math.cos(a);
    const dy = Math.sin(a);
    const d = r + VIEW.dotRadius + CARD.gap + reach(dx, dy, cardWidth, h);
    return { x: dx * d, y: dy * d };
  });
}

function extents(r: number, heights: readonly number[], cardWidth: number): Box {
  const centres = cardCentres(r, heights, cardWidth);
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
  const n = steps.length;
  const compact = options.compact ?? false;
  const heights = steps.map((step) => cardHeight(step, compact));
  const width = options.viewWidth ?? VIEW.width;
  const cardWidth = options.cardWidth ?? CARD.width;
  const room = width - 2 * VIEW.margin;
  // The widest ring whose cards fit the width (extents grow with the radius).
  let lo: number = VIEW.minRadius;
  let hi: number = VIEW.maxRadius;
  if (extents(hi, heights, cardWidth).width <= room) lo = hi;
  else {
    for (let k = 0; k < 40; k++) {
      const mid = (lo + hi) / 2;
      if (extents(mid, heights, cardWidth).width <= room) lo = mid;
      else hi = mid;
    }
  }
  const r = lo;
  const box = extents(r, heights, cardWidth);
  const height = Math.ceil(box.height + 2 * VIEW.margin);
  const cx = width / 2 - (box.left + box.width / 2);
  const cy = VIEW.margin - box.top;
  const ring: Ring = { cx, cy, rx: r, ry: r };
  const centres = cardCentres(r, heights, cardWidth);
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
  const centre: Box = compact
    ? { left: cx - 100, top: cy - 34, width: 200, height: 62 }
    : { left: cx - 140, top: cy - 40, width: 280, height: 96 };
  const dotBoxes = cards.map((c) => ({
    left: c.dot.x - VIEW.dotRadius,
    top: c.dot.y - VIEW.dotRadius,
    width: 2 * VIEW.dotRadius,
    height: 2 * VIEW.dotRadius,
  }));
  const placed: Box[] = [];
  const labelled = arcs.map((arc, i) => {
    const obstacles: Box[] = [
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
  return { width, height, cx, cy, rx: r, ry: r, cards, arcs: labelled, centre, compact };
}
