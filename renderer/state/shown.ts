/**
 * The scenario on screen: the document's base, or the base with the chosen variant's changes
 * applied. Kept as the same object while the parts that decide it are the same objects (Immer
 * shares what an edit does not touch), so a change of the document's pinned runs or names does
 * not look like a change of the scenario (no engine run, no redraw).
 */
import { applyChanges, baseOf, variantNamed, type Scenario } from '../../simulation';

const PARTS = [
  'name',
  'description',
  'simulation',
  'parameters',
  'dataProducts',
  'aiConsumers',
  'ownPipeline',
  'story',
] as const;

/** True when both have the very same parts (identity, not content). */
export function sameParts(a: Scenario, b: Scenario): boolean {
  return PARTS.every((k) => a[k] === b[k]);
}

export interface Shown {
  readonly scenario: Scenario;
  /** Changes of the chosen variant that do not apply to the base (see applyChanges). */
  readonly problems: readonly string[];
}

interface Memo {
  readonly doc: Scenario;
  readonly changes: unknown;
  readonly shown: Shown;
}

let memo: Memo | null = null;

/** Remembers that `doc` with the variant's `changes` shows `scenario` (an edit just made it). */
export function rememberShown(doc: Scenario, changes: unknown, scenario: Scenario): void {
  memo = { doc, changes, shown: { scenario, problems: [] } };
}

/**
 * What `doc` shows with `variant` chosen (null: the base), reusing `previous` when nothing that
 * decides it changed. A variant that no longer exists shows the base.
 */
export function shownOf(doc: Scenario, variant: string | null, previous?: Scenario): Shown {
  const v = variant === null ? undefined : variantNamed(doc, variant);
  if (!v) {
    const base = baseOf(doc);
    return { scenario: previous && sameParts(previous, base) ? previous : base, problems: [] };
  }
  if (memo && memo.changes === v.changes && sameParts(memo.doc, doc)) return memo.shown;
  const applied = applyChanges(doc, v.changes);
  const scenario =
    previous && sameCanonical(previous, applied.scenario) ? previous : applied.scenario;
  const shown = { scenario, problems: applied.problems };
  memo = { doc, changes: v.changes, shown };
  return shown;
}

function sameCanonical(a: Scenario, b: Scenario): boolean {
  return PARTS.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}
