/**
 * The presenter's view (P): the current and next step, the notes and the elapsed time. In a
 * browser it is an overlay on the one window; only the presenter should toggle it on.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { renderStep, type Story } from '../../simulation/story';
import type { ComparisonResult } from '../engine/client';
import { presentStore } from './store';

export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

export function PresenterOverlay({
  story,
  index,
  comparison,
}: {
  story: Story;
  index: number;
  comparison: ComparisonResult | null;
}): ReactElement {
  const startedAt = useStore(presentStore, (s) => s.startedAtMs);
  const now = useNow(1000);
  const current = story.steps[index]!;
  const next = story.steps[index + 1] ?? null;
  const texts = comparison ? renderStep(current, comparison) : null;
  const nextTexts = comparison && next ? renderStep(next, comparison) : null;
  return (
    <aside className="fw-present__presenter" data-testid="presenter" aria-label="Presenter view">
      <p className="fw-present__presenter-time" data-testid="presenter-elapsed">
        {formatElapsed(now - startedAt)} · step {index + 1} of {story.steps.length}
      </p>
      <h3>Now: {texts?.title.text ?? current.title}</h3>
      <p className="fw-present__presenter-notes" data-testid="presenter-notes">
        {texts?.notes.text ?? ''}
      </p>
      <h3>Next: {next ? (nextTexts?.title.text ?? next.title) : 'end of the story'}</h3>
      {nextTexts ? <p>{nextTexts.caption.text}</p> : null}
      <p className="fw-present__presenter-keys">
        → next · ← back · B blank · W with/without · S split · T theme · P hide · Esc leave
      </p>
    </aside>
  );
}
