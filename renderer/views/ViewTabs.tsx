/** The tab bar over the results: one tab per view of registry.ts (hidden while there is one). */
import type { KeyboardEvent, ReactElement } from 'react';
import { useStore } from 'zustand';
import { uiStore } from '../state/ui';
import { VIEWS, viewById } from './registry';

export function ViewTabs(): ReactElement | null {
  const current = useStore(uiStore, (s) => viewById(s.view).id);
  if (VIEWS.length < 2) return null;
  const select = (id: string): void => uiStore.getState().setView(id);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    const i = VIEWS.findIndex((v) => v.id === current);
    const next = VIEWS[(i + (event.key === 'ArrowRight' ? 1 : VIEWS.length - 1)) % VIEWS.length]!;
    event.preventDefault();
    select(next.id);
    document.getElementById(`view-tab-${next.id}`)?.focus();
  };
  return (
    <div className="fw-view-tabs" role="tablist" aria-label="Views" onKeyDown={onKeyDown}>
      {VIEWS.map((v, i) => (
        <button
          key={v.id}
          id={`view-tab-${v.id}`}
          type="button"
          role="tab"
          className="fw-view-tabs__tab"
          aria-selected={v.id === current}
          aria-controls="view-panel"
          tabIndex={v.id === current ? 0 : -1}
          title={`${v.description} (Alt+${i + 1})`}
          aria-keyshortcuts={`Alt+${i + 1}`}
          data-testid={`view-tab-${v.id}`}
          onClick={() => select(v.id)}
        >
          {v.label}
        </button>
      ))}
    </div>
  );
}

/** The current view, in the tab panel the tabs control. */
export function CurrentView(): ReactElement {
  const view = useStore(uiStore, (s) => viewById(s.view));
  const View = view.component;
  return (
    <div
      id="view-panel"
      role={VIEWS.length > 1 ? 'tabpanel' : undefined}
      aria-labelledby={VIEWS.length > 1 ? `view-tab-${view.id}` : undefined}
      data-testid={`view-${view.id}`}
    >
      <View />
    </div>
  );
}
