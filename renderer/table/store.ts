/** The weekly table's choices: which run it shows, the column filter, the column in focus. */
import { createStore } from 'zustand/vanilla';

export const TABLE_RUNS = ['with', 'without', 'difference'] as const;
export type TableRun = (typeof TABLE_RUNS)[number];
export const TABLE_RUN_LABELS: Record<TableRun, string> = {
  with: 'With data products',
  without: 'Without',
  difference: 'Difference',
};

export interface TableState {
  readonly run: TableRun;
  /** Words a column's label or name must contain ('' shows every column). */
  readonly filter: string;
  /** A column asked for from elsewhere (the details panel): shown and marked. */
  readonly focusColumn: string | null;
  setRun(run: TableRun): void;
  setFilter(filter: string): void;
  /** Shows `metric`'s column: clears a filter that would hide it and marks it. */
  showColumn(metric: string): void;
}

export const tableStore = createStore<TableState>()((set) => ({
  run: 'with',
  filter: '',
  focusColumn: null,
  setRun: (run) => set({ run }),
  setFilter: (filter) => set({ filter, focusColumn: null }),
  showColumn: (metric) => set({ filter: '', focusColumn: metric }),
}));
