/**
 * The story part of a scenario file: its shape (zod), then the rules that need the rest of the
 * scenario (weeks within the horizon, pinned data products that exist), given as issues with
 * the path of the offending field so the loader reports them like any other.
 */
import { z } from 'zod';
import { templateNames } from '../narrative/template';
import { CAPTION_VALUE_NAMES } from './names';
import { parsePin } from './pins';
import { STORY_HIGHLIGHTS, STORY_SHOWS, STORY_VIEWS, type Story } from './types';

export const MAX_STORY_STEPS = 40;
export const MAX_PINNED = 8;
const STEP_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

const text = (max: number) =>
  z.string({ error: 'expected text' }).max(max, { error: `expected at most ${max} characters` });

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `expected one of ${values.map((v) => `"${v}"`).join(', ')}` });

const step = z.strictObject({
  id: z
    .string({ error: 'expected a step id' })
    .regex(STEP_ID, { error: 'expected an id of lower-case letters, digits and hyphens' }),
  title: text(200).default(''),
  view: oneOf(STORY_VIEWS).default('loop'),
  week: z
    .union([z.literal('end'), z.number().int().min(0)], {
      error: 'expected a whole week from 0 or "end"',
    })
    .default('end'),
  show: oneOf(STORY_SHOWS).default('with'),
  highlight: oneOf(STORY_HIGHLIGHTS).nullable().default(null),
  caption: text(1000).default(''),
  notes: text(4000).default(''),
});

export const storySchema = z.strictObject({
  title: text(200).default(''),
  organisation: text(200).default(''),
  date: text(100).default(''),
  steps: z
    .array(step)
    .min(1, { error: 'expected at least one step' })
    .max(MAX_STORY_STEPS, { error: `expected at most ${MAX_STORY_STEPS} steps` }),
  pinned: z
    .array(z.string({ error: 'expected a pinned field name' }).max(200))
    .max(MAX_PINNED, { error: `expected at most ${MAX_PINNED} pinned fields` })
    .default([]),
});

export interface StoryIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

export interface StoryContext {
  readonly horizonWeeks: number;
  readonly dataProductIds: readonly string[];
}

/** Rules across the story and the scenario; paths are relative to the story. */
export function storyIssues(story: Story, context: StoryContext): StoryIssue[] {
  const issues: StoryIssue[] = [];
  const ids = new Set<string>();
  story.steps.forEach((s, i) => {
    if (ids.has(s.id))
      issues.push({ path: ['steps', i, 'id'], message: `duplicate step id "${s.id}"` });
    ids.add(s.id);
    if (s.week !== 'end' && s.week > context.horizonWeeks) {
      issues.push({
        path: ['steps', i, 'week'],
        message: `week ${s.week} is past the horizon (${context.horizonWeeks} weeks)`,
      });
    }
    for (const field of ['title', 'caption', 'notes'] as const) {
      const unknown = templateNames(s[field]).filter((n) => !CAPTION_VALUE_NAMES.has(n));
      if (unknown.length > 0) {
        issues.push({
          path: ['steps', i, field],
          message: `unknown value name${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{${n}}`).join(', ')}`,
        });
      }
    }
  });
  const pinned = new Set<string>();
  story.pinned.forEach((p, i) => {
    const parsed = parsePin(p);
    if (!parsed.ok) {
      issues.push({ path: ['pinned', i], message: parsed.message });
      return;
    }
    if (parsed.pin.kind === 'maturity' && !context.dataProductIds.includes(parsed.pin.productId)) {
      issues.push({
        path: ['pinned', i],
        message: `no data product has the id "${parsed.pin.productId}"`,
      });
    }
    if (pinned.has(p)) issues.push({ path: ['pinned', i], message: `"${p}" is pinned twice` });
    pinned.add(p);
  });
  return issues;
}
