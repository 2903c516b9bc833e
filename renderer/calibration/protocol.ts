/** Messages between the app and its calibration worker. */
import type {
  CalibrationProgress,
  CalibrationResult,
  KpiHistory,
  Scenario,
} from '../../simulation';

export interface CalibrateRequest {
  readonly type: 'calibrate';
  readonly scenario: Scenario;
  readonly history: KpiHistory;
  readonly fit: readonly string[];
  readonly seed: number;
  readonly starts: number;
}

export type CalibrateResponse =
  | { readonly type: 'progress'; readonly progress: CalibrationProgress }
  | { readonly type: 'result'; readonly result: CalibrationResult }
  | { readonly type: 'error'; readonly message: string };

export function isCalibrateRequest(v: unknown): v is CalibrateRequest {
  const r = v as Partial<CalibrateRequest> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    r.type === 'calibrate' &&
    typeof r.scenario === 'object' &&
    typeof r.history === 'object' &&
    Array.isArray(r.fit) &&
    typeof r.seed === 'number' &&
    typeof r.starts === 'number'
  );
}
