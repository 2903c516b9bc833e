/**
 * The controller's questions as a modal dialog: "Save changes before …?" (Save / Don't Save /
 * Cancel) and "Restore unsaved work?" (Restore / Discard). A native <dialog> shown modally, so
 * focus stays inside it. Escape, or the dialog closed any other way, never loses work: Cancel for
 * unsaved changes, Restore for recovery (controller.dismissPrompt; only Discard discards).
 */
import { useEffect, useRef, type ReactElement } from 'react';
import type { DocumentController, Prompt } from '../controller';

const ACTION_WORDS = {
  new: 'starting a new scenario',
  open: 'opening another file',
  close: 'closing',
} as const;

function formatTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}

/**
 * What the recovery prompt says. It does not claim the app closed abnormally: a browser tab
 * closed with unsaved changes leaves the same backup as a crash.
 */
export function recoveryText(fileName: string, savedAt: string): string {
  return `Changes to ${fileName} that were not saved were kept from your last session (backed up at ${savedAt}). Restore them to go on where you left off, or discard them.`;
}

export function PromptDialog({
  prompt,
  controller,
}: {
  prompt: Prompt;
  controller: DocumentController;
}): ReactElement {
  const ref = useRef<HTMLDialogElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    primary.current?.focus();
  }, [prompt]);
  return (
    <dialog
      ref={ref}
      className="fw-chrome-dialog"
      aria-labelledby="fw-chrome-dialog-title"
      aria-describedby="fw-chrome-dialog-body"
      data-testid={`prompt-${prompt.kind}`}
      onCancel={(event) => {
        event.preventDefault();
        controller.dismissPrompt(prompt);
      }}
      // Chromium closes a modal dialog on a second Escape without a cancelable cancel event.
      onClose={() => controller.dismissPrompt(prompt)}
    >
      {prompt.kind === 'unsaved' ? (
        <>
          <h2 id="fw-chrome-dialog-title" className="fw-chrome-dialog__title">
            Save changes to {prompt.fileName}?
          </h2>
          <p id="fw-chrome-dialog-body">
            Your changes will be lost if you don’t save them before {ACTION_WORDS[prompt.action]}.
          </p>
          <div className="fw-chrome-dialog__buttons">
            <button
              type="button"
              className="fw-button"
              onClick={() => controller.answer('cancel')}
              data-testid="prompt-cancel"
            >
              Cancel
            </button>
            <button
              type="button"
              className="fw-button"
              onClick={() => controller.answer('discard')}
              data-testid="prompt-discard"
            >
              Don’t Save
            </button>
            <button
              ref={primary}
              type="button"
              className="fw-button fw-button--primary"
              onClick={() => controller.answer('save')}
              data-testid="prompt-save"
            >
              Save
            </button>
          </div>
        </>
      ) : (
        <>
          <h2 id="fw-chrome-dialog-title" className="fw-chrome-dialog__title">
            Restore unsaved work?
          </h2>
          <p id="fw-chrome-dialog-body">
            {recoveryText(prompt.fileName, formatTime(prompt.savedAt))}
          </p>
          <div className="fw-chrome-dialog__buttons">
            <button
              type="button"
              className="fw-button"
              onClick={() => controller.answer('discard')}
              data-testid="prompt-discard"
            >
              Discard
            </button>
            <button
              ref={primary}
              type="button"
              className="fw-button fw-button--primary"
              onClick={() => controller.answer('restore')}
              data-testid="prompt-restore"
            >
              Restore
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
