/**
 * The scenario file format (`.flywheel.json`), validated at the edge. A file is a versioned
 * envelope: `kind` and an integer `formatVersion`, then the scenario. Missing fields take their
 * registry defaults, unknown fields are errors (they are usually typos), and cross-field rules
 * (unique ids, consumers naming existing products, active users within the market, whole steps)
 * are checked here so that nothing invalid reaches the engine. Version 2 adds where values came
 * from and the last calibration (provenance-schema.ts); version 3 named variants, pinned runs
 * and the comparison choice (schema-document.ts).
 */
import { z } from 'zod';
import { storyIssues, storySchema } from '../story/schema';
import { calibrationRecordSchema, provenanceMapSchema } from './provenance-schema';
import {
  checkDocumentRules,
  comparisonSchema,
  MAX_PINNED_RUNS,
  MAX_VARIANTS,
  pinnedRunSchema,
  variantSchema,
} from './schema-document';
import { checkModelRules, modelParts, text } from './schema-parts';
import { CURRENT_FORMAT_VERSION, SCENARIO_KIND } from './limits';

export { ALLOWED_STEP_WEEKS, ID_PATTERN, MAX_HORIZON_WEEKS } from './schema-parts';
export {
  checkDocumentRules,
  MAX_COMPARED_RUNS,
  MAX_PINNED_RUNS,
  MAX_RUN_NAME,
  MAX_VARIANTS,
} from './schema-document';

export { CURRENT_FORMAT_VERSION, SCENARIO_KIND };

export const scenarioFileSchema = z
  .strictObject({
    kind: z.literal(SCENARIO_KIND, { error: `expected "${SCENARIO_KIND}"` }),
    formatVersion: z.literal(CURRENT_FORMAT_VERSION, {
      error: `expected ${CURRENT_FORMAT_VERSION}`,
    }),
    name: text(200).min(1, { error: 'expected a name' }),
    description: text(5000).default(''),
    ...modelParts,
    story: storySchema.optional(),
    provenance: provenanceMapSchema.optional(),
    calibration: calibrationRecordSchema.optional(),
    variants: z
      .array(variantSchema)
      .max(MAX_VARIANTS, { error: `expected at most ${MAX_VARIANTS} variants` })
      .default([]),
    pinnedRuns: z
      .array(pinnedRunSchema)
      .max(MAX_PINNED_RUNS, { error: `expected at most ${MAX_PINNED_RUNS} pinned runs` })
      .default([]),
    comparison: comparisonSchema.optional(),
  })
  .superRefine((s, ctx) => {
    const add = (path: readonly PropertyKey[], message: string): void =>
      ctx.addIssue({ code: 'custom', path: [...path], message });
    checkModelRules(s, add);
    if (s.story) {
      const context = {
        horizonWeeks: s.simulation.weeks,
        dataProductIds: s.dataProducts.map((p) => p.id),
      };
      for (const i of storyIssues(s.story, context)) add(['story', ...i.path], i.message);
    }
    checkDocumentRules(s, add);
  });

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
