/**
 * A story's pinned fields as the workspace's own number fields (label, unit, range from the
 * registries through renderer/state/fields), so a stage slider edits the scenario exactly as the
 * panel does. Pins that do not resolve in this scenario (a removed product) are left out.
 */
import { parsePin, pinnableNames, pinPath, type Story } from '../../simulation/story';
import { productReference, type Scenario } from '../../simulation';
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
  /** Where the field sits in the scenario panel: its section, or its data product. */
  readonly group: string;
}

const PARAMETER_FIELDS = SECTIONS.flatMap((s) =>
  s.id === 'simulation' ? [] : parameterFields(s.id).map((field) => ({ field, section: s.label })),
);

/** The field a pin names in this scenario, or null when it names none. */
export function fieldOfPin(text: string, scenario: Scenario): PinnedField | null {
  const parsed = parsePin(text);
  if (!parsed.ok) return null;
  const path = pinPath(parsed.pin, scenario);
  if (!path) return null;
  if (parsed.pin.kind === 'parameter') {
    const found = PARAMETER_FIELDS.find((p) => p.field.key === keyOf(path));
    return found ? { pin: text, field: found.field, owner: null, group: found.section } : null;
  }
  const index = path[1] as number;
  const product = scenario.dataProducts[index]!;
  const field = maturityFields(['dataProducts', index], productReference(product.id).maturity).find(
    (f) => f.key === keyOf(path),
  );
  const owner = scenario.dataProducts[index]!.name;
  return field ? { pin: text, field, owner, group: `Data product: ${owner}` } : null;
}

export function pinnedFields(story: Story, scenario: Scenario): PinnedField[] {
  return story.pinned.flatMap((text) => fieldOfPin(text, scenario) ?? []);
}

/** The fields that can still be pinned to the story (not pinned yet), in registry order. */
export function pinChoices(story: Story, scenario: Scenario): PinnedField[] {
  const pinned = new Set(story.pinned);
  return pinnableNames(scenario).flatMap((text) =>
    pinned.has(text) ? [] : (fieldOfPin(text, scenario) ?? []),
  );
}

/** A pinned field's name as the stage and the editor show it: "Customer 360: Quality". */
export function pinLabel(pinned: PinnedField): string {
  return pinned.owner ? `${pinned.owner}: ${pinned.field.label}` : pinned.field.label;
}
