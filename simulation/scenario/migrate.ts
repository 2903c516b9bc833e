/**
 * Format migrations. Each entry upgrades a parsed file from version N to N+1 as a pure function
 * on plain JSON. Version 1 is the first published format, so the list is empty; when the format
 * changes, add `1: (v1) => v2`, bump CURRENT_FORMAT_VERSION, and keep a v1 fixture under
 * tests/fixtures/scenarios/ forever.
 */
import { CURRENT_FORMAT_VERSION } from './schema';

type Json = Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, (file: Json) => Json>> = {};

export type MigrationResult =
  { ok: true; file: Json } | { ok: false; message: string; path: string };

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? `${v.slice(0, 20)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return 'a list';
  return typeof v === 'object' ? 'an object' : typeof v;
}

export function migrateToCurrent(file: Json): MigrationResult {
  const v = file.formatVersion;
  if (v === undefined)
    return {
      ok: false,
      path: 'formatVersion',
      message: `required (this app writes ${CURRENT_FORMAT_VERSION})`,
    };
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    const expected =
      CURRENT_FORMAT_VERSION === 1 ? '1' : `a whole number from 1 to ${CURRENT_FORMAT_VERSION}`;
    return {
      ok: false,
      path: 'formatVersion',
      message: `expected ${expected}, got ${describe(v)}`,
    };
  }
  if (v > CURRENT_FORMAT_VERSION) {
    return {
      ok: false,
      path: 'formatVersion',
      message: `this file uses format version ${v}, newer than this app understands (${CURRENT_FORMAT_VERSION}); open it with a newer Flywheel Lab`,
    };
  }
  let current = file;
  for (let version = v; version < CURRENT_FORMAT_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step)
      return {
        ok: false,
        path: 'formatVersion',
        message: `no migration from format version ${version}`,
      };
    current = { ...step(current), formatVersion: version + 1 };
  }
  return { ok: true, file: current };
}
