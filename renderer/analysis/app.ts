/**
 * The app's analysis machinery: one pool of workers (started and warmed up when the Analyse view
 * first opens, warm.ts, or by the first analysis) shared by the analyses, and their controllers
 * over the app's store.
 */
import { createAppAnalysisPool, type AnalysisPool } from './pool';
import { analysisStore } from './store';
import { StepController } from './step-controller';
import { UncertaintyController } from './uncertainty';

let pool: AnalysisPool | null = null;

export function appAnalysisPool(): AnalysisPool {
  pool ??= createAppAnalysisPool();
  return pool;
}

export const uncertaintyController = new UncertaintyController({
  store: analysisStore,
  pool: appAnalysisPool,
});

export const stepController = new StepController({ store: analysisStore, pool: appAnalysisPool });
