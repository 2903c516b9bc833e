/**
 * One number field of the scenario: label and unit, a slider where the range is human-scale, a
 * number box, the valid range and default, an "about" disclosure (explanation, source, grade),
 * reset to default, and the validator's message when an entry is rejected. A slider drag is one
 * undo step: moves are passing updates, closed when the thumb is released.
 */
import {
  memo,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactElement,
} from 'react';
import { useStore } from 'zustand';
import { provenanceLabel, type Grade } from '../../simulation';
import { formatCompact, formatInputValue } from '../format/format';
import { provenanceAtPath, valueAt, type NumberField } from '../state/fields';
import { SCENARIO_UNDO_EVENT, shortcutFor, type ShortcutAction } from '../state/keyboard';
import { workspaceStore } from '../state/workspace';

export const GRADE_WORDS: Record<Grade, string> = {
  PR: 'peer-reviewed',
  PRp: 'practitioner paper in a peer-reviewed journal',
  AI: 'academic study funded by a trade body',
  C: 'consultancy or analyst',
  V: 'vendor',
  B: 'blog',
  J: 'judgement',
};

/** A round slider step: about a hundredth of the range (1 for whole numbers). */
export function sliderStep(field: Pick<NumberField, 'min' | 'max' | 'integer'>): number {
  if (field.integer) return 1;
  const raw = (field.max - field.min) / 100;
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return power * (m >= 5 ? 5 : m >= 2 ? 2 : 1);
}

function roundToStep(value: number, step: number): number {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(value.toFixed(decimals));
}

export interface NumberFieldRowProps {
  readonly field: NumberField;
  /** Names the entity in labels and undo steps ("Customer 360"). */
  readonly owner?: string;
  readonly compact?: boolean;
}

/**
 * Re-renders only when its own value or draft changes (it reads them from the store itself) or
 * when it becomes another field: a descriptor's content is fixed by its key (the registries are
 * constant), so a card re-rendering for another field's edit does not redraw this one.
 */
export const NumberFieldRow = memo(
  NumberFieldRowView,
  (a, b) => a.field.key === b.field.key && a.owner === b.owner && a.compact === b.compact,
);

function NumberFieldRowView({ field, owner, compact = false }: NumberFieldRowProps): ReactElement {
  const id = useId();
  const value = useStore(workspaceStore, (s) => valueAt(s.scenario, field.path)) as number;
  const draft = useStore(workspaceStore, (s) => s.drafts[field.key]);
  const provenance = useStore(workspaceStore, (s) => provenanceAtPath(s.scenario, field.path));
  const [editing, setEditing] = useState<string | null>(null);
  const [aboutOpen, setAboutOpen] = useState(false);
  const fullLabel = owner ? `${owner}: ${field.label}` : field.label;

  const actions = workspaceStore.getState();
  const ref = { path: field.path, label: fullLabel };
  const step = sliderStep(field);
  const shown = editing ?? draft?.text ?? formatInputValue(value);
  const isDefault = Math.abs(value - field.defaultValue) < 1e-12 && !draft;
  const unit = field.unit;
  const ids = {
    input: `${id}-input`,
    hint: `${id}-hint`,
    error: `${id}-error`,
    about: `${id}-about`,
  };
  const describedBy = [ids.hint, draft ? ids.error : null].filter(Boolean).join(' ');

  const commitText = (): void => {
    if (editing === null) return;
    // Leaving the box as it was is not an edit (no undo step, no "your input" mark).
    if (editing === formatInputValue(value) && !draft) {
      setEditing(null);
      return;
    }
    workspaceStore.getState().setFieldText(ref, editing);
    setEditing(null);
  };
  /**
   * Undo and redo in the box are the scenario's (so the box, its slider and the results always
   * agree): text typed and not yet committed is dropped first; with none, the last scenario edit
   * is undone (or redone) and the box shows the value that results.
   */
  const undoInBox = (action: ShortcutAction): void => {
    const typed = editing !== null && editing !== formatInputValue(value);
    if (typed || draft) {
      actions.clearDraft(field.key);
      setEditing(null);
      return;
    }
    setEditing(null);
    const ws = workspaceStore.getState();
    if (action === 'undo') ws.undo();
    else ws.redo();
  };
  const undoRef = useRef(undoInBox);
  undoRef.current = undoInBox;
  const inputRef = useRef<HTMLInputElement>(null);
  // The desktop menu's Edit > Undo reaches the box through this event (see bridge/runtime.ts).
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return undefined;
    const onUndo = (e: Event): void => {
      e.preventDefault();
      undoRef.current((e as CustomEvent<ShortcutAction>).detail);
    };
    input.addEventListener(SCENARIO_UNDO_EVENT, onUndo);
    return () => input.removeEventListener(SCENARIO_UNDO_EVENT, onUndo);
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    const shortcut = shortcutFor(event, null);
    if (shortcut) {
      event.preventDefault();
      undoInBox(shortcut);
      return;
    }
    if (event.key === 'Enter') commitText();
    if (event.key === 'Escape') {
      setEditing(null);
      actions.clearDraft(field.key);
    }
  };

  return (
    <div
      className={`fw-field${compact ? ' fw-field--compact' : ''}${draft ? ' fw-field--invalid' : ''}`}
      data-testid={`field-${field.key}`}
    >
      <div className="fw-field__head">
        <label className="fw-field__label" htmlFor={ids.input}>
          {field.label}
          {unit ? <span className="fw-field__unit"> ({unit})</span> : null}
        </label>
        <div className="fw-field__tools">
          <button
            type="button"
            className="fw-icon-button"
            aria-expanded={aboutOpen}
            aria-controls={ids.about}
            aria-label={`About ${fullLabel}`}
            title="Explanation and source"
            onClick={() => setAboutOpen(!aboutOpen)}
          >
            ?
          </button>
          <button
            type="button"
            className="fw-icon-button"
            aria-label={`Reset ${fullLabel} to its default, ${formatInputValue(field.defaultValue)}`}
            title={`Reset to default (${formatInputValue(field.defaultValue)})`}
            disabled={isDefault}
            data-testid="reset"
            onClick={() => {
              actions.clearDraft(field.key);
              workspaceStore.getState().setField(ref, field.defaultValue, {
                label: `Reset ${fullLabel}`,
                provenance: 'registry',
              });
            }}
          >
            ↺
          </button>
        </div>
      </div>
      <div className="fw-field__controls">
        {field.slider ? (
          <input
            type="range"
            className="fw-field__slider"
            min={field.min}
            max={field.max}
            step={step}
            value={Number.isFinite(value) ? value : field.min}
            aria-label={`${fullLabel} slider`}
            aria-describedby={describedBy}
            aria-valuetext={`${formatInputValue(value)}${unit && unit !== 'dimensionless' ? ` ${unit}` : ''}`}
            onChange={(e) =>
              workspaceStore
                .getState()
                .setField(ref, roundToStep(Number(e.currentTarget.value), step), { passing: true })
            }
            onPointerUp={() => workspaceStore.getState().endGesture()}
            onKeyUp={() => workspaceStore.getState().endGesture()}
            onBlur={() => workspaceStore.getState().endGesture()}
            data-testid="slider"
          />
        ) : null}
        <input
          ref={inputRef}
          id={ids.input}
          type="text"
          inputMode="decimal"
          data-scenario-undo=""
          className="fw-field__number"
          value={shown}
          aria-invalid={draft ? true : undefined}
          aria-describedby={describedBy}
          onFocus={() => setEditing(shown)}
          onChange={(e) => setEditing(e.currentTarget.value)}
          onBlur={commitText}
          onKeyDown={onKeyDown}
          data-testid="number"
        />
      </div>
      {provenance ? (
        <p className="fw-field__provenance" data-testid="field-provenance">
          {provenanceLabel(provenance)}
        </p>
      ) : null}
      <p className="fw-field__hint" id={ids.hint}>
        {formatCompact(field.min)} to {formatCompact(field.max)}
        {field.integer ? ', whole numbers' : ''} · default {formatCompact(field.defaultValue)}
      </p>
      {draft ? (
        <p className="fw-field__error" id={ids.error} role="alert" data-testid="field-error">
          {draft.message}
        </p>
      ) : null}
      <div className="fw-field__about" id={ids.about} hidden={!aboutOpen}>
        <p>{field.description}</p>
        <p data-testid="field-source">
          <span className="fw-field__about-label">Source:</span>{' '}
          {provenance ? provenanceLabel(provenance) : field.source}
          {!provenance && field.grade ? ` (evidence: ${GRADE_WORDS[field.grade]})` : ''}
        </p>
        {provenance ? (
          <p className="fw-field__about-registry">
            Registry default and source: {formatInputValue(field.defaultValue)}, {field.source}
          </p>
        ) : null}
      </div>
    </div>
  );
}
