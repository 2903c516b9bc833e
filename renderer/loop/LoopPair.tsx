/** Both loops side by side, or one of them, on one shared scale (see buildLoopFrame). */
import type { ReactElement } from 'react';
import type { AnimationClock } from '../animation/clock';
import { LoopView, type LeadingLoopMark, type LoopDetail, type LoopVariant } from './LoopView';
import type { ParticleFrameInfo } from './ParticleLayer';
import type { LoopFrame, LoopStepId } from './types';

export type LoopPairMode = 'side-by-side' | 'with' | 'without';

export interface LoopPairProps {
  /** `without` is null when the scenario has no data products to take away. */
  frames: { with: LoopFrame; without: LoopFrame | null };
  mode: LoopPairMode;
  reducedMotion: boolean;
  highlight?: LoopStepId | null;
  onSelectStep?: (id: LoopStepId) => void;
  titles?: { with: string; without: string };
  clock?: AnimationClock;
  particleDensity?: number;
  /** Card detail (see LoopView); automatic by default. */
  detail?: LoopDetail;
  /** Presentation scale of both loops (see LoopView); unset off stage. */
  presentationScale?: number;
  /** The week's leading loop of each run, drawn on its ring (null: none shown). */
  leadingLoops?: { with: LeadingLoopMark | null; without: LeadingLoopMark | null } | null;
  /** Called after every particle frame of each loop (benchmarks). */
  onParticleFrame?: (variant: LoopVariant, info: ParticleFrameInfo) => void;
}

const DEFAULT_TITLES = { with: 'With data products', without: 'Without data products' };

export function LoopPair({
  frames,
  mode,
  reducedMotion,
  highlight = null,
  onSelectStep,
  titles = DEFAULT_TITLES,
  clock,
  particleDensity,
  onParticleFrame,
  detail,
  presentationScale,
  leadingLoops = null,
}: LoopPairProps): ReactElement {
  const frameReporter = (variant: LoopVariant) =>
    onParticleFrame
      ? { onParticleFrame: (info: ParticleFrameInfo) => onParticleFrame(variant, info) }
      : {};
  const shared = {
    reducedMotion,
    highlight,
    ...(onSelectStep ? { onSelectStep } : {}),
    ...(clock ? { clock } : {}),
    ...(particleDensity !== undefined ? { particleDensity } : {}),
    ...(detail !== undefined ? { detail } : {}),
    ...(presentationScale !== undefined ? { presentationScale } : {}),
  };
  const showWith = mode !== 'without' || frames.without === null;
  const showWithout = mode !== 'with' && frames.without !== null;
  const both = showWith && showWithout;
  return (
    <div className={`fw-loop-pair${both ? ' fw-loop-pair--two' : ''}`} data-mode={mode}>
      {showWith ? (
        <LoopView
          frame={frames.with}
          title={titles.with}
          variant="with"
          particleSeed={1}
          leadingLoop={leadingLoops?.with ?? null}
          {...shared}
          {...frameReporter('with')}
        />
      ) : null}
      {showWithout && frames.without ? (
        <LoopView
          frame={frames.without}
          title={titles.without}
          variant="without"
          particleSeed={2}
          leadingLoop={leadingLoops?.without ?? null}
          {...shared}
          {...frameReporter('without')}
        />
      ) : null}
    </div>
  );
}
