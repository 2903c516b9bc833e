/**
 * The main window's size, position and maximised state, remembered between sessions. The saved
 * state is validated (schema) and then fitted to the displays that exist now: a window saved on a
 * monitor that has since been unplugged comes back on the primary display, never off-screen.
 */
import { z } from 'zod';

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** Position is absent the first time: the OS places the window. */
  readonly bounds: { x?: number; y?: number; width: number; height: number };
  readonly maximized: boolean;
}

export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
export const DEFAULT_WINDOW_SIZE = { width: 1400, height: 900 } as const;

const coordinate = z.number().int().min(-100_000).max(100_000);
const extent = z.number().int().min(100).max(100_000);

export const windowStateSchema = z.strictObject({
  version: z.literal(1),
  bounds: z.strictObject({
    x: coordinate.optional(),
    y: coordinate.optional(),
    width: extent,
    height: extent,
  }),
  maximized: z.boolean(),
});

export function defaultWindowState(): WindowState {
  return { bounds: { ...DEFAULT_WINDOW_SIZE }, maximized: false };
}

export function toStoredWindowState(state: WindowState): z.output<typeof windowStateSchema> {
  return { version: 1, bounds: { ...state.bounds }, maximized: state.maximized };
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fits saved bounds to the displays' work areas (the first is the primary): the size is capped to
 * the work area it lands on and the window is moved fully into it; if it overlaps no display by at
 * least a title bar's worth, it is centred on the primary display.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const { x, y } = state.bounds;
  const size = {
    width: Math.max(state.bounds.width, MIN_WINDOW_SIZE.width),
    height: Math.max(state.bounds.height, MIN_WINDOW_SIZE.height),
  };
  if (x === undefined || y === undefined) {
    return {
      ...state,
      bounds: {
        width: Math.min(size.width, primary.width),
        height: Math.min(size.height, primary.height),
      },
    };
  }
  const saved: Rectangle = { x, y, ...size };
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(saved, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  const visibleEnough = bestArea >= 100 * 40;
  const area = visibleEnough && best ? best : primary;
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  if (!visibleEnough) {
    return {
      ...state,
      bounds: {
        x: Math.round(area.x + (area.width - width) / 2),
        y: Math.round(area.y + (area.height - height) / 2),
        width,
        height,
      },
    };
  }
  return {
    ...state,
    bounds: {
      x: Math.min(Math.max(x, area.x), area.x + area.width - width),
      y: Math.min(Math.max(y, area.y), area.y + area.height - height),
      width,
      height,
    },
  };
}
