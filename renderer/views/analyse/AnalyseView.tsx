/**
 * The Analyse area: how sure (Monte Carlo), what matters (sensitivity), what must be true (sweeps,
 * goal seek). One analysis shown at a time, chosen with the buttons at the top; each keeps its
 * settings and its last results while another is shown.
 */
import { useEffect, type ReactElement } from 'react';
import { useStore } from 'zustand';
import { appAnalysisPool } from '../../analysis/app';
import { analysisStore, type AnalysisKind } from '../../analysis/store';
import { warmAnalysisWorkers } from '../../analysis/warm';
import { workspaceStore } from '../../state/workspace';
import { SeekPanel } from './SeekPanel';
import { SensitivityPanel } from './SensitivityPanel';
import { SweepPanel } from './SweepPanel';
import { UncertaintyPanel } from './UncertaintyPanel';
import './analyse.css';

interface AnalysisEntry {
  readonly id: AnalysisKind;
  readonly label: string;
  readonly question: string;
  readonly component: () => ReactElement;
}

const ENTRIES: readonly AnalysisEntry[] = [
  {
    id: 'uncertainty',
    label: 'Uncertainty',
    question: 'How sure is the verdict?',
    component: UncertaintyPanel,
  },
  {
    id: 'sensitivity',
    label: 'Sensitivity',
    question: 'Which assumption decides it?',
    component: SensitivityPanel,
  },
  {
    id: 'sweep',
    label: 'Sweep',
    question: 'Where is the break-even?',
    component: SweepPanel,
  },
  {
    id: 'seek',
    label: 'Goal seek',
    question: 'What would have to be true?',
    component: SeekPanel,
  },
];

export function AnalyseView(): ReactElement {
  const current = useStore(analysisStore, (s) => s.view);
  const entry = ENTRIES.find((e) => e.id === current) ?? ENTRIES[0]!;
  const Panel = entry.component;
  // The first analysis should not pay for starting the workers: they start as the view opens.
  useEffect(() => {
    const timer = setTimeout(
      () => warmAnalysisWorkers(appAnalysisPool, workspaceStore.getState().scenario),
      0,
    );
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="fw-analyse" data-testid="analyse">
      {ENTRIES.length > 1 ? (
        <div className="fw-analyse__switch" role="group" aria-label="Analysis">
          {ENTRIES.map((e) => (
            <button
              key={e.id}
              type="button"
              className="fw-analyse__choice"
              aria-pressed={e.id === entry.id}
              onClick={() => analysisStore.getState().setView(e.id)}
              data-testid={`analysis-${e.id}-choice`}
            >
              <span className="fw-analyse__choice-label">{e.label}</span>
              <span className="fw-analyse__choice-question">{e.question}</span>
            </button>
          ))}
        </div>
      ) : null}
      <Panel />
    </div>
  );
}
