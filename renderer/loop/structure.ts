/**
 * Which data sources and AI consumers a run has, and the variable-name prefixes of each, read
 * from the run's own scenario (users add, remove and rename products and consumers).
 */
import { consumerPrefix, productPrefix, type ScenarioRun } from '../../simulation';

export interface ProductInfo {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
}

export interface ConsumerInfo {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  /** Prefixes of the shared data products it reads. */
  readonly productPrefixes: readonly string[];
  /** Prefixes of the pipelines it builds itself from raw siloed data. */
  readonly ownPipelinePrefixes: readonly string[];
}

export interface RunStructure {
  readonly products: readonly ProductInfo[];
  readonly consumers: readonly ConsumerInfo[];
  /** Every source: shared products, then each consumer's own pipelines. */
  readonly sourcePrefixes: readonly string[];
  /** Consumers that run at least one own pipeline. */
  readonly siloedConsumers: number;
}

const cache = new WeakMap<ScenarioRun, RunStructure>();

export function structureOf(run: ScenarioRun): RunStructure {
  const cached = cache.get(run);
  if (cached !== undefined) return cached;
  const { dataProducts, aiConsumers } = run.scenario;
  const products = dataProducts.map((dp) => ({
    id: dp.id,
    name: dp.name,
    prefix: productPrefix(dp.id),
  }));
  const consumers = aiConsumers.map((c) => {
    const prefix = consumerPrefix(c.id);
    return {
      id: c.id,
      name: c.name,
      prefix,
      productPrefixes: c.uses.map(productPrefix),
      ownPipelinePrefixes: Array.from(
        { length: c.ownPipelines },
        (_, k) => `${prefix}.ownPipeline.${k + 1}`,
      ),
    };
  });
  const structure: RunStructure = {
    products,
    consumers,
    sourcePrefixes: [
      ...products.map((p) => p.prefix),
      ...consumers.flatMap((c) => c.ownPipelinePrefixes),
    ],
    siloedConsumers: consumers.filter((c) => c.ownPipelinePrefixes.length > 0).length,
  };
  cache.set(run, structure);
  return structure;
}

export function sourcesOf(consumer: ConsumerInfo): readonly string[] {
  return [...consumer.productPrefixes, ...consumer.ownPipelinePrefixes];
}
