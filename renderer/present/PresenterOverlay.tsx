/**
 * The presenter's view on stage (P), for one window: the presenter contents over the stage, and
 * a button that opens them in a window of their own (a clear notice when that fails, e.g. a
 * blocked pop-up). Only the presenter should toggle it on.
 */
import { useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { getBridge } from '../bridge/runtime';
import { resultsStore } from '../state/results';
import { workspaceStore } from '../state/workspace';
import { PresenterContents, PRESENTER_KEYS } from './PresenterContents';
import { presenterSnapshot } from './snapshot';
import { presentStore } from './store';

export function PresenterOverlay(): ReactElement {
  const present = useStore(presentStore);
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const comparison = useStore(resultsStore, (s) => s.comparison);
  const [notice, setNotice] = useState<string | null>(null);
  const snapshot = presenterSnapshot(present, scenario, comparison);
  const openWindow = (): void => {
    setNotice(null);
    void getBridge()
      .openPresenterView()
      .then(
        (result) => {
          if (!result.ok) setNotice(result.error.message);
          else if (result.value.placement === 'none')
            setNotice('There is no second display: the presenter view stays here (P hides it).');
          else presentStore.getState().togglePresenter();
        },
        (error: unknown) => setNotice(`The presenter window did not open: ${String(error)}`),
      );
  };
  return (
    <aside className="fw-present__presenter" data-testid="presenter" aria-label="Presenter view">
      <PresenterContents snapshot={snapshot} keys={`${PRESENTER_KEYS} · P hide`} />
      <button
        type="button"
        className="fw-button"
        data-testid="presenter-open-window"
        onClick={openWindow}
      >
        Open in a separate window
      </button>
      {notice ? (
        <p className="fw-present__presenter-notice" role="alert" data-testid="presenter-notice">
          {notice}
        </p>
      ) : null}
    </aside>
  );
}
