/**
 * What the workspace shows of the other runs: the baseline (its run and name) and the ghost lines
 * (every pinned run, and the baseline when it is not one), read from the workspace, the results
 * and the runs stores.
 */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import { sameRef, type RunRef, type ScenarioRun } from '../../simulation';
import { NO_GHOSTS, type ChartGhost } from '../charts/GhostLines';
import { resultsStore } from '../state/results';
import { activeRef, runOf, runsStore } from '../state/runs';
import { cachedSeries } from '../state/selectors';
import { uiStore } from '../state/ui';
import { workspaceStore } from '../state/workspace';
import { runColor } from './colors';

export interface Baseline {
  readonly ref: RunRef;
  readonly name: string;
  /** Null while it is computed. */
  readonly run: ScenarioRun | null;
  /** The baseline is the run on screen (its deltas are all zero). */
  readonly isOnScreen: boolean;
}

/** The document's baseline, or null when there is none. */
export function useBaseline(): Baseline | null {
  // Only the parts that decide it: an edit of the scenario alone does not redraw the cards twice.
  const comparison = useStore(workspaceStore, (s) => s.doc.comparison);
  const name = useStore(workspaceStore, (s) => s.doc.name);
  const active = useStore(workspaceStore, (s) => s.activeVariant);
  const onScreen = useStore(resultsStore, (s) => s.comparison?.runs[0] ?? null);
  const byKey = useStore(runsStore, (s) => s.byKey);
  const external = useStore(runsStore, (s) => s.external);
  const ref = comparison?.baseline ?? null;
  if (!ref) return null;
  const doc = workspaceStore.getState().doc;
  return {
    ref,
    name: ref.kind === 'base' ? name : ref.name,
    run: runOf(ref, doc, active, onScreen, { byKey, external }),
    isOnScreen: sameRef(ref, activeRef(active)),
  };
}

export interface Ghost {
  readonly id: string;
  readonly label: string;
  readonly run: ScenarioRun;
  readonly color: string;
  readonly baseline: boolean;
}

/** Faint lines behind the charts: the pinned runs and the baseline, each once, when computed. */
export function useGhosts(): readonly Ghost[] {
  const pinnedRuns = useStore(workspaceStore, (s) => s.doc.pinnedRuns);
  const comparison = useStore(workspaceStore, (s) => s.doc.comparison);
  const variants = useStore(workspaceStore, (s) => s.doc.variants);
  const name = useStore(workspaceStore, (s) => s.doc.name);
  const active = useStore(workspaceStore, (s) => s.activeVariant);
  const byKey = useStore(runsStore, (s) => s.byKey);
  const external = useStore(runsStore, (s) => s.external);
  const theme = useStore(uiStore, (s) => s.theme);
  return useMemo(() => {
    const doc = workspaceStore.getState().doc;
    const baseline = doc.comparison?.baseline ?? null;
    const refs: RunRef[] = (doc.pinnedRuns ?? []).map((p) => ({
      kind: 'pin' as const,
      name: p.name,
    }));
    if (baseline && !refs.some((r) => sameRef(r, baseline))) refs.unshift(baseline);
    const out: Ghost[] = [];
    for (const ref of refs) {
      if (sameRef(ref, activeRef(active))) continue;
      const run = runOf(ref, doc, active, null, { byKey, external });
      if (!run) continue;
      out.push({
        id: ref.kind === 'base' ? 'base' : `${ref.kind}:${ref.name}`,
        label: ref.kind === 'base' ? doc.name : ref.name,
        run,
        color: runColor(ref, doc, external, theme),
        baseline: sameRef(ref, baseline),
      });
    }
    return out;
    // The document changes on every edit; the ghosts only when the runs or the lists they come
    // from do (a variant baseline's new run arrives in byKey).
  }, [pinnedRuns, comparison, variants, name, active, byKey, external, theme]);
}

const chartGhostCache = new WeakMap<readonly Ghost[], Map<string, readonly ChartGhost[]>>();

/** The ghosts of one chart's metric (the same array for the same ghosts: charts stay memoized). */
export function chartGhostsOf(ghosts: readonly Ghost[], metric: string): readonly ChartGhost[] {
  if (ghosts.length === 0) return NO_GHOSTS;
  let byMetric = chartGhostCache.get(ghosts);
  if (!byMetric) {
    byMetric = new Map();
    chartGhostCache.set(ghosts, byMetric);
  }
  let out = byMetric.get(metric);
  if (!out) {
    out = ghosts
      .filter((g) => g.run.metrics.some((m) => m.name === metric))
      .map((g) => ({
        id: g.id,
        label: g.label,
        color: g.color,
        baseline: g.baseline,
        time: g.run.series.time,
        values: cachedSeries(g.run, metric),
      }));
    byMetric.set(metric, out);
  }
  return out;
}
