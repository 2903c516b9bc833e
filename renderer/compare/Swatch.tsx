/** A run's colour as a short line (dashed for the baseline), beside its name. */
import type { ReactElement } from 'react';

export function Swatch({
  color,
  dashed = false,
}: {
  readonly color: string;
  readonly dashed?: boolean;
}): ReactElement {
  return (
    <svg className="fw-swatch" viewBox="0 0 22 10" width={22} height={10} aria-hidden="true">
      <line
        x1={1}
        x2={21}
        y1={5}
        y2={5}
        stroke={color}
        strokeWidth={3}
        strokeDasharray={dashed ? '5 3' : undefined}
        strokeLinecap="round"
      />
    </svg>
  );
}
