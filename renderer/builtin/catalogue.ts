/**
 * The built-in scenarios as the app offers them (the same as `flywheel --preset NAME`): each
 * one's name, what it is, and a line of facts read off the scenario itself. Pure.
 */
import { PRESET_NAMES, PRESETS, type PresetName } from '../../simulation';

export interface BuiltinEntry {
  readonly preset: PresetName;
  readonly name: string;
  readonly description: string;
  /** "4 data products · 3 AI consumers · 156 weeks". */
  readonly facts: string;
  /** The command that runs the same scenario in a terminal. */
  readonly command: string;
}

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

export function builtinEntries(): BuiltinEntry[] {
  return PRESET_NAMES.map((preset) => {
    const s = PRESETS[preset]();
    const own = s.aiConsumers.reduce((sum, c) => sum + c.ownPipelines, 0);
    const facts = [
      count(s.dataProducts.length, 'data product', 'data products'),
      count(s.aiConsumers.length, 'AI consumer', 'AI consumers'),
      ...(own > 0 ? [count(own, 'own pipeline', 'own pipelines')] : []),
      `${s.simulation.weeks} weeks`,
    ].join(' · ');
    return {
      preset,
      name: s.name,
      description: s.description,
      facts,
      command: `npx flywheel run --preset ${preset}`,
    };
  });
}
