/**
 * Reading scenario files. Every failure is a list of issues with a field path and a plain message;
 * nothing here throws on bad input. The writer (scenario-file.ts, without zod) is re-exported.
 */
import { MAX_SCENARIO_BYTES } from './limits';
import { migrateToCurrent } from './migrate';
import { SCENARIO_KIND, scenarioFileSchema } from './schema';
import { documentParts, knownProvenance } from './scenario-file';
import type { Scenario } from './types';

export { MAX_SCENARIO_BYTES };

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

export { scenarioToFile, serializeScenario } from './scenario-file';
