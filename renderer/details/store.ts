/**
 * Which result the details panel shows (a metric of the runs: `activeUsers`, `meanAiPerformance`),
 * or none. Opened by a click on a chart, a loop step or a table column; closing it gives the focus
 * back to what opened it.
 */
import { createStore } from 'zustand/vanilla';

/** Something that can take the focus back: a button, a chart's svg, a loop step's group. */
export type Opener = Element & HTMLOrSVGElement;

export interface DetailsState {
  readonly metric: string | null;
  /** What had the focus when the panel opened (it gets it back on close). */
  readonly opener: Opener | null;
  open(metric: string, opener?: Opener | null): void;
  close(): void;
  /** Closes without moving the focus (a link in the panel moves it elsewhere). */
  dismiss(): void;
}

export const detailsStore = createStore<DetailsState>()((set, get) => ({
  metric: null,
  opener: null,
  open: (metric, opener = null) =>
    // Moving from one result to another inside the panel keeps the first opener.
    set({ metric, opener: get().metric === null ? opener : get().opener }),
  close() {
    const opener = get().opener;
    set({ metric: null, opener: null });
    if (opener?.isConnected) opener.focus();
  },
  dismiss: () => set({ metric: null, opener: null }),
}));

/** The result a loop step's card stands for (its headline). */
export const STEP_METRICS = {
  activity: 'activeUsers',
  products: 'meanSourceQuality',
  consumers: 'meanAiImpact',
  experience: 'experienceIndex',
  data: 'freshEvents',
} as const;
