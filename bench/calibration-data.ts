/**
 * The calibration benchmark's problem, the same for `npm run bench` (the CLI's engine) and
 * `npm run bench:ui` (the app's worker): three parameters of the default scenario fitted to three
 * years of weekly figures (active users, sessions, orders: 156 weeks x 3 series), made by the model
 * from known values with 2% noise, from the default 4 starting points.
 */
import { withPreset, type KpiHistory } from '../simulation';
import { syntheticHistory } from '../tests/calibration/synthetic';

export const BENCH_FIT = ['baseChurnPerWeek', 'bassImitationPerYear', 'sessionsPerUserPerWeek'];
export const BENCH_TRUTH = {
  baseChurnPerWeek: 0.016,
  bassImitationPerYear: 0.5,
  sessionsPerUserPerWeek: 1.3,
};
export const BENCH_STARTS = 4;
export const BENCH_WEEKS = 156;

export function benchHistory(): KpiHistory {
  return syntheticHistory(withPreset(), {
    weeks: BENCH_WEEKS,
    metrics: ['activeUsers', 'sessions', 'orders'],
    noise: 0.02,
    seed: 7,
    truth: BENCH_TRUTH,
  });
}

/** The history as a user's CSV file: dated weeks from Monday 2 January 2023, whole numbers. */
export function benchCsv(history: KpiHistory = benchHistory()): string {
  const start = Date.UTC(2023, 0, 2);
  const day = (w: number): string =>
    new Date(start + w * 7 * 86_400_000).toISOString().slice(0, 10);
  const header = ['date', ...history.series.map((s) => s.metric)].join(',');
  const rows = history.periods.map((_, i) =>
    [day(i), ...history.series.map((s) => Math.round(s.values[i]!))].join(','),
  );
  return `${header}\n${rows.join('\n')}\n`;
}
