import type { Maturity } from '../model/anatomy';
import type { Impact } from '../model/entities';
import type { ParameterValues } from '../model/parameters';
import type { Story } from '../story/types';

export interface SimulationSettings {
  /** Horizon in weeks, 1..520. */
  weeks: number;
  /** Step length in weeks. */
  stepWeeks: number;
  seed: number;
  mode: 'stochastic' | 'expected';
}

/** Build and run figures of a data product, also the template of a consumer's own pipeline. */
export interface ProductBuild {
  maturity: Maturity;
  buildWeeks: number;
  buildCostUsd: number;
  runCostUsdPerWeek: number;
}

export interface DataProductSpec extends ProductBuild {
  id: string;
  name: string;
  /** Owning domain (customer, supply chain, finance, risk, ...). */
  domain: string;
  startWeek: number;
}

export interface AiConsumerSpec {
  id: string;
  name: string;
  /** Ids of the data products it consumes. */
  uses: string[];
  /** Pipelines it builds itself from raw siloed data (the `ownPipeline` template). */
  ownPipelines: number;
  startWeek: number;
  devWeeks: number;
  devCostUsd: number;
  runCostUsdPerWeek: number;
  impact: Impact;
}

/** A complete, validated scenario: what the engine runs. Files may omit defaults (see schema.ts). */
export interface Scenario {
  name: string;
  description: string;
  simulation: SimulationSettings;
  parameters: ParameterValues;
  dataProducts: DataProductSpec[];
  aiConsumers: AiConsumerSpec[];
  ownPipeline: ProductBuild;
  /** The presentation (workshop mode); absent: the built-in story is used. */
  story?: Story;
  /**
   * Where values came from, by assumption name (assumptions.ts): typed by the user, or calibrated
   * to a KPI history. A value without an entry has its registry source. (Format version 2.)
   */
  provenance?: Record<string, Provenance>;
  /** The last calibration adopted into this scenario: its data, and what was fitted. (Format 2.) */
  calibration?: CalibrationRecord;
}

/** Where a value came from. Dates are ISO calendar dates (`2026-12-01`). */
export type Provenance =
  { kind: 'input'; date: string } | { kind: 'calibrated'; file: string; date: string };

/** How a history column relates to the model's weekly series over one period. */
export type Aggregate = 'point' | 'total' | 'average';

/** One period of a KPI history, in weeks from the model's week 0: [fromWeek, toWeek). */
export interface HistoryPeriod {
  label: string;
  fromWeek: number;
  toWeek: number;
}

/** One column of a KPI history mapped to a model metric. Null: no figure for that period. */
export interface HistorySeries {
  metric: string;
  aggregate: Aggregate;
  /** Relative weight of this series' errors in the fit (1 = as every other). */
  weight: number;
  values: (number | null)[];
}

/** A KPI history as the model reads it: periods and the series measured over them. */
export interface KpiHistory {
  frequency: 'weekly' | 'monthly';
  /** Calendar date of week 0 when the history had dates; null for numbered weeks. */
  startDate: string | null;
  periods: HistoryPeriod[];
  series: HistorySeries[];
}

/** A fitted value with its approximate 95% interval (null: the data cannot identify it). */
export interface FittedValue {
  name: string;
  value: number;
  low: number | null;
  high: number | null;
}

export interface CalibrationRecord {
  /** The file the history came from (its name, not its path). */
  file: string;
  /** When the fit was adopted (ISO date). */
  date: string;
  seed: number;
  fitted: FittedValue[];
  history: KpiHistory;
}
