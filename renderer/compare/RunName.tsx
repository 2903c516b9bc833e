/** A name box for renaming a variant or pinned run: Enter or leaving commits, Escape cancels. */
import { useId, useState, type ReactElement } from 'react';

export function RunName({
  value,
  label,
  onDone,
}: {
  readonly value: string;
  readonly label: string;
  /** The new name, or null when cancelled. */
  readonly onDone: (name: string | null) => void;
}): ReactElement {
  const id = useId();
  const [text, setText] = useState(value);
  const finish = (name: string | null): void => onDone(name === null ? null : name.trim());
  return (
    <span className="fw-run-name">
      <label className="fw-visually-hidden" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="fw-run-name__input"
        type="text"
        value={text}
        maxLength={80}
        autoFocus
        data-testid="run-name"
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={() => finish(text)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') finish(text);
          if (e.key === 'Escape') finish(null);
        }}
      />
    </span>
  );
}
