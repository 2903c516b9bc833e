/** The header's "Present" button: starts workshop mode at the first step (F5 does the same). */
import type { ReactElement } from 'react';
import { startPresentation } from './session';

export function PresentButton(): ReactElement {
  return (
    <button
      type="button"
      className="fw-button fw-button--present"
      onClick={() => startPresentation()}
      title="Present the story full screen (F5)"
      aria-keyshortcuts="F5"
      data-testid="present-button"
    >
      Present
    </button>
  );
}
