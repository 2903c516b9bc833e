/**
 * Reading and writing scenario files for the shell. Reads check the size before reading, decode
 * strict UTF-8 and validate with the simulation's own parser, so the page only ever receives text
 * that is a valid scenario, and every other file gets one clear sentence. Writes are atomic and
 * refuse text that is not a valid scenario.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { formatIssues, parseScenarioText } from '../../simulation/scenario/load';
import {
  fail,
  MAX_SCENARIO_TEXT_CHARS,
  ok,
  type OpenedFile,
  type Result,
  type SavedFile,
} from '../../renderer/bridge/contract';
import { atomicWriteFile, AtomicWriteError, errorCode } from './atomic-write';

export const MAX_SCENARIO_FILE_BYTES = MAX_SCENARIO_TEXT_CHARS;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export async function readScenarioFile(
  filePath: string,
  maxBytes = MAX_SCENARIO_FILE_BYTES,
): Promise<Result<OpenedFile>> {
  const fileName = path.basename(filePath);
  let stat;
  try {
    stat = await fs.stat(filePath);
  } catch (e) {
    if (errorCode(e) === 'ENOENT')
      return fail('not-found', `${fileName} no longer exists at ${path.dirname(filePath)}.`);
    return fail('io', `Could not open ${fileName}: ${messageOf(e)}.`);
  }
  if (!stat.isFile()) return fail('invalid-file', `${fileName} is not a file.`);
  if (stat.size > maxBytes) {
    return fail(
      'too-large',
      `${fileName} is ${formatBytes(stat.size)}; a scenario file is at most ${formatBytes(maxBytes)}. It was not opened.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readAtMost(filePath, maxBytes);
  } catch (e) {
    if (e instanceof TooLargeError) {
      return fail(
        'too-large',
        `${fileName} is larger than ${formatBytes(maxBytes)}. It was not opened.`,
      );
    }
    return fail('io', `Could not read ${fileName}: ${messageOf(e)}.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(
      'invalid-file',
      `${fileName} is not a text file, so it is not a Flywheel Lab scenario.`,
    );
  }
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    return fail(
      'invalid-file',
      `${fileName} could not be opened:\n${formatIssues(fileName, parsed.issues, 5)}`,
    );
  }
  return ok({ text, fileName, filePath });
}

class TooLargeError extends Error {}

/** Reads a file but never more than `maxBytes` (the file may grow after the stat). */
async function readAtMost(filePath: string, maxBytes: number): Promise<Buffer> {
  const handle = await fs.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > maxBytes) throw new TooLargeError();
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/** Saves scenario text atomically after checking that it is a scenario the app can read back. */
export async function writeScenarioFile(
  filePath: string,
  text: string,
): Promise<Result<SavedFile>> {
  const fileName = path.basename(filePath);
  const parsed = parseScenarioText(text);
  if (!parsed.ok) {
    return fail(
      'invalid-request',
      `Not saved: the scenario is not valid (${formatIssues(fileName, parsed.issues, 3)}).`,
    );
  }
  return writeFileAtomically(filePath, text);
}

export async function writeFileAtomically(
  filePath: string,
  data: string | Uint8Array,
): Promise<Result<SavedFile>> {
  try {
    await atomicWriteFile(filePath, data);
    return ok({ fileName: path.basename(filePath), filePath });
  } catch (e) {
    const message =
      e instanceof AtomicWriteError
        ? e.message
        : `Could not save ${path.basename(filePath)}: ${messageOf(e)}.`;
    return fail('io', `${message} The file on disk was not changed.`);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
