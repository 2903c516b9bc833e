/**
 * Files named after the scenario: a document that was never saved (still "Untitled") is saved
 * and exported as "<scenario name>.flywheel.json", "<scenario name>-report.pdf"..., with what no
 * file system accepts replaced.
 */
import { SCENARIO_FILE_EXTENSION } from './contract';

export const UNTITLED_FILE_NAME = `Untitled${SCENARIO_FILE_EXTENSION}`;

/** A scenario's name as the stem of a file name (at most 100 characters; "scenario" if nothing is left). */
export function nameStem(scenarioName: string): string {
  const stem = scenarioName
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.-]+|[\s.]+$/g, '')
    .slice(0, 100)
    .trim();
  return stem === '' ? 'scenario' : stem;
}

/** The file a scenario of this name is saved as. */
export function scenarioFileName(scenarioName: string): string {
  return `${nameStem(scenarioName)}${SCENARIO_FILE_EXTENSION}`;
}

/** The document's file name, or, while it has none of its own, the one named after the scenario. */
export function documentFileName(fileName: string, scenarioName: string): string {
  return fileName === UNTITLED_FILE_NAME ? scenarioFileName(scenarioName) : fileName;
}
