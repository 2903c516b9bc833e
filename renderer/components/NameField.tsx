/** A name box for renaming a data product or AI consumer: committed on Enter or leaving the box. */
import { useId, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { keyOf, type FieldPath } from '../state/fields';
import { workspaceStore } from '../state/workspace';

export interface NameFieldProps {
  readonly path: FieldPath;
  readonly value: string;
  /** "Data product name" or "AI consumer name". */
  readonly label: string;
}

export function NameField({ path, value, label }: NameFieldProps): ReactElement {
  const id = useId();
  const key = keyOf(path);
  const draft = useStore(workspaceStore, (s) => s.drafts[key]);
  const [editing, setEditing] = useState<string | null>(null);
  const shown = editing ?? draft?.text ?? value;
  const commit = (): void => {
    if (editing === null) return;
    const name = editing.trim();
    setEditing(null);
    if (name === value) {
      workspaceStore.getState().clearDraft(key);
      return;
    }
    workspaceStore
      .getState()
      .setField({ path, label }, name, { label: `Rename "${value}" to "${name}"` });
  };
  return (
    <div className={`fw-name${draft ? ' fw-field--invalid' : ''}`}>
      <label className="fw-visually-hidden" htmlFor={`${id}-name`}>
        {label}
      </label>
      <input
        id={`${id}-name`}
        className="fw-name__input"
        type="text"
        value={shown}
        maxLength={120}
        aria-invalid={draft ? true : undefined}
        aria-describedby={draft ? `${id}-error` : undefined}
        onFocus={() => setEditing(shown)}
        onChange={(e) => setEditing(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setEditing(null);
            workspaceStore.getState().clearDraft(key);
          }
        }}
        data-testid="name"
      />
      {draft ? (
        <p className="fw-field__error" id={`${id}-error`} role="alert">
          {draft.message}
        </p>
      ) : null}
    </div>
  );
}
