/** The workspace's results: KPI cards, playback, the two five-step loops and the weekly charts. */
import type { ReactElement } from 'react';
import { ChartsGrid } from '../charts/ChartsGrid';
import { HeadlineCards } from '../components/HeadlineCards';
import { KpiCards } from '../components/KpiCards';
import { LoopSection } from '../components/LoopSection';
import { PlaybackBar } from '../components/PlaybackBar';
import { RunsBar } from '../compare/RunsBar';

export function WorkspaceView(): ReactElement {
  return (
    <>
      <RunsBar />
      <KpiCards />
      <HeadlineCards />
      <div className="fw-sticky-playback">
        <PlaybackBar />
      </div>
      <LoopSection />
      <section aria-labelledby="charts-heading" className="fw-charts-section">
        <h2 id="charts-heading" className="fw-heading">
          Week by week
        </h2>
        <ChartsGrid />
      </section>
    </>
  );
}
