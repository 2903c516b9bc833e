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
import type { Story, StoryShow, StoryStep, StoryWeek } from './types';

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

/** The run a value name belongs to: `with.x`, `without.x`, or neither (`gap.x`, `week`, ...). */
export function runOfName(name: string): 'with' | 'without' | null {
  if (name.startsWith('with.')) return 'with';
  if (name.startsWith('without.')) return 'without';
  return null;
}

/**
 * A template for the scenario W shows instead of the step's own: when it names the values of one
 * run only (`{with.x}` and never `{without.y}`, or the reverse), they become the other run's; a
 * template naming both runs (it shows both already) or neither is kept as written. Stories are
 * written so that such a caption reads true for either run.
 */
export function otherRunTemplate(template: string): string {
  const runs = new Set(
    [...template.matchAll(PLACEHOLDER)].map((m) => runOfName(m[1]!)).filter((r) => r !== null),
  );
  if (runs.size !== 1) return template;
  const [from] = runs;
  const to = from === 'with' ? 'without' : 'with';
  return template.replace(PLACEHOLDER, (m, name: string) =>
    name.startsWith(`${from}.`) ? m.replace(`{${from}.`, `{${to}.`) : m,
  );
}

/**
 * True when the stage shows one run and the step was written for the other (W pressed): its
 * texts are then rendered with otherRunTemplate.
 */
export function showsOtherRun(step: Pick<StoryStep, 'show'>, shown: StoryShow): boolean {
  return step.show !== 'both' && shown !== 'both' && shown !== step.show;
}

/** The step's templates for what the stage shows (the step's own choice by default). */
export function stepTemplates(
  step: StoryStep,
  shown: StoryShow = step.show,
): Pick<StoryStep, 'title' | 'caption' | 'notes'> {
  if (!showsOtherRun(step, shown)) return step;
  return {
    title: otherRunTemplate(step.title),
    caption: otherRunTemplate(step.caption),
    notes: otherRunTemplate(step.notes),
  };
}

/** A step's texts for what the stage shows (W may show the other run than the step's own). */
export function renderStep(
  step: StoryStep,
  c: Comparison,
  shown: StoryShow = step.show,
): StepTexts {
  const values = stepValues(step, c);
  const t = stepTemplates(step, shown);
  return {
    week: resolveWeek(step.week, horizonOf(c)),
    title: renderTemplate(t.title, values),
    caption: renderTemplate(t.caption, values),
    notes: renderTemplate(t.notes, values),
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
