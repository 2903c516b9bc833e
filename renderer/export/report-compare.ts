/**
 * The report's comparison of runs, from the app: the runs the Compare view compares (the
 * document's choice of its scenario, variants and pinned runs, then the files opened for
 * comparison), when the Export menu's "Comparison of runs" is ticked. Runs already computed by
 * the engine worker are taken as they are; any other (the Compare view never opened) is run here
 * by the same engine (interpreter), each once. The command is `flywheel compare` on the document's
 * file and the opened files, by the names the runs have there.
 */
import {
  CompiledModelCache,
  runScenarios,
  sameRef,
  type RunRef,
  type ScenarioRun,
} from '../../simulation';
import { documentFileName, UNTITLED_FILE_NAME } from '../bridge/file-names';
import { runColor } from '../compare/colors';
import { comparedList } from '../compare/compared';
import { compareCommandFor, type CompareSource } from '../report/reproduce';
import type { ReportCompareRun, ReportComparison } from '../report/CompareSection';
import { resultsStore } from '../state/results';
import { neededRun, refKey, runOf, runsStore, type AnyRunRef } from '../state/runs';
import { isDirty, workspaceStore } from '../state/workspace';
import { exportChoices } from './choices';

const KIND_WORDS: Record<AnyRunRef['kind'], string> = {
  base: 'the scenario',
  variant: 'variant',
  pin: 'pinned run',
  file: 'other file',
};

/** The runs the report would compare (names only: nothing is run), for the Export menu. */
export function reportCompareLabels(): string[] {
  const { doc } = workspaceStore.getState();
  const { external } = runsStore.getState();
  return comparedList(doc, null, external).map(
    (ref) => neededRun(doc, ref, external)?.label ?? refKey(ref),
  );
}

/** The comparison for the report, or null (not chosen, or fewer than two runs). */
export function appReportComparison(): ReportComparison | null {
  if (!exportChoices.getState().compareInReport) return null;
  const state = workspaceStore.getState();
  const { doc, activeVariant } = state;
  const runs = runsStore.getState();
  const onScreen = resultsStore.getState().comparison?.runs[0] ?? null;
  const refs = comparedList(doc, activeVariant, runs.external);
  if (refs.length < 2) return null;
  const needed = refs.map((ref) => {
    const n = neededRun(doc, ref, runs.external);
    if (!n) throw new Error(`The run ${refKey(ref)} is no longer in the document.`);
    return n;
  });
  const computed: (ScenarioRun | null)[] = refs.map((ref) =>
    runOf(ref, doc, activeVariant, onScreen, runs),
  );
  const missing = computed.flatMap((r, i) => (r === null ? [i] : []));
  if (missing.length > 0) {
    const fresh = runScenarios(
      missing.map((i) => ({ name: needed[i]!.label, scenario: needed[i]!.scenario })),
      { models: new CompiledModelCache('interpreter') },
    );
    missing.forEach((i, k) => (computed[i] = fresh.runs[k]!));
  }
  const list: ReportCompareRun[] = refs.map((ref, i) => ({
    id: refKey(ref),
    label: needed[i]!.label,
    kind: KIND_WORDS[ref.kind],
    color: runColor(ref, doc, runs.external, 'light'),
    run: computed[i]!,
  }));
  const b = doc.comparison?.baseline ?? null;
  const at = b ? refs.findIndex((r) => r.kind !== 'file' && sameRef(r as RunRef, b)) : -1;
  const baseline = Math.max(0, at);

  const fileName = documentFileName(state.document.fileName, doc.name);
  const sources = refs.map((ref): CompareSource => {
    if (ref.kind === 'file') {
      const x = runs.external.find((e) => e.id === ref.id)!;
      return { fileName: x.fileName, name: x.runName };
    }
    return { fileName, name: ref.kind === 'base' ? null : ref.name };
  });
  const caveats: string[] = [];
  if (state.document.fileName === UNTITLED_FILE_NAME)
    caveats.push(`Save the scenario as ${fileName} first: the command reads it from there.`);
  else if (isDirty(state) || state.savedScenario === null)
    caveats.push(
      `The command reads ${fileName} as saved: save the scenario first, as it has changes not saved yet.`,
    );
  if (runs.external.length > 0)
    caveats.push(
      `Run it in the folder of ${[...new Set(runs.external.map((x) => x.fileName))].join(', ')} (opened for comparison) and ${fileName}.`,
    );
  return {
    runs: list,
    baseline,
    command: compareCommandFor(sources, baseline + 1),
    caveat: caveats.length > 0 ? caveats.join(' ') : null,
  };
}
