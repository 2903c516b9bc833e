/**
 * An analysis's answer offered as a new variant of the document (goal seek, cheapest
 * combination): the scenario on screen with the answer's values set, kept as its changes against
 * the base, named after the answer and shown at once. One undo step (the document's own edit).
 */
import {
  AssumptionError,
  diffScenarios,
  freshRunName,
  MAX_RUN_NAME,
  MAX_VARIANTS,
  withAssumptions,
  type Changes,
} from '../../simulation';
import { workspaceStore, type WorkspaceStore } from '../state/workspace';

export function offerAsVariant(
  changes: Changes,
  stem: string,
  store: WorkspaceStore = workspaceStore,
): { readonly name: string } | { readonly problem: string } {
  const s = store.getState();
  if ((s.doc.variants?.length ?? 0) >= MAX_VARIANTS)
    return { problem: `At most ${MAX_VARIANTS} variants: delete one to add this answer.` };
  let target;
  try {
    target = withAssumptions(s.scenario, changes);
  } catch (e) {
    if (e instanceof AssumptionError) return { problem: e.message };
    throw e;
  }
  const diff = diffScenarios(s.doc, target);
  const name = freshRunName(s.doc, stem.slice(0, MAX_RUN_NAME - 4).trim(), 0);
  const ok = s.editDocument(
    (d) => {
      (d.variants ??= []).push({ name, changes: diff });
    },
    { label: `New variant '${name}'`, show: name },
  );
  return ok ? { name } : { problem: store.getState().notice ?? 'The variant could not be added.' };
}
