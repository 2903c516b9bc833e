/** A field with a fixed set of values (step length, randomness mode), as a labelled select. */
import { useId, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { valueAt, type ChoiceField } from '../state/fields';
import { workspaceStore } from '../state/workspace';

export function ChoiceFieldRow({ field }: { readonly field: ChoiceField }): ReactElement {
  const id = useId();
  const value = useStore(workspaceStore, (s) => valueAt(s.scenario, field.path));
  const draft = useStore(workspaceStore, (s) => s.drafts[field.key]);
  const numeric = typeof value === 'number';
  return (
    <div
      className={`fw-field${draft ? ' fw-field--invalid' : ''}`}
      data-testid={`field-${field.key}`}
    >
      <div className="fw-field__head">
        <label className="fw-field__label" htmlFor={`${id}-select`}>
          {field.label}
          {field.unit ? <span className="fw-field__unit"> ({field.unit})</span> : null}
        </label>
      </div>
      <select
        id={`${id}-select`}
        className="fw-field__select"
        value={String(value)}
        aria-describedby={`${id}-hint${draft ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          workspaceStore
            .getState()
            .setField({ path: field.path, label: field.label }, numeric ? Number(raw) : raw);
        }}
      >
        {field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <p className="fw-field__hint" id={`${id}-hint`}>
        {field.description}
      </p>
      {draft ? (
        <p className="fw-field__error" id={`${id}-error`} role="alert" data-testid="field-error">
          {draft.message}
        </p>
      ) : null}
    </div>
  );
}
