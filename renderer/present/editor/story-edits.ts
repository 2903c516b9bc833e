/**
 * Edits of the scenario's story as workspace edits: each is one undo step, validated by the
 * scenario schema (the same rules as a scenario file: names in captions, weeks within the
 * horizon, pins that name a parameter or an existing data product, at most MAX_PINNED). The first
 * edit of a scenario without a story copies the built-in one into it. Each returns null when
 * done, or the reason it was refused.
 */
import type { Scenario } from '../../../simulation';
import { BUILT_IN_STORY, MAX_PINNED, storyOf, type Story } from '../../../simulation/story';
import { workspaceStore, type WorkspaceStore } from '../../state/workspace';

/** The scenario's own story, created from the built-in one on the first edit. */
function ownStory(draft: Scenario): Story {
  if (!draft.story) draft.story = structuredClone(BUILT_IN_STORY);
  return draft.story;
}

export function editStory(
  label: string,
  recipe: (story: Story) => void,
  store: WorkspaceStore = workspaceStore,
): string | null {
  const ok = store.getState().edit((d) => void recipe(ownStory(d)), { label });
  return ok ? null : (store.getState().notice ?? 'not accepted');
}

const storyIn = (store: WorkspaceStore): Story => storyOf(store.getState().scenario);

export function setStoryTitle(
  title: string,
  store: WorkspaceStore = workspaceStore,
): string | null {
  return editStory('Story title', (s) => void (s.title = title.trim()), store);
}

/** The title slide's organisation or date ('' for none; the date then is the day presented). */
export function setStoryCover(
  field: 'organisation' | 'date',
  value: string,
  store: WorkspaceStore = workspaceStore,
): string | null {
  const label = field === 'organisation' ? 'Organisation' : 'Presentation date';
  return editStory(label, (s) => void (s[field] = value.trim()), store);
}

export function addPin(
  pin: string,
  label: string,
  store: WorkspaceStore = workspaceStore,
): string | null {
  const { pinned } = storyIn(store);
  if (pinned.includes(pin)) return `${label} is already pinned`;
  if (pinned.length >= MAX_PINNED) return `at most ${MAX_PINNED} sliders can be pinned`;
  return editStory(`Pin ${label}`, (s) => void s.pinned.push(pin), store);
}

export function removePin(
  index: number,
  label: string,
  store: WorkspaceStore = workspaceStore,
): string | null {
  return editStory(`Unpin ${label}`, (s) => void s.pinned.splice(index, 1), store);
}

/** Moves the pin at `index` one place up (-1) or down (+1); the stage shows them in this order. */
export function movePin(
  index: number,
  by: -1 | 1,
  label: string,
  store: WorkspaceStore = workspaceStore,
): string | null {
  const to = index + by;
  if (to < 0 || to >= storyIn(store).pinned.length) return `${label} cannot move further`;
  return editStory(
    `Move ${label} ${by < 0 ? 'up' : 'down'}`,
    (s) => void s.pinned.splice(to, 0, s.pinned.splice(index, 1)[0]!),
    store,
  );
}
