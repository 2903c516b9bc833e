/**
 * What a result is, in words, for the details panel: its meaning (the model's description), how
 * it is computed (a running total of its flows, or the quantities it is computed from), the other
 * results it reads and the assumptions behind it with their sources. Read off the model's own
 * declarations (buildFlywheelModel) and the assumption catalogue, so it cannot drift from what
 * runs. Pure.
 */
import {
  assumptionsOf,
  buildFlywheelModel,
  type Assumption,
  type Scenario,
  type VariableDecl,
} from '../../simulation';

/** An assumption behind a result, as the panel lists it. */
export interface SourceEntry {
  readonly name: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string;
  readonly source: string;
  readonly grade: Assumption['grade'];
}

/** Another quantity a result reads: a result of its own (clickable) or an inner step. */
export interface ReadEntry {
  readonly name: string;
  readonly label: string;
  /** True when it is a reported result (it has a chart column and details of its own). */
  readonly metric: boolean;
}

export interface Explanation {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly kind: VariableDecl['kind'];
  readonly meaning: string;
  /** How it is computed, in one or two sentences. */
  readonly computed: string;
  /** The results and quantities it reads (stopping at other results and at stocks). */
  readonly reads: readonly ReadEntry[];
  /** The assumptions behind it (parameters reached without passing another result). */
  readonly sources: readonly SourceEntry[];
}

const BUILT_INS = new Set(['dt', 'time']);

/** "weeklyInnovation" -> "weekly innovation"; a prefixed name keeps its last part. */
export function wordsOfName(name: string): string {
  const last = name.split('.').pop() ?? name;
  return last.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

interface ModelIndex {
  readonly byName: ReadonlyMap<string, VariableDecl>;
  readonly assumptions: ReadonlyMap<string, Assumption>;
}

const indexes = new WeakMap<Scenario, ModelIndex>();

function indexOf(scenario: Scenario): ModelIndex {
  let index = indexes.get(scenario);
  if (!index) {
    const decls = buildFlywheelModel(scenario).decl.variables;
    index = {
      byName: new Map(decls.map((d) => [d.name, d])),
      assumptions: new Map(assumptionsOf(scenario).map((a) => [a.name, a])),
    };
    indexes.set(scenario, index);
  }
  return index;
}

function labelOf(index: ModelIndex, name: string): string {
  const decl = index.byName.get(name);
  return index.assumptions.get(name)?.label ?? decl?.label ?? wordsOfName(name);
}

function inputsOf(decl: VariableDecl): string[] {
  if (decl.kind === 'parameter') return [];
  if (decl.kind === 'stock') return [...decl.inflows, ...decl.outflows, ...decl.initial.inputs];
  return [...decl.equation.inputs];
}

const listWords = (items: readonly string[]): string =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

function computedWords(index: ModelIndex, decl: VariableDecl): string {
  const label = (n: string): string => labelOf(index, n);
  if (decl.kind === 'parameter') {
    const a = index.assumptions.get(decl.name);
    return a
      ? `An assumption of the scenario, set in the panel on the left (valid range ${a.min} to ${a.max}).`
      : 'A fixed input of the model.';
  }
  if (decl.kind === 'stock') {
    const start = decl.initial.inputs.filter((n) => !BUILT_INS.has(n)).map(label);
    const parts = [
      start.length > 0 ? `It starts from ${listWords(start)}` : 'It starts from zero',
      decl.inflows.length > 0 ? `each week adds ${listWords(decl.inflows.map(label))}` : '',
      decl.outflows.length > 0 ? `takes away ${listWords(decl.outflows.map(label))}` : '',
    ].filter(Boolean);
    return `A running total. ${parts.join(', ')}.`;
  }
  const inputs = decl.equation.inputs.filter((n) => !BUILT_INS.has(n));
  const unique = [...new Set(inputs.map(label))];
  const from =
    unique.length === 0
      ? 'A constant.'
      : unique.length > 8
        ? `Computed each week from ${unique.length} quantities, among them ${listWords(unique.slice(0, 6))}.`
        : `Computed each week from ${listWords(unique)}.`;
  const noise = decl.noise
    ? ' In a stochastic run each week’s value is drawn around this expected value.'
    : '';
  const per = decl.kind === 'flow' ? ' It is a flow: an amount per week.' : '';
  return `${from}${per}${noise}`;
}

/**
 * The explanation of one variable of a scenario's model, or null when the model has no such
 * variable. `isMetric` says which names are reported results (they stop the walk for sources).
 */
export function explainVariable(
  scenario: Scenario,
  name: string,
  isMetric: (name: string) => boolean,
): Explanation | null {
  const index = indexOf(scenario);
  const decl = index.byName.get(name);
  if (!decl) return null;
  const reads = new Map<string, ReadEntry>();
  const sources = new Map<string, SourceEntry>();
  const seen = new Set<string>([name]);
  const queue = inputsOf(decl);
  while (queue.length > 0) {
    const n = queue.shift()!;
    if (seen.has(n) || BUILT_INS.has(n)) continue;
    seen.add(n);
    const d = index.byName.get(n);
    const a = index.assumptions.get(n);
    if (a) {
      sources.set(n, {
        name: n,
        label: a.label,
        value: a.value,
        unit: a.unit,
        source: a.source,
        grade: a.grade,
      });
      continue;
    }
    if (!d || d.kind === 'parameter') continue;
    if (isMetric(n) || d.kind === 'stock') {
      reads.set(n, { name: n, label: labelOf(index, n), metric: isMetric(n) });
      continue;
    }
    queue.push(...inputsOf(d));
  }
  if (decl.kind === 'parameter') {
    const a = index.assumptions.get(name);
    if (a)
      sources.set(name, {
        name,
        label: a.label,
        value: a.value,
        unit: a.unit,
        source: a.source,
        grade: a.grade,
      });
  }
  return {
    name,
    label: labelOf(index, name),
    unit: decl.unit,
    kind: decl.kind,
    meaning: decl.description,
    computed: computedWords(index, decl),
    reads: [...reads.values()],
    sources: [...sources.values()],
  };
}
