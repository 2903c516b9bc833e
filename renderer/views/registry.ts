/**
 * The app's views, shown as tabs above the results (the scenario panel stays beside every view).
 * A new area of the app (compare, analyse, loops, your data) adds one entry here; the tab bar, the
 * keyboard shortcuts (Alt+1..9) and the UI store's `view` read this list and nothing else.
 */
import type { ComponentType } from 'react';
import { AnalyseView } from './analyse/AnalyseView';
import { CalibrationView } from '../calibration/CalibrationView';
import { CompareView } from '../compare/CompareView';
import { WorkspaceView } from './WorkspaceView';
import { LoopsView } from '../loops/LoopsView';
import { TableView } from '../table/TableView';

export interface AppView {
  /** Stable id (stored in the UI store, used in test ids: `view-tab-<id>`). */
  readonly id: string;
  readonly label: string;
  /** One line shown as the tab's tooltip. */
  readonly description: string;
  readonly component: ComponentType;
}

export const VIEWS: readonly AppView[] = [
  {
    id: 'workspace',
    label: 'Results',
    description: 'With and without data products: KPIs, the five-step loops, week by week.',
    component: WorkspaceView,
  },
  {
    id: 'compare',
    label: 'Compare',
    description:
      'Up to eight runs side by side (variants, pinned runs, other files): key results, charts, loops.',
    component: CompareView,
  },
  {
    id: 'loops',
    label: 'Loops',
    description:
      'Which feedback loop drives the flywheel, week by week, with and without data products.',
    component: LoopsView,
  },
  {
    id: 'calibrate',
    label: 'Your data',
    description: 'Import your KPI history and calibrate the model to it.',
    component: CalibrationView,
  },
  {
    id: 'analyse',
    label: 'Analyse',
    description:
      'How sure, what matters, what must be true: uncertainty, sensitivity, sweeps, goal seek.',
    component: AnalyseView,
  },
  {
    id: 'table',
    label: 'Table',
    description: 'The weekly numbers of a run, or the difference between the two, as a table.',
    component: TableView,
  },
];

export const DEFAULT_VIEW = VIEWS[0]!.id;

export function viewById(id: string): AppView {
  return VIEWS.find((v) => v.id === id) ?? VIEWS[0]!;
}
