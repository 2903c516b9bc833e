/** Reading scenario files for the CLI: every failure becomes an InputError naming the file. */
import { readFileSync, statSync } from 'node:fs';
import { formatIssues, MAX_SCENARIO_BYTES, parseScenarioText } from '../simulation/scenario/load';
import type { Scenario } from '../simulation/scenario/types';
import { InputError } from './errors';

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
};

/** A short reason for a file-system error, without a stack trace. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return (err.code && REASONS[err.code]) ?? err.message ?? String(e);
}

export function readScenarioText(file: string): string {
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${file}: cannot read: ${REASONS.EISDIR}`);
    if (st.size > MAX_SCENARIO_BYTES) {
      throw new InputError(
        `${file}: file is too large (${st.size} bytes; a scenario file is at most ${MAX_SCENARIO_BYTES})`,
      );
    }
    const bytes = readFileSync(file);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text;
  } catch (e) {
    if (e instanceof InputError) throw e;
    if (e instanceof TypeError)
      throw new InputError(`${file}: not a text file (expected UTF-8 JSON)`);
    throw new InputError(`${file}: cannot read: ${describeFsError(e)}`);
  }
}

export function loadScenarioFile(file: string): Scenario {
  const result = parseScenarioText(readScenarioText(file));
  if (!result.ok) throw new InputError(formatIssues(file, result.issues));
  return result.scenario;
}
