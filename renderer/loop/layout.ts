/**
 * Geometry of the loop view (pure). The loop is a ring: five numbered step dots sit clockwise on
 * it from the top, the arcs between them carry the flows, and each step's card stands just
 * outside its dot. Card heights follow their contents; the ring's radius is the largest that
 * keeps every card inside the view box's width, and the height follows. Particles and the
 * renderer read every position from here, so they always agree.
 */
import { line } from 'd3';
import type { LoopStep } from './types';

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
  laneGap: 7,
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

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Box {
  readonly left: number;
  readonly top: number;
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

type Ring = Pick<LoopLayout, 'cx' | 'cy' | 'rx' | 'ry'>;

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

export function pointOnEllipse(ring: Ring, angle: number): Point {
  return { x: ring.cx + ring.rx * Math.cos(angle), y: ring.cy + ring.ry * Math.sin(angle) };
}

/** Outward unit normal of the ring at `angle`. */
export function normalOnEllipse(ring: Pick<Ring, 'rx' | 'ry'>, angle: number): Point {
  const nx = Math.cos(angle) / ring.rx;
  const ny = Math.sin(angle) / ring.ry;
  const length = Math.hypot(nx, ny);
  return { x: nx / length, y: ny / length };
}

/** Offset of a lane from the centre line (lanes are centred on it). */
export function laneOffset(lane: number, lanes: number): number {
  return (lane - (lanes - 1) / 2) * VIEW.laneGap;
}

/** A point on lane `lane` (0-based, of `lanes`) of an arc, at fraction u of its length. */
export function pointOnArc(
  ring: Ring,
  arc: Pick<ArcGeometry, 'startAngle' | 'endAngle' | 'lanes'>,
  u: number,
  lane = 0,
  extraOffset = 0,
): Point {
  const angle = arc.startAngle + (arc.endAngle - arc.startAngle) * u;
  const p = pointOnEllipse(ring, angle);
  const offset = laneOffset(lane, arc.lanes) + extraOffset;
  if (offset === 0) return p;
  const n = normalOnEllipse(ring, angle);
  return { x: p.x + n.x * offset, y: p.y + n.y * offset };
}

/** Half the extent of a w x h box along the unit direction (dx, dy). */
function reach(dx: number, dy: number, width: number, height: number): number {
  return (Math.abs(dx) * width) / 2 + (Math.abs(dy) * height) / 2;
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

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return (
    a.left < b.left + b.width + margin &&
    b.left < a.left + a.width + margin &&
    a.top < b.top + b.height + margin &&
    b.top < a.top + a.height + margin
  );
}

function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
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
 * Puts an arc's label beside the arc: among boxes slid along the arc and pushed off it (outside
 * the ring preferred), the free one closest to the arc's middle wins; if none is free, the one
 * that overlaps least.
 */
function placeLabel(
  ring: Ring,
  view: { width: number; height: number },
  arc: ArcGeometry,
  size: LabelSize,
  obstacles: readonly Box[],
): { box: Box; anchor: Point } {
  const { width, height } = size;
  const lanesHalf = ((arc.lanes - 1) / 2) * VIEW.laneGap;
  let best: { box: Box; anchor: Point } | null = null;
  let bestCost = Infinity;
  for (const u of [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82]) {
    const angle = arc.startAngle + (arc.endAngle - arc.startAngle) * u;
    const p = pointOnEllipse(ring, angle);
    const n = normalOnEllipse(ring, angle);
    const t = { x: -n.y, y: n.x };
    const extent = reach(n.x, n.y, width, height);
    for (let gap = 8; gap <= 260; gap += 8) {
      for (const side of [1, -1]) {
        for (const shift of [0, 40, -40, 80, -80]) {
          const d = side * (gap + lanesHalf + extent);
          const box = {
            left: p.x + n.x * d + t.x * shift - width / 2,
            top: p.y + n.y * d + t.y * shift - height / 2,
            width,
            height,
          };
          const outside =
            Math.max(0, VIEW.margin - box.left) +
            Math.max(0, box.left + width - (view.width - VIEW.margin)) +
            Math.max(0, VIEW.margin - box.top) +
            Math.max(0, box.top + height - (view.height - VIEW.margin));
          const overlap = obstacles.reduce((sum, o) => sum + overlapArea(box, o), 0);
          // Free boxes cost their distance from the arc's middle; inside the ring costs more
          // (it is the momentum read-out's space); boxes that collide cost far more than any
          // free one.
          const cost =
            (overlap + outside * height) * 1000 +
            gap +
            Math.abs(shift) * 0.5 +
            (side < 0 ? 160 : 0) +
            Math.abs(u - 0.5) * arc.length;
          if (cost < bestCost) {
            best = { box, anchor: pointOnArc(ring, arc, u, side > 0 ? arc.lanes - 1 : 0) };
            bestCost = cost;
          }
        }
      }
    }
  }
  return best!;
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
    const { box, anchor } = placeLabel(ring, { width, height }, arc, size, obstacles);
    placed.push(box);
    return { ...arc, label: box, labelAnchor: anchor };
  });
  return { width, height, cx, cy, rx: r, ry: r, cards, arcs: labelled, centre, compact };
}
