/**
 * Reading scenario files for the CLI: every failure becomes an InputError naming the file. This
 * module loads the file format's parser (its zod schemas, most of the CLI's code by size): the
 * commands that may run without a file (`run`, `sensitivity`, `sweep`, `seek`) import it only
 * when they read one.
 */
import { applyChanges } from '../simulation/scenario/changes';
import { formatIssues, parseScenarioText } from '../simulation/scenario/load';
import { baseOf, variantNamed } from '../simulation/scenario/variants';
import type { Scenario } from '../simulation/scenario/types';
import { quote } from './args';
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

/** A scenario file's base scenario (its variants and pinned runs aside). */
export function loadBaseScenario(file: string): Scenario {
  return baseOf(loadScenarioFile(file));
}

/**
 * The scenario of the variant `name` of `file` (its changes applied to the file's scenario); an
 * InputError names the file and the variants it has, or the changes that no longer apply.
 */
export function loadVariant(file: string, name: string): Scenario {
  const doc = loadScenarioFile(file);
  const v =
    variantNamed(doc, name) ??
    doc.variants?.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!v) {
    const names = (doc.variants ?? []).map((x) => quote(x.name));
    const pinned = doc.pinnedRuns?.some((p) => p.name.toLowerCase() === name.toLowerCase())
      ? `; ${quote(name)} is a pinned run: compare it with flywheel compare '${file}#${name}' ...`
      : '';
    throw new InputError(
      `${file}: no variant named ${quote(name)} (${names.length === 0 ? 'the file has no variants' : `its variants: ${names.join(', ')}`})${pinned}`,
    );
  }
  const applied = applyChanges(doc, v.changes);
  if (applied.problems.length > 0)
    throw new InputError(
      [
        `${file}: variant ${quote(v.name)} does not apply to its base:`,
        ...applied.problems.slice(0, 10).map((p) => `  ${p}`),
      ].join('\n'),
    );
  return applied.scenario;
}
