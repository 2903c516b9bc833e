/**
 * Streams a JSON value as many small chunks (a 520-week, 100-metric result is written without
 * building one huge string). Layout for people and diffs alike: objects one key per line, number
 * arrays (time series) on one line, and objects inside arrays on one line when all their values
 * are plain (metric descriptions).
 */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | Float64Array
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

const isPlain = (v: JsonValue | undefined): boolean => v === null || typeof v !== 'object';

/** A finite number as JSON (shortest round-trip form); non-finite numbers become null. */
export function jsonNumber(v: number): string {
  return Number.isFinite(v) ? String(v) : 'null';
}

/**
 * A string as JSON, with the characters JSON.stringify leaves raw but a terminal or an editor may
 * act on (DEL, C1 controls, bidirectional controls, line and paragraph separators) written as
 * \u escapes: the same string once parsed, and safe to print.
 */
export function jsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function numberArray(values: ArrayLike<number>, write: (s: string) => void): void {
  write('[');
  const n = values.length;
  // Chunks of 256 numbers: bounded pieces, linear time.
  for (let start = 0; start < n; start += 256) {
    const end = Math.min(n, start + 256);
    const parts = new Array<string>(end - start);
    for (let i = start; i < end; i++) parts[i - start] = jsonNumber(values[i]!);
    write(start === 0 ? parts.join(', ') : `, ${parts.join(', ')}`);
  }
  write(']');
}

function inline(value: JsonValue): string {
  if (value === null || typeof value !== 'object')
    return typeof value === 'number'
      ? jsonNumber(value)
      : typeof value === 'string'
        ? jsonString(value)
        : JSON.stringify(value);
  if (value instanceof Float64Array || Array.isArray(value)) {
    const items = Array.from(value as ArrayLike<JsonValue>, (v) => inline(v));
    return `[${items.join(', ')}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined) as [string, JsonValue][];
  return `{${entries.map(([k, v]) => `${jsonString(k)}: ${inline(v)}`).join(', ')}}`;
}

export function writeJson(value: JsonValue, write: (chunk: string) => void, indent = ''): void {
  if (value === null || typeof value !== 'object') {
    write(inline(value));
    return;
  }
  if (value instanceof Float64Array) {
    numberArray(value, write);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    const items = value as readonly JsonValue[];
    if (items.every((v) => typeof v === 'number')) {
      numberArray(items as readonly number[], write);
      return;
    }
    if (items.length === 0) {
      write('[]');
      return;
    }
    write('[\n');
    items.forEach((item, i) => {
      write(inner);
      const flatObject =
        item !== null &&
        typeof item === 'object' &&
        !(item instanceof Float64Array) &&
        !Array.isArray(item) &&
        Object.values(item).every(isPlain);
      if (flatObject) write(inline(item));
      else writeJson(item, write, inner);
      write(i < items.length - 1 ? ',\n' : '\n');
    });
    write(`${indent}]`);
    return;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined) as [string, JsonValue][];
  if (entries.length === 0) {
    write('{}');
    return;
  }
  write('{\n');
  entries.forEach(([k, v], i) => {
    write(`${inner}${jsonString(k)}: `);
    writeJson(v, write, inner);
    write(i < entries.length - 1 ? ',\n' : '\n');
  });
  write(`${indent}}`);
}
