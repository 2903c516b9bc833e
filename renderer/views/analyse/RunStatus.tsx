/**
 * What every analysis shows while and after it runs: a progress bar (a real <progress>, announced
 * politely), what it is doing, how long it took, Cancel, and the reason when it failed. Shared by
 * the Analyse view's panels.
 */
import type { ReactElement } from 'react';

export interface RunStatusProps {
  readonly running: boolean;
  /** Work done and to do (draws, evaluations); total 0 while it is starting. */
  readonly done: number;
  readonly total: number;
  /** What is happening, in words ("Drawing: 412 of 1,000 draws"). */
  readonly text: string;
  readonly error: string | null;
  readonly onCancel: () => void;
  readonly testId: string;
}

export function RunStatus({
  running,
  done,
  total,
  text,
  error,
  onCancel,
  testId,
}: RunStatusProps): ReactElement {
  return (
    <div className="fw-run-status" data-testid={`${testId}-status`} data-running={running}>
      <div className="fw-run-status__line">
        <progress
          className="fw-run-status__bar"
          max={Math.max(1, total)}
          value={running && total === 0 ? undefined : Math.min(done, Math.max(1, total))}
          aria-label="Progress"
          data-testid={`${testId}-progress`}
          data-done={done}
          data-total={total}
        />
        <p className="fw-run-status__text" role="status" aria-live="polite">
          {text}
        </p>
        {running ? (
          <button
            type="button"
            className="fw-button"
            onClick={onCancel}
            data-testid={`${testId}-cancel`}
          >
            Cancel
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="fw-run-status__error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** "0.84 s", "12.3 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '';
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

export const count = (n: number): string => n.toLocaleString('en-US');
