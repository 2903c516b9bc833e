/** The presentation store and the stage's keys, without a browser. */
import { describe, expect, it } from 'vitest';
import { isEnterPresentationKey, presentKeyAction } from '../../renderer/present/keys';
import { formatElapsed } from '../../renderer/present/PresenterContents';
import { createPresentStore, effectiveShow } from '../../renderer/present/store';
import { pinnedFields } from '../../renderer/present/pins';
import { withPreset } from '../../simulation';
import { BUILT_IN_STORY } from '../../simulation/story';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('present store', () => {
  const snapshot = {
    scroll: [{ selector: ':root', top: 120, left: 0 }],
    playbackPosition: 40,
    playing: true,
  };

  it('enters at a step, moves within the story and hands back the snapshot on exit', () => {
    const s = createPresentStore();
    s.getState().enter(snapshot, 1000);
    expect(s.getState()).toMatchObject({ active: true, stepIndex: 0, startedAtMs: 1000 });
    s.getState().previous(8);
    expect(s.getState().stepIndex).toBe(0);
    s.getState().next(8);
    s.getState().next(8);
    expect(s.getState().stepIndex).toBe(2);
    s.getState().goTo(99, 8);
    expect(s.getState().stepIndex).toBe(7);
    s.getState().next(8);
    expect(s.getState().stepIndex).toBe(7);
    expect(s.getState().exit()).toBe(snapshot);
    expect(s.getState().active).toBe(false);
    expect(s.getState().exit()).toBe(null);
  });

  it('W flips with/without, S splits; moving on clears the override and the blank screen', () => {
    const s = createPresentStore();
    s.getState().enter(null, 0);
    s.getState().flip('with');
    expect(effectiveShow('with', s.getState().showOverride)).toBe('without');
    s.getState().flip('with');
    expect(effectiveShow('with', s.getState().showOverride)).toBe('with');
    s.getState().toggleSplit('with');
    expect(effectiveShow('with', s.getState().showOverride)).toBe('both');
    s.getState().toggleSplit('with');
    expect(effectiveShow('with', s.getState().showOverride)).toBe('with');
    s.getState().next(8); // a step that shows both: W shows one, with first
    s.getState().flip('both');
    expect(effectiveShow('both', s.getState().showOverride)).toBe('with');
    s.getState().toggleBlank();
    expect(s.getState().blanked).toBe(true);
    s.getState().next(8);
    expect(s.getState()).toMatchObject({ blanked: false, showOverride: null, stepIndex: 2 });
  });
});

describe('stage keys', () => {
  const none = null;
  it('map clicker and keyboard keys', () => {
    for (const k of ['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Enter']) {
      expect(presentKeyAction(key(k), none)).toEqual({ kind: 'next' });
    }
    for (const k of ['ArrowLeft', 'ArrowUp', 'PageUp', 'Backspace']) {
      expect(presentKeyAction(key(k), none)).toEqual({ kind: 'previous' });
    }
    expect(presentKeyAction(key('Home'), none)).toEqual({ kind: 'first' });
    expect(presentKeyAction(key('End'), none)).toEqual({ kind: 'last' });
    expect(presentKeyAction(key('4'), none)).toEqual({ kind: 'jump', index: 3 });
    expect(presentKeyAction(key('0'), none)).toEqual({ kind: 'jump', index: 9 });
    expect(presentKeyAction(key('B'), none)).toEqual({ kind: 'blank' });
    expect(presentKeyAction(key('w'), none)).toEqual({ kind: 'flip' });
    expect(presentKeyAction(key('s'), none)).toEqual({ kind: 'split' });
    expect(presentKeyAction(key('p'), none)).toEqual({ kind: 'presenter' });
    expect(presentKeyAction(key('Escape'), none)).toEqual({ kind: 'exit' });
    expect(presentKeyAction(key('z', { ctrlKey: true }), none)).toBe(null);
  });

  it('leave a focused slider its own keys, and text fields everything but Escape', () => {
    const slider = { tagName: 'INPUT', type: 'range' };
    expect(presentKeyAction(key('ArrowRight'), slider)).toBe(null);
    expect(presentKeyAction(key('PageDown'), slider)).toBe(null);
    expect(presentKeyAction(key(' '), slider)).toEqual({ kind: 'next' });
    const text = { tagName: 'TEXTAREA' };
    expect(presentKeyAction(key('w'), text)).toBe(null);
    expect(presentKeyAction(key('Escape'), text)).toEqual({ kind: 'exit' });
  });

  it('F5 enters, not with modifiers (Ctrl+F5 reloads)', () => {
    expect(isEnterPresentationKey(key('F5'))).toBe(true);
    expect(isEnterPresentationKey(key('F5', { ctrlKey: true }))).toBe(false);
  });
});

describe('presenter and pins', () => {
  it('elapsed time reads as m:ss, then h:mm:ss', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(65_400)).toBe('1:05');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });

  it('pins resolve to the workspace fields, skipping what the scenario lacks', () => {
    const scenario = withPreset();
    const fields = pinnedFields(BUILT_IN_STORY, scenario);
    expect(fields.map((f) => f.field.key)).toEqual([
      'dataProducts[0].maturity.quality',
      'parameters.baseChurnPerWeek',
      'parameters.learningCurveExponent',
    ]);
    expect(fields[0]!.owner).toBe('Customer 360');
    const withoutCustomer360 = {
      ...scenario,
      dataProducts: scenario.dataProducts.slice(1),
      aiConsumers: [],
    };
    expect(pinnedFields(BUILT_IN_STORY, withoutCustomer360).map((f) => f.field.key)).toEqual([
      'parameters.baseChurnPerWeek',
      'parameters.learningCurveExponent',
    ]);
  });
});
