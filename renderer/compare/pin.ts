/**
 * "Pin run" (the button and Alt+P): keeps the results on screen as a named run. Its run is the
 * one on screen, so it shows at once, without being computed again.
 */
import { pinRun } from '../state/document-edits';
import { resultsStore } from '../state/results';
import { inputsKey, runsStore } from '../state/runs';
import { workspaceStore } from '../state/workspace';

/** Pins the run on screen; returns its name, or why it could not be pinned. */
export function pinOnScreen(): { readonly name: string } | { readonly problem: string } {
  const run = resultsStore.getState().comparison?.runs[0];
  if (!run) return { problem: 'The run is still being computed: pin it in a moment.' };
  const byKey = new Map(runsStore.getState().byKey);
  byKey.set(inputsKey(run.scenario), run);
  runsStore.setState({ byKey });
  const r = pinRun(run);
  if ('problem' in r) workspaceStore.setState({ notice: r.problem });
  else workspaceStore.setState({ notice: `Pinned the run on screen as '${r.name}'.` });
  return r;
}
