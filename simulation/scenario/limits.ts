/**
 * Limits of the scenario format that code outside the file schema needs too (the CLI's flags,
 * the comparison): here, apart from the schema, so that reading them does not load zod (the CLI
 * loads the schema only when it reads a scenario file: see cli/scenario-input.ts).
 */

/** The largest scenario file read (characters of its text). */
export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

/** What a scenario file says it is (its `kind`), and the version of the format this code writes. */
export const SCENARIO_KIND = 'flywheel-lab/scenario';
export const CURRENT_FORMAT_VERSION = 4;

/** The longest horizon a scenario may simulate (ten years of weekly steps). */
export const MAX_HORIZON_WEEKS = 520;

/** The most data products, and the most AI consumers, a scenario may have. */
export const MAX_ENTITIES = 50;

/** The longest name of a variant or a pinned run. */
export const MAX_RUN_NAME = 80;

/** Runs the comparison view, the report and `flywheel compare` put side by side. */
export const MAX_COMPARED_RUNS = 8;
