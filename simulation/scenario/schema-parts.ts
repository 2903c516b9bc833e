/**
 * The building blocks of the scenario file's schema (zod): bounded numbers with the registries'
 * ranges and messages, ids, texts, the model's parts (simulation settings, parameters, data
 * products, AI consumers, the own-pipeline template) and the cross-field rules that make a set of
 * them runnable. schema.ts assembles the file; schema-document.ts the variants and pinned runs,
 * whose inputs are checked by the same rules.
 */
import { z } from 'zod';
import { ANATOMY_PARTS } from '../model/anatomy';
import {
  CONSUMER_FIELDS,
  IMPACT_FIELDS,
  IMPACT_LEVERS,
  MATURITY_FIELDS,
  PRODUCT_FIELDS,
  type FieldSpec,
} from '../model/entities';
import { PARAMETERS } from '../model/parameters';
import { MAX_ENTITIES, MAX_HORIZON_WEEKS } from './limits';

export const ALLOWED_STEP_WEEKS = [0.125, 0.25, 0.5, 1, 2] as const;
export { MAX_HORIZON_WEEKS };
export { MAX_ENTITIES };

const describeRange = (f: { min: number; max: number; integer?: boolean }): string =>
  `${f.integer ? 'a whole number' : 'a number'} from ${f.min} to ${f.max}`;

export const bounded = (f: { min: number; max: number; integer?: boolean; unit?: string }) => {
  const msg = `expected ${describeRange(f)}${f.unit ? ` (${f.unit})` : ''}`;
  let n = z.number({
    error: (iss) => (iss.input === undefined ? 'required' : `${msg}, got ${show(iss.input)}`),
  });
  if (f.integer) n = n.int({ error: (iss) => `${msg}, got ${show(iss.input)}` });
  return n
    .min(f.min, { error: (iss) => `${msg}, got ${show(iss.input)}` })
    .max(f.max, { error: (iss) => `${msg}, got ${show(iss.input)}` });
};

const field = (f: FieldSpec) => bounded(f).default(f.default);

export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : typeof v;
}

export const text = (max: number) =>
  z
    .string({ error: (iss) => `expected text, got ${show(iss.input)}` })
    .max(max, { error: `expected at most ${max} characters` });

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const id = z
  .string({ error: (iss) => `expected an id, got ${show(iss.input)}` })
  .regex(ID_PATTERN, {
    error:
      'expected an id of lower-case letters, digits and hyphens (at most 63, starting with a letter or digit)',
  });

const maturity = z.strictObject(
  Object.fromEntries(ANATOMY_PARTS.map((p) => [p, field(MATURITY_FIELDS[p])])) as Record<
    (typeof ANATOMY_PARTS)[number],
    ReturnType<typeof field>
  >,
);
const impact = z.strictObject(
  Object.fromEntries(IMPACT_LEVERS.map((l) => [l, field(IMPACT_FIELDS[l])])) as Record<
    (typeof IMPACT_LEVERS)[number],
    ReturnType<typeof field>
  >,
);

const productBuild = {
  maturity: maturity.prefault({}),
  buildWeeks: field(PRODUCT_FIELDS.buildWeeks),
  buildCostUsd: field(PRODUCT_FIELDS.buildCostUsd),
  runCostUsdPerWeek: field(PRODUCT_FIELDS.runCostUsdPerWeek),
};

export const ownPipelineSchema = z.strictObject(productBuild);

export const dataProductSchema = z.strictObject({
  id,
  name: text(120).min(1, { error: 'expected a name' }),
  domain: text(60).default(''),
  startWeek: field(PRODUCT_FIELDS.startWeek),
  ...productBuild,
});

export const aiConsumerSchema = z.strictObject({
  id,
  name: text(120).min(1, { error: 'expected a name' }),
  uses: z
    .array(id, { error: (iss) => `expected a list of data product ids, got ${show(iss.input)}` })
    .max(50)
    .default([]),
  ownPipelines: field(CONSUMER_FIELDS.ownPipelines),
  startWeek: field(CONSUMER_FIELDS.startWeek),
  devWeeks: field(CONSUMER_FIELDS.devWeeks),
  devCostUsd: field(CONSUMER_FIELDS.devCostUsd),
  runCostUsdPerWeek: field(CONSUMER_FIELDS.runCostUsdPerWeek),
  impact: impact.prefault({}),
});

export const parametersSchema = z.strictObject(
  Object.fromEntries(PARAMETERS.map((p) => [p.name, bounded(p).default(p.default)])) as Record<
    string,
    ReturnType<typeof field>
  >,
);

export const stepWeeksSchema = z
  .number({
    error: (iss) =>
      `expected one of ${ALLOWED_STEP_WEEKS.join(', ')} (weeks), got ${show(iss.input)}`,
  })
  .refine((v) => (ALLOWED_STEP_WEEKS as readonly number[]).includes(v), {
    error: (iss) =>
      `expected one of ${ALLOWED_STEP_WEEKS.join(', ')} (weeks), got ${show(iss.input)}`,
  });
export const weeksSchema = bounded({
  min: 1,
  max: MAX_HORIZON_WEEKS,
  integer: true,
  unit: 'weeks',
});
export const seedSchema = bounded({ min: 0, max: 4294967295, integer: true });
export const modeSchema = z.enum(['stochastic', 'expected'], {
  error: (iss) => `expected "stochastic" or "expected", got ${show(iss.input)}`,
});

export const simulationSchema = z.strictObject({
  weeks: weeksSchema.default(156),
  stepWeeks: stepWeeksSchema.default(1),
  seed: seedSchema.default(1),
  mode: modeSchema.default('stochastic'),
});

/** What a run is computed from: the model's parts of a scenario, each with its defaults. */
export const modelParts = {
  simulation: simulationSchema.prefault({}),
  parameters: parametersSchema.prefault({}),
  dataProducts: z
    .array(dataProductSchema)
    .max(MAX_ENTITIES, { error: `expected at most ${MAX_ENTITIES} data products` })
    .default([]),
  aiConsumers: z
    .array(aiConsumerSchema)
    .max(MAX_ENTITIES, { error: `expected at most ${MAX_ENTITIES} AI consumers` })
    .default([]),
  ownPipeline: ownPipelineSchema.prefault({}),
};

type Parsed<T extends z.ZodType> = z.output<T>;
export interface ModelPartsOutput {
  simulation: Parsed<typeof simulationSchema>;
  parameters: Parsed<typeof parametersSchema>;
  dataProducts: Parsed<typeof dataProductSchema>[];
  aiConsumers: Parsed<typeof aiConsumerSchema>[];
}

/** Where an issue goes: the path under the checked object, and its message. */
export type AddIssue = (path: readonly PropertyKey[], message: string) => void;

/**
 * The rules that need more than one field: unique ids, consumers naming existing products once,
 * at most 200 data sources, active users within the market, a model's error above the irreducible
 * one, and a horizon of whole steps.
 */
export function checkModelRules(s: ModelPartsOutput, add: AddIssue): void {
  const seen = new Set<string>();
  s.dataProducts.forEach((p, i) => {
    if (seen.has(p.id)) add(['dataProducts', i, 'id'], `duplicate data product id ${show(p.id)}`);
    seen.add(p.id);
  });
  const consumers = new Set<string>();
  s.aiConsumers.forEach((c, i) => {
    if (consumers.has(c.id))
      add(['aiConsumers', i, 'id'], `duplicate AI consumer id ${show(c.id)}`);
    consumers.add(c.id);
    const used = new Set<string>();
    c.uses.forEach((u, j) => {
      // An entry that is not an id already has its issue; refinements run on it all the same.
      if (!ID_PATTERN.test(u)) return;
      if (!seen.has(u)) add(['aiConsumers', i, 'uses', j], `no data product has the id ${show(u)}`);
      if (used.has(u)) add(['aiConsumers', i, 'uses', j], `${show(u)} is listed twice`);
      used.add(u);
    });
  });
  const sourceCount = s.dataProducts.length + s.aiConsumers.reduce((n, c) => n + c.ownPipelines, 0);
  if (sourceCount > 200)
    add(['aiConsumers'], `expected at most 200 data sources in all, got ${sourceCount}`);
  if (s.parameters.initialActiveUsers! > s.parameters.marketSize!) {
    add(
      ['parameters', 'initialActiveUsers'],
      `active users at start (${s.parameters.initialActiveUsers}) cannot exceed the market (${s.parameters.marketSize})`,
    );
  }
  if (!(s.parameters.heuristicError! > s.parameters.irreducibleError!)) {
    add(
      ['parameters', 'heuristicError'],
      `error without a model (${s.parameters.heuristicError}) must exceed the irreducible error (${s.parameters.irreducibleError})`,
    );
  }
  const steps = s.simulation.weeks / s.simulation.stepWeeks;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) {
    add(
      ['simulation', 'weeks'],
      `the horizon (${s.simulation.weeks} weeks) must be a whole number of steps of ${s.simulation.stepWeeks} weeks`,
    );
  }
}
