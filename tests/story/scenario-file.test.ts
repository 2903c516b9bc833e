/** Stories in scenario files: optional (old files get the built-in story), validated, round trip. */
import { describe, expect, it } from 'vitest';
import {
  parseScenarioText,
  parseScenarioValue,
  scenarioToFile,
  serializeScenario,
  withPreset,
} from '../../simulation';
import { BUILT_IN_STORY, storyOf, type Story } from '../../simulation/story';

const base = withPreset();

describe('story in the scenario file', () => {
  it('a file without a story reads as before and is presented with the built-in story', () => {
    const text = serializeScenario(base);
    expect(text).not.toContain('"story"');
    const r = parseScenarioText(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.story).toBeUndefined();
    expect(storyOf(r.scenario)).toBe(BUILT_IN_STORY);
  });

  it('a story round-trips through save and load, keys in a fixed order', () => {
    const story: Story = {
      title: 'Board meeting',
      organisation: 'Acme «Retail» & Co',
      date: '12 March 2027',
      steps: [
        BUILT_IN_STORY.steps[1]!,
        { ...BUILT_IN_STORY.steps[0]!, caption: 'Hello {with.activeUsers}' },
      ],
      pinned: ['parameters.baseChurnPerWeek'],
    };
    const text = serializeScenario({ ...base, story });
    const r = parseScenarioText(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.story).toEqual(story);
    expect(serializeScenario(r.scenario)).toBe(text);
    const file = scenarioToFile({ ...base, story }) as { story: { steps: object[] } };
    expect(Object.keys(file.story.steps[0]!)).toEqual([
      'id',
      'title',
      'view',
      'week',
      'show',
      'highlight',
      'caption',
      'notes',
    ]);
  });

  it('missing step fields take defaults', () => {
    const file = {
      ...scenarioToFile(base),
      story: { steps: [{ id: 'only', caption: 'By {week}' }] },
    };
    const r = parseScenarioValue(file);
    expect(r.ok && r.scenario.story).toEqual({
      title: '',
      organisation: '',
      date: '',
      pinned: [],
      steps: [
        {
          id: 'only',
          title: '',
          view: 'loop',
          week: 'end',
          show: 'with',
          highlight: null,
          caption: 'By {week}',
          notes: '',
        },
      ],
    });
  });

  it('an invalid story is reported with the path of the field', () => {
    const story = {
      title: 'x',
      steps: [
        { ...BUILT_IN_STORY.steps[0]!, week: 400 },
        { ...BUILT_IN_STORY.steps[1]!, caption: 'By {week}, {with.revenu}' },
        { ...BUILT_IN_STORY.steps[2]!, view: 'slides' },
      ],
      pinned: ['parameters.nope', 'dataProducts.ghost.maturity.quality'],
    };
    const r = parseScenarioValue({ ...scenarioToFile(base), story });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i.message]));
    expect(byPath['story.steps[2].view']).toMatch(/expected one of/);
    // Cross-field rules run once the shape is right.
    const fixed = { ...story, steps: story.steps.slice(0, 2) };
    const r2 = parseScenarioValue({ ...scenarioToFile(base), story: fixed });
    expect(r2.ok).toBe(false);
    if (r2.ok) return;
    expect(r2.issues).toEqual([
      { path: 'story.steps[0].week', message: 'week 400 is past the horizon (156 weeks)' },
      { path: 'story.steps[1].caption', message: 'unknown value name {with.revenu}' },
      { path: 'story.pinned[0]', message: 'no parameter is named "nope"' },
      { path: 'story.pinned[1]', message: 'no data product has the id "ghost"' },
    ]);
  });

  it('unknown fields in a story are errors, like everywhere in the file', () => {
    const r = parseScenarioValue({
      ...scenarioToFile(base),
      story: { ...BUILT_IN_STORY, colour: 'red' },
    });
    expect(r.ok).toBe(false);
  });
});
