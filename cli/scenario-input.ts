/** Reading scenario files for the CLI: every failure becomes an InputError naming the file. */
import { formatIssues, parseScenarioText } from '../simulation/scenario/load';
import type { Scenario } from '../simulation/scenario/types';
import { InputError } from './errors';
import { readInputText } from './files';
import { shown } from './terminal';

/** A scenario file's text (a regular UTF-8 file within the scenario size limit). */
export function readScenarioText(file: string): string {
  return readInputText(file);
}

export function loadScenarioFile(file: string): Scenario {
  const result = parseScenarioText(readScenarioText(file));
  if (!result.ok) throw new InputError(formatIssues(shown(file), result.issues));
  return result.scenario;
}
