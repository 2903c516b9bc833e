/** The five-step loop view: frame building (pure), layout, particles and the React components. */
export type {
  LoopArc,
  LoopCell,
  LoopFrame,
  LoopItem,
  LoopStep,
  LoopStepId,
  ItemStatus,
  Tone,
} from './types';
export { LOOP_STEP_IDS, MAX_INTENSITY } from './types';
export { buildLoopFrame } from './frame';
export { buildArcs, arcScales, arcFlowsAt, ARC_SPECS } from './flows';
export { layoutLoop, cardHeight, pointOnArc, type LoopLayout, type ArcGeometry } from './layout';
export { ParticleField, arcMotion, PARTICLES, type ArcMotion } from './particles';
export {
  LoopView,
  compactStep,
  COMPACT_BELOW_PX,
  type LoopDetail,
  type LoopViewProps,
  type LoopVariant,
} from './LoopView';
export { LoopPair, type LoopPairProps, type LoopPairMode } from './LoopPair';
export type { ParticleFrameInfo } from './ParticleLayer';
export {
  stageScale,
  STAGE_MIN_TEXT,
  STAGE_REFERENCE_HEIGHT_PX,
  STAGE_TARGET_TEXT_PX,
} from './stage';
export { useSize, type Size } from './useSize';
