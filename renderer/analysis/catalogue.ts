/**
 * What the analyses offer to vary and to read, from the assumption catalogue (never a list of
 * names written here): every assumption grouped as the editor groups them, patterns that set a
 * field of every product or consumer at once ("All data products: Quality maturity" is
 * `dataProduct.*.maturity.quality`), and the KPIs. Pure.
 */
import {
  assumptionsOf,
  DIFFERENCE_KEYS,
  COMPARISON_ONLY_INFO,
  KPI_INFO,
  KPI_KEYS,
  PARAMETER_GROUPS,
  PARAMETERS,
  resolveFactor,
  type Assumption,
  type DifferenceKey,
  type KpiRun,
  type Scenario,
} from '../../simulation';

export interface ParameterOption {
  /** An assumption's name, or a `*` pattern. */
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** Assumptions it sets (1 for a single one). */
  readonly count: number;
  readonly value: number;
  readonly min: number;
  readonly max: number;
  readonly plausible: readonly [number, number];
  /** True when the members hold different values in the scenario (a pattern). */
  readonly mixed: boolean;
}

export interface ParameterGroupOptions {
  readonly label: string;
  readonly options: readonly ParameterOption[];
}

/** The field part of an entity assumption's label ("Customer 360: Quality maturity" -> "Quality maturity"). */
function fieldLabel(a: Assumption): string {
  const i = a.label.indexOf(': ');
  return i >= 0 ? a.label.slice(i + 2) : a.label;
}

function optionOf(scenario: Scenario, key: string, label: string): ParameterOption | null {
  try {
    const f = resolveFactor(scenario, key);
    return {
      key,
      label,
      unit: f.unit,
      count: f.names.length,
      value: f.value,
      min: f.min,
      max: f.max,
      plausible: f.plausible,
      mixed: !f.uniform,
    };
  } catch {
    return null; // a pattern whose members cannot move together (different units or ranges)
  }
}

const single = (a: Assumption): ParameterOption => ({
  key: a.name,
  label: a.label,
  unit: a.unit,
  count: 1,
  value: a.value,
  min: a.min,
  max: a.max,
  plausible: a.plausible,
  mixed: false,
});

/** Every choice, grouped: patterns first, then the assumptions as the editor groups them. */
export function parameterGroups(scenario: Scenario): ParameterGroupOptions[] {
  const catalogue = assumptionsOf(scenario);
  const groupOf = new Map(PARAMETERS.map((p) => [p.name, p.group]));
  const patterns: ParameterOption[] = [];
  const seen = new Set<string>();
  const addPattern = (key: string, label: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const o = optionOf(scenario, key, label);
    if (o && o.count > 1) patterns.push(o);
  };
  const kinds = { dataProduct: 'All data products', aiConsumer: 'All AI consumers' } as const;
  for (const a of catalogue) {
    const segments = a.name.split('.');
    if (a.owner.kind === 'dataProduct' || a.owner.kind === 'aiConsumer') {
      const all = [segments[0], '*', ...segments.slice(2)].join('.');
      addPattern(all, `${kinds[a.owner.kind]}: ${fieldLabel(a)}`);
    }
    if (segments[segments.length - 2] === 'maturity') {
      const parts = [...segments.slice(0, -1), '*'].join('.');
      const owner =
        a.owner.kind === 'dataProduct'
          ? a.owner.name
          : a.owner.kind === 'ownPipeline'
            ? 'Own pipelines'
            : null;
      if (owner) addPattern(parts, `${owner}: every anatomy part (maturity)`);
      if (a.owner.kind === 'dataProduct')
        addPattern(
          ['dataProduct', '*', 'maturity', '*'].join('.'),
          'All data products: every anatomy part (maturity)',
        );
    }
  }
  patterns.sort((x, y) => x.label.localeCompare(y.label));

  const groups = new Map<string, ParameterOption[]>();
  const push = (label: string, o: ParameterOption): void => {
    const list = groups.get(label) ?? [];
    list.push(o);
    groups.set(label, list);
  };
  for (const a of catalogue) {
    const owner = a.owner;
    if (owner.kind === 'parameter')
      push(PARAMETER_GROUPS[groupOf.get(a.name) ?? 'economics'] ?? 'Other', single(a));
    else if (owner.kind === 'ownPipeline') push('Own pipelines (without data products)', single(a));
    else
      push(
        `${owner.kind === 'dataProduct' ? 'Data product' : 'AI consumer'}: ${owner.name}`,
        single(a),
      );
  }
  return [
    { label: 'Groups (set together)', options: patterns },
    ...[...groups].map(([label, options]) => ({ label, options })),
  ];
}

/** The options whose label or key holds every word of `query` (case-insensitive). */
export function filterGroups(
  groups: readonly ParameterGroupOptions[],
  query: string,
): ParameterGroupOptions[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...groups];
  return groups
    .map((g) => ({
      label: g.label,
      options: g.options.filter((o) => {
        const text = `${o.label} ${o.key} ${g.label}`.toLowerCase();
        return words.every((w) => text.includes(w));
      }),
    }))
    .filter((g) => g.options.length > 0);
}

export function findOption(
  groups: readonly ParameterGroupOptions[],
  key: string,
): ParameterOption | null {
  for (const g of groups) for (const o of g.options) if (o.key === key) return o;
  return null;
}

export interface KpiOption {
  readonly key: DifferenceKey;
  readonly label: string;
  readonly unit: string;
}

/** The KPIs an analysis can read: of the scenario's run, or of the difference (with overtakeWeek). */
export function kpiOptions(of: KpiRun): KpiOption[] {
  const keys: readonly DifferenceKey[] = of === 'difference' ? DIFFERENCE_KEYS : KPI_KEYS;
  return keys.map((key) =>
    key === 'overtakeWeek'
      ? { key, label: 'With pulls ahead on cumulative net value from', unit: 'week' }
      : key === 'netValueGapFromCostUsd'
        ? { key, ...COMPARISON_ONLY_INFO[key] }
        : { key, label: KPI_INFO[key].label, unit: KPI_INFO[key].unit },
  );
}

/** A KPI's name alone ("Cumulative net value"). */
export function kpiName(key: DifferenceKey): string {
  return kpiOptions('difference').find((k) => k.key === key)?.label ?? key;
}

export function kpiLabel(key: DifferenceKey, of: KpiRun): string {
  const label = kpiName(key);
  return of === 'difference' ? `${label}: with minus without` : `${label} (with data products)`;
}

export function kpiUnit(key: DifferenceKey): string {
  return kpiOptions('difference').find((k) => k.key === key)?.unit ?? '';
}

const labelCache = new WeakMap<Scenario, ParameterGroupOptions[]>();

/** The picker's label of an assumption or group (null when the scenario has no such choice). */
export function optionLabel(scenario: Scenario, key: string): string | null {
  let groups = labelCache.get(scenario);
  if (!groups) {
    groups = parameterGroups(scenario);
    labelCache.set(scenario, groups);
  }
  return findOption(groups, key)?.label ?? null;
}
