/**
 * Changes against a base scenario (the variants' language): apply a list of changes to a base,
 * and find the changes that turn one scenario into another. Numbers go through the assumption
 * catalogue (assumptions.ts: a `set` names a parameter or a `*` pattern); structure (products and
 * consumers added, removed, renamed, rewired, reordered) has its own kinds. Pure.
 *
 * diffScenarios(base, target) followed by applyChanges(base, ...) gives back the target's runnable
 * parts (simulation, parameters, data products, AI consumers, own-pipeline template) exactly; the
 * name, description and story stay the base's: they belong to the document, not to a variant.
 */
import { CONSUMER_FIELDS } from '../model/entities';
import { AssumptionError, assumptionsOf, withAssumptions, type Assumption } from './assumptions';
import { formatIssues, parseScenarioValue, scenarioToFile } from './load';
import { MAX_ENTITIES } from './limits';
import { removeDataProductFrom } from './structure';
import type {
  AiConsumerSpec,
  DataProductSpec,
  RunInputs,
  Scenario,
  ScenarioChange,
  SimulationField,
} from './types';

export interface AppliedChanges {
  /** The base with every change that applies (the runnable parts; no variants or pinned runs). */
  readonly scenario: Scenario;
  /** One sentence per change that could not be applied, then any rule the result breaks. */
  readonly problems: readonly string[];
  /** Indexes of the changes that could not be applied (skipped). */
  readonly skipped: readonly number[];
}

/**
 * The base's runnable parts as new objects to change, with what the document says about them
 * (name, description, story, where values came from) as they are; no variants or pinned runs.
 */
function workingCopy(base: Scenario): Scenario {
  const words: Scenario = { ...base };
  delete words.variants;
  delete words.pinnedRuns;
  delete words.comparison;
  return {
    ...words,
    simulation: { ...base.simulation },
    parameters: { ...base.parameters },
    dataProducts: structuredClone(base.dataProducts),
    aiConsumers: structuredClone(base.aiConsumers),
    ownPipeline: structuredClone(base.ownPipeline),
  };
}

const noun = (entity: 'dataProduct' | 'aiConsumer'): string =>
  entity === 'dataProduct' ? 'data product' : 'AI consumer';

/** Applies one change in place (a `set` replaces the scenario); returns a problem or null. */
function applyOne(s: Scenario, c: ScenarioChange): { scenario: Scenario; problem: string | null } {
  const fail = (problem: string) => ({ scenario: s, problem });
  const ok = { scenario: s, problem: null };
  const product = (id: string) => s.dataProducts.find((p) => p.id === id);
  const consumer = (id: string) => s.aiConsumers.find((x) => x.id === id);
  switch (c.kind) {
    case 'set':
      try {
        return { scenario: withAssumptions(s, [[c.name, c.value]]), problem: null };
      } catch (e) {
        if (e instanceof AssumptionError) return fail(e.message);
        throw e;
      }
    case 'simulation':
      for (const key of ['weeks', 'stepWeeks', 'seed', 'mode'] as const)
        if (c[key] !== undefined) (s.simulation as Record<SimulationField, unknown>)[key] = c[key];
      return ok;
    case 'removeDataProduct':
      return removeDataProductFrom(s, c.id) === null
        ? fail(`no data product '${c.id}' to remove`)
        : ok;
    case 'addDataProduct':
      if (product(c.dataProduct.id))
        return fail(`a data product '${c.dataProduct.id}' exists already`);
      if (s.dataProducts.length >= MAX_ENTITIES)
        return fail(`at most ${MAX_ENTITIES} data products`);
      s.dataProducts.push(structuredClone(c.dataProduct) as DataProductSpec);
      return ok;
    case 'removeAiConsumer': {
      const at = s.aiConsumers.findIndex((x) => x.id === c.id);
      if (at < 0) return fail(`no AI consumer '${c.id}' to remove`);
      s.aiConsumers.splice(at, 1);
      return ok;
    }
    case 'addAiConsumer': {
      if (consumer(c.aiConsumer.id))
        return fail(`an AI consumer '${c.aiConsumer.id}' exists already`);
      if (s.aiConsumers.length >= MAX_ENTITIES) return fail(`at most ${MAX_ENTITIES} AI consumers`);
      const missing = c.aiConsumer.uses.find((id) => !product(id));
      if (missing !== undefined)
        return fail(
          `AI consumer '${c.aiConsumer.id}' uses '${missing}', which is not a data product here`,
        );
      s.aiConsumers.push(structuredClone(c.aiConsumer) as AiConsumerSpec);
      return ok;
    }
    case 'rename': {
      const target = c.entity === 'dataProduct' ? product(c.id) : consumer(c.id);
      if (!target) return fail(`no ${noun(c.entity)} '${c.id}' to rename`);
      target.name = c.name;
      return ok;
    }
    case 'domain': {
      const p = product(c.id);
      if (!p) return fail(`no data product '${c.id}' to set the domain of`);
      p.domain = c.domain;
      return ok;
    }
    case 'uses': {
      const x = consumer(c.id);
      if (!x) return fail(`no AI consumer '${c.id}' to choose data products for`);
      const missing = c.uses.find((id) => !product(id));
      if (missing !== undefined)
        return fail(`'${c.id}' would use '${missing}', which is not a data product here`);
      if (new Set(c.uses).size !== c.uses.length)
        return fail(`'${c.id}' lists a data product twice`);
      x.uses = [...c.uses];
      return ok;
    }
    case 'ownPipelines': {
      const x = consumer(c.id);
      if (!x) return fail(`no AI consumer '${c.id}' to set the own pipelines of`);
      x.ownPipelines = Math.min(CONSUMER_FIELDS.ownPipelines.max, Math.max(0, Math.round(c.value)));
      return ok;
    }
    case 'order': {
      const reorder = <T extends { id: string }>(list: T[], ids: readonly string[]): T[] | null => {
        if (ids.length !== list.length || new Set(ids).size !== ids.length) return null;
        const out = ids.map((id) => list.find((x) => x.id === id));
        return out.every((x) => x !== undefined) ? (out as T[]) : null;
      };
      const products = reorder(s.dataProducts, c.dataProducts);
      const consumers = reorder(s.aiConsumers, c.aiConsumers);
      if (!products || !consumers)
        return fail('the order names other data products or AI consumers than there are');
      s.dataProducts = products;
      s.aiConsumers = consumers;
      return ok;
    }
  }
}

/**
 * The base with the changes applied in order. A change that cannot apply (it names a product the
 * base no longer has, a value outside its range) is skipped and reported; so is a result that
 * breaks a rule of the file format (validate: false leaves that check out).
 */
export function applyChanges(
  base: Scenario,
  changes: readonly ScenarioChange[],
  options: { readonly validate?: boolean } = {},
): AppliedChanges {
  let s = workingCopy(base);
  const problems: string[] = [];
  const skipped: number[] = [];
  changes.forEach((c, i) => {
    const r = applyOne(s, c);
    s = r.scenario;
    if (r.problem !== null) {
      problems.push(r.problem);
      skipped.push(i);
    }
  });
  if (options.validate !== false) {
    const check = parseScenarioValue(scenarioToFile(s));
    if (!check.ok)
      problems.push(
        ...formatIssues('', check.issues)
          .split('\n')
          .map((l) => l.replace(/^: /, '')),
      );
  }
  return { scenario: s, problems, skipped };
}

const sameList = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * The changes that make `base` into `target` (their runnable parts): removals, additions, then
 * words and wiring of the products and consumers both have, their order, the simulation settings,
 * and every catalogue number that differs, by its exact name. Empty when they run the same.
 */
export function diffScenarios(base: RunInputs, target: RunInputs): ScenarioChange[] {
  const changes: ScenarioChange[] = [];
  const m: Scenario = workingCopy({ name: '', description: '', ...base });
  const push = (c: ScenarioChange): void => {
    changes.push(c);
    applyOne(m, c);
  };
  const targetProducts = new Set(target.dataProducts.map((p) => p.id));
  const targetConsumers = new Set(target.aiConsumers.map((c) => c.id));
  for (const p of base.dataProducts)
    if (!targetProducts.has(p.id)) push({ kind: 'removeDataProduct', id: p.id });
  for (const c of base.aiConsumers)
    if (!targetConsumers.has(c.id)) push({ kind: 'removeAiConsumer', id: c.id });
  const has = (list: readonly { id: string }[], id: string): boolean =>
    list.some((x) => x.id === id);
  for (const p of target.dataProducts)
    if (!has(m.dataProducts, p.id))
      push({ kind: 'addDataProduct', dataProduct: structuredClone(p) });
  for (const c of target.aiConsumers)
    if (!has(m.aiConsumers, c.id)) push({ kind: 'addAiConsumer', aiConsumer: structuredClone(c) });
  for (const p of target.dataProducts) {
    const q = m.dataProducts.find((x) => x.id === p.id)!;
    if (q.name !== p.name) push({ kind: 'rename', entity: 'dataProduct', id: p.id, name: p.name });
    if (q.domain !== p.domain) push({ kind: 'domain', id: p.id, domain: p.domain });
  }
  for (const c of target.aiConsumers) {
    const x = m.aiConsumers.find((y) => y.id === c.id)!;
    if (x.name !== c.name) push({ kind: 'rename', entity: 'aiConsumer', id: c.id, name: c.name });
    if (!sameList(x.uses, c.uses)) push({ kind: 'uses', id: c.id, uses: [...c.uses] });
    if (x.ownPipelines !== c.ownPipelines)
      push({ kind: 'ownPipelines', id: c.id, value: c.ownPipelines });
  }
  const productOrder = target.dataProducts.map((p) => p.id);
  const consumerOrder = target.aiConsumers.map((c) => c.id);
  if (
    !sameList(
      m.dataProducts.map((p) => p.id),
      productOrder,
    ) ||
    !sameList(
      m.aiConsumers.map((c) => c.id),
      consumerOrder,
    )
  )
    push({ kind: 'order', dataProducts: productOrder, aiConsumers: consumerOrder });
  const sim: { -readonly [K in SimulationField]?: Scenario['simulation'][K] } = {};
  for (const key of ['weeks', 'stepWeeks', 'seed', 'mode'] as const)
    if (m.simulation[key] !== target.simulation[key])
      (sim as Record<string, unknown>)[key] = target.simulation[key];
  if (Object.keys(sim).length > 0) push({ kind: 'simulation', ...sim });
  const before = new Map<string, Assumption>(assumptionsOf(m).map((a) => [a.name, a]));
  for (const a of assumptionsOf({ name: '', description: '', ...target })) {
    const was = before.get(a.name);
    if (was && was.value !== a.value) changes.push({ kind: 'set', name: a.name, value: a.value });
  }
  return changes;
}

/** The runnable parts of a scenario (what a pinned run keeps), as a new object. */
export function runInputsOf(s: RunInputs): RunInputs {
  return structuredClone({
    simulation: s.simulation,
    parameters: s.parameters,
    dataProducts: s.dataProducts,
    aiConsumers: s.aiConsumers,
    ownPipeline: s.ownPipeline,
  });
}
