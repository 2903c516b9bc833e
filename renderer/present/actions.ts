/**
 * What the stage does for each of its actions, whether the key was pressed on stage or in the
 * presenter's window (a PresenterCommand): one code path, keys -> action -> the stores.
 */
import type { PresenterCommand } from '../bridge/contract';
import { storyOf } from '../../simulation/story';
import { THEMES, uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import type { PresentKeyAction } from './keys';
import { stopPresentation } from './session';
import { presentStore } from './store';

/** Applies an action to the presentation in progress (nothing when none is). */
export function performPresentAction(action: PresentKeyAction): void {
  const present = presentStore.getState();
  if (!present.active) return;
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

/** A command from the presenter's window as the stage's own action. */
export function actionOfCommand(command: PresenterCommand): PresentKeyAction {
  return command.action === 'jump'
    ? { kind: 'jump', index: command.index }
    : { kind: command.action };
}

/**
 * A key's action as a command for the audience window, or null for one that only concerns the
 * presenter's own window (P toggles the overlay on stage; the presenter window is the overlay).
 */
export function commandOfAction(action: PresentKeyAction): PresenterCommand | null {
  if (action.kind === 'presenter') return null;
  return action.kind === 'jump' ? { action: 'jump', index: action.index } : { action: action.kind };
}
