/**
 * The arcs between the step cards: a track per lane whose width and opacity follow the flow, an
 * arrowhead, and a rate label. With reduced motion the track also shows the leak as gaps in a
 * dashed line (the share of gap equals the share lost), since no particles fall off.
 */
import type { ReactElement } from 'react';
import { formatPercent } from './format';
import { ARC_SPECS } from './flows';
import { LABEL, type ArcGeometry, type Box, type LabelSize, type Point } from './layout';
import { textWidth } from './text';
import type { LoopArc, LoopStepId } from './types';

/** Font sizes (px) of the rate labels, as set in loop.css (on stage: STAGE_TEXT_PX). */
export const RATE_TEXT_PX = { rate: 16.5, leak: 15 } as const;

/**
 * The box each arc's label needs: its widest texts, one line plus one for a leak (bold text is
 * about 8% wider). `fonts` are the labels' font sizes (loop.css's by default).
 */
export function arcLabelSizes(
  fonts: { readonly rate: number; readonly leak: number } = RATE_TEXT_PX,
): LabelSize[] {
  const lineHeight = lineHeightFor(fonts);
  return ARC_SPECS.map((spec) => {
    const lines = [
      textWidth(spec.idleText, fonts.rate * 1.08),
      textWidth(spec.widestText, fonts.rate * 1.08),
      spec.leakShort ? textWidth(`100% lost · ${spec.leakShort}`, fonts.leak * 1.08) : 0,
    ];
    const count = 1 + (spec.leakShort ? 1 : 0);
    return { width: Math.ceil(Math.max(...lines)) + 8, height: count * lineHeight + 6 };
  });
}

/** Line spacing of a rate label: LABEL.lineHeight, more for larger type. */
export function lineHeightFor(fonts: { readonly rate: number; readonly leak: number }): number {
  return Math.max(LABEL.lineHeight, Math.ceil(Math.max(fonts.rate, fonts.leak) * 1.2));
}

/** The point of `box` nearest to `p`. */
function nearestOnBox(box: Box, p: Point): Point {
  return {
    x: Math.min(box.left + box.width, Math.max(box.left, p.x)),
    y: Math.min(box.top + box.height, Math.max(box.top, p.y)),
  };
}

/** A thin line from a label to its arc, drawn only when the label had to sit away from it. */
function LeaderLine({ label, anchor }: { label: Box; anchor: Point }): ReactElement | null {
  const end = nearestOnBox(label, anchor);
  const length = Math.hypot(end.x - anchor.x, end.y - anchor.y);
  if (length < 36) return null;
  // Stop short of both ends so the line points at the arc without touching the text.
  const k0 = 10 / length;
  const k1 = 1 - 6 / length;
  return (
    <line
      className="fw-loop__leader"
      x1={anchor.x + (end.x - anchor.x) * k0}
      y1={anchor.y + (end.y - anchor.y) * k0}
      x2={anchor.x + (end.x - anchor.x) * k1}
      y2={anchor.y + (end.y - anchor.y) * k1}
    />
  );
}

/** Track width of one lane at a given intensity (view-box units). */
export function trackWidth(intensity: number, lanes: number): number {
  const i = Math.min(1, Math.max(0, intensity));
  return lanes > 1 ? 1.5 + 3 * i : 2 + 9 * i;
}

/** Track opacity: a weak flow fades, an idle arc stays faintly visible. */
export function trackOpacity(intensity: number, reducedMotion: boolean): number {
  const i = Math.min(1, Math.max(0, intensity));
  return reducedMotion ? 0.3 + 0.7 * i : 0.18 + 0.42 * i;
}

/** Dash pattern whose gaps are the lost share (reduced motion), or null for a solid track. */
export function leakDashes(leakFraction: number): string | null {
  const leak = Math.min(0.95, Math.max(0, leakFraction));
  if (leak < 0.01) return null;
  const period = 14;
  return `${(period * (1 - leak)).toFixed(2)} ${(period * leak).toFixed(2)}`;
}

export interface LoopArcsProps {
  arcs: readonly LoopArc[];
  geometry: readonly ArcGeometry[];
  reducedMotion: boolean;
  markerId: string;
  highlight: LoopStepId | null;
  /** onLoop[i]: the leading loop of the week runs along arc i (drawn with a halo). */
  onLoop?: readonly boolean[] | null;
}

export function LoopArcs({
  arcs,
  geometry,
  reducedMotion,
  markerId,
  highlight,
  onLoop = null,
}: LoopArcsProps): ReactElement {
  return (
    <g className="fw-loop__arcs" aria-hidden="true">
      {arcs.map((arc, i) => {
        const g = geometry[i];
        if (!g) return null;
        const idle = arc.intensity <= 0;
        const dashes = idle ? '3 7' : reducedMotion ? leakDashes(arc.leakFraction) : null;
        const dim = highlight !== null && highlight !== arc.from;
        return (
          <g
            key={arc.from}
            className={`fw-loop__arc${idle ? ' fw-loop__arc--idle' : ''}${dim ? ' fw-loop__arc--dim' : ''}${onLoop?.[i] ? ' fw-loop__arc--on-loop' : ''}`}
            data-arc={arc.from}
          >
            {onLoop?.[i]
              ? g.lanePaths.map((d, lane) => (
                  <path
                    key={`halo-${lane}`}
                    className="fw-loop__halo"
                    d={d}
                    strokeWidth={trackWidth(1, g.lanes) + 12}
                  />
                ))
              : null}
            {g.lanePaths.map((d, lane) => (
              <path
                key={lane}
                className="fw-loop__track"
                d={d}
                strokeWidth={trackWidth(arc.intensity, g.lanes)}
                strokeOpacity={trackOpacity(arc.intensity, reducedMotion)}
                strokeDasharray={dashes ?? undefined}
                markerEnd={`url(#${markerId}${g.lanes > 1 ? '-thin' : ''})`}
              />
            ))}
          </g>
        );
      })}
    </g>
  );
}

export interface LoopArcLabelsProps {
  arcs: readonly LoopArc[];
  geometry: readonly ArcGeometry[];
  highlight: LoopStepId | null;
  /** Line spacing (lineHeightFor the labels' fonts). */
  lineHeight?: number;
}

/** The arcs' rate labels, drawn above everything else (placed clear of the cards). */
export function LoopArcLabels({
  arcs,
  geometry,
  highlight,
  lineHeight = LABEL.lineHeight,
}: LoopArcLabelsProps): ReactElement {
  return (
    <g className="fw-loop__rates" aria-hidden="true">
      {arcs.map((arc, i) => {
        const g = geometry[i];
        if (!g) return null;
        const idle = arc.intensity <= 0;
        const leak = arc.leakFraction >= 0.005 && !idle;
        const dim = highlight !== null && highlight !== arc.from;
        const labelX = g.label.left + g.label.width / 2;
        return (
          <g
            key={arc.from}
            className={dim ? 'fw-loop__rate-group--dim' : undefined}
            data-rate={arc.from}
          >
            <LeaderLine label={g.label} anchor={g.labelAnchor} />
            <text
              className="fw-loop__rate"
              x={labelX}
              y={g.label.top + lineHeight - 1}
              textAnchor="middle"
            >
              <tspan className="fw-loop__rate-amount">{arc.amountText}</tspan>
              {leak ? (
                <tspan className="fw-loop__rate-leak" x={labelX} dy={lineHeight}>
                  {`${formatPercent(arc.leakFraction)} lost · ${arc.leakShort}`}
                </tspan>
              ) : null}
            </text>
          </g>
        );
      })}
    </g>
  );
}
