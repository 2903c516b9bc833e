/** `flywheel validate` and `flywheel presets`: small commands that print text. */
import { formatIssues, parseScenarioText, serializeScenario } from '../simulation/scenario/load';
import { PRESET_NAMES, PRESETS, type PresetName } from '../simulation/scenario/presets';
import type { Scenario } from '../simulation/scenario/types';
import { InputError } from './errors';
import { readScenarioText } from './scenario-input';
import { shown } from './terminal';

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function describeScenario(s: Scenario): string {
  return `'${shown(s.name)}' (${plural(s.dataProducts.length, 'data product', 'data products')}, ${plural(s.aiConsumers.length, 'AI consumer', 'AI consumers')})`;
}

/** Validates each file: valid lines go to `out`; any invalid file makes the command fail (exit 2). */
export function validateFiles(files: readonly string[], out: (line: string) => void): void {
  const problems: string[] = [];
  for (const file of files) {
    try {
      const result = parseScenarioText(readScenarioText(file));
      if (result.ok) out(`${shown(file)}: valid scenario ${describeScenario(result.scenario)}`);
      else problems.push(formatIssues(shown(file), result.issues));
    } catch (e) {
      if (e instanceof InputError) problems.push(e.message);
      else throw e;
    }
  }
  if (problems.length > 0) throw new InputError(problems.join('\n'));
}

/** The first sentence of a description, for one-line listings. */
export function firstSentence(text: string): string {
  const m = /^(.*?[.!?])(\s|$)/.exec(text);
  return (m ? m[1]! : text).trim();
}

export function presetList(): string {
  const width = Math.max(...PRESET_NAMES.map((n) => n.length));
  return PRESET_NAMES.map((name) => {
    const s = PRESETS[name]();
    return `${name.padEnd(width)}  ${s.name}: ${firstSentence(s.description)}`;
  }).join('\n');
}

/** A preset as a complete scenario file (every field written out). */
export function presetFile(name: PresetName): string {
  return serializeScenario(PRESETS[name]());
}
