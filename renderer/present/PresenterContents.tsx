/**
 * What the presenter sees, from a PresenterSnapshot: elapsed time, step k of n, what the stage
 * shows (blanked, with, without or both), the current step's title, caption and notes, and the
 * next step. One component in two frames: the overlay on stage (P) and the presenter's own
 * window (PresenterView).
 */
import { useEffect, useState, type ReactElement } from 'react';
import type { PresenterSnapshot, StoryShowChoice } from '../bridge/contract';
import './presenter.css';

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** The wall clock, ticking every `intervalMs`. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

const SHOW_WORDS: Record<StoryShowChoice, string> = {
  with: 'with data products',
  without: 'without data products',
  both: 'with and without, side by side',
};

/** What the audience sees, in words. */
export function stageStateText(snapshot: Pick<PresenterSnapshot, 'blanked' | 'show'>): string {
  return snapshot.blanked
    ? 'Screen blanked (B to show it)'
    : `Showing ${SHOW_WORDS[snapshot.show]}`;
}

export const PRESENTER_KEYS =
  '→ next · ← back · Home/End · 1-9, 0 jump · B blank · W with/without · S split · T theme · Esc end';

export function PresenterContents({
  snapshot,
  keys = PRESENTER_KEYS,
}: {
  snapshot: PresenterSnapshot;
  keys?: string;
}): ReactElement {
  const now = useNow(1000);
  const { current, next } = snapshot;
  return (
    <div className="fw-presenter" data-testid="presenter-contents">
      <p className="fw-presenter__status">
        <span className="fw-presenter__time" data-testid="presenter-elapsed">
          {formatElapsed(now - snapshot.startedAtMs)}
        </span>
        <span data-testid="presenter-position">
          step {snapshot.index + 1} of {snapshot.count}
        </span>
        <span
          className={`fw-presenter__state${snapshot.blanked ? ' is-blanked' : ''}`}
          data-testid="presenter-state"
          data-blanked={snapshot.blanked}
          data-show={snapshot.show}
        >
          {stageStateText(snapshot)}
        </span>
      </p>
      <section className="fw-presenter__now" aria-label="Current step">
        <h2 data-testid="presenter-current-title">
          {current.title || `Step ${snapshot.index + 1}`}
        </h2>
        <p className="fw-presenter__caption" data-testid="presenter-caption">
          {current.caption}
        </p>
        {current.notes ? (
          <p className="fw-presenter__notes" data-testid="presenter-notes">
            {current.notes}
          </p>
        ) : null}
      </section>
      <section className="fw-presenter__next" aria-label="Next step">
        <h3 data-testid="presenter-next-title">
          Next: {next ? next.title || `Step ${snapshot.index + 2}` : 'end of the story'}
        </h3>
        {next ? <p data-testid="presenter-next-caption">{next.caption}</p> : null}
      </section>
      <p className="fw-presenter__keys">{keys}</p>
    </div>
  );
}
