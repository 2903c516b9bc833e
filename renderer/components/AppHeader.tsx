/**
 * The app bar: scenario and file name, unsaved marker, the document chrome (file buttons in the
 * browser, dialogs, notices, file drop: renderer/bridge), workshop mode, undo/redo, engine status
 * and theme.
 */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { DocumentChrome } from '../bridge';
import { ExportMenu } from '../export/ExportMenu';
import { ScenarioName } from '../compare/ScenarioName';
import { PresentButton } from '../present/PresentButton';
import { canRedo, canUndo } from '../state/history';
import { isComputing, resultsStore } from '../state/results';
import { THEMES, THEME_LABELS, uiStore, type Theme } from '../state/ui';
import { isDirty, workspaceStore } from '../state/workspace';

export function AppHeader(): ReactElement {
  const variant = useStore(workspaceStore, (s) => s.activeVariant);
  const fileName = useStore(workspaceStore, (s) => s.document.fileName);
  const dirty = useStore(workspaceStore, isDirty);
  const history = useStore(workspaceStore, (s) => s.history);
  const computing = useStore(resultsStore, isComputing);
  const error = useStore(resultsStore, (s) => s.error);
  const theme = useStore(uiStore, (s) => s.theme);
  const ws = workspaceStore.getState();
  const undoLabel = history.past[history.past.length - 1]?.label ?? history.pending?.label;
  const redoLabel = history.future[0]?.label;
  return (
    <header className="fw-header">
      <div className="fw-header__title">
        <h1 className="fw-brand">Flywheel Lab</h1>
        <p className="fw-header__doc">
          <ScenarioName />
          {variant !== null ? (
            <span className="fw-header__file" data-testid="header-variant">
              {' · variant ‘'}
              {variant}
              {'’'}
            </span>
          ) : null}
          <span className="fw-header__file">
            {' · '}
            {fileName}
            {dirty ? (
              <span className="fw-header__dirty" title="Unsaved changes" data-testid="dirty">
                {' '}
                (edited)
              </span>
            ) : null}
          </span>
        </p>
      </div>
      <p className="fw-header__status" role="status" aria-live="polite" data-testid="engine-status">
        {error ? `Engine error: ${error.message}` : computing ? 'Computing…' : ''}
      </p>
      <div className="fw-header__tools">
        <DocumentChrome />
        <ExportMenu />
        <PresentButton />
        <button
          type="button"
          className="fw-button"
          onClick={() => ws.undo()}
          disabled={!canUndo(history)}
          title={undoLabel ? `Undo: ${undoLabel} (Ctrl+Z)` : 'Nothing to undo'}
          aria-keyshortcuts="Control+Z Meta+Z"
          data-testid="undo"
        >
          Undo
        </button>
        <button
          type="button"
          className="fw-button"
          onClick={() => ws.redo()}
          disabled={!canRedo(history)}
          title={redoLabel ? `Redo: ${redoLabel} (Ctrl+Shift+Z)` : 'Nothing to redo'}
          aria-keyshortcuts="Control+Shift+Z Meta+Shift+Z Control+Y"
          data-testid="redo"
        >
          Redo
        </button>
        <label className="fw-header__theme">
          <span>Theme</span>
          <select
            value={theme}
            onChange={(e) => uiStore.getState().setTheme(e.currentTarget.value as Theme)}
            data-testid="theme"
          >
            {THEMES.map((t) => (
              <option key={t} value={t}>
                {THEME_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}
