/**
 * Where the presenter view goes (pure; Electron's `screen` supplies the displays). The presenter
 * window goes to the primary display, where the presenter's laptop screen usually is; the audience
 * window goes full screen on another one, the projector. With a single display there is nothing to
 * choose: the page keeps its own overlay.
 *
 * All rectangles are in Electron's screen coordinates (device-independent pixels, origins may be
 * negative left of or above the primary display); scale factors do not enter the choice.
 */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The parts of Electron's Display the choice reads. */
export interface DisplayLike {
  readonly id: number;
  readonly bounds: Rect;
  readonly workArea: Rect;
  readonly scaleFactor: number;
}

export type PresenterLayout =
  | { readonly kind: 'none' }
  | {
      readonly kind: 'second-display';
      /** Where the audience (document) window goes full screen. */
      readonly audience: DisplayLike;
      /** Where the presenter window opens. */
      readonly presenter: DisplayLike;
      /** The presenter window's bounds: the presenter display's work area. */
      readonly presenterBounds: Rect;
    };

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function distanceToCentre(r: Rect, d: Rect): number {
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  const dx = Math.max(d.x - cx, 0, cx - (d.x + d.width));
  const dy = Math.max(d.y - cy, 0, cy - (d.y + d.height));
  return Math.hypot(dx, dy);
}

/**
 * The display a window is on: the one it overlaps most (as Electron's getDisplayMatching), or,
 * for a window off every display, the one nearest its centre. Null when there are no displays.
 */
export function displayOf(
  windowBounds: Rect,
  displays: readonly DisplayLike[],
): DisplayLike | null {
  let best: DisplayLike | null = null;
  let bestOverlap = 0;
  for (const d of displays) {
    const o = overlap(windowBounds, d.bounds);
    if (o > bestOverlap) {
      best = d;
      bestOverlap = o;
    }
  }
  if (best) return best;
  let nearest: DisplayLike | null = null;
  let nearestDistance = Infinity;
  for (const d of displays) {
    const distance = distanceToCentre(windowBounds, d.bounds);
    if (distance < nearestDistance) {
      nearest = d;
      nearestDistance = distance;
    }
  }
  return nearest;
}

const area = (r: Rect) => r.width * r.height;

/**
 * The presenter goes to the primary display (or, if the primary is not among the displays, the
 * one the app window is on); the audience to another display: the one the app window is on if
 * that is not the presenter's, otherwise the largest of the others (ties: the first listed).
 */
export function choosePresenterLayout(
  displays: readonly DisplayLike[],
  primaryId: number,
  audienceWindowBounds: Rect,
): PresenterLayout {
  if (displays.length < 2) return { kind: 'none' };
  const windowDisplay = displayOf(audienceWindowBounds, displays);
  const presenter = displays.find((d) => d.id === primaryId) ?? windowDisplay ?? displays[0]!;
  const others = displays.filter((d) => d.id !== presenter.id);
  if (others.length === 0) return { kind: 'none' };
  const audience =
    windowDisplay && windowDisplay.id !== presenter.id
      ? windowDisplay
      : others.reduce((best, d) => (area(d.bounds) > area(best.bounds) ? d : best));
  return {
    kind: 'second-display',
    audience,
    presenter,
    presenterBounds: { ...presenter.workArea },
  };
}
