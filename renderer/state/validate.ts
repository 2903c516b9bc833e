/**
 * One validator for the editor and for files: a candidate scenario is written out as a scenario
 * file object and read back with parseScenarioValue (simulation/scenario/load.ts). Its issue paths
 * are the panel's field keys, so each message lands on its field.
 */
import {
  parseScenarioValue,
  scenarioToFile,
  type Scenario,
  type ScenarioIssue,
} from '../../simulation';

export function validateScenario(candidate: Scenario): readonly ScenarioIssue[] {
  const result = parseScenarioValue(scenarioToFile(candidate));
  return result.ok ? [] : result.issues;
}

/**
 * The message to show on the field the user edited (`editedKey`). Issues on that field come
 * first; an issue the edit caused on another field (the market made smaller than the active
 * users) is shown too, naming that field through `labelOf`.
 */
export function messageForEdit(
  issues: readonly ScenarioIssue[],
  editedKey: string,
  labelOf: (key: string) => string | null,
): string {
  const own = issues.filter((i) => i.path === editedKey).map((i) => i.message);
  const other = issues
    .filter((i) => i.path !== editedKey)
    .map((i) => {
      const label = labelOf(i.path);
      return label ? `${label}: ${i.message}` : i.path ? `${i.path}: ${i.message}` : i.message;
    });
  return [...own, ...other].join('; ');
}
