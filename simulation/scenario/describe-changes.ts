/**
 * What a variant (or any run) changes against its base, in words, for the variants list, the
 * comparison view, the report and `flywheel compare`: "Governance maturity 0.8 → 0 on all 4 data
 * products", "Removed data products Recommendation feature store and Inventory prediction".
 * Labels and units come from the assumption catalogue; a value set on several products or
 * consumers at once is one line. Pure.
 */
import { CONSUMER_FIELDS } from '../model/entities';
import { formatDisplayValue, formatWeek } from '../narrative/format';
import { assumptionsOf, matchesAssumption, type Assumption } from './assumptions';
import { applyChanges, diffScenarios } from './changes';
import type { RunInputs, Scenario, ScenarioChange } from './types';

const ARROW = '→';

/** A number in its unit, short: "0.8", "$240k", "16 weeks", "1.2%/week". */
export function formatChangeValue(value: number, unit: string): string {
  const plain = String(Number(value.toPrecision(3)));
  if (unit === 'weeks') return `${formatWeek(value)} ${value === 1 ? 'week' : 'weeks'}`;
  if (unit === 'week') return `week ${formatWeek(value)}`;
  if (unit.startsWith('1/')) return `${Number((value * 100).toPrecision(3))}%/${unit.slice(2)}`;
  if (
    unit.startsWith('maturity') ||
    unit === 'dimensionless' ||
    unit === 'pipelines' ||
    unit.startsWith('log-sd') ||
    unit.startsWith('capacity')
  )
    return plain;
  if (
    Math.abs(value) < 1 &&
    !unit.startsWith('usd') &&
    !unit.startsWith('fraction') &&
    unit !== 'relative change'
  )
    return `${plain} ${unit}`;
  return formatDisplayValue(value, unit);
}

interface SetRecord {
  readonly a: Assumption;
  readonly to: number;
  /** The field's label without its owner ("Governance maturity"). */
  readonly fieldLabel: string;
  /** The name with the owner's id as `*` (`dataProduct.*.maturity.governance`). */
  readonly pattern: string;
}

const OWNER_WORDS = {
  dataProduct: ['data product', 'data products'],
  aiConsumer: ['AI consumer', 'AI consumers'],
} as const;

function fieldLabelOf(a: Assumption): string {
  if (a.owner.kind === 'parameter') return a.label;
  const owner = a.owner.kind === 'ownPipeline' ? 'Own pipelines' : a.owner.name;
  return a.label.startsWith(`${owner}: `) ? a.label.slice(owner.length + 2) : a.label;
}

function patternOf(a: Assumption): string {
  if (a.owner.kind !== 'dataProduct' && a.owner.kind !== 'aiConsumer') return a.name;
  const parts = a.name.split('.');
  parts[1] = '*';
  return parts.join('.');
}

const listWords = (names: readonly string[]): string =>
  names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;

/** Lines for the catalogue values set: one per field and new value, owners counted. */
function describeSets(records: readonly SetRecord[], counts: Record<string, number>): string[] {
  const groups = new Map<string, SetRecord[]>();
  for (const r of records) {
    const key = `${r.pattern}\u0000${r.to}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const lines: string[] = [];
  for (const group of groups.values()) {
    const first = group[0]!;
    const { a, to, fieldLabel } = first;
    const toText = formatChangeValue(to, a.unit);
    const kind = a.owner.kind;
    if (group.length === 1 || (kind !== 'dataProduct' && kind !== 'aiConsumer')) {
      for (const r of group)
        lines.push(`${r.a.label} ${formatChangeValue(r.a.value, r.a.unit)} ${ARROW} ${toText}`);
      continue;
    }
    const [one, many] = OWNER_WORDS[kind];
    const total = counts[kind] ?? 0;
    const on =
      group.length === total && total > 1
        ? `on all ${total} ${many}`
        : `on ${group.length} ${group.length === 1 ? one : many}`;
    const froms = [...new Set(group.map((r) => r.a.value))].sort((x, y) => x - y);
    if (froms.length === 1)
      lines.push(`${fieldLabel} ${formatChangeValue(froms[0]!, a.unit)} ${ARROW} ${toText} ${on}`);
    else
      lines.push(
        `${fieldLabel} ${ARROW} ${toText} ${on} (was ${formatChangeValue(froms[0]!, a.unit)} to ${formatChangeValue(froms[froms.length - 1]!, a.unit)})`,
      );
  }
  return lines;
}

/**
 * The changes in words, against `base`: structure first (in the order of the changes, removals of
 * one kind together), then the values set, grouped, then the simulation settings; a change that
 * does not apply says so. An empty list: the changes change nothing.
 */
export function describeChanges(base: Scenario, changes: readonly ScenarioChange[]): string[] {
  const structure: string[] = [];
  const simulation: string[] = [];
  const records: SetRecord[] = [];
  let current: Scenario = base;
  const productName = (s: RunInputs, id: string): string =>
    s.dataProducts.find((p) => p.id === id)?.name ?? id;
  const consumerName = (s: RunInputs, id: string): string =>
    s.aiConsumers.find((c) => c.id === id)?.name ?? id;
  let removed: { kind: 'removeDataProduct' | 'removeAiConsumer'; names: string[] } | null = null;
  const flushRemoved = (): void => {
    if (!removed) return;
    const [one, many] =
      OWNER_WORDS[removed.kind === 'removeDataProduct' ? 'dataProduct' : 'aiConsumer'];
    structure.push(
      `Removed ${removed.names.length === 1 ? one : many} ${listWords(removed.names)}`,
    );
    removed = null;
  };
  for (const c of changes) {
    const r = applyChanges(current, [c], { validate: false });
    if (r.problems.length > 0) {
      flushRemoved();
      structure.push(`Does not apply: ${r.problems[0]}`);
      continue;
    }
    if (c.kind === 'removeDataProduct' || c.kind === 'removeAiConsumer') {
      const name =
        c.kind === 'removeDataProduct' ? productName(current, c.id) : consumerName(current, c.id);
      if (removed && removed.kind === c.kind) removed.names.push(name);
      else {
        flushRemoved();
        removed = { kind: c.kind, names: [name] };
      }
      current = r.scenario;
      continue;
    }
    flushRemoved();
    switch (c.kind) {
      case 'set':
        for (const a of assumptionsOf(current)) {
          if (!matchesAssumption(c.name, a.name)) continue;
          const to = valueAt(r.scenario, a) ?? c.value;
          if (to !== a.value)
            records.push({ a, to, fieldLabel: fieldLabelOf(a), pattern: patternOf(a) });
        }
        break;
      case 'addDataProduct':
        structure.push(`Added data product ${c.dataProduct.name}`);
        break;
      case 'addAiConsumer':
        structure.push(`Added AI consumer ${c.aiConsumer.name}`);
        break;
      case 'rename': {
        const old =
          c.entity === 'dataProduct' ? productName(current, c.id) : consumerName(current, c.id);
        if (old !== c.name)
          structure.push(`Renamed ${OWNER_WORDS[c.entity][0]} ${old} to ${c.name}`);
        break;
      }
      case 'domain': {
        const p = current.dataProducts.find((x) => x.id === c.id)!;
        if (p.domain !== c.domain)
          structure.push(
            `${p.name}: domain ${p.domain || '(none)'} ${ARROW} ${c.domain || '(none)'}`,
          );
        break;
      }
      case 'uses': {
        const x = current.aiConsumers.find((y) => y.id === c.id)!;
        const starts = c.uses
          .filter((id) => !x.uses.includes(id))
          .map((id) => productName(current, id));
        const stops = x.uses
          .filter((id) => !c.uses.includes(id))
          .map((id) => productName(current, id));
        const parts = [
          starts.length > 0 ? `starts using ${listWords(starts)}` : '',
          stops.length > 0 ? `stops using ${listWords(stops)}` : '',
        ].filter(Boolean);
        if (parts.length > 0) structure.push(`${x.name} ${parts.join(' and ')}`);
        else if (c.uses.join() !== x.uses.join())
          structure.push(`${x.name} uses its data products in another order`);
        break;
      }
      case 'ownPipelines': {
        const x = current.aiConsumers.find((y) => y.id === c.id)!;
        if (x.ownPipelines !== c.value)
          structure.push(
            `${x.name}: ${CONSUMER_FIELDS.ownPipelines.label.toLowerCase()} ${x.ownPipelines} ${ARROW} ${c.value}`,
          );
        break;
      }
      case 'order':
        structure.push('Data products and AI consumers in another order');
        break;
      case 'simulation': {
        const s = current.simulation;
        if (c.weeks !== undefined && c.weeks !== s.weeks)
          simulation.push(`Horizon ${s.weeks} ${ARROW} ${c.weeks} weeks`);
        if (c.stepWeeks !== undefined && c.stepWeeks !== s.stepWeeks)
          simulation.push(`Step ${s.stepWeeks} ${ARROW} ${c.stepWeeks} weeks`);
        if (c.seed !== undefined && c.seed !== s.seed)
          simulation.push(`Random seed ${s.seed} ${ARROW} ${c.seed}`);
        if (c.mode !== undefined && c.mode !== s.mode)
          simulation.push(`Randomness ${MODE_WORDS[s.mode]} ${ARROW} ${MODE_WORDS[c.mode]}`);
        break;
      }
    }
    current = r.scenario;
  }
  flushRemoved();
  const counts = {
    dataProduct: current.dataProducts.length,
    aiConsumer: current.aiConsumers.length,
  };
  return [...structure, ...describeSets(records, counts), ...simulation];
}

const MODE_WORDS = { stochastic: 'stochastic', expected: 'expected value' } as const;

function valueAt(s: Scenario, a: Assumption): number | undefined {
  let node: unknown = s;
  for (const key of a.path) node = (node as Record<string | number, unknown>)[key];
  return typeof node === 'number' ? node : undefined;
}

/** What `target` changes against `base`, in words (empty: they run the same). */
export function describeDifferences(base: Scenario, target: RunInputs): string[] {
  return describeChanges(base, diffScenarios(base, target));
}
