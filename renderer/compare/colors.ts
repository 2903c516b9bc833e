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
import { sameRef, type Scenario } from '../../simulation';

const BASE: Record<Theme, string> = {
  light: '#0072b2',
  dark: '#56b4e9',
  'high-contrast': '#5ec8ff',
};

const PALETTE: Record<Theme, readonly string[]> = {
  light: ['#cc79a7', '#009e73', '#e69f00', '#882255', '#117733', '#999933', '#332288', '#56b4e9'],
  dark: ['#e69fcf', '#3fd4a4', '#f0b840', '#d46a8f', '#5fbf6f', '#cccc66', '#9a8ce0', '#8fd0f5'],
  'high-contrast': [
    '#ff9ad5',
    '#00f0b0',
    '#ffd000',
    '#ff6e9c',
    '#7dff7d',
    '#f0f080',
    '#b8a8ff',
    '#a8e4ff',
  ],
};

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
