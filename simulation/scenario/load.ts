/**
 * Reading and writing scenario files. Every failure is a list of issues with a field path and a
 * plain message; nothing here throws on bad input.
 */
import { ANATOMY_PARTS } from '../model/anatomy';
import { IMPACT_LEVERS } from '../model/entities';
import { PARAMETERS } from '../model/parameters';
import { assumptionsOf } from './assumptions';
import { migrateToCurrent } from './migrate';
import { CURRENT_FORMAT_VERSION, SCENARIO_KIND, scenarioFileSchema } from './schema';
import type { Scenario } from './types';

export const MAX_SCENARIO_BYTES = 5 * 1024 * 1024;

export interface ScenarioIssue {
  /** Field path such as `dataProducts[1].maturity.quality`, or '' for the whole file. */
  readonly path: string;
  readonly message: string;
}

export type ParseResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** One line per issue, each naming the source and the field: `file.json: a.b: message`. */
export function formatIssues(source: string, issues: readonly ScenarioIssue[], limit = 10): string {
  const lines = issues
    .slice(0, limit)
    .map((i) => `${source}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
  if (issues.length > limit)
    lines.push(`${source}: ... and ${issues.length - limit} more problems`);
  return lines.join('\n');
}

/** Parses the text of a scenario file. */
export function parseScenarioText(text: string): ParseResult {
  if (text.length > MAX_SCENARIO_BYTES) {
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `file is too large (${text.length} characters; the limit is ${MAX_SCENARIO_BYTES})`,
        },
      ],
    };
  }
  let json: unknown;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    json = JSON.parse(body);
  } catch (e) {
    return {
      ok: false,
      issues: [{ path: '', message: `not valid JSON (${jsonErrorDetail(e, body)})` }],
    };
  }
  return parseScenarioValue(json);
}

/**
 * The JSON parser's complaint as one short printable line: the engine's own messages quote the
 * input (newlines, control characters, whatever the file holds), so the quote is dropped, the
 * position is given as line and column, and control characters are escaped.
 */
function jsonErrorDetail(e: unknown, text: string): string {
  let detail = e instanceof Error ? e.message : String(e);
  detail = detail.replace(/^(Unexpected token .+?), ".*" is not valid JSON$/s, '$1');
  const at = /\s*(?:in JSON )?at position (\d+)(?: \(line \d+ column \d+\))?/.exec(detail);
  if (at) {
    const position = Math.min(Number(at[1]), text.length);
    const before = text.slice(0, position);
    const line = before.split('\n').length;
    const column = position - before.lastIndexOf('\n');
    detail = `${detail.slice(0, at.index)}${detail.slice(at.index + at[0].length)} at line ${line}, column ${column}`;
  }
  return printable(detail, 160);
}

/** Escapes control characters (no line breaks or terminal escapes in a message) and shortens. */
function printable(s: string, max: number): string {
  const escaped = s.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}...` : escaped;
}

/**
 * Validates an already-parsed JSON value (a file's contents, or a message from elsewhere). Never
 * throws: even a value whose property access throws (a hostile proxy) gives an issue.
 */
export function parseScenarioValue(json: unknown): ParseResult {
  try {
    return parseValue(json);
  } catch (e) {
    // Pathological input (nesting deep enough to exhaust the stack, throwing getters) must not crash the caller.
    return {
      ok: false,
      issues: [
        {
          path: '',
          message: `could not be read (${printable(e instanceof Error ? e.message : String(e), 160)})`,
        },
      ],
    };
  }
}

function parseValue(json: unknown): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      issues: [{ path: '', message: 'expected a JSON object (a Flywheel Lab scenario)' }],
    };
  }
  const obj = json as Record<string, unknown>;
  if (obj.kind !== SCENARIO_KIND) {
    return {
      ok: false,
      issues: [
        {
          path: 'kind',
          message: `expected "${SCENARIO_KIND}": this is not a Flywheel Lab scenario file`,
        },
      ],
    };
  }
  const migrated = migrateToCurrent(obj);
  if (!migrated.ok)
    return { ok: false, issues: [{ path: migrated.path, message: migrated.message }] };
  const result = scenarioFileSchema.safeParse(migrated.file);
  if (!result.success) {
    return {
      ok: false,
      issues: result.error.issues.map((i) => ({
        path: formatPath(i.path),
        message: issueMessage(i),
      })),
    };
  }
  // The scenario is the file without its envelope (kind, formatVersion).
  const d = result.data;
  const scenario: Scenario = {
    name: d.name,
    description: d.description,
    simulation: d.simulation,
    parameters: d.parameters as Scenario['parameters'],
    dataProducts: d.dataProducts,
    aiConsumers: d.aiConsumers,
    ownPipeline: d.ownPipeline,
    ...(d.story ? { story: d.story } : {}),
    ...documentParts(d),
  };
  const provenance = d.provenance ? knownProvenance(scenario, d.provenance) : undefined;
  if (provenance) scenario.provenance = provenance;
  if (d.calibration) scenario.calibration = d.calibration;
  return { ok: true, scenario };
}

/** Variants, pinned runs and the comparison, each only when there is something in it. */
function documentParts(
  d: Pick<Scenario, 'variants' | 'pinnedRuns' | 'comparison'>,
): Pick<Scenario, 'variants' | 'pinnedRuns' | 'comparison'> {
  const c = d.comparison;
  return {
    ...(d.variants && d.variants.length > 0 ? { variants: d.variants } : {}),
    ...(d.pinnedRuns && d.pinnedRuns.length > 0 ? { pinnedRuns: d.pinnedRuns } : {}),
    ...(c && (c.runs.length > 0 || c.baseline !== null) ? { comparison: c } : {}),
  };
}

function issueMessage(i: { code: string; message: string; keys?: readonly string[] }): string {
  if (i.code === 'unrecognized_keys' && i.keys) {
    const shown = i.keys
      .slice(0, 5)
      .map((k) => JSON.stringify(k.length > 40 ? `${k.slice(0, 40)}...` : k));
    const more = i.keys.length > 5 ? ` and ${i.keys.length - 5} more` : '';
    return `unknown field${i.keys.length > 1 ? 's' : ''} ${shown.join(', ')}${more}`;
  }
  return i.message;
}

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
function knownProvenance(
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
