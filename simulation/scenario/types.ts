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

/** What a run is computed from: every part of a scenario that decides its numbers. */
export interface RunInputs {
  simulation: SimulationSettings;
  parameters: ParameterValues;
  dataProducts: DataProductSpec[];
  aiConsumers: AiConsumerSpec[];
  ownPipeline: ProductBuild;
}

/** A complete, validated scenario: what the engine runs. Files may omit defaults (see schema.ts). */
export interface Scenario extends RunInputs {
  name: string;
  description: string;
  /** The presentation (workshop mode); absent: the built-in story is used. */
  story?: Story;
  /**
   * Where values came from, by assumption name (assumptions.ts): typed by the user, or calibrated
   * to a KPI history. A value without an entry has its registry source. (Format version 2.)
   */
  provenance?: Record<string, Provenance>;
  /**
   * The last calibration adopted in this document, into the base or as a variant: its data, and
   * what was fitted. (Format 2.)
   */
  calibration?: CalibrationRecord;
  /**
   * Named variants of this scenario (the base), each a set of changes against it (see
   * changes.ts). Absent when there are none. Not read by the engine: a variant is run as the
   * scenario its changes make (variants.ts).
   */
  variants?: Variant[];
  /** Runs pinned for comparison, each with the inputs it is recomputed from. Absent when none. */
  pinnedRuns?: PinnedRun[];
  /** The runs chosen for the comparison view and the report, and the baseline of the deltas. */
  comparison?: ComparisonChoice;
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

/** A named variant: changes against the base scenario, applied in order. */
export interface Variant {
  name: string;
  changes: ScenarioChange[];
}

/** A run kept for comparison: its inputs (recomputed on open, bit-identical) and when it was made. */
export interface PinnedRun {
  name: string;
  /** When it was pinned (ISO 8601). */
  pinnedAt: string;
  /** FNV-1a of its KPIs when pinned (kpiFingerprint): a recomputation that differs is reported. */
  kpiFingerprint: string;
  inputs: RunInputs;
}

/** A run of the document: its base, one of its variants, or one of its pinned runs (by name). */
export type RunRef =
  { kind: 'base' } | { kind: 'variant'; name: string } | { kind: 'pin'; name: string };

/** The comparison view's runs (at most MAX_COMPARED_RUNS) and the baseline of every delta. */
export interface ComparisonChoice {
  runs: RunRef[];
  /** The run KPI cards and tables measure against; null: cards compare with and without only. */
  baseline: RunRef | null;
}

export type SimulationField = keyof SimulationSettings;

/**
 * One change of a variant against its base. Numbers go through the assumption catalogue (`set`,
 * by parameter name or `*` pattern); structure and words have their own kinds.
 */
export type ScenarioChange =
  /** Sets every assumption the name or pattern selects (assumptions.ts). */
  | { kind: 'set'; name: string; value: number }
  /** Simulation settings (horizon, step, seed, randomness). */
  | {
      kind: 'simulation';
      weeks?: number;
      stepWeeks?: number;
      seed?: number;
      mode?: SimulationSettings['mode'];
    }
  /** Removes a data product; each consumer that used it builds its own pipeline instead. */
  | { kind: 'removeDataProduct'; id: string }
  | { kind: 'addDataProduct'; dataProduct: DataProductSpec }
  | { kind: 'removeAiConsumer'; id: string }
  | { kind: 'addAiConsumer'; aiConsumer: AiConsumerSpec }
  | {
      kind: 'rename';
      entity: 'dataProduct' | 'aiConsumer';
      id: string;
      name: string;
    }
  | { kind: 'domain'; id: string; domain: string }
  /** The data products an AI consumer uses, in order. */
  | { kind: 'uses'; id: string; uses: string[] }
  | { kind: 'ownPipelines'; id: string; value: number }
  /** The order of the data products and AI consumers (the same ids, reordered). */
  | {
      kind: 'order';
      dataProducts: string[];
      aiConsumers: string[];
    };
