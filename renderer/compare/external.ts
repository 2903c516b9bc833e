/**
 * Scenario files opened for comparison: read through the bridge (the system's open dialog, or a
 * file input in a browser), checked like any file (a broken one gets its message and changes
 * nothing), and added to the comparison as runs of their own: the file's scenario, or the
 * variants and pinned runs it holds. Not part of the document until kept as a pinned run.
 */
import {
  allRunsOf,
  findRunByName,
  formatIssues,
  freshRunName,
  kpiFingerprint,
  MAX_COMPARED_RUNS,
  MAX_PINNED_RUNS,
  parseScenarioText,
  resolveRun,
  runInputsOf,
  type RunRef,
  type Scenario,
} from '../../simulation';
import type { FlywheelBridge } from '../bridge/contract';
import { comparedRuns } from '../state/document-edits';
import { inputsKey, runsStore, type ExternalRun } from '../state/runs';
import { workspaceStore } from '../state/workspace';

const stem = (fileName: string): string =>
  fileName.replace(/\.flywheel\.json$|\.json$/i, '') || fileName;

/** A file read for comparison: its document, or the message that says why it cannot be used. */
export type OpenedForComparison =
  | { readonly ok: true; readonly fileName: string; readonly doc: Scenario }
  | { readonly ok: false; readonly message: string };

export async function chooseFileToCompare(
  bridge: FlywheelBridge,
): Promise<OpenedForComparison | null> {
  const read = await bridge.openFile();
  if (!read.ok)
    return read.error.code === 'canceled' ? null : { ok: false, message: read.error.message };
  const parsed = parseScenarioText(read.value.text);
  if (!parsed.ok)
    return { ok: false, message: formatIssues(read.value.fileName, parsed.issues, 5) };
  return { ok: true, fileName: read.value.fileName, doc: parsed.scenario };
}

/** Room left in the comparison (the document's runs and the opened files share eight places). */
export function placesLeft(): number {
  const doc = workspaceStore.getState().doc;
  return MAX_COMPARED_RUNS - comparedRuns(doc).length - runsStore.getState().external.length;
}

/**
 * Adds runs of an opened file to the comparison (its scenario: `base`). Returns null, or why not
 * (more than eight runs; a variant whose changes no longer apply).
 */
export function addFileRuns(
  fileName: string,
  doc: Scenario,
  refs: readonly RunRef[],
): string | null {
  if (refs.length === 0) return 'Choose at least one run of the file.';
  if (refs.length > placesLeft())
    return `At most ${MAX_COMPARED_RUNS} runs side by side: ${placesLeft()} place${placesLeft() === 1 ? '' : 's'} left, ${refs.length} chosen. Take some out first.`;
  const taken = new Set([
    ...allRunsOf(workspaceStore.getState().doc).map((r) => r.label.toLowerCase()),
    ...runsStore.getState().external.map((x) => x.label.toLowerCase()),
  ]);
  const added: Omit<ExternalRun, 'id'>[] = [];
  for (const ref of refs) {
    const r = resolveRun(doc, ref);
    if (!r) return `${fileName} has no run '${ref.kind === 'base' ? '' : ref.name}'.`;
    if (r.problems.length > 0)
      return `${fileName}: variant '${r.label}' does not apply to its base: ${r.problems[0]}`;
    let label = ref.kind === 'base' ? stem(fileName) : `${r.label} (${stem(fileName)})`;
    for (let n = 2; taken.has(label.toLowerCase()); n++) label = `${stem(fileName)} ${n}`;
    taken.add(label.toLowerCase());
    added.push({
      fileName,
      runName: ref.kind === 'base' ? null : r.label,
      label,
      scenario: r.scenario,
    });
  }
  for (const a of added) runsStore.getState().addExternal(a);
  return null;
}

/** Keeps an opened file's run in the document as a pinned run (its inputs), and takes it out. */
export function keepAsPinnedRun(id: string): string | null {
  const x = runsStore.getState().external.find((e) => e.id === id);
  if (!x) return null;
  const doc = workspaceStore.getState().doc;
  if ((doc.pinnedRuns?.length ?? 0) >= MAX_PINNED_RUNS)
    return `At most ${MAX_PINNED_RUNS} pinned runs: unpin one first.`;
  const run = runsStore.getState().byKey.get(inputsKeyOf(x));
  if (!run) return `${x.label} is still being computed: keep it in a moment.`;
  const name = findRunByName(doc, x.label) ? freshRunName(doc, x.label, 2) : x.label;
  const ok = workspaceStore.getState().editDocument(
    (d) => {
      (d.pinnedRuns ??= []).push({
        name,
        pinnedAt: new Date().toISOString(),
        kpiFingerprint: kpiFingerprint(run.kpis),
        inputs: runInputsOf(x.scenario),
      });
      d.comparison ??= { runs: [], baseline: null };
      if (d.comparison.runs.length > 0) d.comparison.runs.push({ kind: 'pin', name });
    },
    { label: `Keep '${x.label}' as a pinned run` },
  );
  if (!ok) return workspaceStore.getState().notice ?? 'not accepted';
  runsStore.getState().removeExternal(id);
  return null;
}

const inputsKeyOf = (x: ExternalRun): string => inputsKey(x.scenario);
