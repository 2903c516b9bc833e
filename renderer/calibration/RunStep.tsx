/**
 * Step 3 of "Your data": starting points, seed, Fit and Cancel, and the progress of a running fit.
 *
 * Each part reads only the state it shows: a running fit reports progress many times a second, and
 * those updates re-render the progress line alone, never the preview, the mapping or the list of
 * parameters above it (re-rendering those on every report kept the page's main thread busy enough
 * that a click on Cancel could wait until the fit was over).
 */
import { useRef, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { calibrationStore, cancelCalibration, runCalibration } from './store';

function Progress(): ReactElement {
  const progress = useStore(calibrationStore, (s) =>
    s.run.kind === 'running' ? s.run.progress : null,
  );
  return (
    <>
      <progress
        max={1}
        value={progress?.fraction ?? 0}
        aria-label="Calibration progress"
        data-testid="calibrate-progress"
      />
      <span role="status" data-testid="calibrate-status">
        {progress
          ? `Start ${progress.start} of ${progress.starts}: ${progress.evaluations} model runs`
          : 'Starting…'}
      </span>
    </>
  );
}

export function RunStep(): ReactElement {
  const { kind, error, ready, fitCount, seed, starts } = useStore(
    calibrationStore,
    useShallow((s) => ({
      kind: s.run.kind,
      error: s.run.kind === 'error' ? s.run.message : null,
      ready: s.history?.ok === true && s.fit.length > 0,
      fitCount: s.fit.length,
      seed: s.seed,
      starts: s.starts,
    })),
  );
  // Focus follows a run started from the keyboard to Cancel (Fit is disabled while it runs).
  const fitHadFocus = useRef(false);
  return (
    <section className="fw-calibration__step" aria-labelledby="cal-run">
      <h3 id="cal-run">3. Calibrate</h3>
      <div className="fw-calibration__run">
        <label>
          Starting points{' '}
          <input
            type="number"
            min={1}
            max={50}
            value={starts}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isInteger(v) && v >= 1 && v <= 50)
                calibrationStore.setState({ starts: v });
            }}
            data-testid="calibrate-starts"
          />
        </label>
        <label>
          Seed{' '}
          <input
            type="number"
            min={0}
            value={seed}
            onChange={(e) => {
              const v = Number(e.currentTarget.value);
              if (Number.isInteger(v) && v >= 0 && v <= 4294967295)
                calibrationStore.setState({ seed: v });
            }}
            data-testid="calibrate-seed"
          />
        </label>
        {/* Fit and Cancel are two buttons, never one that changes its meaning under the pointer:
            a double click on Fit meets a disabled Fit, not a Cancel that took its place. */}
        <button
          type="button"
          className="fw-button fw-button--primary"
          disabled={!ready || kind === 'running'}
          onClick={(e) => {
            fitHadFocus.current = document.activeElement === e.currentTarget;
            runCalibration();
          }}
          data-testid="calibrate"
        >
          Fit {fitCount} parameter{fitCount === 1 ? '' : 's'} to the history
        </button>
        {kind === 'running' ? (
          <>
            <button
              type="button"
              className="fw-button"
              autoFocus={fitHadFocus.current}
              onClick={cancelCalibration}
              data-testid="calibrate-cancel"
            >
              Cancel
            </button>
            <Progress />
          </>
        ) : null}
        {kind === 'cancelled' ? (
          <span role="status" data-testid="calibrate-status">
            Cancelled: nothing was changed.
          </span>
        ) : null}
        {error !== null ? (
          <span className="fw-field__error" role="alert" data-testid="calibrate-error">
            {error}
          </span>
        ) : null}
      </div>
    </section>
  );
}
