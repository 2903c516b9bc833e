/**
 * Rendering a step's caption, title and notes: only through renderTemplate over
 * comparisonValues, so every number shown is one the simulation produced, formatted by
 * formatValue. `captionParts` splits the same rendering into text and values, so the stage can
 * set the numbers larger; joined, the parts are exactly the rendered text.
 */
import type { Comparison } from '../analysis/simulate';
import { PLACEHOLDER, renderTemplate, type RenderedText } from '../narrative/template';
import { comparisonValues, type NamedValue } from '../narrative/values';
import { BUILT_IN_STORY } from './builtin';
import type { Story, StoryStep, StoryWeek } from './types';

/** The week a step shows in a run of `horizonWeeks` (`end`, or a week past it, is the horizon). */
export function resolveWeek(week: StoryWeek, horizonWeeks: number): number {
  if (week === 'end') return horizonWeeks;
  return Math.max(0, Math.min(horizonWeeks, week));
}

/** The horizon of a comparison's first run, in weeks. */
export function horizonOf(c: Comparison): number {
  const run = c.runs[0];
  return run ? run.series.time[run.series.points - 1]! : 0;
}

/** The named values a step's texts are rendered with. */
export function stepValues(step: Pick<StoryStep, 'week'>, c: Comparison): Map<string, NamedValue> {
  return comparisonValues(c, resolveWeek(step.week, horizonOf(c)));
}

export interface StepTexts {
  readonly week: number;
  readonly title: RenderedText;
  readonly caption: RenderedText;
  readonly notes: RenderedText;
}

export function renderStep(step: StoryStep, c: Comparison): StepTexts {
  const values = stepValues(step, c);
  return {
    week: resolveWeek(step.week, horizonOf(c)),
    title: renderTemplate(step.title, values),
    caption: renderTemplate(step.caption, values),
    notes: renderTemplate(step.notes, values),
  };
}

export type CaptionPart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'value';
      readonly name: string;
      readonly text: string;
      readonly known: boolean;
    };

/** The rendered template as plain text and values (each value rendered by renderTemplate). */
export function captionParts(
  template: string,
  values: ReadonlyMap<string, NamedValue>,
): CaptionPart[] {
  const parts: CaptionPart[] = [];
  let at = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    if (m.index > at) parts.push({ kind: 'text', text: template.slice(at, m.index) });
    const r = renderTemplate(m[0], values);
    const name = r.used[0] ?? r.unknown[0] ?? m[0];
    parts.push({ kind: 'value', name, text: r.text, known: r.unknown.length === 0 });
    at = m.index + m[0].length;
  }
  if (at < template.length) parts.push({ kind: 'text', text: template.slice(at) });
  return parts;
}

/** The story a scenario is presented with: its own, or the built-in one. */
export function storyOf(scenario: { readonly story?: Story | undefined }): Story {
  return scenario.story ?? BUILT_IN_STORY;
}
