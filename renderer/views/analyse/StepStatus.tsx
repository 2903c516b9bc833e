/**
 * The progress line of a step analysis (tornado, sweep, goal seek, global ranking): points
 * evaluated of those expected, Cancel while it runs, the time it took, the reason it failed, and
 * a note when its results are for an earlier version of the scenario.
 */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import { stepController } from '../../analysis/app';
import { analysisStore, type StepRun, type StepSlot } from '../../analysis/store';
import { workspaceStore } from '../../state/workspace';
import { count, formatDuration, RunStatus } from './RunStatus';
import { isStale } from './stale';

function text(run: StepRun, what: string): string {
  const took =
    run.finishedAt === null ? '' : ` in ${formatDuration(run.finishedAt - run.startedAt)}`;
  switch (run.status) {
    case 'running':
      if (run.slot === 'global') return 'Ranking the draws…';
      return run.expected !== null
        ? `${count(run.evaluated)} of ${count(run.expected)} runs`
        : `${count(run.evaluated)} runs so far`;
    case 'done':
      return run.slot === 'global'
        ? `${what} of ${count((run as StepRun<'global'>).spec.draws)} draws${took}.`
        : `${what}: ${count(run.evaluated)} runs${took}.`;
    case 'cancelled':
      return 'Cancelled.';
    case 'failed':
      return 'Stopped.';
  }
}

export function StepStatus({
  slot,
  testId,
  what,
}: {
  readonly slot: StepSlot;
  readonly testId: string;
  /** What the runs were ("Tornado of 131 assumptions"). */
  readonly what: string;
}): ReactElement | null {
  const run = useStore(analysisStore, (s) => s.steps[slot]) as StepRun | undefined;
  const problem = useStore(analysisStore, (s) => s.problems[slot] ?? null);
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const stale =
    run !== undefined &&
    run.status !== 'running' &&
    // A seek by week W ran a shorter horizon: compare with that.
    isStale(run.scenario, {
      ...scenario,
      simulation: { ...scenario.simulation, weeks: run.scenario.simulation.weeks },
    });
  return (
    <>
      {problem ? (
        <p className="fw-run-status__error" role="alert" data-testid={`${testId}-problem`}>
          {problem}
        </p>
      ) : null}
      {run ? (
        <RunStatus
          testId={testId}
          running={run.status === 'running'}
          done={run.evaluated}
          total={run.expected ?? (run.status === 'running' ? 0 : run.evaluated)}
          text={text(run, what)}
          error={run.error}
          onCancel={() => stepController.cancel(slot)}
        />
      ) : null}
      {stale ? (
        <p className="fw-analysis-stale" role="note" data-testid={`${testId}-stale`}>
          The scenario has changed since this analysis ran: these results are for the earlier
          version. Run it again to update them.
        </p>
      ) : null}
    </>
  );
}
