/**
 * Reading and writing scenario files for the shell. Reads go through the shared reader
 * (node/files/read-file.ts: regular files only, size capped while reading), decode strict UTF-8 and validate with the simulation's own parser, so the page only ever receives text
 * that is a valid scenario, and every other file gets one clear sentence. Writes are atomic and
 * refuse text that is not a valid scenario.
 */
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
import { atomicWriteFile, AtomicWriteError } from '../../node/files/atomic-write';
import { fileErrorFrom } from '../../node/files/file-error';
import { readTextFile } from '../../node/files/read-file';

export const MAX_SCENARIO_FILE_BYTES = MAX_SCENARIO_TEXT_CHARS;

export async function readScenarioFile(
  filePath: string,
  maxBytes = MAX_SCENARIO_FILE_BYTES,
): Promise<Result<OpenedFile>> {
  const fileName = path.basename(filePath);
  let text: string;
  try {
    ({ text } = await readTextFile(filePath, { maxBytes }));
  } catch (e) {
    const error = fileErrorFrom(e, filePath);
    switch (error.kind) {
      case 'not-found':
        return fail('not-found', `${fileName} no longer exists at ${path.dirname(filePath)}.`);
      case 'too-large':
        return fail('too-large', `${fileName} ${error.reason}. It was not opened.`);
      case 'is-folder':
      case 'not-regular':
        return fail('invalid-file', `${fileName} ${error.reason}. It was not opened.`);
      case 'not-text':
        return fail(
          'invalid-file',
          `${fileName} is not a text file, so it is not a Flywheel Lab scenario.`,
        );
      default:
        return fail('io', `Could not open ${fileName}: ${error.reason}.`);
    }
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
