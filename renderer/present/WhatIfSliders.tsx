/**
 * The story's pinned fields as large sliders on the what-if step. Each edits the workspace's
 * scenario through the workspace store (validated, one undo step per drag), so the engine
 * worker recomputes and the loop, numbers and caption follow; an undo in the workspace undoes it.
 */
import type { ReactElement } from 'react';
import { useStore } from 'zustand';
import type { Scenario } from '../../simulation';
import type { Story } from '../../simulation/story';
import { sliderStep } from '../components/NumberFieldRow';
import { formatInputValue } from '../format/format';
import { valueAt } from '../state/fields';
import { workspaceStore } from '../state/workspace';
import { pinLabel, pinnedFields, type PinnedField } from './pins';

function PinnedSlider({ pinned }: { pinned: PinnedField }): ReactElement {
  const { field } = pinned;
  const value = useStore(workspaceStore, (s) => valueAt(s.scenario, field.path)) as number;
  const label = pinLabel(pinned);
  const ref = { path: field.path, label };
  const endGesture = (): void => workspaceStore.getState().endGesture();
  return (
    <label className="fw-present__slider" data-testid={`present-pin-${pinned.pin}`}>
      <span className="fw-present__slider-label">{label}</span>
      <span className="fw-present__slider-value" data-testid="present-pin-value">
        {formatInputValue(value)}
        {field.unit && field.unit !== 'dimensionless' ? (
          <span className="fw-present__slider-unit">{field.unit}</span>
        ) : null}
      </span>
      <input
        type="range"
        min={field.min}
        max={field.max}
        step={sliderStep(field)}
        value={value}
        aria-label={label}
        onChange={(e) =>
          workspaceStore
            .getState()
            .setField(ref, Number(e.currentTarget.value), { label, passing: true })
        }
        onPointerUp={endGesture}
        onKeyUp={endGesture}
        onBlur={endGesture}
      />
    </label>
  );
}

export function WhatIfSliders({
  story,
  scenario,
}: {
  story: Story;
  scenario: Scenario;
}): ReactElement {
  const pins = pinnedFields(story, scenario);
  return (
    <div className="fw-present__sliders" data-testid="present-sliders">
      {pins.map((p) => (
        <PinnedSlider key={p.pin} pinned={p} />
      ))}
    </div>
  );
}
