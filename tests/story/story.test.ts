/**
 * The story model: the built-in story renders with known names only, every number in a caption
 * is an engine value formatted by formatValue, caption parts join to the rendered text, and
 * stories are validated with paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareWithWithout,
  comparisonValues,
  formatValue,
  metricSeries,
  renderTemplate,
  withPreset,
  type Comparison,
  type Scenario,
} from '../../simulation';
import {
  BUILT_IN_STORY,
  CAPTION_VALUE_NAMES,
  STORY_HIGHLIGHTS,
  captionParts,
  parsePin,
  pinPath,
  otherRunTemplate,
  renderStep,
  resolveWeek,
  runOfName,
  showsOtherRun,
  stepValues,
  storyIssues,
  storyOf,
  storySchema,
  type Story,
} from '../../simulation/story';
import { LOOP_STEP_IDS } from '../../renderer/loop/types';

const scenario = withPreset();
const comparison: Comparison = compareWithWithout(scenario, { backend: 'interpreter' });
const horizon = scenario.simulation.weeks;

/** A template with its placeholders removed: what the author typed. */
const typedText = (template: string): string => template.replace(/\{[^}]*\}/g, '');

describe('names', () => {
  it('are exactly the names comparisonValues gives', () => {
    for (const week of [0, 52, horizon]) {
      expect(new Set(comparisonValues(comparison, week).keys())).toEqual(CAPTION_VALUE_NAMES);
    }
  });

  it('highlights are the loop view step ids', () => {
    expect([...STORY_HIGHLIGHTS]).toEqual([...LOOP_STEP_IDS]);
  });
});

describe('built-in story', () => {
  it('is a valid story for the default scenario', () => {
    expect(storySchema.safeParse(BUILT_IN_STORY).success).toBe(true);
    const context = {
      horizonWeeks: horizon,
      dataProductIds: scenario.dataProducts.map((p) => p.id),
    };
    expect(storyIssues(BUILT_IN_STORY, context)).toEqual([]);
  });

  it('opens on a title slide, then walks the seed narrative: the five loop steps, the broken flywheel, both over time, a what-if', () => {
    const steps = BUILT_IN_STORY.steps;
    expect(steps[0]!.view).toBe('title');
    expect(steps.filter((s) => s.view === 'title')).toHaveLength(1);
    expect(steps.slice(1, 6).map((s) => s.highlight)).toEqual([...STORY_HIGHLIGHTS]);
    expect(steps.some((s) => s.show === 'without')).toBe(true);
    expect(steps.some((s) => s.view === 'charts' && s.show === 'both')).toBe(true);
    expect(steps[steps.length - 1]!.view).toBe('what-if');
    expect(BUILT_IN_STORY.pinned.length).toBeGreaterThan(0);
  });

  it('has no number typed into any template: every digit comes from a value', () => {
    for (const s of BUILT_IN_STORY.steps) {
      for (const t of [s.title, s.caption, s.notes]) {
        expect(typedText(t)).not.toMatch(/\d/);
      }
    }
  });

  it('renders every title, caption and note with no unknown names', () => {
    for (const s of BUILT_IN_STORY.steps) {
      const r = renderStep(s, comparison);
      expect(r.caption.unknown, s.id).toEqual([]);
      expect(r.title.unknown, s.id).toEqual([]);
      expect(r.notes.unknown, s.id).toEqual([]);
      expect(r.caption.used.length, s.id).toBeGreaterThan(0);
    }
  });

  it('shows in each caption exactly the engine values formatted by formatValue', () => {
    const [withRun, withoutRun] = comparison.runs;
    for (const s of BUILT_IN_STORY.steps) {
      const week = resolveWeek(s.week, horizon);
      const k = Math.round(week / scenario.simulation.stepWeeks);
      const r = renderStep(s, comparison);
      // Rebuild the caption independently: each name read straight from the engine's series or KPIs.
      const expected = s.caption.replace(
        /\{([A-Za-z][A-Za-z0-9_.]*)(?:\?([^}]*))?\}/g,
        (_m, name: string, fallback?: string) => {
          const v = engineValue(name, k, week);
          if (v.value === null && fallback !== undefined) return fallback;
          return formatValue(v.value, v.unit);
        },
      );
      expect(r.caption.text, s.id).toBe(expected);
      expect(r.caption.text).not.toContain('{');
    }

    function engineValue(name: string, k: number, week: number) {
      const unitOf = comparisonValues(comparison, week).get(name)!.unit;
      const [prefix, metric] = name.includes('.')
        ? (name.split('.') as [string, string])
        : ['', name];
      if (name === 'week') return { value: week, unit: unitOf };
      if (name === 'horizon') return { value: horizon, unit: unitOf };
      if (name === 'overtakeWeek')
        return { value: comparison.differences!.overtakeWeek, unit: unitOf };
      const kpi = (run: typeof withRun) =>
        (run!.kpis as unknown as Record<string, number | null>)[metric];
      if (metric in withRun!.kpis) {
        return { value: kpi(prefix === 'with' ? withRun : withoutRun) ?? null, unit: unitOf };
      }
      const a = metricSeries(withRun!, metric)[k]!;
      const b = metricSeries(withoutRun!, metric)[k]!;
      const value =
        prefix === 'with' ? a : prefix === 'without' ? b : prefix === 'gap' ? a - b : a / b - 1;
      return { value, unit: unitOf };
    }
  });

  it('captions follow the assumptions: a higher churn changes the numbers', () => {
    const churned: Scenario = {
      ...scenario,
      parameters: {
        ...scenario.parameters,
        baseChurnPerWeek: scenario.parameters.baseChurnPerWeek! * 2,
      },
    };
    const other = compareWithWithout(churned, { backend: 'interpreter' });
    const last = BUILT_IN_STORY.steps[BUILT_IN_STORY.steps.length - 1]!;
    expect(renderStep(last, other).caption.text).not.toBe(
      renderStep(last, comparison).caption.text,
    );
  });

  it('is the story of a scenario without one', () => {
    expect(storyOf(scenario)).toBe(BUILT_IN_STORY);
    const own: Story = {
      title: 'Mine',
      organisation: '',
      date: '',
      steps: [BUILT_IN_STORY.steps[0]!],
      pinned: [],
    };
    expect(storyOf({ ...scenario, story: own })).toBe(own);
  });
});

describe('weeks', () => {
  it('end is the horizon; weeks are clamped to the run', () => {
    expect(resolveWeek('end', 156)).toBe(156);
    expect(resolveWeek(80, 52)).toBe(52);
    expect(resolveWeek(-3, 52)).toBe(0);
    expect(stepValues({ week: 'end' }, comparison).get('week')!.value).toBe(horizon);
  });
});

describe('caption parts', () => {
  const values = comparisonValues(comparison, 80);
  const names = [...CAPTION_VALUE_NAMES];
  const piece = fc.oneof(
    fc.string({ maxLength: 12 }).map((s) => s.replace(/[{}]/g, '')),
    fc.constantFrom(...names).map((n) => `{${n}}`),
    fc.constantFrom(...names).map((n) => `{${n}?none}`),
    fc.constantFrom('{nope}', '{with.nothing}', '{x?y}'),
  );

  it('join to exactly the rendered template, values marked known or not', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const template = pieces.join('');
        const parts = captionParts(template, values);
        expect(parts.map((p) => p.text).join('')).toBe(renderTemplate(template, values).text);
        for (const p of parts) {
          if (p.kind === 'value') expect(p.known).toBe(values.has(p.name));
        }
      }),
    );
  });

  it('split a built-in caption into text and formatted values', () => {
    const parts = captionParts('By {week}, users {change.activeUsers}.', values);
    expect(parts).toEqual([
      { kind: 'text', text: 'By ' },
      { kind: 'value', name: 'week', text: 'week 80', known: true },
      { kind: 'text', text: ', users ' },
      {
        kind: 'value',
        name: 'change.activeUsers',
        text: formatValue(values.get('change.activeUsers')!.value, 'change'),
        known: true,
      },
      { kind: 'text', text: '.' },
    ]);
  });
});

describe('W: the other run than the step was written for', () => {
  it("switches a caption that names one run's values to the other's", () => {
    expect(otherRunTemplate('By {week} the models perform at {with.meanAiPerformance}.')).toBe(
      'By {week} the models perform at {without.meanAiPerformance}.',
    );
    expect(otherRunTemplate('{without.activeUsers?none} remain')).toBe(
      '{with.activeUsers?none} remain',
    );
    // Both runs named (it shows both already), or none: kept as written.
    const both = '{with.searchSuccess} against {without.searchSuccess}';
    expect(otherRunTemplate(both)).toBe(both);
    expect(otherRunTemplate('{change.activeUsers} by {week}')).toBe(
      '{change.activeUsers} by {week}',
    );
    // A name that merely starts like a run's is not one.
    expect(otherRunTemplate('{gap.withTrust} {with.x}')).toBe('{gap.withTrust} {without.x}');
  });

  it("renders the built-in 'ai' step with the numbers of the run shown", () => {
    const step = BUILT_IN_STORY.steps.find((s) => s.id === 'ai')!;
    const values = stepValues(step, comparison);
    const own = renderStep(step, comparison).caption.text;
    const flipped = renderStep(step, comparison, 'without').caption.text;
    expect(own).toContain(formatValue(values.get('with.meanAiPerformance')!.value, 'fraction'));
    expect(flipped).toContain(
      formatValue(values.get('without.meanAiPerformance')!.value, 'fraction'),
    );
    expect(flipped).not.toContain(
      formatValue(values.get('with.meanAiPerformance')!.value, 'fraction'),
    );
    expect(renderStep(step, comparison, 'both').caption.text).toBe(own);
    expect(showsOtherRun(step, 'without')).toBe(true);
    expect(showsOtherRun(step, 'with')).toBe(false);
  });

  it('every built-in caption reads true for either run: one run named, or both, never words for one', () => {
    for (const step of BUILT_IN_STORY.steps) {
      const runs = new Set(
        [...step.caption.matchAll(/\{([A-Za-z][A-Za-z0-9_.]*)/g)].map((m) => runOfName(m[1]!)),
      );
      runs.delete(null);
      // A caption that names only one run's values must not say which run it is about.
      if (runs.size === 1)
        expect(step.caption, step.id).not.toMatch(/data products|own pipelines/i);
    }
  });
});

describe('validation', () => {
  const context = { horizonWeeks: 104, dataProductIds: ['customer-360'] };
  const step = BUILT_IN_STORY.steps[0]!;

  it('reports duplicate ids, weeks past the horizon and unknown names with their paths', () => {
    const story: Story = {
      title: '',
      organisation: '',
      date: '',
      steps: [
        step,
        { ...step, week: 105, caption: 'Users {with.activeUser} and {bogus}' },
        { ...step, id: 'two', notes: '{with.paybackWeek?never}' },
      ],
      pinned: [],
    };
    expect(storyIssues(story, context)).toEqual([
      { path: ['steps', 1, 'id'], message: `duplicate step id "${step.id}"` },
      { path: ['steps', 1, 'week'], message: 'week 105 is past the horizon (104 weeks)' },
      { path: ['steps', 1, 'caption'], message: 'unknown value names {with.activeUser}, {bogus}' },
    ]);
  });

  it('checks pinned fields against the registry and the data products', () => {
    const story: Story = {
      title: '',
      organisation: '',
      date: '',
      steps: [step],
      pinned: [
        'parameters.baseChurnPerWeek',
        'parameters.noSuchThing',
        'dataProducts.customer-360.maturity.quality',
        'dataProducts.ghost.maturity.quality',
        'dataProducts.customer-360.maturity.colour',
        'parameters.baseChurnPerWeek',
        'whatever',
      ],
    };
    expect(storyIssues(story, context).map((i) => [i.path[1], i.message])).toEqual([
      [1, 'no parameter is named "noSuchThing"'],
      [3, 'no data product has the id "ghost"'],
      [4, expect.stringContaining('no maturity is named "colour"')],
      [5, '"parameters.baseChurnPerWeek" is pinned twice'],
      [6, 'expected "parameters.<name>" or "dataProducts.<id>.maturity.<part>"'],
    ]);
  });

  it('finds a pinned field in the scenario by name and id', () => {
    const pin = parsePin('dataProducts.product-catalog.maturity.quality');
    expect(pin.ok && pinPath(pin.pin, scenario)).toEqual([
      'dataProducts',
      1,
      'maturity',
      'quality',
    ]);
    const param = parsePin('parameters.learningCurveExponent');
    expect(param.ok && pinPath(param.pin, scenario)).toEqual([
      'parameters',
      'learningCurveExponent',
    ]);
    const gone = parsePin('dataProducts.ghost.maturity.quality');
    expect(gone.ok && pinPath(gone.pin, scenario)).toBe(null);
  });

  it('the shape: views, shows, highlights and weeks are checked', () => {
    const bad = {
      title: 'x',
      steps: [{ id: 'a', view: 'slides', show: 'all', highlight: 'x', week: 1.5 }],
    };
    const r = storySchema.safeParse(bad);
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['steps.0.view', 'steps.0.show', 'steps.0.highlight', 'steps.0.week']),
    );
    expect(storySchema.safeParse({ steps: [] }).success).toBe(false);
  });
});
