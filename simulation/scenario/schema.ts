/**
 * The scenario file format (`.flywheel.json`), validated at the edge. A file is a versioned
 * envelope: `kind` and an integer `formatVersion`, then the scenario. Missing fields take their
 * registry defaults, unknown fields are errors (they are usually typos), and cross-field rules
 * (unique ids, consumers naming existing products, active users within the market, whole steps)
 * are checked here so that nothing invalid reaches the engine.
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
import { storyIssues, storySchema } from '../story/schema';
import { calibrationRecordSchema, provenanceMapSchema } from './provenance-schema';

export const SCENARIO_KIND = 'flywheel-lab/scenario';
export const CURRENT_FORMAT_VERSION = 2;
export const ALLOWED_STEP_WEEKS = [0.125, 0.25, 0.5, 1, 2] as const;
export const MAX_HORIZON_WEEKS = 520;

const describeRange = (f: { min: number; max: number; integer?: boolean }): string =>
  `${f.integer ? 'a whole number' : 'a number'} from ${f.min} to ${f.max}`;

const bounded = (f: { min: number; max: number; integer?: boolean; unit?: string }) => {
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

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : typeof v;
}

const text = (max: number) =>
  z
    .string({ error: (iss) => `expected text, got ${show(iss.input)}` })
    .max(max, { error: `expected at most ${max} characters` });

export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const id = z
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

const dataProduct = z.strictObject({
  id,
  name: text(120).min(1, { error: 'expected a name' }),
  domain: text(60).default(''),
  startWeek: field(PRODUCT_FIELDS.startWeek),
  ...productBuild,
});

const aiConsumer = z.strictObject({
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

const parameters = z.strictObject(
  Object.fromEntries(PARAMETERS.map((p) => [p.name, bounded(p).default(p.default)])) as Record<
    string,
    ReturnType<typeof field>
  >,
);

const simulation = z.strictObject({
  weeks: bounded({ min: 1, max: MAX_HORIZON_WEEKS, integer: true, unit: 'weeks' }).default(156),
  stepWeeks: z
    .number({
      error: (iss) =>
        `expected one of ${ALLOWED_STEP_WEEKS.join(', ')} (weeks), got ${show(iss.input)}`,
    })
    .refine((v) => (ALLOWED_STEP_WEEKS as readonly number[]).includes(v), {
      error: (iss) =>
        `expected one of ${ALLOWED_STEP_WEEKS.join(', ')} (weeks), got ${show(iss.input)}`,
    })
    .default(1),
  seed: bounded({ min: 0, max: 4294967295, integer: true }).default(1),
  mode: z
    .enum(['stochastic', 'expected'], {
      error: (iss) => `expected "stochastic" or "expected", got ${show(iss.input)}`,
    })
    .default('stochastic'),
});

export const scenarioFileSchema = z
  .strictObject({
    kind: z.literal(SCENARIO_KIND, { error: `expected "${SCENARIO_KIND}"` }),
    formatVersion: z.literal(CURRENT_FORMAT_VERSION, {
      error: `expected ${CURRENT_FORMAT_VERSION}`,
    }),
    name: text(200).min(1, { error: 'expected a name' }),
    description: text(5000).default(''),
    simulation: simulation.prefault({}),
    parameters: parameters.prefault({}),
    dataProducts: z
      .array(dataProduct)
      .max(50, { error: 'expected at most 50 data products' })
      .default([]),
    aiConsumers: z
      .array(aiConsumer)
      .max(50, { error: 'expected at most 50 AI consumers' })
      .default([]),
    ownPipeline: z.strictObject(productBuild).prefault({}),
    story: storySchema.optional(),
    provenance: provenanceMapSchema.optional(),
    calibration: calibrationRecordSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.dataProducts.forEach((p, i) => {
      if (seen.has(p.id))
        ctx.addIssue({
          code: 'custom',
          path: ['dataProducts', i, 'id'],
          message: `duplicate data product id ${show(p.id)}`,
        });
      seen.add(p.id);
    });
    const consumers = new Set<string>();
    s.aiConsumers.forEach((c, i) => {
      if (consumers.has(c.id))
        ctx.addIssue({
          code: 'custom',
          path: ['aiConsumers', i, 'id'],
          message: `duplicate AI consumer id ${show(c.id)}`,
        });
      consumers.add(c.id);
      const used = new Set<string>();
      c.uses.forEach((u, j) => {
        // An entry that is not an id already has its issue; refinements run on it all the same.
        if (!ID_PATTERN.test(u)) return;
        if (!seen.has(u))
          ctx.addIssue({
            code: 'custom',
            path: ['aiConsumers', i, 'uses', j],
            message: `no data product has the id ${show(u)}`,
          });
        if (used.has(u))
          ctx.addIssue({
            code: 'custom',
            path: ['aiConsumers', i, 'uses', j],
            message: `${show(u)} is listed twice`,
          });
        used.add(u);
      });
    });
    const sourceCount =
      s.dataProducts.length + s.aiConsumers.reduce((n, c) => n + c.ownPipelines, 0);
    if (sourceCount > 200)
      ctx.addIssue({
        code: 'custom',
        path: ['aiConsumers'],
        message: `expected at most 200 data sources in all, got ${sourceCount}`,
      });
    if (s.parameters.initialActiveUsers! > s.parameters.marketSize!) {
      ctx.addIssue({
        code: 'custom',
        path: ['parameters', 'initialActiveUsers'],
        message: `active users at start (${s.parameters.initialActiveUsers}) cannot exceed the market (${s.parameters.marketSize})`,
      });
    }
    if (!(s.parameters.heuristicError! > s.parameters.irreducibleError!)) {
      ctx.addIssue({
        code: 'custom',
        path: ['parameters', 'heuristicError'],
        message: `error without a model (${s.parameters.heuristicError}) must exceed the irreducible error (${s.parameters.irreducibleError})`,
      });
    }
    if (s.story) {
      const context = {
        horizonWeeks: s.simulation.weeks,
        dataProductIds: s.dataProducts.map((p) => p.id),
      };
      for (const i of storyIssues(s.story, context))
        ctx.addIssue({ code: 'custom', path: ['story', ...i.path], message: i.message });
    }
    const steps = s.simulation.weeks / s.simulation.stepWeeks;
    if (Math.abs(steps - Math.round(steps)) > 1e-9) {
      ctx.addIssue({
        code: 'custom',
        path: ['simulation', 'weeks'],
        message: `the horizon (${s.simulation.weeks} weeks) must be a whole number of steps of ${s.simulation.stepWeeks} weeks`,
      });
    }
  });

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
