/**
 * The loop on stage (presentation scale): the layout fills the box it is given, the scale makes
 * the smallest stage text 22 px at 1080p (and the same share of a 720p screen), the momentum
 * label shortens or goes on a small ring, and loop.css sets the sizes the layout assumes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildLoopFrame } from '../../renderer/loop';
import { arcLabelSizes } from '../../renderer/loop/LoopArcs';
import { boxesOverlap, COMPACT_LAYOUT, layoutLoop, type Box } from '../../renderer/loop/layout';
import {
  MOMENTUM_LABEL,
  stageCentreSize,
  stageMomentumLabel,
  stageScale,
  stageStep,
  STAGE_MIN_TEXT,
  STAGE_TEXT_PX,
} from '../../renderer/loop/stage';
import { defaultRuns } from './fixtures';

function stageLayout(week: number, viewWidth: number, viewHeight: number, without = false) {
  const { withRun, withoutRun } = defaultRuns();
  const frame = buildLoopFrame(without ? withoutRun : withRun, week, withRun);
  return layoutLoop(
    frame.steps.map(stageStep),
    frame.arcs.map((a) => a.lanes),
    arcLabelSizes(STAGE_TEXT_PX),
    { ...COMPACT_LAYOUT, viewWidth, viewHeight, centreSize: stageCentreSize() },
  );
}

const within = (b: Box, l: { originX?: number; originY?: number; width: number; height: number }) =>
  b.left >= (l.originX ?? 0) - 1e-9 &&
  b.top >= (l.originY ?? 0) - 1e-9 &&
  b.left + b.width <= (l.originX ?? 0) + l.width + 1e-9 &&
  b.top + b.height <= (l.originY ?? 0) + l.height + 1e-9;

describe('loop on stage', () => {
  it('scales the smallest stage text to 22 px at 1080p and the same share at 720p', () => {
    expect(stageScale(1080) * STAGE_MIN_TEXT).toBeCloseTo(22, 9);
    expect(stageScale(720) * STAGE_MIN_TEXT).toBeCloseTo(22 * (720 / 1080), 9);
    // Every small stage text is at least the minimum.
    for (const size of Object.values(STAGE_TEXT_PX))
      expect(size).toBeGreaterThanOrEqual(STAGE_MIN_TEXT);
  });

  it('shows cards with their title and headline only', () => {
    const { withoutRun, withRun } = defaultRuns();
    const frame = buildLoopFrame(withoutRun, 80, withRun);
    const products = frame.steps[1]!;
    expect(products.items.length).toBeGreaterThan(0);
    expect(products.note).not.toBe(null);
    const onStage = stageStep(products);
    expect(onStage).toMatchObject({ items: [], columns: [], note: null });
    expect(onStage.title).toBe(products.title);
    expect(onStage.headline).toBe(products.headline);
  });

  it('fills the box it is given: the ring grows with the box, the drawing centred in it', () => {
    const small = stageLayout(80, 1500, 560);
    const tall = stageLayout(80, 1500, 760);
    for (const l of [small, tall]) {
      expect(l.width).toBe(1500);
      expect(l.originX ?? 0).toBe(0);
    }
    expect(small.height).toBe(560);
    expect(tall.height).toBe(760);
    // Height-limited here: a taller box gives a larger ring (by about the extra height / 2).
    expect(tall.rx - small.rx).toBeGreaterThan(60);
    for (const l of [small, tall]) {
      expect(l.cx).toBeCloseTo(l.width / 2, -1);
      const top = Math.min(...l.cards.map((c) => c.top));
      const bottom = Math.max(...l.cards.map((c) => c.top + c.height));
      // Centred vertically: as much room above the cards as below them (within a unit).
      expect(Math.abs(top - (l.height - bottom))).toBeLessThan(1.5);
    }
  });

  it('keeps cards and labels apart and inside the view box, in a roomy box and a cramped one', () => {
    for (const [w, h] of [
      [1500, 600],
      [740, 400],
    ] as const) {
      for (const without of [false, true]) {
        const l = stageLayout(156, w, h, without);
        for (const c of l.cards) expect(within(c, l)).toBe(true);
        for (const arc of l.arcs) {
          expect(within(arc.label, l)).toBe(true);
          for (const c of l.cards) expect(boxesOverlap(arc.label, c)).toBe(false);
        }
        for (let i = 0; i < 5; i++)
          for (let j = i + 1; j < 5; j++) {
            expect(boxesOverlap(l.cards[i]!, l.cards[j]!)).toBe(false);
            expect(boxesOverlap(l.arcs[i]!.label, l.arcs[j]!.label)).toBe(false);
          }
      }
    }
  });

  it('grows the view box when even the smallest ring does not fit (it is then drawn smaller)', () => {
    const l = stageLayout(156, 500, 300);
    expect(l.width).toBeGreaterThan(500);
    expect(l.height).toBeGreaterThan(300);
    for (const c of l.cards) expect(within(c, l)).toBe(true);
  });

  it('puts the momentum label in full, short, or not at all, as the ring allows', () => {
    expect(stageMomentumLabel(400)).toBe(MOMENTUM_LABEL);
    expect(stageMomentumLabel(150)).toBe('Momentum');
    expect(stageMomentumLabel(80)).toBe(null);
  });

  it('loop.css gives the stage texts the sizes the layout measures them at', () => {
    const css = readFileSync(new URL('../../renderer/loop/loop.css', import.meta.url), 'utf8');
    const rule = /((?:\.fw-loop--stage \.fw-loop__[a-z-]+,?\s*)+)\{\s*font-size: ([\d.]+)px;/g;
    const sizes = new Map<string, number>();
    for (const m of css.matchAll(rule)) {
      for (const sel of m[1]!.split(',')) sizes.set(sel.trim(), Number(m[2]));
    }
    expect(sizes.get('.fw-loop--stage .fw-loop__rate')).toBe(STAGE_TEXT_PX.rate);
    expect(sizes.get('.fw-loop--stage .fw-loop__rate-leak')).toBe(STAGE_TEXT_PX.leak);
    expect(sizes.get('.fw-loop--stage .fw-loop__centre-label')).toBe(STAGE_TEXT_PX.centreLabel);
  });
});
