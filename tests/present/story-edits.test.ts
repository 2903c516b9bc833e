/**
 * The story editor's edits of the title and the pinned sliders, on a workspace store without a
 * browser: one undo step each, the built-in story copied on the first edit, the scenario's
 * validation (the file rules) refusing what a file could not hold, and the choices offered.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText, serializeScenario } from '../../simulation';
import { BUILT_IN_STORY, MAX_PINNED, pinnableNames, storyOf } from '../../simulation/story';
import { canUndo } from '../../renderer/state/history';
import { createWorkspaceStore } from '../../renderer/state/workspace';
import {
  addPin,
  movePin,
  removePin,
  setStoryTitle,
} from '../../renderer/present/editor/story-edits';
import { pinChoices, pinLabel, pinnedFields } from '../../renderer/present/pins';

const story = (store: ReturnType<typeof createWorkspaceStore>) =>
  storyOf(store.getState().scenario);

describe('story edits', () => {
  it('sets the title as one undo step, copying the built-in story on the first edit', () => {
    const store = createWorkspaceStore();
    expect(store.getState().scenario.story).toBeUndefined();
    expect(setStoryTitle('  Why data products pay  ', store)).toBe(null);
    const own = store.getState().scenario.story!;
    expect(own.title).toBe('Why data products pay');
    // The rest is the built-in story, copied (not shared).
    expect(own.steps).toEqual(BUILT_IN_STORY.steps);
    expect(own.pinned).toEqual(BUILT_IN_STORY.pinned);
    expect(own.steps).not.toBe(BUILT_IN_STORY.steps);
    expect(BUILT_IN_STORY.title).toBe('The data flywheel');
    expect(store.getState().history.past).toHaveLength(1);
    store.getState().undo();
    expect(store.getState().scenario.story).toBeUndefined();
    expect(canUndo(store.getState().history)).toBe(false);
  });

  it('refuses a title longer than a scenario file may hold, with the validator’s message', () => {
    const store = createWorkspaceStore();
    const message = setStoryTitle('x'.repeat(201), store);
    expect(message).toMatch(/at most 200 characters/);
    expect(store.getState().scenario.story).toBeUndefined();
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('adds, reorders and removes pins, one undo step each, and the file keeps them', () => {
    const store = createWorkspaceStore();
    const before = [...BUILT_IN_STORY.pinned];
    expect(addPin('parameters.marketSize', 'Market size', store)).toBe(null);
    expect(story(store).pinned).toEqual([...before, 'parameters.marketSize']);
    expect(movePin(3, -1, 'Market size', store)).toBe(null);
    expect(story(store).pinned).toEqual([before[0], before[1], 'parameters.marketSize', before[2]]);
    expect(removePin(0, 'Customer 360: Quality', store)).toBe(null);
    expect(story(store).pinned).toEqual([before[1], 'parameters.marketSize', before[2]]);
    expect(store.getState().history.past.map((e) => e.label)).toEqual([
      'Pin Market size',
      'Move Market size up',
      'Unpin Customer 360: Quality',
    ]);
    // Saved and read back as a file: the same pins in the same order.
    const read = parseScenarioText(serializeScenario(store.getState().scenario));
    expect(read.ok && read.scenario.story?.pinned).toEqual(story(store).pinned);
    // The stage shows them in this order.
    expect(pinnedFields(story(store), store.getState().scenario).map((p) => p.pin)).toEqual(
      story(store).pinned,
    );
    store.getState().undo();
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().scenario.story).toBeUndefined();
  });

  it('refuses a pin twice, a move past either end, a ninth pin and an unknown name', () => {
    const store = createWorkspaceStore();
    const first = BUILT_IN_STORY.pinned[0]!;
    expect(addPin(first, 'Quality', store)).toMatch(/already pinned/);
    expect(movePin(0, -1, 'Quality', store)).toMatch(/cannot move/);
    expect(movePin(BUILT_IN_STORY.pinned.length - 1, 1, 'Learning', store)).toMatch(/cannot move/);
    expect(store.getState().history.past).toHaveLength(0);
    // An unknown parameter reaches the validator (the same rules as a file) and is refused.
    expect(addPin('parameters.noSuchThing', 'No such thing', store)).toMatch(
      /no parameter is named "noSuchThing"/,
    );
    expect(store.getState().scenario.story).toBeUndefined();
    const names = pinnableNames(store.getState().scenario).filter(
      (n) => !BUILT_IN_STORY.pinned.includes(n),
    );
    for (const name of names.slice(0, MAX_PINNED - BUILT_IN_STORY.pinned.length))
      expect(addPin(name, name, store)).toBe(null);
    expect(story(store).pinned).toHaveLength(MAX_PINNED);
    expect(addPin(names[MAX_PINNED]!, 'one more', store)).toMatch(/at most 8/);
  });

  it('offers every registry parameter and product maturity not pinned yet, labelled and grouped', () => {
    const store = createWorkspaceStore();
    const scenario = store.getState().scenario;
    const choices = pinChoices(BUILT_IN_STORY, scenario);
    const all = pinnableNames(scenario);
    expect(choices.map((c) => c.pin)).toEqual(
      all.filter((n) => !BUILT_IN_STORY.pinned.includes(n)),
    );
    const quality2 = choices.find((c) => c.pin === 'dataProducts.product-catalog.maturity.quality');
    expect(quality2 && pinLabel(quality2)).toBe('Product catalog: Quality');
    expect(quality2?.group).toBe('Data product: Product catalog');
    const market = choices.find((c) => c.pin === 'parameters.marketSize');
    expect(market?.owner).toBe(null);
    expect(market?.field.label).toBeTruthy();
    // Four products with eight maturities each, and every parameter.
    expect(all.length).toBe(
      scenario.dataProducts.length * 8 + all.filter((n) => n.startsWith('parameters.')).length,
    );
  });
});
