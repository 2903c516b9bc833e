/**
 * A colour per run for ghost lines, overlaid charts, legends and the comparison table: the run on
 * the base draws in the "with data products" colour, every variant, pinned run and opened file in
 * its own colour from a colour-blind-safe palette (Okabe-Ito and Tol), stable while the document's
 * lists keep their order. Given to SVG as presentation attributes (the page's policy forbids
 * inline styles), so the report draws them too.
 */
import { allRuns } from '../state/document-edits';
import type { AnyRunRef, ExternalRun } from '../state/runs';
import type { Theme } from '../state/ui';
import { BASE, PALETTE } from './palette';
import { sameRef, type Scenario } from '../../simulation';

/** The colour of a run in the document (base, variant, pinned run) or an opened file. */
export function runColor(
  ref: AnyRunRef,
  doc: Scenario,
  external: readonly ExternalRun[],
  theme: Theme = 'light',
): string {
  if (ref.kind === 'base') return BASE[theme];
  const palette = PALETTE[theme];
  // Pinned runs first: a new variant does not change the colour of a ghost line already drawn.
  const all = allRuns(doc).slice(1);
  const others = [...all.filter((r) => r.kind === 'pin'), ...all.filter((r) => r.kind !== 'pin')];
  const index =
    ref.kind === 'file'
      ? others.length + external.findIndex((x) => x.id === ref.id)
      : others.findIndex((r) => sameRef(r, ref));
  return palette[Math.max(0, index) % palette.length]!;
}
