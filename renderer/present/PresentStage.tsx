/**
 * Workshop mode: the stage over the whole window (a portal above the inert workspace). Shows the
 * story's current step: its view (loop, charts, split loops or the what-if), at its week, for
 * the scenario it chooses, with the caption rendered from the engine's results. Keyboard: see
 * keys.ts. Mounted once by the app; renders nothing until a presentation starts.
 */
import { useEffect, type ReactElement } from 'react';
import { createPortal } from 'react-dom';
import { useStore } from 'zustand';
import { storyOf } from '../../simulation/story';
import { getBridge } from '../bridge/runtime';
import { isTextEntry } from '../state/keyboard';
import { resultsStore } from '../state/results';
import { workspaceStore } from '../state/workspace';
import { performPresentAction } from './actions';
import { isEnterPresentationKey, presentKeyAction } from './keys';
import { PresenterOverlay } from './PresenterOverlay';
import { onFullscreenChange, startPresentation } from './session';
import { connectPresenterLink } from './snapshot';
import { StageStep } from './StageStep';
import { effectiveShow, presentStore } from './store';
import './present.css';

function onKeyDown(event: KeyboardEvent): void {
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (!presentStore.getState().active) {
    if (isEnterPresentationKey(event) && !isTextEntry(target)) {
      event.preventDefault();
      startPresentation();
    }
    return;
  }
  const action = presentKeyAction(event, target);
  if (!action) return;
  event.preventDefault();
  event.stopPropagation();
  performPresentAction(action);
}

/** The stage's keys, full-screen changes and the link to the presenter's window. */
function usePresentationKeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    const disconnect = connectPresenterLink(getBridge());
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
      disconnect();
    };
  }, []);
}

function Progress({ index, count }: { index: number; count: number }): ReactElement {
  return (
    <div
      className="fw-present__progress"
      data-testid="present-progress"
      aria-label={`Step ${index + 1} of ${count}`}
    >
      {Array.from({ length: count }, (_, i) => (
        <span key={i} className={`fw-present__pip${i === index ? ' is-current' : ''}`} />
      ))}
      <span className="fw-present__count">
        {index + 1} / {count}
      </span>
    </div>
  );
}

function Stage(): ReactElement {
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const revision = useStore(resultsStore, (s) => s.revision);
  const stepIndex = useStore(presentStore, (s) => s.stepIndex);
  const blanked = useStore(presentStore, (s) => s.blanked);
  const override = useStore(presentStore, (s) => s.showOverride);
  const presenterOpen = useStore(presentStore, (s) => s.presenterOpen);
  const story = storyOf(scenario);
  const index = Math.min(stepIndex, story.steps.length - 1);
  const step = story.steps[index]!;
  const show = effectiveShow(step.show, override);
  return (
    <div
      className={`fw-present fw-present--${step.view}${presenterOpen && !blanked ? ' fw-present--presenter' : ''}`}
      role="dialog"
      aria-modal="true"
      aria-label={`Presentation: ${story.title || 'story'}, step ${index + 1} of ${story.steps.length}`}
      data-testid="present"
      data-step={step.id}
      data-step-index={index}
      data-show={show}
      data-revision={revision}
    >
      {blanked ? (
        <div className="fw-present__blank" data-testid="present-blank" />
      ) : comparison ? (
        <StageStep
          step={step}
          show={show}
          comparison={comparison}
          scenario={scenario}
          story={story}
        />
      ) : (
        <p className="fw-present__caption" role="status">
          Computing…
        </p>
      )}
      {blanked ? null : <Progress index={index} count={story.steps.length} />}
      {presenterOpen ? <PresenterOverlay /> : null}
    </div>
  );
}

export function PresentStage(): ReactElement | null {
  usePresentationKeys();
  const active = useStore(presentStore, (s) => s.active);
  if (!active) return null;
  return createPortal(<Stage />, document.body);
}
