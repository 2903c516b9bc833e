/**
 * The KPI an analysis reads: one of `flywheel run`'s KPIs, of the run with data products or of
 * the difference with minus without (the CLI's --difference).
 */
import { useId, type ReactElement } from 'react';
import type { DifferenceKey } from '../../../simulation';
import { kpiOptions } from '../../analysis/catalogue';
import type { KpiForm, KpiOf } from '../../analysis/forms';

export function KpiPicker({
  value,
  onChange,
  testId,
  allowScenario = true,
}: {
  readonly value: KpiForm;
  readonly onChange: (patch: Partial<KpiForm>) => void;
  readonly testId: string;
  /** False where only the difference makes sense. */
  readonly allowScenario?: boolean;
}): ReactElement {
  const id = useId();
  const options = kpiOptions(value.of);
  const setOf = (of: KpiOf): void => {
    // overtakeWeek exists for the difference only.
    const kpi =
      of === 'scenario' && value.kpi === 'overtakeWeek' ? 'cumulativeNetValueUsd' : value.kpi;
    onChange({ of, kpi });
  };
  return (
    <fieldset className="fw-analysis-form__group">
      <legend>KPI</legend>
      <select
        aria-label="KPI"
        value={value.kpi}
        onChange={(e) => onChange({ kpi: e.currentTarget.value as DifferenceKey })}
        data-testid={`${testId}-kpi`}
      >
        {options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
      <span className="fw-analysis-form__choices" role="radiogroup" aria-label="Of">
        <label>
          <input
            type="radio"
            name={`${id}-of`}
            checked={value.of === 'difference'}
            onChange={() => setOf('difference')}
            data-testid={`${testId}-of-difference`}
          />
          with minus without
        </label>
        {allowScenario ? (
          <label>
            <input
              type="radio"
              name={`${id}-of`}
              checked={value.of === 'scenario'}
              onChange={() => setOf('scenario')}
              data-testid={`${testId}-of-scenario`}
            />
            with data products
          </label>
        ) : null}
      </span>
    </fieldset>
  );
}
