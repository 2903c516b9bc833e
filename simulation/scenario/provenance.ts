/**
 * Where a scenario's values came from. A value the user typed reads "your input"; a value fitted
 * to a KPI history reads "calibrated to FILE on DATE"; a value with no entry has the source the
 * registries give it (assumptions.ts). The editor, the report and the CLI read it from here.
 */
import { assumptionsOf, type Assumption } from './assumptions';
import type { Provenance, Scenario } from './types';

/** Today's calendar date as an ISO string (local time), for provenance entries. */
export function isoDate(date: Date = new Date()): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** A provenance in words: "your input", "calibrated to sales.csv on 2026-12-01". */
export function provenanceLabel(p: Provenance): string {
  return p.kind === 'input' ? 'your input' : `calibrated to ${p.file} on ${p.date}`;
}

/** The provenance of an assumption in this scenario, or null (its registry source holds). */
export function provenanceOf(s: Scenario, name: string): Provenance | null {
  return s.provenance?.[name] ?? null;
}

/** What the editor and the report show as an assumption's source. */
export function sourceOf(s: Scenario, a: Pick<Assumption, 'name' | 'source'>): string {
  const p = provenanceOf(s, a.name);
  return p ? provenanceLabel(p) : a.source;
}

/** A copy of the scenario with these assumptions' provenance set (null: back to the registry's). */
export function withProvenance(
  s: Scenario,
  names: readonly string[],
  p: Provenance | null,
): Scenario {
  const next = { ...(s.provenance ?? {}) };
  for (const n of names) {
    if (p) next[n] = p;
    else delete next[n];
  }
  const out: Scenario = { ...s };
  if (Object.keys(next).length > 0) out.provenance = next;
  else delete out.provenance;
  return out;
}

/**
 * Sets a provenance in place (for Immer drafts in the editor); null removes it. The scenario's
 * provenance object is created or dropped as needed.
 */
export function setProvenanceInPlace(s: Scenario, name: string, p: Provenance | null): void {
  if (p) {
    s.provenance ??= {};
    s.provenance[name] = p;
  } else if (s.provenance && name in s.provenance) {
    delete s.provenance[name];
    if (Object.keys(s.provenance).length === 0) delete s.provenance;
  }
}

/** The assumption whose value lives at this path of the scenario, or null. */
export function assumptionAtPath(
  s: Scenario,
  path: readonly (string | number)[],
): Assumption | null {
  return (
    assumptionsOf(s).find(
      (a) => a.path.length === path.length && a.path.every((seg, i) => seg === path[i]),
    ) ?? null
  );
}
