/**
 * The runs beside the one on screen: pinned runs (recomputed from their inputs on open), the
 * baseline, and, while the comparison view is open, every compared run (variants, pinned runs,
 * other files opened for comparison). Each is computed once by the engine worker for what it is
 * computed from (its inputs), kept by that key, and found again by reference. The run on screen
 * is never computed twice: it is the results store's.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  canonicalJson,
  kpiFingerprint,
  pinScenario,
  resolveRun,
  sameRef,
  type RunInputs,
  type RunRef,
  type Scenario,
  type ScenarioRun,
} from '../../simulation';
import type { EngineClient, NamedScenario } from '../engine/client';
import type { SerializedError } from '../engine/protocol';
import { comparedRuns } from './document-edits';
import type { UiStore } from './ui';
import type { WorkspaceStore } from './workspace';

/** A scenario file opened for comparison only (not part of the document, not saved with it). */
export interface ExternalRun {
  readonly id: string;
  readonly fileName: string;
  /** A variant's or pinned run's name when the file's run is one of those, else null. */
  readonly runName: string | null;
  readonly label: string;
  readonly scenario: Scenario;
}

/** Any run the comparison can show: one of the document's, or one opened from another file. */
export type AnyRunRef = RunRef | { readonly kind: 'file'; readonly id: string };

export const COMPARE_VIEW = 'compare';

export interface RunsState {
  /** Runs by the key of their inputs (inputsKey). */
  readonly byKey: ReadonlyMap<string, ScenarioRun>;
  /** Keys asked for and not yet answered. */
  readonly pending: ReadonlySet<string>;
  readonly error: SerializedError | null;
  /** Pinned runs whose recomputation differs from their fingerprint (this version's model). */
  readonly drifted: readonly string[];
  /** Files opened for comparison, in the order they were added. */
  readonly external: readonly ExternalRun[];
  /** Engine runs the last request made. */
  readonly lastEngineRuns: number;
}

export interface RunsActions {
  addExternal(run: Omit<ExternalRun, 'id'>): ExternalRun;
  removeExternal(id: string): void;
}

export type RunsStore = StoreApi<RunsState & RunsActions>;

const keys = new WeakMap<RunInputs, string>();

/** What a run is computed from, as a key (a pinned run's inputs keep theirs). */
export function inputsKey(s: RunInputs): string {
  let key = keys.get(s);
  if (key === undefined) {
    key = canonicalJson({
      simulation: s.simulation,
      parameters: s.parameters,
      dataProducts: s.dataProducts,
      aiConsumers: s.aiConsumers,
      ownPipeline: s.ownPipeline,
    });
    keys.set(s, key);
  }
  return key;
}

export function createRunsStore(): RunsStore {
  let nextId = 1;
  return createStore<RunsState & RunsActions>()((set, get) => ({
    byKey: new Map(),
    pending: new Set(),
    error: null,
    drifted: [],
    external: [],
    lastEngineRuns: 0,
    addExternal(run) {
      const added = { ...run, id: `file-${nextId++}` };
      set({ external: [...get().external, added] });
      return added;
    },
    removeExternal(id) {
      set({ external: get().external.filter((r) => r.id !== id) });
    },
  }));
}

/** A run to show: its reference, its name, and the scenario it is computed from. */
export interface NeededRun {
  readonly ref: AnyRunRef;
  readonly label: string;
  readonly scenario: Scenario;
  readonly key: string;
  /** Changes of a variant that do not apply (it is shown without them). */
  readonly problems: readonly string[];
}

/** The reference of the run on screen: the variant shown, or the base. */
export function activeRef(activeVariant: string | null): RunRef {
  return activeVariant === null ? { kind: 'base' } : { kind: 'variant', name: activeVariant };
}

const resolved = new WeakMap<Scenario, Map<string, NeededRun | null>>();
/** A run's id in lists and test ids: `base`, `variant:NAME`, `pin:NAME`, `file:ID`. */
export const refKey = (r: AnyRunRef): string =>
  r.kind === 'base' ? 'base' : r.kind === 'file' ? `file:${r.id}` : `${r.kind}:${r.name}`;

/** A reference resolved in a document (remembered per document object), or null. */
export function neededRun(
  doc: Scenario,
  ref: AnyRunRef,
  external: readonly ExternalRun[],
): NeededRun | null {
  if (ref.kind === 'file') {
    const x = external.find((e) => e.id === ref.id);
    return x
      ? { ref, label: x.label, scenario: x.scenario, key: inputsKey(x.scenario), problems: [] }
      : null;
  }
  let byRef = resolved.get(doc);
  if (!byRef) {
    byRef = new Map();
    resolved.set(doc, byRef);
  }
  const k = refKey(ref);
  if (byRef.has(k)) return byRef.get(k)!;
  let out: NeededRun | null = null;
  if (ref.kind === 'pin') {
    const pin = doc.pinnedRuns?.find((p) => p.name === ref.name);
    if (pin)
      out = {
        ref,
        label: pin.name,
        scenario: pinScenario(doc, pin),
        key: inputsKey(pin.inputs),
        problems: [],
      };
  } else {
    const r = resolveRun(doc, ref);
    if (r)
      out = {
        ref,
        label: r.label,
        scenario: r.scenario,
        key: inputsKey(r.scenario),
        problems: r.problems,
      };
  }
  byRef.set(k, out);
  return out;
}

/** The runs the page needs beside the one on screen. */
export function neededRuns(
  doc: Scenario,
  activeVariant: string | null,
  comparing: boolean,
  external: readonly ExternalRun[],
): NeededRun[] {
  const active = activeRef(activeVariant);
  const refs: AnyRunRef[] = (doc.pinnedRuns ?? []).map((p) => ({
    kind: 'pin' as const,
    name: p.name,
  }));
  const baseline = doc.comparison?.baseline ?? null;
  if (baseline) refs.push(baseline);
  if (comparing) {
    refs.push(...comparedRuns(doc));
    refs.push(...external.map((x) => ({ kind: 'file' as const, id: x.id })));
  }
  const out: NeededRun[] = [];
  for (const ref of refs) {
    if (ref.kind !== 'file' && sameRef(ref, active)) continue;
    if (out.some((o) => refKey(o.ref) === refKey(ref))) continue;
    const n = neededRun(doc, ref, external);
    if (n) out.push(n);
  }
  return out;
}

/**
 * Asks the engine for every needed run it has not computed, whenever the document, the run on
 * screen, the view or the opened files change; checks recomputed pinned runs against their
 * fingerprints. Keeps the runs still needed and forgets the others.
 */
export function connectRuns(
  workspace: WorkspaceStore,
  ui: UiStore,
  runs: RunsStore,
  engine: EngineClient,
): () => void {
  const request = (): void => {
    const { doc, activeVariant } = workspace.getState();
    const needed = neededRuns(
      doc,
      activeVariant,
      ui.getState().view === COMPARE_VIEW,
      runs.getState().external,
    );
    const state = runs.getState();
    const missing = needed.filter((n) => !state.byKey.has(n.key));
    // Forget what is no longer needed (a variant's run for an older base).
    const keep = new Set(needed.map((n) => n.key));
    if ([...state.byKey.keys()].some((k) => !keep.has(k))) {
      runs.setState({ byKey: new Map([...state.byKey].filter(([k]) => keep.has(k))) });
    }
    if (missing.length === 0 || missing.every((n) => state.pending.has(n.key))) return;
    const asked = missing.map((n) => n.key);
    runs.setState({ pending: new Set(asked) });
    const list: NamedScenario[] = missing.map((n) => ({ name: n.label, scenario: n.scenario }));
    void engine.runs(list).then((outcome) => {
      if (outcome.kind === 'superseded') return;
      const s = runs.getState();
      if (outcome.kind === 'error') {
        runs.setState({ error: outcome.error, pending: new Set() });
        return;
      }
      const byKey = new Map(s.byKey);
      asked.forEach((k, i) => byKey.set(k, outcome.runs[i]!));
      const pins = workspace.getState().doc.pinnedRuns ?? [];
      const drifted = pins
        .filter((p) => {
          const run = byKey.get(inputsKey(p.inputs));
          return run !== undefined && kpiFingerprint(run.kpis) !== p.kpiFingerprint;
        })
        .map((p) => p.name);
      runs.setState({
        byKey,
        pending: new Set(),
        error: null,
        drifted,
        lastEngineRuns: outcome.engineRuns,
      });
      request(); // anything needed meanwhile
    });
  };
  request();
  const offWorkspace = workspace.subscribe((next, previous) => {
    if (next.doc !== previous.doc || next.activeVariant !== previous.activeVariant) request();
  });
  const offUi = ui.subscribe((next, previous) => {
    if (next.view !== previous.view) request();
  });
  const offRuns = runs.subscribe((next, previous) => {
    if (next.external !== previous.external) request();
  });
  return () => {
    offWorkspace();
    offUi();
    offRuns();
  };
}

/** The run of a reference: the results store's for the run on screen, else the computed one. */
export function runOf(
  ref: AnyRunRef,
  doc: Scenario,
  activeVariant: string | null,
  onScreen: ScenarioRun | null,
  runs: Pick<RunsState, 'byKey' | 'external'>,
): ScenarioRun | null {
  if (ref.kind !== 'file' && sameRef(ref, activeRef(activeVariant))) return onScreen;
  const n = neededRun(doc, ref, runs.external);
  return n ? (runs.byKey.get(n.key) ?? null) : null;
}

export const runsStore: RunsStore = createRunsStore();
