/**
 * The runs of the comparison: every run of the document (the scenario, its variants, its pinned
 * runs) to tick in or out (at most eight), the baseline, what each run changes against the
 * baseline in words, and other scenario files opened for comparison (their scenario, variants or
 * pinned runs), which can be kept in the document as pinned runs.
 */
import { useMemo, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import {
  allRunsOf,
  describeDifferences,
  sameRef,
  type RunRef,
  type Scenario,
} from '../../simulation';
import { getBridge } from '../bridge/runtime';
import { comparedRuns, setBaseline, toggleCompared } from '../state/document-edits';
import { refKey, runsStore } from '../state/runs';
import { uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { runColor } from './colors';
import { MAX_COMPARED_RUNS, type ComparedRun } from './compared';
import { addFileRuns, chooseFileToCompare, keepAsPinnedRun, placesLeft } from './external';
import { Swatch } from './Swatch';

const KIND_WORDS = {
  base: 'the scenario',
  variant: 'variant',
  pin: 'pinned run',
  file: 'other file',
};

/** A file just read, waiting for the user to choose which of its runs to add. */
interface Choosing {
  readonly fileName: string;
  readonly doc: Scenario;
  readonly picked: readonly string[];
}

function FileChooser({
  choosing,
  onDone,
}: {
  readonly choosing: Choosing;
  readonly onDone: (message: string | null) => void;
}): ReactElement {
  const [picked, setPicked] = useState<readonly string[]>(choosing.picked);
  const runs = allRunsOf(choosing.doc);
  return (
    <div
      className="fw-compare__chooser"
      role="group"
      aria-label={`Runs of ${choosing.fileName}`}
      data-testid="file-chooser"
    >
      <p>
        <strong>{choosing.fileName}</strong> holds {runs.length} runs: add which? ({placesLeft()}{' '}
        place
        {placesLeft() === 1 ? '' : 's'} left)
      </p>
      {runs.map((r) => {
        const id = refKey(r.ref);
        return (
          <label key={id} className="fw-check">
            <input
              type="checkbox"
              checked={picked.includes(id)}
              onChange={() =>
                setPicked(picked.includes(id) ? picked.filter((p) => p !== id) : [...picked, id])
              }
            />
            {r.label} <span className="fw-compare__kind">{KIND_WORDS[r.ref.kind]}</span>
          </label>
        );
      })}
      <button
        type="button"
        className="fw-button fw-button--primary"
        data-testid="file-chooser-add"
        onClick={() =>
          onDone(
            addFileRuns(
              choosing.fileName,
              choosing.doc,
              runs.filter((r) => picked.includes(refKey(r.ref))).map((r) => r.ref),
            ),
          )
        }
      >
        Add
      </button>
      <button type="button" className="fw-button" onClick={() => onDone(null)}>
        Cancel
      </button>
    </div>
  );
}

export function CompareRuns({
  runs,
  baseline,
}: {
  readonly runs: readonly ComparedRun[];
  readonly baseline: number;
}): ReactElement {
  const doc = useStore(workspaceStore, (s) => s.doc);
  const external = useStore(runsStore, (s) => s.external);
  const theme = useStore(uiStore, (s) => s.theme);
  const [message, setMessage] = useState<string | null>(null);
  const [choosing, setChoosing] = useState<Choosing | null>(null);
  const chosen = comparedRuns(doc);
  const count = chosen.length + external.length;
  const base = runs[baseline];
  // What each compared run changes against the baseline, in words (recomputed with the runs).
  const differences = useMemo(() => {
    const out = new Map<string, string[]>();
    if (!base?.scenario) return out;
    for (const r of runs)
      if (r !== base && r.scenario) out.set(r.id, describeDifferences(base.scenario, r.scenario));
    return out;
  }, [runs, base]);
  const open = async (): Promise<void> => {
    setMessage(null);
    const read = await chooseFileToCompare(getBridge());
    if (read === null) return;
    if (!read.ok) {
      setMessage(`Could not compare that file: ${read.message}`);
      return;
    }
    if (allRunsOf(read.doc).length > 1)
      setChoosing({ fileName: read.fileName, doc: read.doc, picked: ['base'] });
    else setMessage(addFileRuns(read.fileName, read.doc, [{ kind: 'base' }]));
  };
  const row = (ref: RunRef | { kind: 'file'; id: string }, label: string): ReactElement => {
    const id = refKey(ref);
    const inView = ref.kind === 'file' || chosen.some((r) => sameRef(r, ref as RunRef));
    const isBaseline = base?.id === id && inView;
    const compared = runs.find((r) => r.id === id);
    const lines = differences.get(id);
    return (
      <li key={id} className="fw-compare__pick" data-testid={`compare-run-${id}`}>
        <div className="fw-compare__pick-head">
          <label className="fw-check">
            {ref.kind === 'file' ? (
              <input
                type="checkbox"
                checked
                onChange={() => runsStore.getState().removeExternal(ref.id)}
                aria-label={`Take ${label} out of the comparison`}
              />
            ) : (
              <input
                type="checkbox"
                checked={inView}
                onChange={() => setMessage(toggleCompared(ref as RunRef))}
                data-testid="compare-toggle"
              />
            )}
            <Swatch color={runColor(ref, doc, external, theme)} dashed={isBaseline} />
            <span className="fw-compare__run">{label}</span>
            <span className="fw-compare__kind">
              {KIND_WORDS[ref.kind]}
              {compared?.onScreen ? ', on screen' : ''}
            </span>
          </label>
          {ref.kind === 'file' ? (
            <button
              type="button"
              className="fw-button fw-button--quiet"
              onClick={() => setMessage(keepAsPinnedRun(ref.id))}
              title="Copy its inputs into this document as a pinned run (saved with it)"
            >
              Keep as pinned run
            </button>
          ) : (
            <label className="fw-compare__baseline">
              <input
                type="radio"
                name="fw-compare-baseline"
                checked={isBaseline}
                disabled={!inView}
                onChange={() => setMessage(setBaseline(ref as RunRef))}
                data-testid="compare-baseline"
              />
              baseline
            </label>
          )}
        </div>
        {inView && lines !== undefined ? (
          <p className="fw-compare__differs" data-testid="compare-differs">
            {lines.length === 0 ? 'Runs as the baseline does.' : lines.join('; ')}
          </p>
        ) : null}
        {compared && compared.problems.length > 0 ? (
          <p className="fw-compare__problem">
            Left out because it no longer applies: {compared.problems.join('; ')}
          </p>
        ) : null}
      </li>
    );
  };
  return (
    <section className="fw-compare__runs" aria-labelledby="compare-runs-title">
      <div className="fw-compare__runs-head">
        <h2 id="compare-runs-title" className="fw-heading">
          Runs side by side{' '}
          <span className="fw-compare__count">
            ({count} of {MAX_COMPARED_RUNS})
          </span>
        </h2>
        <button
          type="button"
          className="fw-button"
          onClick={() => void open()}
          data-testid="compare-open-file"
          title="Add a run from another scenario file (its scenario, a variant or a pinned run)"
        >
          Open a file to compare…
        </button>
      </div>
      {choosing ? (
        <FileChooser
          choosing={choosing}
          onDone={(m) => {
            setMessage(m);
            if (m === null) setChoosing(null);
          }}
        />
      ) : null}
      <ul className="fw-compare__picks">
        {allRunsOf(doc).map((r) => row(r.ref, r.label))}
        {external.map((x) => row({ kind: 'file', id: x.id }, x.label))}
      </ul>
      <p
        className="fw-compare__message"
        role="status"
        aria-live="polite"
        data-testid="compare-message"
      >
        {message ?? ''}
      </p>
    </section>
  );
}
