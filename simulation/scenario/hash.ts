/**
 * A stable fingerprint of a scenario: FNV-1a (64-bit) over its canonical JSON (keys sorted), so
 * the same assumptions give the same hash in the CLI, the app and the report. What the document
 * keeps beside the scenario (variants, pinned runs, the comparison choice) is not part of it:
 * pinning a run does not change what the scenario assumes.
 */
import { scenarioToFile } from './scenario-file';
import type { Scenario } from './types';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = (1n << 64n) - 1n;

export function fnv1a64(text: string): string {
  let h = FNV_OFFSET;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * FNV_PRIME) & MASK;
  }
  return h.toString(16).padStart(16, '0');
}

export function scenarioHash(s: Scenario): string {
  const scenario = { ...s };
  delete scenario.variants;
  delete scenario.pinnedRuns;
  delete scenario.comparison;
  return fnv1a64(canonicalJson(scenarioToFile(scenario)));
}
