/**
 * Caption and summary templates with named values: `{with.activeUsers}` is replaced by the
 * formatted value; `{with.paybackWeek?not within the horizon}` gives the text after `?` when the
 * value is null (e.g. never reached). Unknown names are reported, never silently blanked.
 */
import { formatValue } from './format';
import type { NamedValue } from './values';

export interface RenderedText {
  readonly text: string;
  /** Names the template used that have no value. */
  readonly unknown: readonly string[];
  /** Names the template used (for tracing a number back to the model). */
  readonly used: readonly string[];
}

/** The placeholder syntax: `{name}` or `{name?fallback}` (the one definition; captions split on it). */
export const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_.]*)(?:\?([^}]*))?\}/g;

export function renderTemplate(
  template: string,
  values: ReadonlyMap<string, NamedValue>,
): RenderedText {
  const unknown: string[] = [];
  const used: string[] = [];
  const text = template.replace(PLACEHOLDER, (_m, name: string, fallback: string | undefined) => {
    const v = values.get(name);
    if (!v) {
      unknown.push(name);
      return `{${name}?}`;
    }
    used.push(name);
    if (v.value === null && fallback !== undefined) return fallback;
    return formatValue(v.value, v.unit);
  });
  return { text, unknown, used };
}

/** Names a template refers to, for authoring checks in the editor. */
export function templateNames(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}
