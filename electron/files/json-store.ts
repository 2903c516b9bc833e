/**
 * Small JSON files the shell keeps in the user-data folder (window state, recent files). A missing
 * file gives the defaults silently; a corrupt or foreign one gives the defaults and a log line,
 * never a crash. Writes are atomic.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { atomicWriteFile } from '../../node/files/atomic-write';
import { fileErrorFrom } from '../../node/files/file-error';
import { readTextFile } from '../../node/files/read-file';

export type Log = (line: string) => void;

/** Files the shell reads are small; anything bigger is not ours. */
const MAX_SETTINGS_BYTES = 1024 * 1024;

export async function readJsonFile<T>(
  filePath: string,
  schema: z.ZodType<T>,
  defaults: () => T,
  log: Log,
): Promise<T> {
  let text: string;
  try {
    ({ text } = await readTextFile(filePath, { maxBytes: MAX_SETTINGS_BYTES }));
  } catch (e) {
    const error = fileErrorFrom(e, filePath);
    if (error.kind !== 'not-found')
      log(`${path.basename(filePath)}: ${error.reason}; using defaults`);
    return defaults();
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    log(`${path.basename(filePath)}: not valid JSON; using defaults`);
    return defaults();
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    log(
      `${path.basename(filePath)}: ${first ? `${first.path.join('.') || '(file)'}: ${first.message}` : 'invalid'}; using defaults`,
    );
    return defaults();
  }
  return parsed.data;
}

export async function writeJsonFile(filePath: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  await atomicWriteFile(filePath, `${JSON.stringify(value, null, 2)}\n`);
}
