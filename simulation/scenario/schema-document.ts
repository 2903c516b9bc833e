/**
 * The parts of a scenario file beside the base scenario (format version 2): named variants (each
 * a list of changes against the base), pinned runs (each with the inputs it is recomputed from)
 * and the comparison choice (the runs compared and the baseline). Shapes here; names that must
 * be unique and references that must resolve are checked by checkDocumentRules. Whether a
 * variant's changes still apply to the base is not a file error: variants.ts reports it.
 */
import { z } from 'zod';
import {
  aiConsumerSchema,
  bounded,
  checkModelRules,
  dataProductSchema,
  id,
  modeSchema,
  modelParts,
  seedSchema,
  show,
  stepWeeksSchema,
  text,
  weeksSchema,
  type AddIssue,
} from './schema-parts';
import { MAX_COMPARED_RUNS, MAX_RUN_NAME } from './limits';

export const MAX_VARIANTS = 50;
export const MAX_PINNED_RUNS = 20;
export { MAX_COMPARED_RUNS };
export const MAX_CHANGES = 500;
export { MAX_RUN_NAME };

/** An assumption name or pattern: dot-separated segments of letters, digits, `-`, `_` or `*`. */
const ASSUMPTION_PATTERN = /^[A-Za-z0-9_*-]+(\.[A-Za-z0-9_*-]+)*$/;

export const runName = text(MAX_RUN_NAME)
  .min(1, { error: 'expected a name' })
  .refine((s) => s.trim() === s && s !== '', {
    error: 'expected a name without spaces at either end',
  });

const changeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('set'),
      name: z
        .string({ error: (iss) => `expected an assumption name, got ${show(iss.input)}` })
        .max(300, { error: 'expected at most 300 characters' })
        .regex(ASSUMPTION_PATTERN, {
          error: 'expected an assumption name such as dataProduct.customer-360.maturity.quality',
        }),
      value: z
        .number({ error: (iss) => `expected a number, got ${show(iss.input)}` })
        .refine(Number.isFinite, { error: 'expected a finite number' }),
    }),
    z.strictObject({
      kind: z.literal('simulation'),
      weeks: weeksSchema.optional(),
      stepWeeks: stepWeeksSchema.optional(),
      seed: seedSchema.optional(),
      mode: modeSchema.optional(),
    }),
    z.strictObject({ kind: z.literal('removeDataProduct'), id }),
    z.strictObject({ kind: z.literal('addDataProduct'), dataProduct: dataProductSchema }),
    z.strictObject({ kind: z.literal('removeAiConsumer'), id }),
    z.strictObject({ kind: z.literal('addAiConsumer'), aiConsumer: aiConsumerSchema }),
    z.strictObject({
      kind: z.literal('rename'),
      entity: z.enum(['dataProduct', 'aiConsumer'], {
        error: 'expected "dataProduct" or "aiConsumer"',
      }),
      id,
      name: text(120).min(1, { error: 'expected a name' }),
    }),
    z.strictObject({ kind: z.literal('domain'), id, domain: text(60) }),
    z.strictObject({ kind: z.literal('uses'), id, uses: z.array(id).max(50) }),
    z.strictObject({
      kind: z.literal('ownPipelines'),
      id,
      value: bounded({ min: 0, max: 20, integer: true, unit: 'pipelines' }),
    }),
    z.strictObject({
      kind: z.literal('order'),
      dataProducts: z.array(id).max(50),
      aiConsumers: z.array(id).max(50),
    }),
  ],
  {
    error: (iss) =>
      iss.code === 'invalid_union'
        ? 'expected a change whose kind is one of "set", "simulation", "removeDataProduct", "addDataProduct", "removeAiConsumer", "addAiConsumer", "rename", "domain", "uses", "ownPipelines", "order"'
        : `expected a change (an object with a kind), got ${show(iss.input)}`,
  },
);

export const variantSchema = z.strictObject({
  name: runName,
  changes: z
    .array(changeSchema)
    .max(MAX_CHANGES, { error: `expected at most ${MAX_CHANGES} changes` })
    .default([]),
});

export const runInputsSchema = z
  .strictObject(modelParts)
  .superRefine((s, ctx) =>
    checkModelRules(s, (path, message) =>
      ctx.addIssue({ code: 'custom', path: [...path], message }),
    ),
  );

export const pinnedRunSchema = z.strictObject({
  name: runName,
  pinnedAt: text(40).regex(/^\d{4}-\d{2}-\d{2}T[0-9:.]+Z$/, {
    error: 'expected a UTC date and time such as 2026-11-24T09:30:00.000Z',
  }),
  kpiFingerprint: text(16).regex(/^[0-9a-f]{16}$/, { error: 'expected 16 hexadecimal digits' }),
  inputs: runInputsSchema,
});

const runRefSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('base') }),
    z.strictObject({ kind: z.literal('variant'), name: runName }),
    z.strictObject({ kind: z.literal('pin'), name: runName }),
  ],
  {
    error:
      'expected a run: {"kind": "base"}, {"kind": "variant", "name"} or {"kind": "pin", "name"}',
  },
);

export const comparisonSchema = z.strictObject({
  runs: z
    .array(runRefSchema)
    .max(MAX_COMPARED_RUNS, { error: `expected at most ${MAX_COMPARED_RUNS} runs` })
    .default([]),
  baseline: runRefSchema.nullable().default(null),
});

/** The document parts as parsed (before the rules below). */
export interface DocumentPartsOutput {
  variants: z.output<typeof variantSchema>[];
  pinnedRuns: z.output<typeof pinnedRunSchema>[];
  comparison?: z.output<typeof comparisonSchema> | undefined;
}

type Ref = z.output<typeof runRefSchema>;
const refKey = (r: Ref): string => (r.kind === 'base' ? 'base' : `${r.kind}:${r.name}`);

/**
 * Variant and pinned-run names are unique among both (case-insensitively: `flywheel compare
 * FILE#NAME` finds either), and the comparison names runs that exist, each once.
 */
export function checkDocumentRules(s: DocumentPartsOutput, add: AddIssue): void {
  const names = new Map<string, string>();
  const claim = (name: string, path: readonly PropertyKey[], what: string): void => {
    const key = name.toLowerCase();
    const other = names.get(key);
    if (other !== undefined)
      add(path, `${what} ${show(name)}: the name is already used by ${other}`);
    else names.set(key, `${what} ${show(name)}`);
  };
  s.variants.forEach((v, i) => claim(v.name, ['variants', i, 'name'], 'the variant'));
  s.pinnedRuns.forEach((p, i) => claim(p.name, ['pinnedRuns', i, 'name'], 'the pinned run'));
  if (!s.comparison) return;
  const exists = (r: Ref): boolean =>
    r.kind === 'base' ||
    (r.kind === 'variant'
      ? s.variants.some((v) => v.name === r.name)
      : s.pinnedRuns.some((p) => p.name === r.name));
  const seen = new Set<string>();
  s.comparison.runs.forEach((r, i) => {
    if (!exists(r))
      add(
        ['comparison', 'runs', i],
        `no ${r.kind === 'pin' ? 'pinned run' : r.kind} named ${show(r.kind === 'base' ? '' : r.name)}`,
      );
    else if (seen.has(refKey(r))) add(['comparison', 'runs', i], 'this run is listed twice');
    seen.add(refKey(r));
  });
  const b = s.comparison.baseline;
  if (b && !exists(b))
    add(
      ['comparison', 'baseline'],
      `no ${b.kind === 'pin' ? 'pinned run' : b.kind} named ${show(b.kind === 'base' ? '' : b.name)}`,
    );
}

export { checkModelRules };
