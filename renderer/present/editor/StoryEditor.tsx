/**
 * The story editor in the workspace: the story's title, its pinned sliders (the what-if's
 * parameters: add, remove, reorder), the steps of the presentation (title, caption, notes, view,
 * week, scenario shown, loop highlight), their order, adding and removing steps. Every change is
 * a validated, undoable workspace edit (story-edits.ts); a scenario without a story starts from
 * a copy of the built-in one. Text is edited locally and committed when the field loses focus,
 * so half-typed placeholders are never validated.
 */
import { useState, type ReactElement } from 'react';
import { useStore } from 'zustand';
import {
  MAX_PINNED,
  STORY_HIGHLIGHTS,
  STORY_SHOWS,
  STORY_VIEWS,
  storyOf,
  type Story,
  type StoryStep,
} from '../../../simulation/story';
import { workspaceStore } from '../../state/workspace';
import { pinChoices, pinLabel, pinnedFields, type PinnedField } from '../pins';
import { startPresentation } from '../session';
import { addPin, editStory, movePin, removePin, setStoryCover, setStoryTitle } from './story-edits';
import './editor.css';

function newStepId(story: Story): string {
  for (let n = story.steps.length + 1; ; n++) {
    const id = `step-${n}`;
    if (!story.steps.some((s) => s.id === id)) return id;
  }
}

function TextField({
  label,
  value,
  multiline,
  onCommit,
  testId,
}: {
  label: string;
  value: string;
  multiline?: boolean;
  onCommit: (text: string) => string | null;
  testId: string;
}): ReactElement {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = (): void => {
    if (draft === null || draft === value) {
      setDraft(null);
      return;
    }
    const problem = onCommit(draft);
    setError(problem);
    if (!problem) setDraft(null);
  };
  const props = {
    value: draft ?? value,
    onChange: (e: { currentTarget: { value: string } }) => setDraft(e.currentTarget.value),
    onBlur: commit,
    'aria-invalid': error ? true : undefined,
    'data-testid': testId,
  };
  return (
    <label className="fw-story__field">
      <span>{label}</span>
      {multiline ? <textarea rows={3} {...props} /> : <input type="text" {...props} />}
      {error ? (
        <span className="fw-story__error" role="alert">
          {error}
        </span>
      ) : null}
    </label>
  );
}

function Choice<T extends string>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  onChange: (v: T) => void;
}): ReactElement {
  return (
    <label className="fw-story__field fw-story__field--inline">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.currentTarget.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

function StepEditor({
  step,
  index,
  count,
}: {
  step: StoryStep;
  index: number;
  count: number;
}): ReactElement {
  const name = `Step ${index + 1}`;
  const set = (label: string, recipe: (s: StoryStep) => void): string | null =>
    editStory(`${name}: ${label}`, (story) => recipe(story.steps[index]!));
  return (
    <li className="fw-story__step" data-testid={`story-step-${index}`}>
      <div className="fw-story__step-head">
        <strong>{name}</strong>
        <button
          type="button"
          className="fw-icon-button"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() =>
            editStory(
              `Move ${name} up`,
              (s) => void s.steps.splice(index - 1, 0, s.steps.splice(index, 1)[0]!),
            )
          }
        >
          ↑
        </button>
        <button
          type="button"
          className="fw-icon-button"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() =>
            editStory(
              `Move ${name} down`,
              (s) => void s.steps.splice(index + 1, 0, s.steps.splice(index, 1)[0]!),
            )
          }
        >
          ↓
        </button>
        <button
          type="button"
          className="fw-icon-button"
          aria-label={`Present from ${name}`}
          onClick={() => startPresentation(index)}
        >
          ▶
        </button>
        <button
          type="button"
          className="fw-icon-button"
          aria-label={`Remove ${name}`}
          disabled={count <= 1}
          data-testid="story-remove"
          onClick={() => editStory(`Remove ${name}`, (s) => void s.steps.splice(index, 1))}
        >
          ×
        </button>
      </div>
      <TextField
        label="Title"
        value={step.title}
        testId="story-title"
        onCommit={(t) => set('title', (s) => void (s.title = t))}
      />
      <TextField
        label="Caption"
        value={step.caption}
        multiline
        testId="story-caption"
        onCommit={(t) => set('caption', (s) => void (s.caption = t))}
      />
      <TextField
        label="Notes (presenter only)"
        value={step.notes}
        multiline
        testId="story-notes"
        onCommit={(t) => set('notes', (s) => void (s.notes = t))}
      />
      <div className="fw-story__row">
        <Choice
          label="View"
          value={step.view}
          options={STORY_VIEWS}
          onChange={(v) => set('view', (s) => void (s.view = v))}
        />
        <Choice
          label="Shows"
          value={step.show}
          options={STORY_SHOWS}
          onChange={(v) => set('scenario shown', (s) => void (s.show = v))}
        />
        <Choice
          label="Highlight"
          value={step.highlight ?? 'none'}
          options={['none', ...STORY_HIGHLIGHTS] as const}
          onChange={(v) => set('highlight', (s) => void (s.highlight = v === 'none' ? null : v))}
        />
        <TextField
          label="Week (or end)"
          value={String(step.week)}
          testId="story-week"
          onCommit={(t) => {
            const week = t.trim() === 'end' ? 'end' : Number(t);
            if (week !== 'end' && !Number.isInteger(week)) return 'expected a whole week or "end"';
            return set('week', (s) => void (s.week = week));
          }}
        />
      </div>
    </li>
  );
}

/** The what-if's sliders: the pinned fields in stage order, and a list to pin another from. */
function PinsEditor({ story }: { story: Story }): ReactElement {
  const scenario = useStore(workspaceStore, (s) => s.scenario);
  const [error, setError] = useState<string | null>(null);
  const pinned = pinnedFields(story, scenario);
  const choices = pinChoices(story, scenario);
  const groups = [...new Set(choices.map((c) => c.group))];
  const full = story.pinned.length >= MAX_PINNED;
  const indexOf = (p: PinnedField): number => story.pinned.indexOf(p.pin);
  return (
    <fieldset className="fw-story__pins" data-testid="story-pins">
      <legend>What-if sliders (pinned parameters, in stage order)</legend>
      {pinned.length === 0 ? <p className="fw-story__empty">No slider is pinned.</p> : null}
      <ol className="fw-story__pin-list">
        {pinned.map((p, i) => {
          const label = pinLabel(p);
          return (
            <li key={p.pin} className="fw-story__pin" data-testid={`story-pin-${p.pin}`}>
              <span>{label}</span>
              <button
                type="button"
                className="fw-icon-button"
                aria-label={`Move ${label} up`}
                disabled={i === 0}
                onClick={() => setError(movePin(indexOf(p), -1, label))}
              >
                ↑
              </button>
              <button
                type="button"
                className="fw-icon-button"
                aria-label={`Move ${label} down`}
                disabled={i === pinned.length - 1}
                onClick={() => setError(movePin(indexOf(p), 1, label))}
              >
                ↓
              </button>
              <button
                type="button"
                className="fw-icon-button"
                aria-label={`Unpin ${label}`}
                data-testid="story-unpin"
                onClick={() => setError(removePin(indexOf(p), label))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <label className="fw-story__field">
        <span>{full ? `Pin a slider (at most ${MAX_PINNED})` : 'Pin a slider'}</span>
        <select
          value=""
          disabled={full}
          data-testid="story-pin-add"
          onChange={(e) => {
            const choice = choices.find((c) => c.pin === e.currentTarget.value);
            if (choice) setError(addPin(choice.pin, pinLabel(choice)));
          }}
        >
          <option value="">Choose a parameter…</option>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {choices
                .filter((c) => c.group === g)
                .map((c) => (
                  <option key={c.pin} value={c.pin}>
                    {c.field.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      {error ? (
        <span className="fw-story__error" role="alert">
          {error}
        </span>
      ) : null}
    </fieldset>
  );
}

export function StoryEditor(): ReactElement {
  const story = useStore(workspaceStore, (s) => storyOf(s.scenario));
  const own = useStore(workspaceStore, (s) => s.scenario.story !== undefined);
  return (
    <details className="fw-story" data-testid="story-editor">
      <summary>Presentation story {own ? '' : '(built-in)'}</summary>
      <TextField
        label="Story title"
        value={story.title}
        testId="story-title-text"
        onCommit={(t) => setStoryTitle(t)}
      />
      <TextField
        label="Organisation (title slide)"
        value={story.organisation}
        testId="story-organisation"
        onCommit={(t) => setStoryCover('organisation', t)}
      />
      <TextField
        label="Date (title slide; empty: the day presented)"
        value={story.date}
        testId="story-date"
        onCommit={(t) => setStoryCover('date', t)}
      />
      <PinsEditor story={story} />
      <ol className="fw-story__steps">
        {story.steps.map((step, i) => (
          <StepEditor key={`${step.id}-${i}`} step={step} index={i} count={story.steps.length} />
        ))}
      </ol>
      <div className="fw-story__row">
        <button
          type="button"
          className="fw-button"
          data-testid="story-add"
          onClick={() =>
            editStory(
              'Add a step',
              (s) =>
                void s.steps.push({
                  ...s.steps[s.steps.length - 1]!,
                  id: newStepId(s),
                  title: 'New step',
                  caption:
                    'By {week}, active users are {change.activeUsers} against no data products.',
                  notes: '',
                }),
            )
          }
        >
          Add a step
        </button>
        {own ? (
          <button
            type="button"
            className="fw-button"
            onClick={() =>
              workspaceStore
                .getState()
                .edit((d) => void delete d.story, { label: 'Use the built-in story' })
            }
          >
            Use the built-in story
          </button>
        ) : null}
      </div>
    </details>
  );
}
