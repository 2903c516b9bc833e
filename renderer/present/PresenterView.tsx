/**
 * The presenter's own window (the app opened at `#presenter`): the presenter contents from the
 * audience window's snapshots, and the stage's keys (keys.ts) sent back as commands, so a
 * clicker pointed at this window drives the stage. Says so while no presentation runs, and when
 * it has ended.
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { FlywheelBridge, PresenterSnapshot } from '../bridge/contract';
import { commandOfAction } from './actions';
import { presentKeyAction } from './keys';
import { PresenterContents } from './PresenterContents';

type PresenterBridge = Pick<FlywheelBridge, 'onPresenterState' | 'sendPresenterCommand'>;

function useSnapshots(bridge: PresenterBridge): PresenterSnapshot | null {
  const [snapshot, setSnapshot] = useState<PresenterSnapshot | null>(null);
  useEffect(() => bridge.onPresenterState(setSnapshot), [bridge]);
  return snapshot;
}

function useCommandKeys(bridge: PresenterBridge, active: boolean): void {
  useEffect(() => {
    if (!active) return undefined;
    const onKeyDown = (event: KeyboardEvent): void => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const action = presentKeyAction(event, target);
      const command = action ? commandOfAction(action) : null;
      if (!command) return;
      event.preventDefault();
      bridge.sendPresenterCommand(command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [bridge, active]);
}

export function PresenterView({ bridge }: { bridge: PresenterBridge }): ReactElement {
  const snapshot = useSnapshots(bridge);
  const active = snapshot?.active === true;
  useCommandKeys(bridge, active);
  useEffect(() => {
    document.title = snapshot?.storyTitle
      ? `Presenter: ${snapshot.storyTitle} — Flywheel Lab`
      : 'Presenter — Flywheel Lab';
  }, [snapshot?.storyTitle]);
  return (
    <main className="fw-presenter-page" data-testid="presenter-page" data-active={active}>
      <header className="fw-presenter-page__head">
        <h1>{snapshot?.storyTitle || 'Presenter view'}</h1>
      </header>
      {snapshot === null ? (
        <p className="fw-presenter-page__message" role="status" data-testid="presenter-waiting">
          Waiting for the presentation: press Present (or F5) in the Flywheel Lab window.
        </p>
      ) : !snapshot.active ? (
        <p className="fw-presenter-page__message" role="status" data-testid="presenter-ended">
          The presentation has ended. Start it again from the Flywheel Lab window; this view
          follows.
        </p>
      ) : (
        <PresenterContents snapshot={snapshot} />
      )}
    </main>
  );
}
