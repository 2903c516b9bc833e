/**
 * Writing scenario files: the complete file of a scenario in one fixed order, and its text. Apart
 * from the reader (load.ts, with the format's zod schemas), so that writing or hashing a scenario
 * (every report's meta) does not load the schemas.
 */
import { ANATOMY_PARTS } from '../model/anatomy';
import { IMPACT_LEVERS } from '../model/entities';
import { PARAMETERS } from '../model/parameters';
import { assumptionsOf } from './assumptions';
import { CURRENT_FORMAT_VERSION, SCENARIO_KIND } from './limits';
import type { Scenario } from './types';

/**
 * The complete file for a scenario: every field written out, ready to save, in one fixed order
 * (the schema's, with parameters in registry order), so the same scenario always saves to the same
 * text however its objects were built. Keys the format does not know are kept, after the known
 * ones, so that validating the file still reports them.
 */
export function scenarioToFile(s: Scenario): Record<string, unknown> {
  return ordered(
    {
      kind: SCENARIO_KIND,
      formatVersion: CURRENT_FORMAT_VERSION,
      name: s.name,
      description: s.description,
      simulation: s.simulation,
      parameters: s.parameters,
      dataProducts: s.dataProducts,
      aiConsumers: s.aiConsumers,
      ownPipeline: s.ownPipeline,
      ...(s.story ? { story: s.story } : {}),
      ...(s.provenance && knownProvenance(s, s.provenance)
        ? { provenance: knownProvenance(s, s.provenance) }
        : {}),
      ...(s.calibration ? { calibration: s.calibration } : {}),
      ...documentParts(s),
    },
    [],
    {
      provenance: (v) => sortedKeys(v),
      calibration: (v) =>
        ordered(v, ['file', 'date', 'seed', 'fitted', 'history'], {
          fitted: (f) =>
            Array.isArray(f)
              ? f.map((x: unknown) => ordered(x, ['name', 'value', 'low', 'high']))
              : f,
          history: (h) =>
            ordered(h, ['frequency', 'startDate', 'periods', 'series'], {
              periods: (ps) =>
                Array.isArray(ps)
                  ? ps.map((x: unknown) => ordered(x, ['label', 'fromWeek', 'toWeek']))
                  : ps,
              series: (ss) =>
                Array.isArray(ss)
                  ? ss.map((x: unknown) => ordered(x, ['metric', 'aggregate', 'weight', 'values']))
                  : ss,
            }),
        }),
      story: (v) =>
        ordered(v, ['title', 'organisation', 'date', 'steps', 'pinned'], {
          steps: (st) =>
            Array.isArray(st) ? st.map((x: unknown) => ordered(x, STORY_STEP_KEYS)) : st,
        }),
      variants: (v) =>
        Array.isArray(v)
          ? v.map((x: unknown) =>
              ordered(x, ['name', 'changes'], {
                changes: (cs) => (Array.isArray(cs) ? cs.map(orderedChange) : cs),
              }),
            )
          : v,
      pinnedRuns: (v) =>
        Array.isArray(v)
          ? v.map((x: unknown) =>
              ordered(x, ['name', 'pinnedAt', 'kpiFingerprint', 'inputs'], {
                inputs: (i) =>
                  ordered(
                    i,
                    ['simulation', 'parameters', 'dataProducts', 'aiConsumers', 'ownPipeline'],
                    modelOrder,
                  ),
              }),
            )
          : v,
      comparison: (v) => ordered(v, ['runs', 'baseline']),
      ...modelOrder,
    },
  ) as Record<string, unknown>;
}

/**
 * The provenance entries that name an assumption the scenario has, or undefined when none does:
 * an entry of a data product or consumer that was removed says nothing, and is dropped.
 */
export function knownProvenance(
  s: Scenario,
  provenance: NonNullable<Scenario['provenance']>,
): Scenario['provenance'] {
  const names = new Set(assumptionsOf(s).map((a) => a.name));
  const kept = Object.keys(provenance).filter((k) => names.has(k));
  if (kept.length === 0) return undefined;
  return Object.fromEntries(kept.map((k) => [k, provenance[k]!]));
}

/** A copy of an object with its keys in sorted order (provenance is keyed by name). */
function sortedKeys(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return ordered(v, Object.keys(v).sort());
}

const orderedProduct = (p: unknown): unknown =>
  ordered(p, PRODUCT_KEYS, { maturity: (m) => ordered(m, ANATOMY_PARTS) });
const orderedConsumer = (c: unknown): unknown =>
  ordered(c, CONSUMER_KEYS, { impact: (i) => ordered(i, IMPACT_LEVERS) });

/** How the model's parts are written (in the file and in a pinned run's inputs). */
const modelOrder: Record<string, (v: unknown) => unknown> = {
  simulation: (v) => ordered(v, ['weeks', 'stepWeeks', 'seed', 'mode']),
  parameters: (v) => ordered(v, PARAMETER_KEYS),
  dataProducts: (v) => (Array.isArray(v) ? v.map(orderedProduct) : v),
  aiConsumers: (v) => (Array.isArray(v) ? v.map(orderedConsumer) : v),
  ownPipeline: (v) =>
    ordered(v, ['maturity', 'buildWeeks', 'buildCostUsd', 'runCostUsdPerWeek'], {
      maturity: (m) => ordered(m, ANATOMY_PARTS),
    }),
};

/** A change: its kind first, then its fields; an added entity as the file writes one. */
function orderedChange(c: unknown): unknown {
  return ordered(c, ['kind', 'name', 'entity', 'id'], {
    dataProduct: orderedProduct,
    aiConsumer: orderedConsumer,
  });
}

const PARAMETER_KEYS = PARAMETERS.map((p) => p.name);
const STORY_STEP_KEYS = ['id', 'title', 'view', 'week', 'show', 'highlight', 'caption', 'notes'];
const PRODUCT_KEYS = [
  'id',
  'name',
  'domain',
  'startWeek',
  'maturity',
  'buildWeeks',
  'buildCostUsd',
  'runCostUsdPerWeek',
];
const CONSUMER_KEYS = [
  'id',
  'name',
  'uses',
  'ownPipelines',
  'startWeek',
  'devWeeks',
  'devCostUsd',
  'runCostUsdPerWeek',
  'impact',
];

/**
 * A copy of `value` with `keys` first (in that order, where present), then its other keys in
 * their own order; `nested` rewrites the values of some keys. Non-objects are returned as they are.
 */
function ordered(
  value: unknown,
  keys: readonly string[],
  nested: Record<string, (v: unknown) => unknown> = {},
): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const put = (k: string): void => {
    const v = nested[k] ? nested[k](source[k]) : source[k];
    Object.defineProperty(out, k, {
      value: v,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  };
  for (const k of keys) if (Object.prototype.hasOwnProperty.call(source, k)) put(k);
  for (const k of Object.keys(source)) if (!keys.includes(k)) put(k);
  return out;
}

export function serializeScenario(s: Scenario): string {
  return `${JSON.stringify(scenarioToFile(s), null, 2)}\n`;
}

/** Variants, pinned runs and the comparison, each only when there is something in it. */
export function documentParts(
  d: Pick<Scenario, 'variants' | 'pinnedRuns' | 'comparison'>,
): Pick<Scenario, 'variants' | 'pinnedRuns' | 'comparison'> {
  const c = d.comparison;
  return {
    ...(d.variants && d.variants.length > 0 ? { variants: d.variants } : {}),
    ...(d.pinnedRuns && d.pinnedRuns.length > 0 ? { pinnedRuns: d.pinnedRuns } : {}),
    ...(c && (c.runs.length > 0 || c.baseline !== null) ? { comparison: c } : {}),
  };
}
