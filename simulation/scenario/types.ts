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
}
