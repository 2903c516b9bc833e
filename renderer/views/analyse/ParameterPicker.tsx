/**
 * Chooses an assumption (or a group set together) from the catalogue: a search box over labels
 * and names, and the matches in a list grouped as the editor groups them, groups of assumptions
 * first ("All data products: Quality maturity"). Arrow keys move in the list; the choice shows
 * its value and ranges.
 */
import { useId, useMemo, useState, type ReactElement } from 'react';
import type { Scenario } from '../../../simulation';
import {
  filterGroups,
  findOption,
  parameterGroups,
  type ParameterOption,
} from '../../analysis/catalogue';
import { formatValue } from '../../format/format';

const groupsCache = new WeakMap<Scenario, ReturnType<typeof parameterGroups>>();
export function groupsOf(scenario: Scenario): ReturnType<typeof parameterGroups> {
  let g = groupsCache.get(scenario);
  if (!g) {
    g = parameterGroups(scenario);
    groupsCache.set(scenario, g);
  }
  return g;
}

export function describeOption(o: ParameterOption): string {
  const v = (x: number): string => formatValue(x, o.unit, false);
  const now = o.mixed ? 'values differ' : `now ${v(o.value)}`;
  return `${now}; plausible ${v(o.plausible[0])} to ${v(o.plausible[1])}; valid ${v(o.min)} to ${v(o.max)}${o.count > 1 ? `; ${o.count} assumptions set together` : ''}`;
}

export function ParameterPicker({
  scenario,
  value,
  onChange,
  label,
  testId,
  exclude = [],
}: {
  readonly scenario: Scenario;
  readonly value: string;
  readonly onChange: (key: string) => void;
  readonly label: string;
  readonly testId: string;
  /** Keys not offered (already chosen elsewhere). */
  readonly exclude?: readonly string[];
}): ReactElement {
  const id = useId();
  const [query, setQuery] = useState('');
  const groups = groupsOf(scenario);
  const shown = useMemo(
    () =>
      filterGroups(groups, query)
        .map((g) => ({ ...g, options: g.options.filter((o) => !exclude.includes(o.key)) }))
        .filter((g) => g.options.length > 0),
    [groups, query, exclude],
  );
  const count = shown.reduce((n, g) => n + g.options.length, 0);
  const chosen = findOption(groups, value);
  return (
    <div className="fw-parameter-picker" data-testid={testId}>
      <label className="fw-parameter-picker__label" htmlFor={`${id}-search`}>
        {label}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        placeholder="Search assumptions (quality, churn, customer 360…)"
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        aria-describedby={`${id}-count`}
        data-testid={`${testId}-search`}
      />
      <select
        size={7}
        aria-label={label}
        value={chosen ? value : ''}
        onChange={(e) => onChange(e.currentTarget.value)}
        data-testid={`${testId}-list`}
      >
        {shown.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.options.map((o) => (
              <option key={o.key} value={o.key} title={o.key}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p className="fw-parameter-picker__note" id={`${id}-count`} aria-live="polite">
        {query ? `${count} match${count === 1 ? '' : 'es'}` : `${count} choices`}
        {chosen ? (
          <>
            {' · '}
            <strong data-testid={`${testId}-chosen`}>{chosen.label}</strong>:{' '}
            {describeOption(chosen)}
          </>
        ) : value ? (
          ` · '${value}' is not an assumption of this scenario`
        ) : null}
      </p>
    </div>
  );
}
