/**
 * The story's pinned fields as large sliders on the what-if step, over the assumption's plausible
 * range (slider-range.ts) with round steps and the default marked. Each edits the workspace's
 * scenario through the workspace store (validated, one undo step per drag), so the engine
 * worker recomputes and the loop, numbers and caption follow; an undo in the workspace undoes it.
 */
import { useId, useMemo, type ReactElement } from 'react';
import { useStore } from 'zustand';
import type { Scenario } from '../../simulation';
import type { Story } from '../../simulation/story';
import { formatInputValue } from '../format/format';
import { valueAt } from '../state/fields';
import { workspaceStore } from '../state/workspace';
import { pinLabel, pinnedFields, type PinnedField } from './pins';
import { whatIfRange } from './slider-range';

function PinnedSlider({
  pinned,
  scenario,
}: {
  pinned: PinnedField;
  scenario: Scenario;
}): ReactElement {
  const id = useId();
  const { field } = pinned;
  const value = useStore(workspaceStore, (s) => valueAt(s.scenario, field.path)) as number;
  const label = pinLabel(pinned);
  const ref = { path: field.path, label };
  const endGesture = (): void => workspaceStore.getState().endGesture();
  // The plausible range around the default, fixed while the value stays inside it (it must not
  // move under the thumb during a drag); widened when the value is set outside (in the panel).
  const products = scenario.dataProducts;
  const fixed = useMemo(() => whatIfRange(scenario, field, value), [field.key, products]);
  const range =
    value < fixed.min || value > fixed.max ? whatIfRange(scenario, field, value) : fixed;
  const unit = field.unit && field.unit !== 'dimensionless' ? field.unit : '';
  const atDefault = Math.abs(value - range.defaultValue) < 1e-12;
  return (
    <label className="fw-present__slider" data-testid={`present-pin-${pinned.pin}`}>
      <span className="fw-present__slider-label">{label}</span>
      <span className="fw-present__slider-value" data-testid="present-pin-value">
        {formatInputValue(value)}
        {unit ? <span className="fw-present__slider-unit">{unit}</span> : null}
      </span>
      <span
        className={`fw-present__slider-default${atDefault ? ' is-default' : ''}`}
        data-testid="present-pin-default"
      >
        default {formatInputValue(range.defaultValue)}
      </span>
      <input
        type="range"
        min={range.min}
        max={range.max}
        step={range.step}
        value={value}
        list={`${id}-default`}
        aria-label={label}
        aria-valuetext={`${formatInputValue(value)}${unit ? ` ${unit}` : ''}${atDefault ? ', the default' : ''}`}
        title={`${formatInputValue(range.min)} to ${formatInputValue(range.max)}: the plausible range`}
        onChange={(e) =>
          workspaceStore
            .getState()
            .setField(ref, Number(e.currentTarget.value), { label, passing: true })
        }
        onPointerUp={endGesture}
        onKeyUp={endGesture}
        onBlur={endGesture}
      />
      <datalist id={`${id}-default`}>
        <option value={range.defaultValue} label="default" />
      </datalist>
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
        <PinnedSlider key={p.pin} pinned={p} scenario={scenario} />
      ))}
    </div>
  );
}
