/**
 * The comparison view: up to eight runs side by side (the scenario, its variants, its pinned runs,
 * other files): which runs and the baseline, the key results table with each run's difference
 * from the baseline and the best marked, every weekly chart with the runs overlaid (the legend
 * hides and shows runs), and the five-step loops of any two runs playing in sync.
 */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { PlaybackBar } from '../components/PlaybackBar';
import { playbackStore, pointIndexOf } from '../state/playback';
import { CompareCharts, CompareLegend } from './CompareCharts';
import { CompareLoops } from './CompareLoops';
import { CompareRuns } from './CompareRuns';
import { CompareTable } from './CompareTable';
import { useComparedRuns } from './compared';
import './compare.css';

export function CompareView(): ReactElement {
  const { runs, baseline } = useComparedRuns();
  const week = useStore(playbackStore, (s) => pointIndexOf(s) * s.stepWeeks);
  return (
    <div className="fw-compare" data-testid="compare">
      <CompareRuns runs={runs} baseline={baseline} />
      <section aria-labelledby="compare-table-title" className="fw-compare__section">
        <h2 id="compare-table-title" className="fw-heading">
          Key results against {runs[baseline] ? `‘${runs[baseline].label}’` : 'the baseline'}
        </h2>
        <CompareTable runs={runs} baseline={baseline} />
      </section>
      <div className="fw-sticky-playback">
        <PlaybackBar />
      </div>
      <section aria-labelledby="compare-charts-title" className="fw-compare__section">
        <h2 id="compare-charts-title" className="fw-heading">
          Week by week
        </h2>
        <CompareLegend runs={runs} baseline={baseline} />
        <CompareCharts runs={runs} baseline={baseline} week={week} />
      </section>
      <section aria-labelledby="compare-loops-title" className="fw-compare__section">
        <h2 id="compare-loops-title" className="fw-heading">
          Two loops in sync
        </h2>
        <CompareLoops runs={runs} baseline={baseline} week={week} />
      </section>
    </div>
  );
}
