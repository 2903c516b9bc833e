/**
 * Reading and writing scenario files. Every failure is a list of issues with a field path and a
 * plain message; nothing here throws on bad input.
 */
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
  const lines = issues.slice(0, limit).map((i) => `${source}: ${i.path ? `${i.path}: ` : ''}${i.message}`);
  if (issues.length > limit) lines.push(`${source}: ... and ${issues.length - limit} more problems`);
  return lines.join('\n');
}

/** Parses the text of a scenario file. */
export function parseScenarioText(text: string): ParseResult {
  if (text.length > MAX_SCENARIO_BYTES) {
    return { ok: false, issues: [{ path: '', message: `file is too large (${text.length} characters; the limit is ${MAX_SCENARIO_BYTES})` }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, issues: [{ path: '', message: `not valid JSON (${detail})` }] };
  }
  return parseScenarioValue(json);
}

/** Validates an already-parsed JSON value (a file's contents, or a message from elsewhere). */
export function parseScenarioValue(json: unknown): ParseResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, issues: [{ path: '', message: 'expected a JSON object (a Flywheel Lab scenario)' }] };
  }
  const obj = json as Record<string, unknown>;
  if (obj.kind !== SCENARIO_KIND) {
    return {
      ok: false,
      issues: [{ path: 'kind', message: `expected "${SCENARIO_KIND}": this is not a Flywheel Lab scenario file` }],
    };
  }
  const migrated = migrateToCurrent(obj);
  if (!migrated.ok) return { ok: false, issues: [{ path: migrated.path, message: migrated.message }] };
  let result;
  try {
    result = scenarioFileSchema.safeParse(migrated.file);
  } catch (e) {
    // Pathological input (e.g. nesting deep enough to exhaust the stack) must not crash the caller.
    return { ok: false, issues: [{ path: '', message: `could not be read (${e instanceof Error ? e.message : String(e)})` }] };
  }
  if (!result.success) {
    return { ok: false, issues: result.error.issues.map((i) => ({ path: formatPath(i.path), message: issueMessage(i) })) };
  }
  const { kind: _kind, formatVersion: _v, ...scenario } = result.data;
  return { ok: true, scenario: scenario as Scenario };
}

function issueMessage(i: { code: string; message: string; keys?: readonly string[] }): string {
  if (i.code === 'unrecognized_keys' && i.keys) {
    return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  }
  return i.message;
}

/** The complete file for a scenario: every field written out, ready to save. */
export function scenarioToFile(s: Scenario): Record<string, unknown> {
  return {
    kind: SCENARIO_KIND,
    formatVersion: CURRENT_FORMAT_VERSION,
    name: s.name,
    description: s.description,
    simulation: s.simulation,
    parameters: s.parameters,
    dataProducts: s.dataProducts,
    aiConsumers: s.aiConsumers,
    ownPipeline: s.ownPipeline,
  };
}

export function serializeScenario(s: Scenario): string {
  return `${JSON.stringify(scenarioToFile(s), null, 2)}\n`;
}
