/**
 * Format migrations. Each entry upgrades a parsed file from version N to N+1 as a pure function
 * on plain JSON; the fixtures of every version under tests/fixtures/scenarios/ are kept forever.
 *
 * 1 -> 2: version 2 adds `provenance` (where each value came from) and `calibration` (the last
 * calibration adopted). A version 1 file has neither, so its values keep their registry sources.
 *
 * 2 -> 3: version 3 adds optional parts beside the scenario (named `variants`, `pinnedRuns`, the
 * `comparison` choice); a version 2 file is a version 3 file without them: nothing is rewritten.
 *
 * 3 -> 4: version 4 adds the title slide: a story step may show the view `title`, and a story
 * may name its `organisation` and `date`; a version 3 story has neither (both default to '', the
 * date then being the day it is presented): nothing is rewritten.
 */
import { CURRENT_FORMAT_VERSION } from './schema';

type Json = Record<string, unknown>;
export const MIGRATIONS: Readonly<Record<number, (file: Json) => Json>> = {
  1: (v1) => ({ ...v1 }),
  2: (v2) => ({ ...v2 }),
  3: (v3) => ({ ...v3 }),
};

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
    return {
      ok: false,
      path: 'formatVersion',
      message: `expected a whole number from 1 to ${CURRENT_FORMAT_VERSION}, got ${describe(v)}`,
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
