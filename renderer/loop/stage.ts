/**
 * The loop on a presentation stage (pure). A projector seen from the back of a room needs fewer,
 * larger words: compact cards (title and headline, no rows, no remarks) and the small texts
 * (rate labels, what is lost, the momentum label) raised to one stage minimum. The view box is
 * laid out in units of 1/scale CSS pixels over the whole box the stage gives the loop, so the
 * ring grows to fill it and every text is `size x scale` CSS pixels on screen.
 */
import { textWidth } from './text';
import { VIEW, type CentreSize } from './layout';
import type { LoopStep } from './types';

/** The smallest text on stage, in view-box units (rate labels, losses, the momentum label). */
export const STAGE_MIN_TEXT = 18.5;

/** Font sizes (view-box units) of the stage's small texts; loop.css sets the same under .fw-loop--stage. */
export const STAGE_TEXT_PX = {
  rate: STAGE_MIN_TEXT,
  leak: STAGE_MIN_TEXT,
  centreLabel: STAGE_MIN_TEXT,
} as const;

/** The momentum label's text, as drawn (upper case, letter-spaced in loop.css). */
export const MOMENTUM_LABEL = 'Flywheel momentum';

/** The momentum read-out's box on stage: its label at STAGE_TEXT_PX and the value below it. */
export function stageCentreSize(): CentreSize {
  // Upper case and 0.03em letter spacing: about 25% wider than the estimate for mixed case.
  const label = textWidth(MOMENTUM_LABEL, STAGE_TEXT_PX.centreLabel) * 1.25;
  return { width: Math.ceil(Math.max(200, label + 12)), height: 66, above: 38 };
}

/**
 * The momentum label that fits between the dots of steps 2 and 5 (18 degrees above the ring's
 * centre line) on a ring of `radius`: the full label, a short one, or none (a small ring in a
 * pair); the value is always shown.
 */
export function stageMomentumLabel(radius: number): string | null {
  const room = radius * Math.cos(Math.PI / 10) - VIEW.dotRadius;
  for (const text of [MOMENTUM_LABEL, 'Momentum']) {
    const half = (textWidth(text, STAGE_TEXT_PX.centreLabel) * 1.25) / 2;
    if (room >= half + 4) return text;
  }
  return null;
}

/** A card on stage: its title and headline only. */
export function stageStep(step: LoopStep): LoopStep {
  return { ...step, items: [], columns: [], note: null };
}

/** Reference height for "px at 1080p": a stage's scale is given for a 1080-pixel-high screen. */
export const STAGE_REFERENCE_HEIGHT_PX = 1080;

/** Smallest on-screen text the stage aims for on a 1080p screen (CSS px). */
export const STAGE_TARGET_TEXT_PX = 22;

/**
 * The presentation scale for a screen `viewportHeightPx` high: the smallest stage text is
 * STAGE_TARGET_TEXT_PX at 1080p, and the same share of the screen at any other height.
 */
export function stageScale(viewportHeightPx: number): number {
  return (STAGE_TARGET_TEXT_PX / STAGE_MIN_TEXT) * (viewportHeightPx / STAGE_REFERENCE_HEIGHT_PX);
}
