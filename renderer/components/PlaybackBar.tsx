/** Play, pause, step, scrub and speed of the simulated week; charts and loops follow it. */
import { useId, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { formatWeek } from '../format/format';
import { SPEEDS, playbackStore, pointIndexOf, type Speed } from '../state/playback';
import { PauseIcon, PlayIcon, StepBackIcon, StepForwardIcon } from './icons';

export function PlaybackBar(): ReactElement {
  const id = useId();
  const playing = useStore(playbackStore, (s) => s.playing);
  const pointIndex = useStore(playbackStore, pointIndexOf);
  const pointCount = useStore(playbackStore, (s) => s.pointCount);
  const stepWeeks = useStore(playbackStore, (s) => s.stepWeeks);
  const speed = useStore(playbackStore, (s) => s.speed);
  const p = playbackStore.getState();
  const last = Math.max(0, pointCount - 1);
  const week = formatWeek(pointIndex * stepWeeks);
  const horizon = formatWeek(last * stepWeeks);
  return (
    <div className="fw-playback" role="group" aria-label="Playback of the simulated weeks">
      <button
        type="button"
        className="fw-button fw-button--icon"
        onClick={() => p.step(-1)}
        disabled={pointIndex <= 0}
        aria-label="Step back one week"
        title="Step back"
        data-testid="step-back"
      >
        <StepBackIcon />
      </button>
      <button
        type="button"
        className="fw-button fw-button--primary fw-button--play"
        onClick={() => p.toggle()}
        aria-label={playing ? 'Pause' : 'Play'}
        data-testid="play"
        data-playing={playing}
        disabled={pointCount <= 1}
      >
        {playing ? <PauseIcon /> : <PlayIcon />}
        <span>{playing ? 'Pause' : 'Play'}</span>
      </button>
      <button
        type="button"
        className="fw-button fw-button--icon"
        onClick={() => p.step(1)}
        disabled={pointIndex >= last}
        aria-label="Step forward one week"
        title="Step forward"
        data-testid="step-forward"
      >
        <StepForwardIcon />
      </button>
      <label className="fw-visually-hidden" htmlFor={`${id}-scrub`}>
        Week
      </label>
      <input
        id={`${id}-scrub`}
        className="fw-playback__scrub"
        type="range"
        min={0}
        max={last}
        step={1}
        value={pointIndex}
        aria-valuetext={`week ${week} of ${horizon}`}
        onChange={(e) => p.scrub(Number(e.currentTarget.value))}
        data-testid="scrub"
      />
      <output
        className="fw-playback__week"
        htmlFor={`${id}-scrub`}
        data-testid="current-week"
        data-week={pointIndex * stepWeeks}
      >
        Week {week} <span className="fw-playback__of">of {horizon}</span>
      </output>
      <label className="fw-playback__speed">
        <span>Speed</span>
        <select
          value={speed}
          onChange={(e) => p.setSpeed(Number(e.currentTarget.value) as Speed)}
          data-testid="speed"
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s} weeks/s
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
