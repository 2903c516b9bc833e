/** Small inline SVG icons (no icon font: every glyph renders on every system). Decorative only. */
import type { ReactElement } from 'react';

const Icon = ({ d }: { d: string }): ReactElement => (
  <svg
    className="fw-icon"
    viewBox="0 0 16 16"
    width="16"
    height="16"
    aria-hidden="true"
    focusable="false"
  >
    <path d={d} />
  </svg>
);

export const PlayIcon = (): ReactElement => <Icon d="M4 2.5v11l9-5.5z" />;
export const PauseIcon = (): ReactElement => <Icon d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" />;
export const StepBackIcon = (): ReactElement => <Icon d="M3 2.5h2v11H3zM13 2.5v11L6 8z" />;
export const StepForwardIcon = (): ReactElement => <Icon d="M11 2.5h2v11h-2zM3 2.5v11L10 8z" />;
