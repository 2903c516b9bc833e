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
import { isTextEntry } from '../state/keyboard';
import { resultsStore } from '../state/results';
import { THEMES, uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { isEnterPresentationKey, presentKeyAction } from './keys';
import { PresenterOverlay } from './PresenterOverlay';
import { onFullscreenChange, startPresentation, stopPresentation } from './session';
import { StageStep } from './StageStep';
import { effectiveShow, presentStore } from './store';
import './present.css';

function onKeyDown(event: KeyboardEvent): void {
  const target = event.target instanceof HTMLElement ? event.target : null;
  const present = presentStore.getState();
  if (!present.active) {
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
  const story = storyOf(workspaceStore.getState().scenario);
  const count = story.steps.length;
  const step = story.steps[Math.min(present.stepIndex, count - 1)]!;
  switch (action.kind) {
    case 'next':
      return present.next(count);
    case 'previous':
      return present.previous(count);
    case 'first':
      return present.goTo(0, count);
    case 'last':
      return present.goTo(count - 1, count);
    case 'jump':
      return present.goTo(action.index, count);
    case 'blank':
      return present.toggleBlank();
    case 'flip':
      return present.flip(step.show);
    case 'split':
      return present.toggleSplit(step.show);
    case 'presenter':
      return present.togglePresenter();
    case 'theme': {
      const ui = uiStore.getState();
      return ui.setTheme(THEMES[(THEMES.indexOf(ui.theme) + 1) % THEMES.length]!);
    }
    case 'exit':
      return stopPresentation();
  }
}

function usePresentationKeys(): void {
  useEffect(() => {
    window.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('fullscreenchange', onFullscreenChange);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('fullscreenchange', onFullscreenChange);
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
      className={`fw-present fw-present--${step.view}`}
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
      {presenterOpen ? (
        <PresenterOverlay story={story} index={index} comparison={comparison} />
      ) : null}
    </div>
  );
}

export function PresentStage(): ReactElement | null {
  usePresentationKeys();
  const active = useStore(presentStore, (s) => s.active);
  if (!active) return null;
  return createPortal(<Stage />, document.body);
}
