/**
 * The five-step loops of any two compared runs, side by side and in sync: both follow the one
 * playback week (play, step, scrub), both drawn on the first run's scale so the weaker loop looks
 * weaker by as much as it is.
 */
import { useMemo, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { pointAt } from '../../simulation';
import { buildLoopFrame, LoopView } from '../loop';
import { uiStore } from '../state/ui';
import { compareUi, type ComparedRun } from './compared';

function pick(
  runs: readonly ComparedRun[],
  id: string | null,
  fallback: number,
): ComparedRun | undefined {
  return runs.find((r) => r.id === id) ?? runs[Math.min(fallback, runs.length - 1)];
}

export function CompareLoops({
  runs,
  baseline,
  week,
}: {
  readonly runs: readonly ComparedRun[];
  readonly baseline: number;
  readonly week: number;
}): ReactElement {
  const chosen = useStore(compareUi, (s) => s.loops);
  const reducedMotion = useStore(uiStore, (s) => s.reducedMotion);
  const ready = runs.filter((r) => r.run !== null);
  // By default: the baseline against the run on screen (or the next run).
  const onScreen = ready.findIndex((r) => r.onScreen);
  const b = Math.max(
    0,
    ready.findIndex((r) => r.id === runs[baseline]?.id),
  );
  const a = pick(ready, chosen[0], b);
  const other = onScreen >= 0 && onScreen !== b ? onScreen : b === 0 ? 1 : 0;
  const bRun = pick(ready, chosen[1], other);
  const frames = useMemo(() => {
    if (!a?.run || !bRun?.run) return null;
    return {
      a: buildLoopFrame(a.run, pointAt(a.run, week), a.run),
      b: buildLoopFrame(bRun.run, pointAt(bRun.run, week), a.run),
    };
  }, [a, bRun, week]);
  const choose = (slot: 0 | 1, id: string): void => {
    const next: [string | null, string | null] = [...compareUi.getState().loops];
    next[slot] = id;
    compareUi.setState({ loops: next });
  };
  if (ready.length < 2 || !a || !bRun || !frames)
    return (
      <p className="fw-empty">Two computed runs are needed to play their loops side by side.</p>
    );
  const select = (slot: 0 | 1, value: ComparedRun): ReactElement => (
    <label className="fw-compare__loop-pick">
      <span>{slot === 0 ? 'Left' : 'Right'}</span>
      <select
        value={value.id}
        onChange={(e) => choose(slot, e.currentTarget.value)}
        data-testid={`loop-run-${slot === 0 ? 'a' : 'b'}`}
      >
        {ready.map((r) => (
          <option key={r.id} value={r.id}>
            {r.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="fw-compare__loops" data-testid="compare-loops">
      <div className="fw-compare__loop-picks">
        {select(0, a)}
        {select(1, bRun)}
      </div>
      <div className="fw-loop-pair fw-loop-pair--two" data-mode="side-by-side">
        <LoopView
          frame={frames.a}
          title={a.label}
          variant="with"
          particleSeed={1}
          reducedMotion={reducedMotion}
        />
        <LoopView
          frame={frames.b}
          title={bRun.label}
          variant="with"
          particleSeed={2}
          reducedMotion={reducedMotion}
        />
      </div>
    </div>
  );
}
