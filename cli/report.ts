/**
 * The output of `flywheel run`: the series in the one layout of renderer/export/series.ts (the
 * app's Export menu writes the same), as JSON or CSV, plus the Monte Carlo sections the CLI adds
 * (the method in `meta.monteCarlo`, bands and KPI percentiles per run, difference percentiles).
 */
import type { Headline } from '../simulation/analysis/headline';
import type { ComparisonKpis } from '../simulation/analysis/kpis';
import {
  PERCENTILE_KEYS,
  type MonteCarloSummary,
  type UncertainParameter,
} from '../simulation/analysis/montecarlo';
import {
  writeSeriesCsv,
  writeSeriesJson,
  type SeriesMeta,
  type SeriesRun,
} from '../renderer/export/series';
import type { JsonValue } from './json-writer';

export type ReportMeta = SeriesMeta & { readonly generatedBy: 'flywheel run' };

/** A run of the output: stable short name (with / without, the preset's name, or scenario). */
export type ReportRun = SeriesRun;

export interface Report {
  readonly meta: ReportMeta;
  readonly runs: readonly ReportRun[];
  readonly differences: ComparisonKpis | null;
  /** The break-even maturity gap and the probability that with wins (null: not computed). */
  readonly headline: Headline | null;
  readonly monteCarlo: MonteCarloSummary | null;
  readonly uncertain: readonly UncertainParameter[];
}

function monteCarloMeta(
  mc: MonteCarloSummary,
  uncertain: readonly UncertainParameter[],
): JsonValue {
  return {
    draws: mc.draws,
    percentiles: [...PERCENTILE_KEYS],
    method:
      'Each draw has its own simulation seed and triangular draws of the uncertain parameters (same values for every run: ' +
      'common random numbers). KPI percentiles are exact (linear interpolation between order statistics); bands come from ' +
      "fixed-bin histograms over the pilot draws' range widened by 10% each side, within one bin width of the exact percentile.",
    bins: mc.bins,
    pilotDraws: mc.pilotDraws,
    outsideRangeShare: mc.outsideRangeShare,
    bandMetrics: [...mc.bandMetrics],
    uncertainParameters: uncertain.map((u) => ({
      name: u.name,
      min: u.lo,
      mode: u.mode,
      max: u.hi,
    })),
  };
}

export function writeReportJson(report: Report, write: (chunk: string) => void): void {
  const mc = report.monteCarlo;
  writeSeriesJson(
    {
      meta: report.meta,
      metaExtra: mc ? { monteCarlo: monteCarloMeta(mc, report.uncertain) } : undefined,
      runs: report.runs,
      differences: report.differences,
      headline: report.headline,
      extra: mc
        ? { differencePercentiles: mc.differencePercentiles as unknown as JsonValue }
        : undefined,
    },
    write,
  );
}

export function writeReportCsv(report: Report, write: (chunk: string) => void): void {
  writeSeriesCsv(report.runs, report.monteCarlo?.bandMetrics ?? [], write);
}
