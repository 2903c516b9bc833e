/**
 * The animated five-step loop: user activity -> create data products -> AI consumes them ->
 * better experience -> more data -> back to 1. Cards show the live values of one week; particles
 * travel the arcs at rates that follow that week's flows (or, with reduced motion, the arcs show
 * the rates statically). Accessible as a figure with a text description of the current values.
 */
import { useId, useMemo, useRef, type ReactElement } from 'react';
import { animationClock, type AnimationClock } from '../animation/clock';
import { arcLabelSizes, lineHeightFor, LoopArcLabels, LoopArcs, RATE_TEXT_PX } from './LoopArcs';
import { LoopCard } from './LoopCard';
import { COMPACT_LAYOUT, headlineLines, layoutLoop, VIEW, type LayoutOptions } from './layout';
import { ParticleLayer, type ParticleFrameInfo } from './ParticleLayer';
import {
  MOMENTUM_LABEL,
  stageCentreSize,
  stageMomentumLabel,
  stageStep,
  STAGE_TEXT_PX,
} from './stage';
import type { LoopFrame, LoopStep, LoopStepId } from './types';
import { useSize } from './useSize';
import './loop.css';

export type LoopVariant = 'with' | 'without';

export interface LoopViewProps {
  frame: LoopFrame;
  title: string;
  variant: LoopVariant;
  reducedMotion: boolean;
  /** Emphasises one step (presentation mode); the others are dimmed. */
  highlight?: LoopStepId | null;
  /** Makes the step cards buttons (Enter/Space/click) that report their step. */
  onSelectStep?: (id: LoopStepId) => void;
  /** The clock that drives the particles (the app's single clock by default). */
  clock?: AnimationClock;
  /** Multiplies the particle emission rate (1 by default; the benchmark raises it). */
  particleDensity?: number;
  /** Seed of the particles' scatter and drop-offs. */
  particleSeed?: number;
  /** Called after every particle frame (benchmarks). */
  onParticleFrame?: (info: ParticleFrameInfo) => void;
  /**
   * Full cards with every row, compact cards (title and headline, larger) or, by default, compact
   * only while the view is drawn narrower than COMPACT_BELOW_PX.
   */
  detail?: LoopDetail;
  /**
   * Presentation scale (on stage): CSS pixels per view-box unit. The loop then fills the box it
   * is given (width and height, the ring as large as fits), shows stage cards (title and
   * headline) and raises its small texts to STAGE_MIN_TEXT, so its smallest text is
   * STAGE_MIN_TEXT x scale CSS pixels. Unset: the usual view box, scaled to the width.
   */
  presentationScale?: number;
  /** The loop that leads the flywheel this week (Loops That Matter), drawn on the ring. */
  leadingLoop?: LeadingLoopMark | null;
}

/** Where the week's leading loop runs on the ring, and how to name it. */
export interface LeadingLoopMark {
  /** e.g. "B4 Data ageing, 45% of the change". */
  readonly label: string;
  /** arcs[i]: the loop runs along the arc leaving step i. */
  readonly arcs: readonly boolean[];
  readonly steps: ReadonlySet<LoopStepId>;
}

export type LoopDetail = 'full' | 'compact' | 'auto';

/** Below this rendered width (CSS px) an automatic loop shows compact cards. */
export const COMPACT_BELOW_PX = 760;

/** A card with no rows: its title, its headline and, for the sources, whether they are siloed. */
export function compactStep(step: LoopStep): LoopStep {
  return { ...step, items: [], columns: [], note: step.id === 'products' ? step.note : null };
}

/** What the marks mean (the figure's description carries the numbers for assistive technology). */
function LoopLegend({ reducedMotion }: { reducedMotion: boolean }): ReactElement {
  const swatch = (className: string): ReactElement => (
    <svg className="fw-loop__swatch" viewBox="0 0 24 12" aria-hidden="true">
      {className === 'track' ? (
        <path className="fw-loop__swatch-track" d="M2,6 L22,6" />
      ) : className === 'gaps' ? (
        <path className="fw-loop__swatch-track" d="M2,6 L22,6" strokeDasharray="5 4" />
      ) : (
        <circle className={`fw-loop__swatch-${className}`} cx={12} cy={6} r={4.5} />
      )}
    </svg>
  );
  return (
    <ul className="fw-loop__legend" aria-hidden="true">
      {reducedMotion ? null : (
        <li>
          {swatch('flow')}
          data flowing this week
        </li>
      )}
      <li>
        {swatch(reducedMotion ? 'gaps' : 'leak')}
        {reducedMotion ? 'gaps: share lost on the way' : 'lost on the way'}
      </li>
      <li>
        {swatch('track')}
        width: flow vs the busiest week with data products
      </li>
    </ul>
  );
}

/**
 * A layout depends only on what the cards contain, not on this week's values (but a compact
 * card's height does depend on how many lines its headline breaks into).
 */
function structureKey(frame: LoopFrame, compact: boolean): string {
  return [
    ...frame.steps.map(
      (s) =>
        `${s.items.map((i) => i.group ?? '').join(',')}|${s.columns.length}|${s.note ? 1 : 0}|${
          compact ? headlineLines(s, true).length : 1
        }`,
    ),
    frame.arcs.map((a) => a.lanes).join(','),
  ].join(';');
}

export function LoopView({
  frame,
  title,
  variant,
  reducedMotion,
  highlight = null,
  onSelectStep,
  clock = animationClock,
  particleDensity = 1,
  particleSeed = 1,
  onParticleFrame,
  detail = 'auto',
  presentationScale,
  leadingLoop = null,
}: LoopViewProps): ReactElement {
  const id = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const figureRef = useRef<HTMLElement>(null);
  const stageBoxRef = useRef<HTMLDivElement>(null);
  const onStage = presentationScale !== undefined && presentationScale > 0;
  const figureSize = useSize(figureRef);
  const stageBox = useSize(stageBoxRef);
  const width = figureSize?.width ?? null;
  const compact =
    onStage ||
    detail === 'compact' ||
    (detail === 'auto' && width !== null && width < COMPACT_BELOW_PX);
  const steps = onStage
    ? frame.steps.map(stageStep)
    : compact
      ? frame.steps.map(compactStep)
      : frame.steps;
  const fill: LayoutOptions =
    onStage && stageBox && stageBox.height > 0
      ? {
          viewWidth: stageBox.width / presentationScale,
          viewHeight: stageBox.height / presentationScale,
        }
      : {};
  const key = `${structureKey(frame, compact)}|${onStage ? `stage|${fill.viewWidth}|${fill.viewHeight}` : compact ? 'compact' : 'full'}`;
  const labelFonts = onStage ? STAGE_TEXT_PX : undefined;
  // Recomputed only when the structure changes (the key), not every week.
  const layout = useMemo(
    () =>
      layoutLoop(
        steps,
        frame.arcs.map((a) => a.lanes),
        arcLabelSizes(labelFonts),
        onStage
          ? { ...COMPACT_LAYOUT, ...fill, centreSize: stageCentreSize() }
          : compact
            ? COMPACT_LAYOUT
            : {},
      ),
    [key],
  );
  const markerId = `fw-loop-arrow-${id}`;
  const titleId = `fw-loop-title-${id}`;
  const descriptionId = `fw-loop-description-${id}`;
  const week = Math.round(frame.week * 10) / 10;
  const viewBox = `${layout.originX ?? 0} ${layout.originY ?? 0} ${layout.width} ${layout.height}`;
  const centreLabel = onStage ? stageMomentumLabel(layout.rx) : MOMENTUM_LABEL;
  const svg = (
    <svg
      className="fw-loop__svg"
      viewBox={viewBox}
      role="group"
      aria-label={`${title}: the five-step flywheel at week ${week}`}
    >
      <defs>
        <marker
          id={markerId}
          className="fw-loop__arrow"
          viewBox="0 0 10 10"
          refX={5}
          refY={5}
          markerWidth={15}
          markerHeight={15}
          markerUnits="userSpaceOnUse"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
        <marker
          id={`${markerId}-thin`}
          className="fw-loop__arrow"
          viewBox="0 0 10 10"
          refX={5}
          refY={5}
          markerWidth={9}
          markerHeight={9}
          markerUnits="userSpaceOnUse"
          orient="auto"
        >
          <path d="M0,0 L10,5 L0,10 z" />
        </marker>
      </defs>
      <LoopArcs
        arcs={frame.arcs}
        geometry={layout.arcs}
        reducedMotion={reducedMotion}
        markerId={markerId}
        highlight={highlight}
        onLoop={leadingLoop?.arcs ?? null}
      />
      {reducedMotion ? null : (
        <ParticleLayer
          layout={layout}
          arcs={frame.arcs}
          clock={clock}
          density={particleDensity}
          seed={particleSeed}
          onFrame={onParticleFrame}
          dimmedArcs={frame.arcs.map((a) => highlight !== null && highlight !== a.from)}
        />
      )}
      <g className="fw-loop__dots" aria-hidden="true">
        {layout.cards.map((card, i) => (
          <g
            key={i}
            className={`fw-loop__dot${highlight !== null && highlight !== frame.steps[i]?.id ? ' fw-loop__dot--dim' : ''}`}
            transform={`translate(${card.dot.x.toFixed(1)} ${card.dot.y.toFixed(1)})`}
          >
            <circle r={VIEW.dotRadius} />
            <text y={8} textAnchor="middle">
              {i + 1}
            </text>
          </g>
        ))}
      </g>
      <g className="fw-loop__centre" aria-hidden="true">
        {centreLabel ? (
          <text
            className="fw-loop__centre-label"
            x={layout.cx}
            y={layout.cy - (compact ? 14 : 18)}
            textAnchor="middle"
          >
            {centreLabel}
          </text>
        ) : null}
        <text
          className={`fw-loop__centre-value fw-loop__tone--${frame.momentumTone}`}
          x={layout.cx}
          y={layout.cy + (compact ? (centreLabel ? 20 : 12) : 22)}
          textAnchor="middle"
        >
          {frame.momentumText}
        </text>
        {compact ? null : (
          <text
            className="fw-loop__centre-note"
            x={layout.cx}
            y={layout.cy + 48}
            textAnchor="middle"
          >
            users × fresh data × experience vs wk 0
          </text>
        )}
      </g>
      <g role="list" aria-label="The five steps">
        {steps.map((step, i) => (
          <g
            role="listitem"
            key={step.id}
            className={leadingLoop?.steps.has(step.id) ? 'fw-loop__on-loop' : undefined}
          >
            <LoopCard
              step={step}
              box={layout.cards[i]!}
              highlighted={highlight === step.id}
              dimmed={highlight !== null && highlight !== step.id}
              fragmented={step.id === 'products' && frame.fragmented}
              onSelect={onSelectStep}
              compact={compact}
            />
          </g>
        ))}
      </g>
      <LoopArcLabels
        arcs={frame.arcs}
        geometry={layout.arcs}
        highlight={highlight}
        lineHeight={lineHeightFor(labelFonts ?? RATE_TEXT_PX)}
      />
    </svg>
  );
  return (
    <figure
      ref={figureRef}
      className={`fw-loop fw-loop--${variant}${reducedMotion ? ' fw-loop--static' : ''}${
        compact ? ' fw-loop--compact' : ''
      }${onStage ? ' fw-loop--stage' : ''}`}
      aria-labelledby={titleId}
      aria-describedby={descriptionId}
      data-variant={variant}
      data-week={week}
    >
      <figcaption id={titleId} className="fw-loop__caption">
        <span className="fw-loop__caption-title">{title}</span>
        <span className="fw-loop__caption-week">week {week}</span>
        {leadingLoop ? (
          <span className="fw-loop__caption-leading" data-testid="leading-loop">
            leading loop: {leadingLoop.label}
          </span>
        ) : null}
      </figcaption>
      {onStage ? (
        <div ref={stageBoxRef} className="fw-loop__stage-box">
          {svg}
        </div>
      ) : (
        svg
      )}
      <LoopLegend reducedMotion={reducedMotion} />
      <p id={descriptionId} className="fw-loop__sr-only">
        {frame.description}
      </p>
    </figure>
  );
}
