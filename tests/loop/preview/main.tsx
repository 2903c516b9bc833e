/**
 * Loop preview page (a test harness, not shipped): renders the loop pair for the scenario, week,
 * theme and mode given in the query string, and exposes `window.loopPreview` so a browser test
 * can move the week and read particle frame statistics.
 */
import { StrictMode, useEffect, useState, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { compareWithWithout } from '../../../simulation';
import { animationClock } from '../../../renderer/animation/clock';
import {
  buildLoopFrame,
  LoopPair,
  LOOP_STEP_IDS,
  type LoopDetail,
  type LoopPairMode,
  type LoopStepId,
  type ParticleFrameInfo,
} from '../../../renderer/loop';
import '../../../renderer/theme/theme.css';
import './preview.css';
import { previewScenario, type PreviewScenario } from './scenarios';

const params = new URLSearchParams(location.search);
const scenario = previewScenario((params.get('scenario') ?? 'default') as PreviewScenario);
const mode = (params.get('mode') ?? 'side-by-side') as LoopPairMode;
const reducedMotion = params.get('reduced') === '1';
const density = Number(params.get('density') ?? '1');
const highlightParam = params.get('highlight');
const detail = (params.get('detail') ?? 'auto') as LoopDetail;
const width = params.get('width');
const highlight = LOOP_STEP_IDS.find((id) => id === highlightParam) ?? null;
document.documentElement.dataset.theme = params.get('theme') ?? 'light';

const comparison = compareWithWithout(scenario, { backend: 'interpreter' });
const withRun = comparison.runs[0]!;
const withoutRun = comparison.runs[1] ?? null;

export interface PreviewStats {
  /** Frames seen by the first loop's particle layer, with their clock deltas. */
  frames: number;
  deltas: number[];
  /** Particle update time per frame, both loops together (ms). */
  updateMs: number[];
  particles: number;
}

const stats: PreviewStats = { frames: 0, deltas: [], updateMs: [], particles: 0 };
let pendingUpdate = 0;
let pendingParticles = 0;
function record(variant: 'with' | 'without', info: ParticleFrameInfo): void {
  pendingUpdate += info.updateMs;
  pendingParticles += info.particles;
  const last = withoutRun === null || mode !== 'side-by-side' || variant === 'without';
  if (!last) return;
  stats.frames++;
  stats.deltas.push(info.deltaMs);
  stats.updateMs.push(pendingUpdate);
  stats.particles = Math.max(stats.particles, pendingParticles);
  pendingUpdate = 0;
  pendingParticles = 0;
}

let setPointExternally: (k: number) => void = () => undefined;

declare global {
  interface Window {
    loopPreview: {
      setPoint(k: number): void;
      readonly points: number;
      readonly stats: PreviewStats;
      resetStats(): void;
      /** The app clock's time (ms): animation time, which stalls when frames are slow. */
      clockMs(): number;
    };
  }
}

window.loopPreview = {
  setPoint: (k) => setPointExternally(k),
  points: withRun.series.points,
  stats,
  clockMs: () => animationClock.now(),
  resetStats() {
    stats.frames = 0;
    stats.deltas.length = 0;
    stats.updateMs.length = 0;
    stats.particles = 0;
  },
};

function Preview(): ReactElement {
  const [point, setPoint] = useState(Number(params.get('week') ?? '80'));
  useEffect(() => {
    setPointExternally = setPoint;
  }, []);
  const frames = {
    with: buildLoopFrame(withRun, point, withRun),
    without: withoutRun ? buildLoopFrame(withoutRun, point, withRun) : null,
  };
  return (
    <main className={`preview${width ? ` preview--${width}` : ''}`} data-ready="true">
      <LoopPair
        frames={frames}
        mode={mode}
        reducedMotion={reducedMotion}
        particleDensity={density}
        highlight={highlight as LoopStepId | null}
        onParticleFrame={record}
        detail={detail}
      />
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Preview />
  </StrictMode>,
);
