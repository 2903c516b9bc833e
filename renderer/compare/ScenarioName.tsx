/**
 * The scenario's name in the header, edited in place (click, type, Enter): one undo step; saved
 * and exported files are named after it.
 */
import { useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { workspaceStore } from '../state/workspace';

export function ScenarioName(): ReactElement {
  const name = useStore(workspaceStore, (s) => s.doc.name);
  const [editing, setEditing] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const commit = (): void => {
    if (editing === null) return;
    const next = editing.trim();
    setEditing(null);
    if (next === name) return;
    if (next === '') {
      setProblem('A scenario needs a name.');
      return;
    }
    const ok = workspaceStore
      .getState()
      .setField({ path: ['name'], label: 'Scenario name' }, next, {
        label: `Rename the scenario to "${next}"`,
      });
    setProblem(ok ? null : (workspaceStore.getState().drafts.name?.message ?? 'not accepted'));
    if (!ok) workspaceStore.getState().clearDraft('name');
  };
  if (editing !== null)
    return (
      <input
        className="fw-scenario-name__input"
        aria-label="Scenario name"
        value={editing}
        maxLength={200}
        autoFocus
        data-testid="scenario-name-input"
        onChange={(e) => setEditing(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setEditing(null);
        }}
      />
    );
  return (
    <>
      <button
        type="button"
        className="fw-scenario-name"
        title="Rename the scenario (files are named after it)"
        onClick={() => setEditing(name)}
        data-testid="scenario-name"
      >
        {name}
      </button>
      {problem ? (
        <span className="fw-field__error" role="alert">
          {' '}
          {problem}
        </span>
      ) : null}
    </>
  );
}
