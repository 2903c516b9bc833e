/**
 * A story's pinned fields as the workspace's own number fields (label, unit, range from the
 * registries through renderer/state/fields), so a stage slider edits the scenario exactly as the
 * panel does. Pins that do not resolve in this scenario (a removed product) are left out.
 */
import { parsePin, pinPath, type Story } from '../../simulation/story';
import type { Scenario } from '../../simulation';
import {
  keyOf,
  maturityFields,
  parameterFields,
  SECTIONS,
  type NumberField,
} from '../state/fields';

export interface PinnedField {
  readonly pin: string;
  readonly field: NumberField;
  /** The entity it belongs to ("Customer 360"), or null for a global parameter. */
  readonly owner: string | null;
}

export function pinnedFields(story: Story, scenario: Scenario): PinnedField[] {
  const parameters = SECTIONS.flatMap((s) => (s.id === 'simulation' ? [] : parameterFields(s.id)));
  const out: PinnedField[] = [];
  for (const text of story.pinned) {
    const parsed = parsePin(text);
    if (!parsed.ok) continue;
    const path = pinPath(parsed.pin, scenario);
    if (!path) continue;
    if (parsed.pin.kind === 'parameter') {
      const field = parameters.find((f) => f.key === keyOf(path));
      if (field) out.push({ pin: text, field, owner: null });
    } else {
      const index = path[1] as number;
      const field = maturityFields(['dataProducts', index]).find((f) => f.key === keyOf(path));
      if (field) out.push({ pin: text, field, owner: scenario.dataProducts[index]!.name });
    }
  }
  return out;
}
