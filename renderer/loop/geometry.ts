/** Plane geometry for the loop view (pure): points, boxes and the ring (a circle or ellipse). */

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

/** A ring: centre and radii (a circle when rx = ry). */
export interface Ring {
  readonly cx: number;
  readonly cy: number;
  readonly rx: number;
  readonly ry: number;
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

/** Half the extent of a w x h box along the unit direction (dx, dy). */
export function reach(dx: number, dy: number, width: number, height: number): number {
  return (Math.abs(dx) * width) / 2 + (Math.abs(dy) * height) / 2;
}

export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return (
    a.left < b.left + b.width + margin &&
    b.left < a.left + a.width + margin &&
    a.top < b.top + b.height + margin &&
    b.top < a.top + a.height + margin
  );
}

export function overlapArea(a: Box, b: Box): number {
  const w = Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left);
  const h = Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Distance between the parallel strands (lanes) of a siloed arc. */
export const LANE_GAP = 7;

/** The part of the ring an arc covers, and its number of lanes. */
export interface ArcSpan {
  readonly startAngle: number;
  readonly endAngle: number;
  readonly lanes: number;
}

/** Offset of a lane from the centre line (lanes are centred on it). */
export function laneOffset(lane: number, lanes: number): number {
  return (lane - (lanes - 1) / 2) * LANE_GAP;
}

/** A point on lane `lane` (0-based, of `lanes`) of an arc, at fraction u of its length. */
export function pointOnArc(ring: Ring, arc: ArcSpan, u: number, lane = 0, extraOffset = 0): Point {
  const angle = arc.startAngle + (arc.endAngle - arc.startAngle) * u;
  const p = pointOnEllipse(ring, angle);
  const offset = laneOffset(lane, arc.lanes) + extraOffset;
  if (offset === 0) return p;
  const n = normalOnEllipse(ring, angle);
  return { x: p.x + n.x * offset, y: p.y + n.y * offset };
}
