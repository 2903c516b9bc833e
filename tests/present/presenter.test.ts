/**
 * The presenter's side of a presentation, without a browser: the snapshot built from the stage's
 * stores (texts rendered by the engine's results, valid for the contract's schema), keys and
 * commands mapping onto the same actions, and the audience side's link (publishes on every change,
 * once per change, ends with active: false, applies the presenter's commands).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { compareWithWithout, withPreset } from '../../simulation';
import { BUILT_IN_STORY, renderStep } from '../../simulation/story';
import {
  PRESENTER_ACTIONS,
  presenterSnapshotSchema,
  type PresenterCommand,
  type PresenterSnapshot,
} from '../../renderer/bridge/contract';
import { actionOfCommand, commandOfAction } from '../../renderer/present/actions';
import { presentKeyAction } from '../../renderer/present/keys';
import { connectPresenterLink, presenterSnapshot } from '../../renderer/present/snapshot';
import { presentStore } from '../../renderer/present/store';
import { stageStateText } from '../../renderer/present/PresenterContents';
import { resultsStore } from '../../renderer/state/results';
import { workspaceStore } from '../../renderer/state/workspace';

const scenario = withPreset();
const comparison = compareWithWithout(scenario, { backend: 'interpreter' });
const steps = BUILT_IN_STORY.steps;
const idle = { active: true, stepIndex: 0, blanked: false, showOverride: null, startedAtMs: 1000 };

describe('presenter snapshot', () => {
  it('carries the current and next step as the engine renders them', () => {
    // The 'ai' step (after the title slide and two loop steps).
    const s = presenterSnapshot({ ...idle, stepIndex: 3 }, scenario, comparison);
    const current = renderStep(steps[3]!, comparison);
    const next = renderStep(steps[4]!, comparison);
    expect(s).toEqual({
      active: true,
      storyTitle: BUILT_IN_STORY.title,
      index: 3,
      count: steps.length,
      startedAtMs: 1000,
      blanked: false,
      show: steps[3]!.show,
      current: {
        title: current.title.text,
        caption: current.caption.text,
        notes: current.notes.text,
      },
      next: { title: next.title.text, caption: next.caption.text },
    });
    // The step's caption carries the engine's first deployment week.
    const firstAi = comparison.runs[0]!.kpis.firstAiDeploymentWeek!;
    expect(s.current.caption).toMatch(new RegExp(`week ${firstAi}\\b`));
    expect(presenterSnapshotSchema.safeParse(s).success).toBe(true);
  });

  it('has no next step at the end; shows the W/S override and the blank screen', () => {
    const last = steps.length - 1;
    const s = presenterSnapshot(
      { ...idle, stepIndex: last, blanked: true, showOverride: 'without' },
      scenario,
      comparison,
    );
    expect(s.next).toBe(null);
    expect(s.show).toBe('without');
    expect(s.blanked).toBe(true);
    expect(stageStateText(s)).toMatch(/blanked/);
    expect(stageStateText({ blanked: false, show: 'both' })).toBe(
      'Showing with and without, side by side',
    );
    expect(presenterSnapshotSchema.safeParse(s).success).toBe(true);
  });

  it('cuts texts to what the contract carries, and shows titles while nothing is computed', () => {
    const notes = 'n'.repeat(4000) + ' {with.activeUsers}';
    const story = { ...BUILT_IN_STORY, steps: [{ ...steps[0]!, notes }, steps[1]!] };
    const s = presenterSnapshot(idle, { story }, comparison);
    expect(s.current.notes.length).toBe(4000);
    expect(s.current.notes.endsWith('…')).toBe(true);
    expect(presenterSnapshotSchema.safeParse(s).success).toBe(true);
    const waiting = presenterSnapshot(idle, scenario, null);
    expect(waiting.current).toEqual({ title: steps[0]!.title, caption: '', notes: '' });
  });
});

describe('keys and commands', () => {
  it('map one to one onto the stage’s actions', () => {
    for (const action of PRESENTER_ACTIONS) {
      const command: PresenterCommand = { action };
      expect(commandOfAction(actionOfCommand(command))).toEqual(command);
    }
    expect(actionOfCommand({ action: 'jump', index: 4 })).toEqual({ kind: 'jump', index: 4 });
    expect(commandOfAction({ kind: 'presenter' })).toBe(null);
    const press = (key: string) =>
      presentKeyAction(
        { key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false },
        null,
      );
    expect(commandOfAction(press('PageDown')!)).toEqual({ action: 'next' });
    expect(commandOfAction(press('b')!)).toEqual({ action: 'blank' });
    expect(commandOfAction(press('Escape')!)).toEqual({ action: 'exit' });
    expect(commandOfAction(press('3')!)).toEqual({ action: 'jump', index: 2 });
  });
});

describe('audience link', () => {
  let disconnect: (() => void) | null = null;
  afterEach(() => {
    disconnect?.();
    presentStore.getState().exit();
  });

  it('publishes each change once, the end with active: false, and applies commands', () => {
    const published: PresenterSnapshot[] = [];
    let send: ((c: PresenterCommand) => void) | null = null;
    disconnect = connectPresenterLink({
      publishPresenterState: (s) => published.push(s),
      onPresenterCommand: (listener) => {
        send = listener;
        return () => (send = null);
      },
    });
    resultsStore.setState({ comparison });
    expect(published).toHaveLength(0); // nothing before a presentation starts
    presentStore.getState().enter(null, 5000, 0);
    expect(published.map((s) => [s.active, s.index])).toEqual([[true, 0]]);
    send!({ action: 'next' });
    expect(presentStore.getState().stepIndex).toBe(1);
    expect(published.at(-1)).toMatchObject({ index: 1, startedAtMs: 5000 });
    send!({ action: 'blank' });
    expect(published.at(-1)!.blanked).toBe(true);
    send!({ action: 'jump', index: 7 });
    expect(published.at(-1)).toMatchObject({ index: 7, blanked: false, show: 'both' });
    send!({ action: 'flip' });
    expect(published.at(-1)!.show).toBe('with');
    const count = published.length;
    // A change that does not alter what the presenter sees publishes nothing.
    presentStore.setState({ presenterOpen: true });
    expect(published).toHaveLength(count);
    // The story's title edited during the presentation reaches the presenter.
    workspaceStore
      .getState()
      .edit((d) => void (d.story = { ...BUILT_IN_STORY, title: 'Live' }), { label: 'title' });
    expect(published.at(-1)!.storyTitle).toBe('Live');
    workspaceStore.getState().undo();
    presentStore.getState().exit();
    expect(published.at(-1)).toMatchObject({ active: false });
    const ended = published.length;
    send!({ action: 'next' }); // no presentation: nothing happens
    expect(presentStore.getState().active).toBe(false);
    expect(published).toHaveLength(ended);
    for (const s of published) expect(presenterSnapshotSchema.safeParse(s).success).toBe(true);
  });
});
