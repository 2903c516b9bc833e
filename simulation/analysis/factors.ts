/**
 * What analyses vary and read, resolved through the assumption catalogue: factors (one assumption,
 * or every assumption a `*` pattern selects, moved together to the same value) and KPIs. Every
 * mistake is an AnalysisError whose message names the valid choices (or the closest ones when
 * there are many).
 */
import { assumptionsOf, matchesAssumption, type Assumption } from '../scenario/assumptions';
import { hasDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import { AnalysisError, type Changes, type KpiRun, type KpiSelector } from './evaluate';
import { DIFFERENCE_KEYS, KPI_KEYS, type DifferenceKey } from './montecarlo-draws';

/** One thing an analysis varies: a single assumption, or a group a pattern selects. */
export interface Factor {
  /** The name or pattern as given (`baseChurnPerWeek`, `dataProduct.*.maturity.quality`). */
  readonly key: string;
  /** The assumptions it sets (one, or every match of the pattern, in catalogue order). */
  readonly names: readonly string[];
  readonly label: string;
  readonly unit: string;
  /** The scenario's value; for a group, the first member's (see `uniform`). */
  readonly value: number;
  /** False when a group's members have different values in the scenario. */
  readonly uniform: boolean;
  /** The lowest and highest of the members' values (both `value` for one assumption). */
  readonly valueRange: readonly [number, number];
  /** Valid range (for a group: the range valid for every member). */
  readonly min: number;
  readonly max: number;
  /** Plausible range (for a group: from the lowest member's low end to the highest's high end). */
  readonly plausible: readonly [number, number];
  readonly integer: boolean;
}

function factorOf(key: string, members: readonly Assumption[]): Factor {
  const first = members[0]!;
  const min = Math.max(...members.map((a) => a.min));
  const max = Math.min(...members.map((a) => a.max));
  if (!(min <= max))
    throw new AnalysisError(
      `'${key}' selects assumptions with no value valid for all of them (${members.map((a) => a.name).join(', ')})`,
    );
  const units = new Set(members.map((a) => a.unit));
  if (units.size > 1)
    throw new AnalysisError(
      `'${key}' selects assumptions in different units (${[...units].join(', ')}): name one of them`,
    );
  return {
    key,
    names: members.map((a) => a.name),
    label:
      members.length === 1 ? first.label : `${key} (${members.length} assumptions, set together)`,
    unit: first.unit,
    value: first.value,
    uniform: members.every((a) => a.value === first.value),
    valueRange: [
      Math.min(...members.map((a) => a.value)),
      Math.max(...members.map((a) => a.value)),
    ],
    min,
    max,
    plausible: [
      Math.max(min, Math.min(...members.map((a) => a.plausible[0]))),
      Math.min(max, Math.max(...members.map((a) => a.plausible[1]))),
    ],
    integer: members.some((a) => a.integer),
  };
}

/** Levenshtein distance (for suggestions). */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/**
 * The names closest to `input`: those containing it (case-insensitive) first, then by edit
 * distance of the last segments; at most `count`.
 */
export function closestNames(input: string, names: readonly string[], count = 5): string[] {
  const needle = input.toLowerCase();
  const score = (name: string): number => {
    const n = name.toLowerCase();
    if (n.includes(needle) || (needle.length > 0 && needle.includes(n))) return -1;
    const tail = n.split('.').slice(-needle.split('.').length).join('.');
    return Math.min(editDistance(needle, n), editDistance(needle, tail));
  };
  return names
    .map((name, i) => ({ name, s: score(name), i }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .slice(0, count)
    .map((x) => x.name);
}

/** Lists names in a message: all of them when few, else the closest to what was asked. */
export function nameHint(input: string, names: readonly string[], what: string): string {
  if (names.length <= 20) return `${what}: ${names.join(', ')}`;
  return `closest ${what}: ${closestNames(input, names).join(', ')} (${names.length} in all)`;
}

/** The factor a name or `*` pattern selects in this scenario. */
export function resolveFactor(scenario: Scenario, key: string): Factor {
  const catalogue = assumptionsOf(scenario);
  const members = catalogue.filter((a) => matchesAssumption(key, a.name));
  if (members.length === 0)
    throw new AnalysisError(
      `unknown parameter '${key}' (${nameHint(
        key,
        catalogue.map((a) => a.name),
        'parameters',
      )})`,
    );
  return factorOf(key, members);
}

/**
 * Single-assumption factors: those the names or patterns select (each match its own factor), or
 * every assumption of the catalogue when `keys` is null.
 */
export function resolveFactors(scenario: Scenario, keys: readonly string[] | null): Factor[] {
  const catalogue = assumptionsOf(scenario);
  if (keys === null) return catalogue.map((a) => factorOf(a.name, [a]));
  const out: Factor[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const members = catalogue.filter((a) => matchesAssumption(key, a.name));
    if (members.length === 0) resolveFactor(scenario, key); // throws with the hint
    for (const a of members)
      if (!seen.has(a.name)) {
        seen.add(a.name);
        out.push(factorOf(a.name, [a]));
      }
  }
  return out;
}

/** A value for a factor: rounded for whole-number assumptions. */
export function factorValue(factor: Factor, value: number): number {
  return factor.integer ? Math.round(value) : value;
}

/** The changes that set a factor to a value. */
export function changesFor(factor: Factor, value: number): Changes {
  const v = factorValue(factor, value);
  return factor.names.map((n) => [n, v] as const);
}

/** Checks a range for a factor (both ends finite, inside the valid range, from below to). */
export function checkRange(factor: Factor, from: number, to: number): void {
  if (!Number.isFinite(from) || !Number.isFinite(to))
    throw new AnalysisError(`${factor.key}: the range must be two finite numbers`);
  if (!(from < to))
    throw new AnalysisError(
      `${factor.key}: the range ${from}:${to} is empty (FROM must be below TO)`,
    );
  if (from < factor.min || to > factor.max)
    throw new AnalysisError(
      `${factor.key}: the range ${from}:${to} is outside its valid range ${factor.min} to ${factor.max} (${factor.unit})`,
    );
}

/** A factor's default range for sweeps and searches: its plausible range, else its valid one. */
export function defaultRange(factor: Factor): [number, number] {
  const [lo, hi] = factor.plausible;
  return hi > lo ? [lo, hi] : [factor.min, factor.max];
}

/** Resolves a KPI name: of the scenario's run, the without run, or the difference. */
export function resolveKpi(name: string, of: KpiRun): KpiSelector {
  const keys: readonly string[] = of === 'difference' ? DIFFERENCE_KEYS : KPI_KEYS;
  if (keys.includes(name)) return { kpi: name as DifferenceKey, of };
  const hint =
    of !== 'difference' && (DIFFERENCE_KEYS as readonly string[]).includes(name)
      ? ` ('${name}' is a KPI of the difference: add --difference)`
      : '';
  throw new AnalysisError(`unknown KPI '${name}'${hint} (${nameHint(name, keys, 'KPIs')})`);
}

/** Checks a selector against the scenario (a difference or a without run needs data products). */
export function checkSelector(scenario: Scenario, selector: KpiSelector): void {
  resolveKpi(selector.kpi, selector.of);
  if (selector.of !== 'scenario' && !hasDataProducts(scenario))
    throw new AnalysisError(
      `'${scenario.name}' has no data products, so it has no 'without' run to ${selector.of === 'difference' ? 'take a difference with' : 'read'}`,
    );
}

/** How a KPI selector reads in text: `cumulativeNetValueUsd (with - without)`. */
export function describeKpi(selector: KpiSelector): string {
  return selector.of === 'difference'
    ? `${selector.kpi} (scenario minus without)`
    : selector.of === 'without'
      ? `${selector.kpi} (without data products)`
      : selector.kpi;
}
