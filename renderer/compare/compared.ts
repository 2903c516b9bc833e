/**
 * The comparison view's runs: the document's compared runs (its choice, else every run up to 8)
 * and the files opened for comparison, each with its name, colour, run (once computed) and the
 * baseline of the table; plus the view's own state (runs hidden from the charts, the two loops).
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import {
  MAX_COMPARED_RUNS,
  sameRef,
  type RunRef,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';
import { comparedRuns } from '../state/document-edits';
import { resultsStore } from '../state/results';
import {
  activeRef,
  neededRun,
  refKey,
  runOf,
  runsStore,
  type AnyRunRef,
  type ExternalRun,
} from '../state/runs';
import { uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { runColor } from './colors';

export interface ComparedRun {
  readonly ref: AnyRunRef;
  /** `base`, `variant:NAME`, `pin:NAME`, `file:ID`. */
  readonly id: string;
  readonly label: string;
  readonly kind: AnyRunRef['kind'];
  readonly color: string;
  readonly scenario: Scenario | null;
  /** Null while computed. */
  readonly run: ScenarioRun | null;
  readonly problems: readonly string[];
  readonly onScreen: boolean;
}

/** What the view keeps for itself (not part of the document). */
export const compareUi = createStore<{
  /** Runs hidden from the overlaid charts (by id). */
  readonly hidden: readonly string[];
  /** The two runs whose loops play side by side (ids; null: the defaults). */
  readonly loops: readonly [string | null, string | null];
}>(() => ({ hidden: [], loops: [null, null] }));

export function toggleHidden(id: string): void {
  const { hidden } = compareUi.getState();
  compareUi.setState({
    hidden: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id],
  });
}

/** Every run shown side by side, in order: the document's, then the opened files'. */
export function comparedList(
  doc: Scenario,
  active: string | null,
  external: readonly ExternalRun[],
): AnyRunRef[] {
  return [...comparedRuns(doc), ...external.map((x) => ({ kind: 'file' as const, id: x.id }))];
}

export function useComparedRuns(): { runs: readonly ComparedRun[]; baseline: number } {
  const doc = useStore(workspaceStore, (s) => s.doc);
  const active = useStore(workspaceStore, (s) => s.activeVariant);
  const onScreen = useStore(resultsStore, (s) => s.comparison?.runs[0] ?? null);
  const byKey = useStore(runsStore, (s) => s.byKey);
  const external = useStore(runsStore, (s) => s.external);
  const theme = useStore(uiStore, (s) => s.theme);
  return useMemo(() => {
    const refs = comparedList(doc, active, external);
    const runs = refs.map((ref): ComparedRun => {
      const n = neededRun(doc, ref, external);
      const isOnScreen = ref.kind !== 'file' && sameRef(ref, activeRef(active));
      return {
        ref,
        id: refKey(ref),
        label: n?.label ?? refKey(ref),
        kind: ref.kind,
        color: runColor(ref, doc, external, theme),
        scenario: isOnScreen ? (onScreen?.scenario ?? null) : (n?.scenario ?? null),
        run: runOf(ref, doc, active, onScreen, { byKey, external }),
        problems: n?.problems ?? [],
        onScreen: isOnScreen,
      };
    });
    const b = doc.comparison?.baseline ?? null;
    const at = b ? refs.findIndex((r) => r.kind !== 'file' && sameRef(r as RunRef, b)) : -1;
    return { runs, baseline: Math.max(0, at) };
  }, [doc, active, onScreen, byKey, external, theme]);
}

export { MAX_COMPARED_RUNS };
