/**
 * What the exports use that the user chose, shared by the Export menu's buttons and the desktop
 * menu's File > Export: the paper of the PDF report, the picture of PNG and SVG exports (the chart
 * or loop chosen in the menu or last focused on the page) and what a running export is doing.
 * A vanilla store: no React.
 */
import { createStore } from 'zustand/vanilla';
import type { Paper } from '../report/print-options';

/**
 * The paper a locale prints on: Letter where it is the norm (the United States and Canada, so
 * en-US, en-CA, fr-CA, es-US), A4 elsewhere and when the locale names no region.
 */
export function defaultPaper(locale: string | undefined): Paper {
  if (!locale) return 'a4';
  let region: string | undefined;
  try {
    // Only a region the locale names counts ("en" alone says nothing about the paper).
    region = new Intl.Locale(locale).region;
  } catch {
    return 'a4';
  }
  return region === 'US' || region === 'CA' ? 'letter' : 'a4';
}

/**
 * The week the report draws its five-step loop at, chosen on purpose: the horizon (by default,
 * as `flywheel report` does), the week on screen when the report is made, or a given week (as
 * `flywheel report --loop-week N`).
 */
export type LoopWeekChoice =
  | { readonly kind: 'horizon' }
  | { readonly kind: 'screen' }
  | { readonly kind: 'week'; readonly week: number };

/** The CSV's layout: readable (labels with units, rounded) or the machine form of `flywheel run`. */
export type CsvStyle = 'readable' | 'machine';

export interface ExportChoices {
  readonly paper: Paper;
  readonly loopWeek: LoopWeekChoice;
  readonly csvStyle: CsvStyle;
  /**
   * Whether the report compares the runs the Compare view compares (when there are two or more:
   * the scenario, its variants and pinned runs, files opened for comparison).
   */
  readonly compareInReport: boolean;
  /** Id of the picture PNG and SVG export (see pictureTargets), or null: the first loop. */
  readonly picture: string | null;
  /** What a running export is doing ("Printing the PDF…"), or null. */
  readonly status: string | null;
}

const browserLocale = (): string | undefined =>
  typeof navigator === 'undefined' ? undefined : navigator.language;

export const exportChoices = createStore<ExportChoices>(() => ({
  paper: defaultPaper(browserLocale()),
  loopWeek: { kind: 'horizon' },
  csvStyle: 'readable',
  compareInReport: true,
  picture: null,
  status: null,
}));

/**
 * The loop week a choice means for a run of `horizonWeeks` in steps of `stepWeeks`, when the
 * week on screen is `screenWeek`: always a reporting point within the run.
 */
export function resolveLoopWeek(
  choice: LoopWeekChoice,
  horizonWeeks: number,
  stepWeeks: number,
  screenWeek: number,
): number {
  const wanted =
    choice.kind === 'horizon' ? horizonWeeks : choice.kind === 'screen' ? screenWeek : choice.week;
  const snapped = Math.round(wanted / stepWeeks) * stepWeeks;
  return Math.max(0, Math.min(horizonWeeks, Number.isFinite(snapped) ? snapped : horizonWeeks));
}

/** Runs `work` with `status` shown, and clears it afterwards (also when the work fails). */
export async function withStatus<T>(status: string, work: () => Promise<T>): Promise<T> {
  exportChoices.setState({ status });
  try {
    return await work();
  } finally {
    exportChoices.setState({ status: null });
  }
}
