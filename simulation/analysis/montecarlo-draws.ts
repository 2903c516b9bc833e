/**
 * One Monte Carlo draw: a simulation seed and values for the registry's uncertain parameters, both
 * derived from the base seed and the draw's index alone (so any thread computes any draw), applied
 * alike to the scenario, its `without` variant and the status quo (common random numbers).
 */
import type { Backend } from '../engine/compile';
import { Rng } from '../engine/rng';
import type { CompiledModel } from '../engine/compile';
import {
  allocateSeries,
  runModel,
  runModelKeeping,
  runModelKeepingPair,
  type RunSeries,
} from '../engine/run';
import type { LaneRunLoop } from '../engine/wasm/backend-lanes';
import type { RunSettings } from '../engine/types';
import { assumptionsOf } from '../scenario/assumptions';
import { hasDataProducts, statusQuo, withoutDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import {
  KPI_INFO,
  kpiColumns,
  kpiSeries,
  kpisOf,
  overtakeWeekOf,
  STATUS_QUO_KPI_SERIES,
  statusQuoColumns,
  tableOf,
  type ComparisonKpis,
  type KpiColumns,
  type Kpis,
  type SeriesTable,
  type StatusQuoColumns,
} from './kpis';
import { CompiledModelCache } from './model-cache';
import type { PreparedModel } from './simulate';

export type KpiKey = keyof Kpis;
export type DifferenceKey = keyof ComparisonKpis;
export const KPI_KEYS = Object.keys(KPI_INFO) as KpiKey[];
export const DIFFERENCE_KEYS: readonly DifferenceKey[] = [
  ...KPI_KEYS,
  'overtakeWeek',
  'netValueGapFromCostUsd',
];

const SPENDING_INDEX = KPI_KEYS.indexOf('cumulativeSpendingUsd');

/** The independent random streams of a draw. */
export const DRAW_STREAM = { simulation: 0, parameters: 1 } as const;

function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The seed of one stream of one draw: a hash of (base seed, draw index, stream), 0..2^32-1. */
export function drawSeed(baseSeed: number, draw: number, stream: number): number {
  const a = mix32((baseSeed >>> 0) ^ 0x9e3779b9);
  const b = mix32((a + Math.imul(draw >>> 0, 0x632be5ab)) >>> 0);
  return mix32((b ^ Math.imul(stream + 1, 0x85ebca6b)) >>> 0);
}

/** How one uncertain parameter is drawn: triangular(lo, mode, hi), within the valid range. */
export interface UncertainParameter {
  readonly name: string;
  readonly lo: number;
  /** The scenario's value (the registry default unless the scenario changed it). */
  readonly mode: number;
  readonly hi: number;
  readonly integer: boolean;
}

/**
 * The scenario's uncertain assumptions (assumptionsOf: the global parameters in registry order,
 * then the own-pipeline template, the products and the consumers), each drawn over its plausible
 * range with the scenario's value as the mode.
 */
export function uncertainParameters(scenario: Scenario): UncertainParameter[] {
  return assumptionsOf(scenario).flatMap((a) =>
    a.distribution === null
      ? []
      : [
          {
            name: a.name,
            lo: a.distribution.lo,
            mode: a.distribution.mode,
            hi: a.distribution.hi,
            integer: a.integer,
          },
        ],
  );
}

/** Draws one value per uncertain parameter into `out` (same order as `specs`). */
export function drawParameters(
  rng: Rng,
  specs: readonly UncertainParameter[],
  out: Float64Array,
): void {
  for (let i = 0; i < specs.length; i++) {
    const s = specs[i]!;
    const v = rng.triangular(s.lo, s.mode, s.hi);
    out[i] = s.integer ? Math.round(v) : v;
  }
}

/** The runs a comparison holds: the scenario, then (with data products) the same business without. */
export function comparedScenarios(scenario: Scenario): Scenario[] {
  return hasDataProducts(scenario) ? [scenario, withoutDataProducts(scenario)] : [scenario];
}

interface ModelSlot {
  readonly prepared: PreparedModel;
  readonly parameters: Float64Array;
  /** For each uncertain parameter, its index in the model's parameter vector. */
  readonly uncertainIndex: Int32Array;
  /** The slots a run keeps, in column order; null keeps every variable (a whole RunSeries). */
  kept: Int32Array | null;
  buffer: Float64Array;
  /** Where the last draw's values are (the buffer, with its columns). */
  table: SeriesTable;
}

/** A table over a buffer that holds the variables `names` (in this order) at every point. */
export function keptTable(
  names: readonly string[],
  buffer: Float64Array,
  points: number,
  stepWeeks: number,
  metricNames: readonly string[],
): SeriesTable {
  const columns = new Map(names.map((n, j) => [n, j]));
  return {
    values: buffer,
    stride: names.length,
    points,
    stepWeeks,
    metricNames,
    columnOf: (name) => {
      const j = columns.get(name);
      if (j === undefined) throw new Error(`'${name}' is not kept by this Monte Carlo run`);
      return j;
    },
  };
}

/**
 * Runs draws of one comparison on this thread, reusing its compiled models, parameter vectors and
 * series buffers across draws (nothing per step is allocated). Not re-entrant: one per thread.
 */
export class DrawRunner {
  readonly scenarios: readonly Scenario[];
  readonly uncertain: readonly UncertainParameter[];
  readonly points: number;
  private readonly models: ModelSlot[];
  private readonly baseline: ModelSlot;
  /** The status quo, then the compared runs (the lanes' order, see enablePairs). */
  private readonly allModels: readonly ModelSlot[];
  private readonly drawn: Float64Array;
  private readonly rng = new Rng(0);
  private readonly settings: {
    weeks: number;
    stepWeeks: number;
    seed: number;
    mode: RunSettings['mode'];
  };
  /** The last draw's KPIs per run (KPI_KEYS order, null as NaN) and their differences. */
  private readonly kpiRows: Float64Array[];
  private readonly differenceRow: Float64Array;
  private kpiColumns: KpiColumns[] = [];
  private statusQuoColumns: StatusQuoColumns;
  /**
   * Pairs of draws (see enablePairs): each model's loop for two runs at once (the status quo
   * first), the second draw's parameters and series, and which draw they are (-1: none).
   */
  private lanes: LaneRunLoop[] | null = null;
  private readonly second: { parameters: Float64Array; buffer: Float64Array }[] = [];
  private readonly drawn2: Float64Array;
  private readonly settings2: {
    weeks: number;
    stepWeeks: number;
    seed: number;
    mode: RunSettings['mode'];
  };
  private planEnd = 0;
  private pending = -1;

  constructor(
    scenario: Scenario,
    readonly baseSettings: RunSettings,
    /**
     * The backend to compile with, or this thread's cache of compiled models of one backend: a
     * worker that runs job after job then compiles each structure once. Every run starts from
     * the parameters it is given, so other users of the cache may run the same models between
     * this runner's runs (one thread: runs never overlap).
     */
    models: Backend | CompiledModelCache,
  ) {
    // Given a backend, a cache of this runner's own (its models are compiled once each anyway).
    const cache = models instanceof CompiledModelCache ? models : new CompiledModelCache(models);
    this.scenarios = comparedScenarios(scenario);
    this.uncertain = uncertainParameters(scenario);
    this.drawn = new Float64Array(this.uncertain.length);
    this.drawn2 = new Float64Array(this.uncertain.length);
    this.settings = { ...baseSettings };
    this.settings2 = { ...baseSettings };
    this.points = Math.round(baseSettings.weeks / baseSettings.stepWeeks) + 1;
    const slot = (prepared: PreparedModel): ModelSlot => {
      const names = prepared.compiled.parameterNames;
      const uncertainIndex = Int32Array.from(this.uncertain.map((u) => names.indexOf(u.name)));
      const buffer = allocateSeries(prepared.compiled, baseSettings);
      return {
        prepared,
        parameters: Float64Array.from(prepared.built.parameterValues),
        uncertainIndex,
        kept: null,
        buffer,
        table: this.wholeTable(prepared, buffer),
      };
    };
    this.models = this.scenarios.map((s) => slot(cache.prepare(s)));
    this.kpiRows = this.models.map(() => new Float64Array(KPI_KEYS.length).fill(NaN));
    this.differenceRow = new Float64Array(DIFFERENCE_KEYS.length).fill(NaN);
    // The status quo is read for the KPIs alone: its model computes only what they need.
    this.baseline = slot(cache.preparePruned(statusQuo(scenario), STATUS_QUO_KPI_SERIES));
    this.allModels = [this.baseline, ...this.models];
    this.kpiColumns = this.models.map((m) => kpiColumns(m.table));
    this.statusQuoColumns = statusQuoColumns(this.baseline.table);
  }

  /** The table of a whole run (every variable) over `buffer`. */
  private wholeTable(prepared: PreparedModel, buffer: Float64Array): SeriesTable {
    const compiled = prepared.compiled;
    const series: RunSeries = {
      model: compiled,
      settings: this.baseSettings,
      points: this.points,
      time: new Float64Array(0), // not read by the tables
      values: buffer,
    };
    return tableOf(series);
  }

  /**
   * From now on, keep only these variables of each compared run (in this order, then the series
   * the KPIs need) and of the status quo only what the KPIs need: `values(run)` then holds those
   * columns (see slotOf and slotCount). The draws' values and KPIs are unchanged, to the bit; a
   * run writes a few series instead of every variable at every point.
   */
  keepOnly(names: readonly string[]): void {
    const keep = (m: ModelSlot, wanted: readonly string[]): void => {
      const compiled = m.prepared.compiled;
      const unique = [...new Set(wanted)];
      m.kept = Int32Array.from(
        unique.map((n) => {
          const s = compiled.slotOf.get(n);
          if (s === undefined) throw new Error(`no variable named '${n}'`);
          return s;
        }),
      );
      m.buffer = new Float64Array(unique.length * this.points);
      m.table = keptTable(
        unique,
        m.buffer,
        this.points,
        this.baseSettings.stepWeeks,
        compiled.metricNames,
      );
    };
    this.pending = -1;
    for (const m of this.models) keep(m, [...names, ...kpiSeries(m.prepared.compiled.metricNames)]);
    keep(this.baseline, STATUS_QUO_KPI_SERIES);
    this.kpiColumns = this.models.map((m) => kpiColumns(m.table));
    this.statusQuoColumns = statusQuoColumns(this.baseline.table);
  }

  /**
   * Keeps run `run`'s kept series in `buffer` from now on (of the same length as values(run): the
   * band counter's memory, which then reads them where the run wrote them).
   */
  placeSeries(run: number, buffer: Float64Array): void {
    const m = this.models[run]!;
    if (m.kept === null) throw new Error('placeSeries() before keepOnly()');
    if (buffer.length !== m.buffer.length)
      throw new Error(`run ${run} keeps ${m.buffer.length} values, not ${buffer.length}`);
    this.pending = -1;
    m.buffer = buffer;
    m.table = { ...m.table, values: buffer };
    this.kpiColumns[run] = kpiColumns(m.table);
  }

  get runCount(): number {
    return this.models.length;
  }

  metricNames(run: number): readonly string[] {
    return this.models[run]!.prepared.compiled.metricNames;
  }

  /** Values per point in a run's buffer: every variable, or the kept ones (see keepOnly). */
  slotCount(run: number): number {
    return this.models[run]!.table.stride;
  }

  /** Position of a variable within each point of the run's buffer (its slot, or its kept column). */
  slotOf(run: number, name: string): number {
    const m = this.models[run]!;
    if (m.kept === null) {
      const s = m.prepared.compiled.slotOf.get(name);
      if (s === undefined) throw new Error(`run ${run} has no variable '${name}'`);
      return s;
    }
    return m.table.columnOf(name);
  }

  /**
   * From now on, runs two draws at once where it may (see planUntil): `laneOf` gives each model's
   * loop for two runs (wasm/backend-lanes.ts; the same values, to the bit). Only after keepOnly;
   * returns false, changing nothing, where a model has no such loop.
   */
  enablePairs(laneOf: (model: CompiledModel) => LaneRunLoop | null): boolean {
    const slots = this.allModels;
    if (slots.some((m) => m.kept === null)) return false;
    const lanes = slots.map((m) => laneOf(m.prepared.compiled));
    if (lanes.some((l) => l === null)) return false;
    this.lanes = lanes as LaneRunLoop[];
    return true;
  }

  /**
   * The draws run next are up to `end` (excluded), in order: with pairs enabled, run(d) then runs
   * d + 1 as well when d + 1 < end, and run(d + 1) takes its results.
   */
  planUntil(end: number): void {
    this.planEnd = end;
  }

  /** Runs draw `draw` of every model; its series and KPIs stay readable until the next draw. */
  run(draw: number): void {
    if (draw === this.pending) return this.takeSecond();
    this.pending = -1;
    if (this.lanes && draw + 1 < this.planEnd) return this.runPair(draw);
    this.drawInto(draw, this.drawn, this.settings);
    const runOne = (m: ModelSlot): void => {
      this.applyDrawn(m, this.drawn, m.parameters);
      const compiled = m.prepared.compiled;
      if (m.kept === null) runModel(compiled, m.parameters, this.settings, m.buffer);
      else runModelKeeping(compiled, m.parameters, this.settings, m.kept, m.buffer);
    };
    runOne(this.baseline);
    for (const m of this.models) runOne(m);
    this.finishDraw();
  }

  /** Draw `draw`'s parameter values into `drawn` and its simulation seed into `settings`. */
  private drawInto(draw: number, drawn: Float64Array, settings: { seed: number }): void {
    const base = this.baseSettings.seed;
    this.rng.reseed(drawSeed(base, draw, DRAW_STREAM.parameters));
    drawParameters(this.rng, this.uncertain, drawn);
    settings.seed = drawSeed(base, draw, DRAW_STREAM.simulation);
  }

  private applyDrawn(m: ModelSlot, drawn: Float64Array, parameters: Float64Array): void {
    for (let i = 0; i < m.uncertainIndex.length; i++) {
      const idx = m.uncertainIndex[i]!;
      if (idx >= 0) parameters[idx] = drawn[i]!;
    }
  }

  /** Runs draws d and d + 1 at once: d's results now, d + 1's kept for run(d + 1). */
  private runPair(draw: number): void {
    this.drawInto(draw, this.drawn, this.settings);
    this.drawInto(draw + 1, this.drawn2, this.settings2);
    const slots = this.allModels;
    let secondDone = true;
    slots.forEach((m, i) => {
      let second = this.second[i];
      if (!second || second.buffer.length !== m.buffer.length)
        this.second[i] = second = {
          parameters: Float64Array.from(m.parameters),
          buffer: new Float64Array(m.buffer.length),
        };
      this.applyDrawn(m, this.drawn, m.parameters);
      second.parameters.set(m.parameters);
      this.applyDrawn(m, this.drawn2, second.parameters);
      const done = runModelKeepingPair(
        m.prepared.compiled,
        this.lanes![i]!,
        [m.parameters, second.parameters],
        [this.settings, this.settings2],
        m.kept!,
        [m.buffer, second.buffer],
      );
      secondDone &&= done;
    });
    // A second draw with a value that was not finite runs alone when asked for (and fails there).
    this.pending = secondDone ? draw + 1 : -1;
    this.finishDraw();
  }

  /** Makes the pair's second draw the last one run. */
  private takeSecond(): void {
    this.allModels.forEach((m, i) => {
      const second = this.second[i]!;
      m.buffer.set(second.buffer);
      m.parameters.set(second.parameters);
    });
    this.drawn.set(this.drawn2);
    this.settings.seed = this.settings2.seed;
    this.pending = -1;
    this.finishDraw();
  }

  /** The KPIs of the draw whose series the buffers hold, and their differences. */
  private finishDraw(): void {
    for (let r = 0; r < this.models.length; r++) {
      const k = kpisOf(this.kpiColumns[r]!, this.statusQuoColumns);
      const row = this.kpiRows[r]!;
      for (let i = 0; i < KPI_KEYS.length; i++) row[i] = k[KPI_KEYS[i]!] ?? NaN;
    }
    const [a, b] = this.models;
    if (a && b) {
      // As compareKpisOf: first minus second, null (NaN) when either is.
      const ra = this.kpiRows[0]!;
      const rb = this.kpiRows[1]!;
      const d = this.differenceRow;
      for (let i = 0; i < KPI_KEYS.length; i++) d[i] = ra[i]! - rb[i]!;
      d[KPI_KEYS.length] = overtakeWeekOf(a.table, b.table) ?? NaN;
      d[KPI_KEYS.length + 1] = rb[SPENDING_INDEX]! - ra[SPENDING_INDEX]!;
    }
  }

  /**
   * The last draw's values of a run, point-major: `values[k * slotCount + slotOf(name)]` (every
   * variable, or the kept ones after keepOnly).
   */
  values(run: number): Float64Array {
    return this.models[run]!.buffer;
  }

  /** The value of a parameter the last draw ran a model with (a run's index, or the status quo). */
  parameterValue(model: number | 'statusQuo', name: string): number {
    const m = model === 'statusQuo' ? this.baseline : this.models[model]!;
    const i = m.prepared.compiled.parameterNames.indexOf(name);
    if (i < 0) throw new Error(`no parameter named '${name}'`);
    return m.parameters[i]!;
  }

  /** The uncertain parameter values of the last draw (order of `uncertain`). */
  drawnParameters(): Float64Array {
    return this.drawn;
  }

  /** Writes the last draw's KPIs of a run at `out[offset..]` (KPI_KEYS order; null as NaN). */
  writeKpis(run: number, out: Float64Array, offset: number): void {
    out.set(this.kpiRows[run]!, offset);
  }

  /** Writes the last draw's first-minus-second differences (DIFFERENCE_KEYS order; null as NaN). */
  writeDifferences(out: Float64Array, offset: number): void {
    if (this.models.length === 2) out.set(this.differenceRow, offset);
    else out.fill(NaN, offset, offset + DIFFERENCE_KEYS.length);
  }
}
