import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  boxesOverlap,
  cardHeight,
  CARD,
  COMPACT_LAYOUT,
  headlineLines,
  layoutLoop,
  pointOnArc,
  stepAngle,
  VIEW,
  type Box,
} from '../../renderer/loop/layout';
import { buildLoopFrame, compactStep } from '../../renderer/loop';
import { arcLabelSizes } from '../../renderer/loop/LoopArcs';
import type { LoopItem, LoopStep } from '../../renderer/loop';
import { defaultRuns } from './fixtures';

type Shape = Pick<LoopStep, 'items' | 'columns' | 'note'>;

function rows(n: number, group: (i: number) => string | null = () => null): LoopItem[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `r${i}`,
    label: `Row ${i}`,
    group: group(i),
    cells: [],
    status: null,
    silos: 0,
    description: '',
  }));
}

function shape(n: number, columns = 3, note: string | null = null, groups = false): Shape {
  return {
    items: rows(n, groups ? (i) => `g${Math.floor(i / 2)}` : () => null),
    columns: Array(columns).fill('c'),
    note,
  };
}

/** The loop's card shapes for a product count (with silo rows) and a consumer count. */
function loopShapes(products: number, consumers: number, notes: boolean): Shape[] {
  return [
    shape(3, 0, 'Raw event data is generated'),
    shape(Math.min(9, products), 3, notes ? 'note' : null),
    shape(consumers, 2, notes && consumers === 0 ? 'note' : null),
    shape(5, 2, null, true),
    shape(3, 2),
  ];
}

const inside = (b: Box, width: number, height: number): boolean =>
  b.left >= -1e-9 &&
  b.top >= -1e-9 &&
  b.left + b.width <= width + 1e-9 &&
  b.top + b.height <= height + 1e-9;

describe('loop layout', () => {
  it('puts step 1 at the top and the others clockwise', () => {
    expect(stepAngle(0)).toBeCloseTo(-Math.PI / 2, 12);
    for (let i = 1; i < 5; i++) expect(stepAngle(i)).toBeGreaterThan(stepAngle(i - 1));
    const layout = layoutLoop(loopShapes(4, 3, false));
    const [top, right, , , left] = layout.cards;
    expect(top!.dot.y).toBeLessThan(right!.dot.y);
    expect(right!.dot.x).toBeGreaterThan(layout.cx);
    expect(left!.dot.x).toBeLessThan(layout.cx);
  });

  it('sizes cards from their rows, group headings, columns and note', () => {
    const plain = cardHeight(shape(3, 0));
    expect(cardHeight(shape(4, 0))).toBe(plain + CARD.rowHeight);
    expect(cardHeight(shape(3, 2))).toBe(plain + CARD.columnsHeight);
    expect(cardHeight(shape(3, 0, 'note'))).toBe(plain + CARD.noteHeight);
    expect(cardHeight(shape(4, 0, null, true))).toBe(
      cardHeight(shape(4, 0)) + 2 * CARD.groupHeight,
    );
    expect(cardHeight(shape(0, 3))).toBe(plain - 3 * CARD.rowHeight);
  });

  it('arcs leave one dot and reach the next, clockwise, clear of the dots', () => {
    const layout = layoutLoop(loopShapes(4, 3, false));
    layout.arcs.forEach((arc, i) => {
      const from = layout.cards[i]!.dot;
      const to = layout.cards[(i + 1) % 5]!.dot;
      const start = pointOnArc(layout, arc, 0);
      const end = pointOnArc(layout, arc, 1);
      const clear = VIEW.dotRadius + VIEW.arcGap - 1e-6;
      expect(Math.hypot(start.x - from.x, start.y - from.y)).toBeGreaterThan(clear);
      expect(Math.hypot(end.x - to.x, end.y - to.y)).toBeGreaterThan(clear);
      expect(Math.hypot(start.x - from.x, start.y - from.y)).toBeLessThan(clear + 2);
      expect(arc.endAngle).toBeGreaterThan(arc.startAngle);
      expect(arc.length).toBeGreaterThan(100);
    });
  });

  it('draws one path per lane, lanes offset side by side', () => {
    const layout = layoutLoop(loopShapes(0, 3, true), [3, 3, 1, 1, 1]);
    expect(layout.arcs[0]!.lanePaths).toHaveLength(3);
    expect(layout.arcs[2]!.lanePaths).toHaveLength(1);
    const inner = pointOnArc(layout, layout.arcs[0]!, 0.5, 0);
    const outer = pointOnArc(layout, layout.arcs[0]!, 0.5, 2);
    const centre = { x: layout.cx, y: layout.cy };
    const r = (p: { x: number; y: number }) => Math.hypot(p.x - centre.x, p.y - centre.y);
    expect(r(outer) - r(inner)).toBeCloseTo(2 * VIEW.laneGap, 6);
  });

  it('for 0..8 products and 0..6 consumers: every card and label fits, nothing overlaps', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 5, maxLength: 5 }),
        (products, consumers, notes, lanes) => {
          const layout = layoutLoop(loopShapes(products, consumers, notes), lanes, arcLabelSizes());
          expect(layout.width).toBe(VIEW.width);
          const cards = layout.cards;
          for (const card of cards) expect(inside(card, layout.width, layout.height)).toBe(true);
          for (let i = 0; i < 5; i++) {
            for (let j = i + 1; j < 5; j++)
              expect(boxesOverlap(cards[i]!, cards[j]!, 4)).toBe(false);
          }
          for (const arc of layout.arcs) {
            expect(inside(arc.label, layout.width, layout.height)).toBe(true);
            for (const card of cards) expect(boxesOverlap(arc.label, card)).toBe(false);
            expect(boxesOverlap(arc.label, layout.centre)).toBe(false);
            expect(arc.length).toBeGreaterThan(80);
          }
          for (let i = 0; i < 5; i++) {
            for (let j = i + 1; j < 5; j++) {
              expect(boxesOverlap(layout.arcs[i]!.label, layout.arcs[j]!.label)).toBe(false);
            }
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('compact cards: narrower view, headline lines, everything still fits', () => {
    const { withoutRun, withRun } = defaultRuns();
    const frame = buildLoopFrame(withoutRun, 80, withRun);
    const steps = frame.steps.map(compactStep);
    expect(headlineLines(steps[1]!, true)).toEqual([
      'Siloed pipelines',
      expect.stringMatching(/^quality \d+%$/),
    ]);
    const layout = layoutLoop(
      steps,
      frame.arcs.map((a) => a.lanes),
      arcLabelSizes(),
      COMPACT_LAYOUT,
    );
    expect(layout.width).toBe(COMPACT_LAYOUT.viewWidth);
    expect(layout.cards[1]!.width).toBe(COMPACT_LAYOUT.cardWidth);
    expect(layout.cards[1]!.height).toBe(cardHeight(steps[1]!, true));
    for (const card of layout.cards) expect(inside(card, layout.width, layout.height)).toBe(true);
    for (const arc of layout.arcs) {
      for (const card of layout.cards) expect(boxesOverlap(arc.label, card)).toBe(false);
      expect(boxesOverlap(arc.label, layout.centre)).toBe(false);
    }
  });

  it('compact cards fit for any lanes and notes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 5, maxLength: 5 }),
        (lanes, note, headlineParts) => {
          const steps = headlineParts.map((parts, i) => ({
            items: [],
            columns: [],
            note: note && i === 1 ? 'note' : null,
            headline: Array.from({ length: parts }, (_, k) => `part ${k}`).join(' · '),
          }));
          const layout = layoutLoop(steps, lanes, arcLabelSizes(), COMPACT_LAYOUT);
          for (const card of layout.cards)
            expect(inside(card, layout.width, layout.height)).toBe(true);
          for (const arc of layout.arcs) {
            for (const card of layout.cards) expect(boxesOverlap(arc.label, card)).toBe(false);
            expect(boxesOverlap(arc.label, layout.centre)).toBe(false);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('lays out the default frames with the same geometry week after week', () => {
    const { withRun } = defaultRuns();
    const a = buildLoopFrame(withRun, 10);
    const b = buildLoopFrame(withRun, 150);
    expect(layoutLoop(a.steps)).toEqual(layoutLoop(b.steps));
  });
});
