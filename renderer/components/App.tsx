/** The workspace: the scenario panel beside the results (KPIs, loops, playback, charts). */
import { useEffect, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { BuiltinScenarioDialog } from '../builtin/BuiltinScenarioDialog';
import { DetailsPanel } from '../details/DetailsPanel';
import { StoryEditor } from '../present/editor/StoryEditor';
import { PresentStage } from '../present/PresentStage';
import { pinOnScreen } from '../compare/pin';
import { isPinShortcut, shortcutFor, viewShortcut } from '../state/keyboard';
import { uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { VIEWS } from '../views/registry';
import { CurrentView, ViewTabs } from '../views/ViewTabs';
import { AppHeader } from './AppHeader';
import { ScenarioPanel } from './ScenarioPanel';

function useGlobalShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const view = viewShortcut(event);
      if (view !== null && VIEWS[view]) {
        event.preventDefault();
        uiStore.getState().setView(VIEWS[view].id);
        return;
      }
      const target = event.target instanceof HTMLElement ? event.target : null;
      if (isPinShortcut(event, target)) {
        event.preventDefault();
        pinOnScreen();
        return;
      }
      const action = shortcutFor(event, target);
      if (!action) return;
      event.preventDefault();
      const ws = workspaceStore.getState();
      if (action === 'undo') ws.undo();
      else ws.redo();
    };
    // A gesture ended outside its slider still closes its undo step.
    const onPointerUp = (): void => workspaceStore.getState().endGesture();
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('pointerup', onPointerUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('pointerup', onPointerUp);
    };
  }, []);
}

function useThemeAndMotion(): void {
  const theme = useStore(uiStore, (s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    if (typeof window.matchMedia !== 'function') return;
    const query = window.matchMedia('(prefers-reduced-motion: reduce)');
    const onChange = (): void => uiStore.getState().setReducedMotion(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
}

export function App(): ReactElement {
  useGlobalShortcuts();
  useThemeAndMotion();
  return (
    <div className="fw-app">
      <a className="fw-skip" href="#results">
        Skip to results
      </a>
      <AppHeader />
      <PresentStage />
      <BuiltinScenarioDialog />
      <div className="fw-layout">
        <aside className="fw-layout__panel">
          <ScenarioPanel />
          <StoryEditor />
        </aside>
        <main className="fw-layout__main" id="results" tabIndex={-1} aria-label="Results">
          <ViewTabs />
          <CurrentView />
        </main>
        <DetailsPanel />
      </div>
    </div>
  );
}
