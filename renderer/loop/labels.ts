/** Where each arc's rate label goes (pure): beside its arc, clear of the cards and each other. */
import {
  LANE_GAP,
  normalOnEllipse,
  overlapArea,
  pointOnArc,
  pointOnEllipse,
  reach,
  type Box,
  type Point,
  type Ring,
} from './geometry';
import type { ArcGeometry, LabelSize } from './layout';

/**
 * Puts an arc's label beside the arc: among boxes slid along the arc and pushed off it (outside
 * the ring preferred), the free one closest to the arc's middle wins; if none is free, the one
 * that overlaps least.
 */
export function placeLabel(
  ring: Ring,
  view: { width: number; height: number; margin: number },
  arc: ArcGeometry,
  size: LabelSize,
  obstacles: readonly Box[],
): { box: Box; anchor: Point } {
  const { width, height } = size;
  const lanesHalf = ((arc.lanes - 1) / 2) * LANE_GAP;
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
            Math.max(0, view.margin - box.left) +
            Math.max(0, box.left + width - (view.width - view.margin)) +
            Math.max(0, view.margin - box.top) +
            Math.max(0, box.top + height - (view.height - view.margin));
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
