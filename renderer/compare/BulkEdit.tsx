/**
 * "Set on every data product" (or AI consumer): one field from the assumption catalogue, one value,
 * applied to all of them as one edit and one undo step (to the variant on screen, when one is).
 */
import { useId, useMemo, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatInputValue } from '../format/format';
import { bulkFields, bulkSet, type BulkOwner } from '../state/bulk';
import { parseNumberText } from '../state/fields';
import { workspaceStore } from '../state/workspace';

export function BulkEdit({ owner }: { readonly owner: BulkOwner }): ReactElement | null {
  const id = useId();
  const count = useStore(workspaceStore, (s) =>
    owner === 'dataProduct' ? s.scenario.dataProducts.length : s.scenario.aiConsumers.length,
  );
  // The catalogue's fields for this kind of owner (the same for every scenario that has one).
  const fields = useMemo(
    () => (count > 0 ? bulkFields(workspaceStore.getState().scenario, owner) : []),
    [count > 0, owner],
  );
  const [pattern, setPattern] = useState(fields[0]?.pattern ?? '');
  const [text, setText] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  if (count < 2 || fields.length === 0) return null;
  const field = fields.find((f) => f.pattern === pattern) ?? fields[0]!;
  const noun = owner === 'dataProduct' ? 'data products' : 'AI consumers';
  const apply = (): void => {
    const value = parseNumberText(text);
    if (value === null) {
      setMessage('Expected a number.');
      return;
    }
    const problem = bulkSet(field, value);
    setMessage(problem);
    if (problem === null) setText('');
  };
  return (
    <div className="fw-bulk" data-testid={`bulk-${owner}`}>
      <label htmlFor={`${id}-field`}>
        Set on all {count} {noun}
        <select
          id={`${id}-field`}
          value={field.pattern}
          onChange={(e) => {
            setPattern(e.currentTarget.value);
            setMessage(null);
          }}
          data-testid="bulk-field"
        >
          {fields.map((f) => (
            <option key={f.pattern} value={f.pattern}>
              {f.label}
            </option>
          ))}
        </select>
      </label>
      <label htmlFor={`${id}-value`}>
        to ({field.unit})
        <input
          id={`${id}-value`}
          type="text"
          inputMode="decimal"
          value={text}
          placeholder={`${formatInputValue(field.min)}–${formatInputValue(field.max)}`}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') apply();
          }}
          data-testid="bulk-value"
        />
      </label>
      <button type="button" className="fw-button" onClick={apply} data-testid="bulk-apply">
        Set
      </button>
      {message ? (
        <p className="fw-bulk__message" role="alert">
          {message}
        </p>
      ) : null}
    </div>
  );
}
