/**
 * Performance marks inside the page, read by the UI benchmark (bench/ui.ts): from a scenario
 * change (the edit) to the charts showing its results (React has committed the new SVG).
 */
const hasPerformance = (): boolean =>
  typeof performance !== 'undefined' && typeof performance.mark === 'function';

export const EDIT_TO_CHARTS = 'fw:edit-to-charts';
export const EDIT_TO_RESULTS = 'fw:edit-to-results';

const editMark = (revision: number): string => `fw:edit:${revision}`;

export function markScenarioChange(revision: number): void {
  if (hasPerformance()) performance.mark(editMark(revision));
}

function measureFrom(revision: number, name: string): void {
  if (!hasPerformance()) return;
  const start = editMark(revision);
  if (performance.getEntriesByName(start, 'mark').length === 0) return;
  performance.measure(name, { start, detail: { revision } });
}

export function markResultsReceived(revision: number): void {
  measureFrom(revision, EDIT_TO_RESULTS);
}

/** Called once the charts for `revision` are in the DOM; clears the edit mark. */
export function markChartsRendered(revision: number): void {
  measureFrom(revision, EDIT_TO_CHARTS);
  if (hasPerformance()) performance.clearMarks(editMark(revision));
}
