/**
 * Wires the stores together without React: every scenario change is sent to the engine, its
 * results land in the results store (older ones dropped), and playback learns the new timeline.
 */
import type { EngineClient } from '../engine/client';
import { markResultsReceived, markScenarioChange } from '../perf';
import type { PlaybackStore } from './playback';
import type { ResultsStore } from './results';
import type { WorkspaceStore } from './workspace';

export function connectEngine(
  workspace: WorkspaceStore,
  results: ResultsStore,
  playback: PlaybackStore,
  engine: EngineClient,
): () => void {
  const request = (): void => {
    const { scenario, revision } = workspace.getState();
    markScenarioChange(revision);
    results.getState().requested(revision);
    void engine.compare(scenario).then((outcome) => {
      if (outcome.kind === 'result') {
        const run = outcome.comparison.runs[0];
        if (results.getState().received(revision, outcome.comparison, outcome.computeMs) && run) {
          markResultsReceived(revision);
          playback.getState().setTimeline(run.series.points, run.series.settings.stepWeeks);
        }
      } else if (outcome.kind === 'error') {
        results.getState().failed(revision, outcome.error);
      }
    });
  };
  request();
  const unsubscribe = workspace.subscribe((next, previous) => {
    if (next.scenario !== previous.scenario) request();
  });
  return unsubscribe;
}
