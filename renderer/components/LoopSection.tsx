/**
 * Where the five-step loops live: a choice of side by side or one at a time, and the loop view
 * (engineer L's <LoopPair>) for the week on screen.
 */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { resultsStore } from '../state/results';
import { LOOP_MODES, LOOP_MODE_LABELS, uiStore } from '../state/ui';

function LoopSlot(): ReactElement {
  return (
    <div className="fw-loop-slot" data-testid="loop-slot" role="note">
      Loop view slot: the animated five-step loop (renderer/loop) mounts here.
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
      <LoopSlot />
    </section>
  );
}
