/**
 * New from a built-in scenario: a modal list of the scenarios `flywheel --preset` knows (with,
 * without, mesh...), each with what it is and its size. Choosing one starts a new untitled
 * document from it (the unsaved-changes question first, as for New). Opened from File > New from
 * Built-in Scenario… in the desktop app and from the file buttons in the browser.
 */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { PresetName } from '../../simulation';
import { getDocumentController } from '../bridge/runtime';
import { builtinEntries } from './catalogue';
import { builtinChoiceStore } from './store';
import './builtin.css';

export function BuiltinScenarioDialog(): ReactElement | null {
  const open = useStore(builtinChoiceStore, (s) => s.open);
  return open ? <ChoiceDialog /> : null;
}

function ChoiceDialog(): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const entries = useMemo(builtinEntries, []);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    dialog?.querySelector<HTMLButtonElement>('button[data-preset]')?.focus();
  }, []);
  const hide = (): void => builtinChoiceStore.getState().hide();
  const choose = (preset: PresetName): void => {
    hide();
    void getDocumentController().newDocument(preset);
  };
  return (
    <dialog
      ref={ref}
      className="fw-builtin"
      aria-labelledby="fw-builtin-title"
      data-testid="builtin-dialog"
      onClose={hide}
    >
      <h2 id="fw-builtin-title" className="fw-builtin__title">
        New from a built-in scenario
      </h2>
      <p className="fw-builtin__intro">
        Start an untitled scenario from one of these. The same scenarios run in a terminal with{' '}
        <code>--preset</code>.
      </p>
      <ul className="fw-builtin__list">
        {entries.map((e) => (
          <li key={e.preset}>
            <button
              type="button"
              className="fw-builtin__choice"
              data-preset={e.preset}
              data-testid={`builtin-${e.preset}`}
              onClick={() => choose(e.preset)}
              aria-describedby={`fw-builtin-${e.preset}-about`}
            >
              <span className="fw-builtin__name">{e.name}</span>
              <span id={`fw-builtin-${e.preset}-about`} className="fw-builtin__about">
                <span className="fw-builtin__description">{e.description}</span>
                <span className="fw-builtin__facts">
                  {e.facts} · <code>{e.command}</code>
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <div className="fw-builtin__buttons">
        <button type="button" className="fw-button" onClick={hide} data-testid="builtin-cancel">
          Cancel
        </button>
      </div>
    </dialog>
  );
}
