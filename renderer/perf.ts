/**
 * Performance marks inside the page, read by the UI benchmark (bench/ui.ts): from a scenario
 * change (the edit) to the engine's results arriving, to the charts holding them (React has
 * committed the new SVG), and to the next frame being painted.
 */
const hasPerformance = (): boolean =>
  typeof performance !== 'undefined' && typeof performance.mark === 'function';

export const EDIT_TO_RESULTS = 'fw:edit-to-results';
export const EDIT_TO_CHARTS = 'fw:edit-to-charts';
export const EDIT_TO_PAINT = 'fw:edit-to-paint';

const editMark = (revision: number): string => `fw:edit:${revision}`;

export function markScenarioChange(revision: number): void {
  if (hasPerformance()) performance.mark(editMark(revision));
}

function measureFrom(revision: number, name: string): boolean {
  if (!hasPerformance()) return false;
  const start = editMark(revision);
  if (performance.getEntriesByName(start, 'mark').length === 0) return false;
  performance.measure(name, { start, detail: { revision } });
  return true;
}

export function markResultsReceived(revision: number): void {
  measureFrom(revision, EDIT_TO_RESULTS);
}

/**
 * Called once the charts for `revision` are in the DOM. The paint measure is taken after the
 * next animation frame (a task queued from requestAnimationFrame runs after that frame paints).
 */
export function markChartsRendered(revision: number): void {
  if (!measureFrom(revision, EDIT_TO_CHARTS)) return;
  const finish = (): void => {
    measureFrom(revision, EDIT_TO_PAINT);
    performance.clearMarks(editMark(revision));
  };
  if (typeof requestAnimationFrame === 'function') {
    requestAnimationFrame(() => setTimeout(finish, 0));
  } else {
    finish();
  }
}
