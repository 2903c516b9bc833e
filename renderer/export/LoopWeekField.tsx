/**
 * The Export menu's choice of the week the report draws its five-step loop at: the horizon (the
 * default, as `flywheel report`), the week on screen, or another week typed in (as `flywheel
 * report --loop-week N`). A report is never drawn at week 0 just because the app has just opened.
 */
import { useId, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatWeek } from '../format/format';
import { playbackStore, pointIndexOf } from '../state/playback';
import { resultsStore } from '../state/results';
import { exportChoices, resolveLoopWeek, type LoopWeekChoice } from './choices';

export function LoopWeekField(): ReactElement {
  const id = useId();
  const choice = useStore(exportChoices, (s) => s.loopWeek);
  const run = useStore(resultsStore, (s) => s.comparison?.runs[0] ?? null);
  const screenIndex = useStore(playbackStore, pointIndexOf);
  const horizon = run ? (run.series.time[run.series.points - 1] ?? 0) : 0;
  const stepWeeks = run?.series.settings.stepWeeks ?? 1;
  const screenWeek = run ? (run.series.time[Math.min(screenIndex, run.series.points - 1)] ?? 0) : 0;
  const [text, setText] = useState(() =>
    choice.kind === 'week' ? String(choice.week) : formatWeek(horizon),
  );
  const [problem, setProblem] = useState<string | null>(null);
  const set = (loopWeek: LoopWeekChoice): void => exportChoices.setState({ loopWeek });
  const week = resolveLoopWeek(choice, horizon, stepWeeks, screenWeek);

  const commitText = (value: string): void => {
    setText(value);
    const n = Number(value.trim());
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > horizon) {
      setProblem(`A week from 0 to ${formatWeek(horizon)}.`);
      return;
    }
    setProblem(null);
    set({ kind: 'week', week: n });
  };

  return (
    <div className="fw-export__loop-week" data-testid="export-loop-week" data-week={week}>
      <label htmlFor={`${id}-choice`}>Loop in the report at</label>
      <select
        id={`${id}-choice`}
        value={choice.kind}
        onChange={(e) => {
          const kind = e.currentTarget.value as LoopWeekChoice['kind'];
          if (kind === 'week') commitText(text);
          else {
            setProblem(null);
            set({ kind });
          }
        }}
        data-testid="export-loop-week-choice"
      >
        <option value="horizon">the horizon (week {formatWeek(horizon)})</option>
        <option value="screen">the week on screen (week {formatWeek(screenWeek)})</option>
        <option value="week">another week…</option>
      </select>
      {choice.kind === 'week' ? (
        <input
          type="text"
          inputMode="numeric"
          className="fw-export__week-input"
          aria-label="Week of the report's loop"
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          value={text}
          onChange={(e) => commitText(e.currentTarget.value)}
          data-testid="export-loop-week-input"
        />
      ) : null}
      {problem ? (
        <p className="fw-export__problem" id={`${id}-problem`} role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
