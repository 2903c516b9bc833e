/**
 * Structural edits of a scenario (Immer recipes): add, remove and rename data products and AI
 * consumers, and choose the products a consumer uses. Each returns a sentence for the user when
 * the edit has a consequence worth saying (a removed product's consumers get own pipelines).
 */
import {
  CONSUMER_FIELDS,
  ID_PATTERN,
  newProductMaturity,
  PRODUCT_FIELDS,
  removeDataProductFrom,
  zeroImpact,
  type AiConsumerSpec,
  type DataProductSpec,
  type Scenario,
} from '../../simulation';

/** Schema limit of data products and of AI consumers per scenario. */
export const MAX_ENTITIES = 50;

/** A lower-case id from a name, unique among `taken` (`customer-360`, `customer-360-2`). */
export function idFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56) || 'item';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  if (!ID_PATTERN.test(id)) throw new Error(`cannot derive an id from "${name}"`);
  return id;
}

/** First "Base N" not yet used as a name. */
function freshName(base: string, names: readonly string[]): string {
  for (let n = names.length + 1; ; n++) {
    const candidate = `${base} ${n}`;
    if (!names.includes(candidate)) return candidate;
  }
}

export function newDataProduct(s: Scenario): DataProductSpec {
  const name = freshName(
    'Data product',
    s.dataProducts.map((p) => p.name),
  );
  return {
    id: idFromName(name, new Set(s.dataProducts.map((p) => p.id))),
    name,
    domain: '',
    startWeek: PRODUCT_FIELDS.startWeek.default,
    maturity: newProductMaturity(),
    buildWeeks: PRODUCT_FIELDS.buildWeeks.default,
    buildCostUsd: PRODUCT_FIELDS.buildCostUsd.default,
    runCostUsdPerWeek: PRODUCT_FIELDS.runCostUsdPerWeek.default,
  };
}

export function newAiConsumer(s: Scenario): AiConsumerSpec {
  const name = freshName(
    'AI consumer',
    s.aiConsumers.map((c) => c.name),
  );
  return {
    id: idFromName(name, new Set(s.aiConsumers.map((c) => c.id))),
    name,
    uses: [],
    ownPipelines: CONSUMER_FIELDS.ownPipelines.default,
    startWeek: CONSUMER_FIELDS.startWeek.default,
    devWeeks: CONSUMER_FIELDS.devWeeks.default,
    devCostUsd: CONSUMER_FIELDS.devCostUsd.default,
    runCostUsdPerWeek: CONSUMER_FIELDS.runCostUsdPerWeek.default,
    impact: zeroImpact(),
  };
}

export function addDataProduct(draft: Scenario): string | null {
  if (draft.dataProducts.length >= MAX_ENTITIES) return `At most ${MAX_ENTITIES} data products.`;
  draft.dataProducts.push(newDataProduct(draft));
  return null;
}

export function addAiConsumer(draft: Scenario): string | null {
  if (draft.aiConsumers.length >= MAX_ENTITIES) return `At most ${MAX_ENTITIES} AI consumers.`;
  draft.aiConsumers.push(newAiConsumer(draft));
  return null;
}

const listNames = (names: readonly string[]): string =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/**
 * Removes a data product. Every consumer that used it builds its own pipeline from raw data
 * instead (ownPipelines + 1), so the business still has the data, as it would without the product.
 */
export function removeDataProduct(draft: Scenario, productId: string): string | null {
  const name = draft.dataProducts.find((p) => p.id === productId)?.name;
  const moved = removeDataProductFrom(draft, productId);
  if (moved === null || name === undefined) return null;
  if (moved.length === 0) return `Removed ${name}.`;
  return `Removed ${name}. ${listNames(moved)} now ${moved.length === 1 ? 'builds its' : 'each build their'} own pipeline from raw data instead (+1 own pipeline), so the business still has that data.`;
}

export function removeAiConsumer(draft: Scenario, consumerId: string): string | null {
  const index = draft.aiConsumers.findIndex((c) => c.id === consumerId);
  if (index < 0) return null;
  const name = draft.aiConsumers[index]!.name;
  draft.aiConsumers.splice(index, 1);
  return `Removed ${name}.`;
}

/** Starts or stops a consumer's use of a product (an explicit choice: no pipeline is added). */
export function setUses(
  draft: Scenario,
  consumerId: string,
  productId: string,
  uses: boolean,
): void {
  const c = draft.aiConsumers.find((x) => x.id === consumerId);
  if (!c || !draft.dataProducts.some((x) => x.id === productId)) return;
  const at = c.uses.indexOf(productId);
  if (uses && at < 0) c.uses.push(productId);
  if (!uses && at >= 0) c.uses.splice(at, 1);
}

export function renameDataProduct(draft: Scenario, productId: string, name: string): void {
  const p = draft.dataProducts.find((x) => x.id === productId);
  if (p) p.name = name;
}

export function renameAiConsumer(draft: Scenario, consumerId: string, name: string): void {
  const c = draft.aiConsumers.find((x) => x.id === consumerId);
  if (c) c.name = name;
}
