/**
 * Edits of the document's variants, pinned runs and comparison, each one undo step through the
 * workspace store's editDocument: pin the run on screen, rename, duplicate, reorder and delete
 * variants and pinned runs, choose the baseline and the compared runs. References to a renamed
 * or deleted run (the comparison, the baseline) follow it. Each returns null when done, or the
 * reason it was refused (a sentence for the user).
 */
import {
  diffScenarios,
  freshRunName,
  kpiFingerprint,
  MAX_COMPARED_RUNS,
  MAX_PINNED_RUNS,
  MAX_VARIANTS,
  resolveRun,
  runInputsOf,
  runNameProblem,
  sameRef,
  type ComparisonChoice,
  type RunRef,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';
import { workspaceStore, type WorkspaceStore } from './workspace';

const refName = (ref: RunRef, doc: Scenario): string => (ref.kind === 'base' ? doc.name : ref.name);

/** The comparison's runs as the view shows them: the chosen ones, else every run (up to 8). */
export function comparedRuns(doc: Scenario): RunRef[] {
  if (doc.comparison && doc.comparison.runs.length > 0) return doc.comparison.runs;
  return allRuns(doc).slice(0, MAX_COMPARED_RUNS);
}

/** Every run of the document: the base, its variants, its pinned runs. */
export function allRuns(doc: Scenario): RunRef[] {
  return [
    { kind: 'base' },
    ...(doc.variants ?? []).map((v) => ({ kind: 'variant' as const, name: v.name })),
    ...(doc.pinnedRuns ?? []).map((p) => ({ kind: 'pin' as const, name: p.name })),
  ];
}

/** The comparison of a draft document, created when missing. */
function comparisonOf(d: Scenario): ComparisonChoice {
  d.comparison ??= { runs: [], baseline: null };
  return d.comparison;
}

/** Drops an empty comparison (no runs chosen, no baseline), as the file leaves it out. */
function tidy(d: Scenario): void {
  if (d.comparison && d.comparison.runs.length === 0 && d.comparison.baseline === null)
    delete d.comparison;
  if (d.variants?.length === 0) delete d.variants;
  if (d.pinnedRuns?.length === 0) delete d.pinnedRuns;
}

/** Points references to `from` at `to` (a rename), or removes them (`to` null: a deletion). */
function retarget(d: Scenario, from: RunRef, to: RunRef | null): void {
  const c = d.comparison;
  if (!c) return;
  c.runs = c.runs.flatMap((r) => (sameRef(r, from) ? (to ? [to] : []) : [r]));
  if (sameRef(c.baseline, from)) c.baseline = to;
  tidy(d);
}

const attempt = (
  store: WorkspaceStore,
  recipe: (d: Scenario) => string | null | void,
  options: { label: string; show?: string | null },
): string | null =>
  store.getState().editDocument(recipe, options)
    ? null
    : (store.getState().notice ?? 'not accepted');

/**
 * Pins a run (the results on screen): its inputs, a fingerprint of its KPIs and the time. The
 * first pinned run becomes the baseline when there is none. Returns the new run's name, or the
 * reason it was refused.
 */
export function pinRun(
  run: ScenarioRun,
  options: { readonly name?: string; readonly now?: Date; readonly store?: WorkspaceStore } = {},
): { readonly name: string } | { readonly problem: string } {
  const store = options.store ?? workspaceStore;
  const doc = store.getState().doc;
  if ((doc.pinnedRuns?.length ?? 0) >= MAX_PINNED_RUNS)
    return { problem: `At most ${MAX_PINNED_RUNS} pinned runs: unpin one first.` };
  const name = options.name ?? freshRunName(doc, 'Run');
  const nameProblem = runNameProblem(doc, name);
  if (nameProblem) return { problem: nameProblem };
  const problem = attempt(
    store,
    (d) => {
      (d.pinnedRuns ??= []).push({
        name,
        pinnedAt: (options.now ?? new Date()).toISOString(),
        kpiFingerprint: kpiFingerprint(run.kpis),
        inputs: runInputsOf(run.scenario),
      });
      const c = comparisonOf(d);
      if (c.baseline === null) c.baseline = { kind: 'pin', name };
      tidy(d);
    },
    { label: `Pin run '${name}'` },
  );
  return problem === null ? { name } : { problem };
}

export function renameRun(
  ref: RunRef,
  name: string,
  store: WorkspaceStore = workspaceStore,
): string | null {
  if (ref.kind === 'base') return 'The base is named after the scenario: rename the scenario.';
  const doc = store.getState().doc;
  const problem = runNameProblem(doc, name, ref.name);
  if (problem) return problem;
  if (name === ref.name) return null;
  const active = store.getState().activeVariant;
  return attempt(
    store,
    (d) => {
      const list = ref.kind === 'variant' ? d.variants : d.pinnedRuns;
      const item = list?.find((x) => x.name === ref.name);
      if (!item) return;
      item.name = name;
      retarget(d, ref, { kind: ref.kind, name });
    },
    {
      label: `Rename '${ref.name}' to '${name}'`,
      ...(ref.kind === 'variant' && active === ref.name ? { show: name } : {}),
    },
  );
}

export function deleteRun(ref: RunRef, store: WorkspaceStore = workspaceStore): string | null {
  if (ref.kind === 'base') return 'The base cannot be deleted.';
  const active = store.getState().activeVariant;
  return attempt(
    store,
    (d) => {
      if (ref.kind === 'variant') d.variants = d.variants?.filter((v) => v.name !== ref.name);
      else d.pinnedRuns = d.pinnedRuns?.filter((p) => p.name !== ref.name);
      retarget(d, ref, null);
      tidy(d);
    },
    {
      label: `Delete ${ref.kind === 'pin' ? 'pinned run' : 'variant'} '${ref.name}'`,
      ...(ref.kind === 'variant' && active === ref.name ? { show: null } : {}),
    },
  );
}

/**
 * A new variant, shown at once: a copy of `from` (a variant's changes, a pinned run's difference
 * from the base; the base or nothing: no changes), named after it.
 */
export function newVariant(
  from: RunRef = { kind: 'base' },
  store: WorkspaceStore = workspaceStore,
): { readonly name: string } | { readonly problem: string } {
  const doc = store.getState().doc;
  if ((doc.variants?.length ?? 0) >= MAX_VARIANTS)
    return { problem: `At most ${MAX_VARIANTS} variants.` };
  const resolved = resolveRun(doc, from);
  if (!resolved) return { problem: `There is no run '${refName(from, doc)}'.` };
  const name =
    from.kind === 'base' ? freshRunName(doc, 'Variant') : freshRunName(doc, `${from.name} copy`, 0);
  const changes =
    from.kind === 'variant'
      ? structuredClone(doc.variants!.find((v) => v.name === from.name)!.changes)
      : from.kind === 'pin'
        ? diffScenarios(doc, resolved.scenario)
        : [];
  const problem = attempt(
    store,
    (d) => {
      const list = (d.variants ??= []);
      const at =
        from.kind === 'variant' ? list.findIndex((v) => v.name === from.name) + 1 : list.length;
      list.splice(at, 0, { name, changes });
    },
    {
      label: from.kind === 'base' ? `New variant '${name}'` : `Copy '${from.name}' as '${name}'`,
      show: name,
    },
  );
  return problem === null ? { name } : { problem };
}

/** Moves a variant or pinned run one place up (-1) or down (+1) in its list. */
export function moveRun(
  ref: RunRef,
  by: -1 | 1,
  store: WorkspaceStore = workspaceStore,
): string | null {
  if (ref.kind === 'base') return null;
  const list =
    ref.kind === 'variant' ? store.getState().doc.variants : store.getState().doc.pinnedRuns;
  const at = list?.findIndex((x) => x.name === ref.name) ?? -1;
  const to = at + by;
  if (at < 0 || to < 0 || to >= list!.length) return `'${ref.name}' cannot move further`;
  return attempt(
    store,
    (d) => {
      const items = (ref.kind === 'variant' ? d.variants : d.pinnedRuns) as { name: string }[];
      items.splice(to, 0, items.splice(at, 1)[0]!);
    },
    { label: `Move '${ref.name}' ${by < 0 ? 'up' : 'down'}` },
  );
}

/** The run every delta is measured against (null: the cards compare with and without only). */
export function setBaseline(
  ref: RunRef | null,
  store: WorkspaceStore = workspaceStore,
): string | null {
  const doc = store.getState().doc;
  if (sameRef(doc.comparison?.baseline ?? null, ref) || (ref === null && !doc.comparison?.baseline))
    return null;
  return attempt(
    store,
    (d) => {
      comparisonOf(d).baseline = ref;
      tidy(d);
    },
    { label: ref === null ? 'No baseline' : `Baseline '${refName(ref, doc)}'` },
  );
}

/** Adds a run to the comparison or takes it out (at most MAX_COMPARED_RUNS). */
export function toggleCompared(ref: RunRef, store: WorkspaceStore = workspaceStore): string | null {
  const doc = store.getState().doc;
  const runs = comparedRuns(doc);
  const shown = runs.some((r) => sameRef(r, ref));
  if (!shown && runs.length >= MAX_COMPARED_RUNS)
    return `At most ${MAX_COMPARED_RUNS} runs side by side: take one out first.`;
  const next = shown ? runs.filter((r) => !sameRef(r, ref)) : [...runs, ref];
  if (next.length === 0) return 'At least one run stays in the comparison.';
  return attempt(
    store,
    (d) => {
      comparisonOf(d).runs = structuredClone(next);
      tidy(d);
    },
    { label: `${shown ? 'Leave out' : 'Compare'} '${refName(ref, doc)}'` },
  );
}
