/** File buttons for the browser build (the desktop app has its native File menu instead). */
import type { ReactElement } from 'react';
import type { DocumentController } from '../controller';

export function FileBar({
  controller,
  busy,
}: {
  controller: DocumentController;
  busy: boolean;
}): ReactElement {
  return (
    <div className="fw-chrome-filebar" role="group" aria-label="File">
      <button
        type="button"
        className="fw-button"
        onClick={() => void controller.newDocument()}
        disabled={busy}
        data-testid="file-new"
      >
        New
      </button>
      <button
        type="button"
        className="fw-button"
        onClick={() => void controller.handleCommand({ command: 'new-builtin' })}
        disabled={busy}
        title="Start from one of the built-in scenarios (with, without, mesh…)"
        data-testid="file-new-builtin"
      >
        Built-in…
      </button>
      <button
        type="button"
        className="fw-button"
        onClick={() => void controller.open()}
        disabled={busy}
        title="Open a scenario file (Ctrl+O)"
        aria-keyshortcuts="Control+O Meta+O"
        data-testid="file-open"
      >
        Open…
      </button>
      <button
        type="button"
        className="fw-button"
        onClick={() => void controller.save()}
        disabled={busy}
        title="Download the scenario file (Ctrl+S)"
        aria-keyshortcuts="Control+S Meta+S"
        data-testid="file-save"
      >
        Save
      </button>
    </div>
  );
}
