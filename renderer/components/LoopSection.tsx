/**
 * Where the five-step loops live: a choice of side by side or one at a time, and the loop view
 * (renderer/loop's <LoopPair>) for the week on screen. Both loops are drawn on the `with` run's
 * scale, so the `without` loop looks weaker by as much as it is.
 */
import { useMemo, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { buildLoopFrame, LoopPair } from '../loop';
import { pointIndexOf, playbackStore } from '../state/playback';
import { resultsStore } from '../state/results';
import { selectRuns } from '../state/selectors';
import { LOOP_MODES, LOOP_MODE_LABELS, uiStore } from '../state/ui';
import { loopsStore } from '../state/loops';
import { leadingLoopMark } from '../loops/read';
import { detailsStore, STEP_METRICS } from '../details/store';

function Loops(): ReactElement {
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const pointIndex = useStore(playbackStore, pointIndexOf);
  const mode = useStore(uiStore, (s) => s.loopMode);
  const reducedMotion = useStore(uiStore, (s) => s.reducedMotion);
  const dominance = useStore(loopsStore, (s) => s.dominance);
  const leadingLoops = useMemo(() => {
    if (!dominance) return null;
    const [w, wo] = dominance.runs;
    return { with: leadingLoopMark(w, pointIndex), without: leadingLoopMark(wo, pointIndex) };
  }, [dominance, pointIndex]);
  const frames = useMemo(() => {
    const { withRun, withoutRun } = selectRuns(comparison);
    if (!withRun) return null;
    return {
      with: buildLoopFrame(withRun, pointIndex, withRun),
      without: withoutRun ? buildLoopFrame(withoutRun, pointIndex, withRun) : null,
    };
  }, [comparison, pointIndex]);
  if (!frames) {
    return (
      <p className="fw-empty" role="status">
        Computing the first run…
      </p>
    );
  }
  return (
    <div data-testid="loops">
      <LoopPair
        frames={frames}
        mode={mode}
        reducedMotion={reducedMotion}
        leadingLoops={leadingLoops}
        onSelectStep={(id) =>
          detailsStore
            .getState()
            .open(
              STEP_METRICS[id],
              document.activeElement instanceof HTMLElement ||
                document.activeElement instanceof SVGElement
                ? document.activeElement
                : null,
            )
        }
      />
    </div>
  );
}

export function LoopSection(): ReactElement {
  const mode = useStore(uiStore, (s) => s.loopMode);
  const hasWithout = useStore(resultsStore, (s) => (s.comparison?.runs.length ?? 0) > 1);
  return (
    <section className="fw-loop-section" aria-labelledby="loop-heading">
      <div className="fw-loop-section__head">
        <h2 id="loop-heading" className="fw-heading">
          The flywheel
        </h2>
        <div className="fw-segmented" role="radiogroup" aria-label="Show loops">
          {LOOP_MODES.map((m) => (
            <label key={m} className={`fw-segmented__option${mode === m ? ' is-selected' : ''}`}>
              <input
                type="radio"
                name="loop-mode"
                value={m}
                checked={mode === m}
                disabled={m !== 'with' && !hasWithout}
                onChange={() => uiStore.getState().setLoopMode(m)}
              />
              {LOOP_MODE_LABELS[m]}
            </label>
          ))}
        </div>
      </div>
      <Loops />
    </section>
  );
}
