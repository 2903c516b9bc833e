/**
 * The Export menu's choice of the report's comparison: the runs the Compare view compares (named
 * here), ticked in or out; "Choose runs" opens the Compare view, where runs are ticked in and
 * out and the baseline chosen. With fewer than two runs it says how to get some.
 */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { uiStore } from '../state/ui';
import { runsStore } from '../state/runs';
import { workspaceStore } from '../state/workspace';
import { exportChoices } from './choices';
import { reportCompareLabels } from './report-compare';

export function CompareInReportField({
  onChoose,
}: {
  readonly onChoose: () => void;
}): ReactElement {
  // Re-read the names whenever the document or the opened files change.
  useStore(workspaceStore, (s) => s.doc);
  useStore(runsStore, (s) => s.external);
  const checked = useStore(exportChoices, (s) => s.compareInReport);
  const labels = reportCompareLabels();
  const choose = (): void => {
    uiStore.getState().setView('compare');
    onChoose();
  };
  if (labels.length < 2)
    return (
      <p className="fw-export__note" data-testid="export-compare-none">
        Pin a run (Alt+P) or add a variant to compare runs in the report.
      </p>
    );
  return (
    <div className="fw-export__compare">
      <label className="fw-export__check">
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => exportChoices.setState({ compareInReport: e.currentTarget.checked })}
          data-testid="export-compare"
        />
        <span>
          Comparison of {labels.length} runs: {labels.join(', ')}
        </span>
      </label>
      <button
        type="button"
        className="fw-button fw-export__choose"
        onClick={choose}
        data-testid="export-compare-choose"
      >
        Choose runs…
      </button>
    </div>
  );
}
