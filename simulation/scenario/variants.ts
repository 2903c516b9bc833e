/**
 * A scenario document's runs: its base (the scenario itself), its named variants (the base with a
 * variant's changes) and its pinned runs (kept inputs). Resolving a run by reference or by name,
 * and the rules for run names. Pure.
 */
import { applyChanges } from './changes';
import { MAX_RUN_NAME } from './limits';
import type { PinnedRun, RunRef, Scenario, Variant } from './types';

/** The base scenario without what the document keeps beside it (variants, pins, comparison). */
export function baseOf(doc: Scenario): Scenario {
  if (doc.variants === undefined && doc.pinnedRuns === undefined && doc.comparison === undefined)
    return doc;
  const base = { ...doc };
  delete base.variants;
  delete base.pinnedRuns;
  delete base.comparison;
  return base;
}

export function variantNamed(doc: Scenario, name: string): Variant | undefined {
  return doc.variants?.find((v) => v.name === name);
}

export function pinNamed(doc: Scenario, name: string): PinnedRun | undefined {
  return doc.pinnedRuns?.find((p) => p.name === name);
}

/** The scenario a pinned run is computed from (its inputs, under the document's words). */
export function pinScenario(doc: Scenario, pin: PinnedRun): Scenario {
  return { name: doc.name, description: doc.description, ...structuredClone(pin.inputs) };
}

export interface ResolvedRun {
  readonly ref: RunRef;
  /** As the user knows it: the variant's or pinned run's name, or the scenario's for the base. */
  readonly label: string;
  readonly scenario: Scenario;
  /** Changes of a variant that do not apply to the base any more (see applyChanges). */
  readonly problems: readonly string[];
}

/** A run of the document, or null when the reference names nothing in it. */
export function resolveRun(doc: Scenario, ref: RunRef): ResolvedRun | null {
  if (ref.kind === 'base') return { ref, label: doc.name, scenario: baseOf(doc), problems: [] };
  if (ref.kind === 'variant') {
    const v = variantNamed(doc, ref.name);
    if (!v) return null;
    const applied = applyChanges(doc, v.changes);
    return { ref, label: v.name, scenario: applied.scenario, problems: applied.problems };
  }
  const pin = pinNamed(doc, ref.name);
  return pin ? { ref, label: pin.name, scenario: pinScenario(doc, pin), problems: [] } : null;
}

/**
 * The variant or pinned run called `name` (exactly, else ignoring case, as `flywheel compare
 * FILE#NAME` finds it), or null.
 */
export function findRunByName(doc: Scenario, name: string): RunRef | null {
  const exact = (a: string): boolean => a === name;
  const loose = (a: string): boolean => a.toLowerCase() === name.toLowerCase();
  for (const same of [exact, loose]) {
    const v = doc.variants?.find((x) => same(x.name));
    if (v) return { kind: 'variant', name: v.name };
    const p = doc.pinnedRuns?.find((x) => same(x.name));
    if (p) return { kind: 'pin', name: p.name };
  }
  return null;
}

/** The names of a document's variants and pinned runs, for messages. */
export function runNamesOf(doc: Scenario): string[] {
  return [...(doc.variants ?? []).map((v) => v.name), ...(doc.pinnedRuns ?? []).map((p) => p.name)];
}

export const sameRef = (a: RunRef | null | undefined, b: RunRef | null | undefined): boolean =>
  !!a && !!b && a.kind === b.kind && (a.kind === 'base' || a.name === (b as { name: string }).name);

/**
 * Why `name` cannot name a variant or pinned run of `doc` (empty, too long, spaces at the ends,
 * already used: names are unique among both, ignoring case), or null when it can. `current` is
 * the name being replaced (renaming to itself, or to another case of itself, is fine).
 */
export function runNameProblem(
  doc: Scenario,
  name: string,
  current: string | null = null,
): string | null {
  if (name.trim() === '') return 'A name is needed.';
  if (name.trim() !== name) return 'No spaces at the start or end of a name.';
  if (name.length > MAX_RUN_NAME) return `At most ${MAX_RUN_NAME} characters.`;
  const key = name.toLowerCase();
  if (current !== null && key === current.toLowerCase()) return null;
  if (runNamesOf(doc).some((n) => n.toLowerCase() === key))
    return `"${name}" is already the name of a variant or pinned run.`;
  return null;
}

/** The first of "Base N", "Base N+1", ... that is free (`Run 1`, `Copy of X 2`). */
export function freshRunName(doc: Scenario, stem: string, first = 1): string {
  for (let n = first; ; n++) {
    const candidate = n === 0 ? stem : `${stem} ${n}`;
    if (runNameProblem(doc, candidate) === null) return candidate;
  }
}

/** Every run of a document with its name: the base (the scenario's name), variants, pinned runs. */
export function allRunsOf(doc: Scenario): { readonly ref: RunRef; readonly label: string }[] {
  return [
    { ref: { kind: 'base' }, label: doc.name },
    ...(doc.variants ?? []).map((v) => ({
      ref: { kind: 'variant' as const, name: v.name },
      label: v.name,
    })),
    ...(doc.pinnedRuns ?? []).map((p) => ({
      ref: { kind: 'pin' as const, name: p.name },
      label: p.name,
    })),
  ];
}
