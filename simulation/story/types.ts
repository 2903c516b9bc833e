/**
 * A story: the steps of a presentation of the flywheel (workshop mode). Each step chooses what
 * the audience sees (view, week, which scenario, what is highlighted on the loop) and a caption
 * written as a template of named simulated values (simulation/narrative), so the caption's
 * numbers always come from the current run.
 */

/**
 * What fills the stage: a loop (or two), the charts, both loops side by side, the what-if, or
 * the title slide (the story's title, the scenario's name, the organisation and the date).
 */
export const STORY_VIEWS = ['title', 'loop', 'charts', 'split', 'what-if'] as const;
export type StoryView = (typeof STORY_VIEWS)[number];

/** Which scenario the step shows: with data products, the same business without, or both. */
export const STORY_SHOWS = ['with', 'without', 'both'] as const;
export type StoryShow = (typeof STORY_SHOWS)[number];

/**
 * The seed's five loop steps a story may highlight: user activity, data products created, AI
 * consuming them, the better experience, more data. The renderer's loop uses the same ids
 * (tests/story checks they agree).
 */
export const STORY_HIGHLIGHTS = [
  'activity',
  'products',
  'consumers',
  'experience',
  'data',
] as const;
export type StoryHighlight = (typeof STORY_HIGHLIGHTS)[number];

/** A week of the run, or `end` for the horizon (whatever it is). */
export type StoryWeek = number | 'end';

export interface StoryStep {
  /** Unique within the story: lower-case letters, digits and hyphens. */
  id: string;
  /** A short heading, a template like the caption. */
  title: string;
  view: StoryView;
  week: StoryWeek;
  show: StoryShow;
  highlight: StoryHighlight | null;
  /** What the audience reads: a template such as `By {week}, active users are {change.activeUsers}`. */
  caption: string;
  /** For the presenter only (presenter view): a template too. */
  notes: string;
}

export interface Story {
  title: string;
  /** Who the presentation is for or by, shown on the title slide ('' for none). Format 4. */
  organisation: string;
  /** The date the title slide shows, as written ('' for the day it is presented). Format 4. */
  date: string;
  steps: StoryStep[];
  /**
   * Fields shown as large sliders on the what-if step: `parameters.<name>` (a registry
   * parameter) or `dataProducts.<id>.maturity.<part>` (a data product's anatomy maturity).
   */
  pinned: string[];
}
