/**
 * Above the KPI cards: "Pin run", the baseline every card measures against, and the pinned runs
 * (each drawn as a faint line on every chart): rename, unpin, what differs from the scenario on
 * screen. Says when a pinned run recomputed by this version gives other numbers than when pinned.
 */
import { useMemo, useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { describeDifferences, sameRef, type RunRef } from '../../simulation';
import { allRuns, deleteRun, renameRun, setBaseline } from '../state/document-edits';
import { runsStore } from '../state/runs';
import { uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { runColor } from './colors';
import { pinOnScreen } from './pin';
import { RunName } from './RunName';
import { Swatch } from './Swatch';
import './compare.css';

const refValue = (r: RunRef): string => (r.kind === 'base' ? 'base' : `${r.kind}:${r.name}`);

/** The parts of the document the bar reads (not the scenario: an edit does not redraw it). */
function useLists() {
  const name = useStore(workspaceStore, (s) => s.doc.name);
  const variants = useStore(workspaceStore, (s) => s.doc.variants);
  const pinnedRuns = useStore(workspaceStore, (s) => s.doc.pinnedRuns);
  const comparison = useStore(workspaceStore, (s) => s.doc.comparison);
  return useMemo(
    () => ({ ...workspaceStore.getState().doc, name, variants, pinnedRuns, comparison }),
    [name, variants, pinnedRuns, comparison],
  );
}

function BaselinePicker(): ReactElement {
  const doc = useLists();
  const baseline = doc.comparison?.baseline ?? null;
  const runs = allRuns(doc);
  return (
    <label className="fw-runs__baseline">
      <span>Baseline</span>
      <select
        value={baseline ? refValue(baseline) : ''}
        data-testid="baseline"
        onChange={(e) => {
          const v = e.currentTarget.value;
          const problem = setBaseline(runs.find((r) => refValue(r) === v) ?? null);
          if (problem) workspaceStore.setState({ notice: problem });
        }}
      >
        <option value="">none (with against without only)</option>
        {runs.map((r) => (
          <option key={refValue(r)} value={refValue(r)}>
            {r.kind === 'base'
              ? `${doc.name} (the scenario)`
              : `${r.name} (${r.kind === 'pin' ? 'pinned run' : 'variant'})`}
          </option>
        ))}
      </select>
    </label>
  );
}

function PinChip({ name }: { readonly name: string }): ReactElement {
  const doc = useLists();
  const theme = useStore(uiStore, (s) => s.theme);
  const external = useStore(runsStore, (s) => s.external);
  const drifted = useStore(runsStore, (s) => s.drifted.includes(name));
  const [renaming, setRenaming] = useState(false);
  const [about, setAbout] = useState<string | null>(null);
  const pin = doc.pinnedRuns?.find((p) => p.name === name);
  if (!pin) return <></>;
  const ref: RunRef = { kind: 'pin', name };
  const isBaseline = sameRef(doc.comparison?.baseline ?? null, ref);
  // What differs, in words, worked out when the pointer or the focus comes (not on every edit).
  const explain = (): void => {
    const current = workspaceStore.getState().doc;
    const differs = describeDifferences(current, pin.inputs);
    setAbout(
      `Pinned ${new Date(pin.pinnedAt).toLocaleString()}.\n${
        differs.length === 0
          ? 'The same inputs as the scenario.'
          : `Against the scenario: ${differs.join('; ')}.`
      }\nClick to rename.`,
    );
  };
  return (
    <li className="fw-runs__pin" data-testid={`pin-${name}`}>
      <Swatch color={runColor(ref, doc, external, theme)} dashed={isBaseline} />
      {renaming ? (
        <RunName
          value={name}
          label="Pinned run name"
          onDone={(next) => {
            setRenaming(false);
            if (next === null || next === name) return;
            const problem = renameRun(ref, next);
            if (problem) workspaceStore.setState({ notice: problem });
          }}
        />
      ) : (
        <button
          type="button"
          className="fw-runs__name"
          title={about ?? 'Click to rename'}
          onPointerEnter={explain}
          onFocus={explain}
          onClick={() => setRenaming(true)}
        >
          {name}
          {isBaseline ? <span className="fw-runs__tag"> baseline</span> : null}
          {drifted ? (
            <span className="fw-runs__drift" aria-label="recomputed numbers differ">
              {' '}
              ⚠
            </span>
          ) : null}
        </button>
      )}
      <button
        type="button"
        className="fw-icon-button"
        aria-label={`Unpin ${name}`}
        title="Unpin"
        data-testid="unpin"
        onClick={() => {
          const problem = deleteRun(ref);
          if (problem) workspaceStore.setState({ notice: problem });
        }}
      >
        ×
      </button>
    </li>
  );
}

export function RunsBar(): ReactElement {
  const pins = useStore(workspaceStore, (s) => s.doc.pinnedRuns);
  const drifted = useStore(runsStore, (s) => s.drifted);
  const error = useStore(runsStore, (s) => s.error);
  return (
    <section className="fw-runs" aria-label="Pinned runs and the baseline">
      <button
        type="button"
        className="fw-button fw-button--primary"
        onClick={() => void pinOnScreen()}
        title="Keep the results on screen as a run to compare against (Alt+P)"
        aria-keyshortcuts="Alt+P"
        data-testid="pin-run"
      >
        Pin run
      </button>
      <BaselinePicker />
      {pins && pins.length > 0 ? (
        <ul className="fw-runs__pins" aria-label="Pinned runs" data-testid="pins">
          {pins.map((p) => (
            <PinChip key={p.name} name={p.name} />
          ))}
        </ul>
      ) : (
        <p className="fw-runs__hint">
          Pin the run on screen to keep it as a faint line on every chart and a baseline for the
          cards.
        </p>
      )}
      {drifted.length > 0 ? (
        <p className="fw-runs__warning" role="status" data-testid="pins-drifted">
          {drifted.map((n) => `‘${n}’`).join(', ')}: recomputed by this version of the model, the
          numbers differ from when {drifted.length === 1 ? 'it was' : 'they were'} pinned; the
          numbers shown are this version’s.
        </p>
      ) : null}
      {error ? (
        <p className="fw-runs__warning" role="status">
          The other runs could not be computed: {error.message}
        </p>
      ) : null}
    </section>
  );
}
