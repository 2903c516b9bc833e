/**
 * One validator for the editor and for files: a candidate scenario is written out as a scenario
 * file object and read back with parseScenarioValue (simulation/scenario/load.ts). Its issue paths
 * are the panel's field keys, so each message lands on its field.
 */
import {
  checkDocumentRules,
  MAX_PINNED_RUNS,
  MAX_VARIANTS,
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

/**
 * Problems of a document's own parts (variant and pinned-run names unique, the comparison naming
 * runs that exist, the limits), as sentences. The pinned runs' inputs are not checked again:
 * they are taken from validated scenarios.
 */
export function documentIssues(doc: Scenario): string[] {
  const out: string[] = [];
  const variants = doc.variants ?? [];
  const pinnedRuns = doc.pinnedRuns ?? [];
  if (variants.length > MAX_VARIANTS) out.push(`At most ${MAX_VARIANTS} variants.`);
  if (pinnedRuns.length > MAX_PINNED_RUNS)
    out.push(`At most ${MAX_PINNED_RUNS} pinned runs: unpin one first.`);
  checkDocumentRules({ variants, pinnedRuns, comparison: doc.comparison }, (_path, message) =>
    out.push(message.charAt(0).toUpperCase() + message.slice(1)),
  );
  return out;
}
