/**
 * The presenter's view of the presentation: a PresenterSnapshot built from the stage's stores
 * (pure), and the audience side's link to the presenter's window (publishes a snapshot on every
 * change: step, blank screen, with/without, results or captions, start, and the end with
 * active: false; applies the commands that come back through the same actions as the stage's
 * own keys).
 */
import { renderStep, storyOf, type Story, type StoryShow } from '../../simulation/story';
import type { Scenario } from '../../simulation';
import {
  MAX_PRESENTER_TEXT_CHARS,
  type FlywheelBridge,
  type PresenterSnapshot,
} from '../bridge/contract';
import type { ComparisonResult } from '../engine/client';
import { resultsStore } from '../state/results';
import { workspaceStore } from '../state/workspace';
import { actionOfCommand, performPresentAction } from './actions';
import { effectiveShow, presentStore, type PresentState } from './store';

/** Text cut to what a snapshot may carry. */
function fit(text: string): string {
  return text.length <= MAX_PRESENTER_TEXT_CHARS
    ? text
    : `${text.slice(0, MAX_PRESENTER_TEXT_CHARS - 1)}…`;
}

/**
 * A step's texts rendered with the results for what the stage shows (W may show the other run),
 * or its templates' words while none are computed.
 */
function stepTexts(
  story: Story,
  index: number,
  comparison: ComparisonResult | null,
  shown?: StoryShow,
) {
  const step = story.steps[index]!;
  if (!comparison) return { title: step.title, caption: '', notes: '' };
  const texts = renderStep(step, comparison, shown ?? step.show);
  return { title: texts.title.text, caption: texts.caption.text, notes: texts.notes.text };
}

export function presenterSnapshot(
  present: Pick<PresentState, 'active' | 'stepIndex' | 'blanked' | 'showOverride' | 'startedAtMs'>,
  scenario: Pick<Scenario, 'story'>,
  comparison: ComparisonResult | null,
): PresenterSnapshot {
  const story = storyOf(scenario);
  const count = story.steps.length;
  const index = Math.max(0, Math.min(present.stepIndex, count - 1));
  const show = effectiveShow(story.steps[index]!.show, present.showOverride);
  const current = stepTexts(story, index, comparison, show);
  const next = index + 1 < count ? stepTexts(story, index + 1, comparison) : null;
  return {
    active: present.active,
    storyTitle: fit(story.title),
    index,
    count,
    startedAtMs: Math.max(0, Math.round(present.startedAtMs)),
    blanked: present.blanked,
    show,
    current: {
      title: fit(current.title),
      caption: fit(current.caption),
      notes: fit(current.notes),
    },
    next: next ? { title: fit(next.title), caption: fit(next.caption) } : null,
  };
}

/** The snapshot of the stores as they are now. */
export function currentSnapshot(): PresenterSnapshot {
  return presenterSnapshot(
    presentStore.getState(),
    workspaceStore.getState().scenario,
    resultsStore.getState().comparison,
  );
}

/**
 * Audience side: publishes a snapshot whenever what the presenter sees changes while a
 * presentation runs, and one with active: false when it ends; applies the presenter window's
 * commands. Returns a function that disconnects.
 */
export function connectPresenterLink(
  bridge: Pick<FlywheelBridge, 'publishPresenterState' | 'onPresenterCommand'>,
): () => void {
  let last: string | null = null;
  let wasActive = false;
  const publish = (): void => {
    const active = presentStore.getState().active;
    if (!active && !wasActive) return;
    wasActive = active;
    const snapshot = currentSnapshot();
    const text = JSON.stringify(snapshot);
    if (text === last) return;
    last = text;
    bridge.publishPresenterState(snapshot);
  };
  const unsubscribe = [
    presentStore.subscribe(publish),
    workspaceStore.subscribe((s, prev) => {
      if (s.scenario !== prev.scenario) publish();
    }),
    resultsStore.subscribe((s, prev) => {
      if (s.comparison !== prev.comparison) publish();
    }),
    bridge.onPresenterCommand((command) => performPresentAction(actionOfCommand(command))),
  ];
  return () => {
    for (const u of unsubscribe) u();
  };
}
