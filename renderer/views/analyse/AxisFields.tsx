/**
 * One parameter an analysis moves (a sweep's axis, a goal seek's lever): the assumption or group
 * chosen from the catalogue, and the range to cover (empty: its plausible range), typed as text so
 * a half-typed value is not lost.
 */
import type { ReactElement } from 'react';
import type { Scenario } from '../../../simulation';
import { findOption } from '../../analysis/catalogue';
import type { AxisForm } from '../../analysis/forms';
import { formatValue } from '../../format/format';
import { groupsOf, ParameterPicker } from './ParameterPicker';

export function AxisFields({
  scenario,
  value,
  onChange,
  legend,
  testId,
  exclude = [],
}: {
  readonly scenario: Scenario;
  readonly value: AxisForm;
  readonly onChange: (next: AxisForm) => void;
  readonly legend: string;
  readonly testId: string;
  readonly exclude?: readonly string[];
}): ReactElement {
  const option = findOption(groupsOf(scenario), value.parameter);
  const placeholder = (i: 0 | 1): string =>
    option ? formatValue(option.plausible[i], option.unit, false) : '';
  return (
    <fieldset className="fw-analysis-form__group fw-analysis-form__group--axis">
      <legend>{legend}</legend>
      <ParameterPicker
        scenario={scenario}
        value={value.parameter}
        onChange={(parameter) => onChange({ parameter, from: '', to: '' })}
        label={`${legend}: assumption or group`}
        testId={`${testId}-picker`}
        exclude={exclude}
      />
      <span className="fw-analysis-form__range">
        <label>
          from
          <input
            type="text"
            inputMode="decimal"
            className="fw-analysis-form__short"
            value={value.from}
            placeholder={placeholder(0)}
            onChange={(e) => onChange({ ...value, from: e.currentTarget.value })}
            data-testid={`${testId}-from`}
          />
        </label>
        <label>
          to
          <input
            type="text"
            inputMode="decimal"
            className="fw-analysis-form__short"
            value={value.to}
            placeholder={placeholder(1)}
            onChange={(e) => onChange({ ...value, to: e.currentTarget.value })}
            data-testid={`${testId}-to`}
          />
        </label>
        <span className="fw-analysis-form__note">empty: the plausible range</span>
      </span>
    </fieldset>
  );
}
