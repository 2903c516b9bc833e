/**
 * One Monte Carlo draw: a simulation seed and values for the registry's uncertain parameters, both
 * derived from the base seed and the draw's index alone (so any thread computes any draw), applied
 * alike to the scenario, its `without` variant and the status quo (common random numbers).
 */
import type { Backend } from '../engine/compile';
import { Rng } from '../engine/rng';
import { allocateSeries, runModel, type RunSeries } from '../engine/run';
import type { RunSettings } from '../engine/types';
import { PARAMETERS } from '../model/parameters';
import { hasDataProducts, statusQuo, withoutDataProducts } from '../scenario/derive';
import type { Scenario } from '../scenario/types';
import { compareKpis, computeKpis, KPI_INFO, type ComparisonKpis, type Kpis } from './kpis';
import { prepareModel, type PreparedModel } from './simulate';

export type KpiKey = keyof Kpis;
export type DifferenceKey = keyof ComparisonKpis;
export const KPI_KEYS = Object.keys(KPI_INFO) as KpiKey[];
export const DIFFERENCE_KEYS: readonly DifferenceKey[] = [...KPI_KEYS, 'overtakeWeek'];

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
 * The registry's uncertain parameters, in registry order, each drawn over its plausible range with
 * the scenario's value as the mode (the range stretches to include a value set outside it).
 */
export function uncertainParameters(scenario: Scenario): UncertainParameter[] {
  return PARAMETERS.filter((p) => p.uncertain).map((p) => {
    const mode = scenario.parameters[p.name] ?? p.default;
    return {
      name: p.name,
      lo: Math.max(p.min, Math.min(p.plausible[0], mode)),
      mode,
      hi: Math.min(p.max, Math.max(p.plausible[1], mode)),
      integer: p.integer === true,
    };
  });
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
  readonly buffer: Float64Array;
  /** For each uncertain parameter, its index in the model's parameter vector. */
  readonly uncertainIndex: Int32Array;
  series: RunSeries | null;
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
  private readonly drawn: Float64Array;
  private readonly rng = new Rng(0);
  private readonly settings: {
    weeks: number;
    stepWeeks: number;
    seed: number;
    mode: RunSettings['mode'];
  };
  private readonly kpis: Kpis[] = [];
  private difference: ComparisonKpis | null = null;

  constructor(
    scenario: Scenario,
    readonly baseSettings: RunSettings,
    backend: Backend,
  ) {
    this.scenarios = comparedScenarios(scenario);
    this.uncertain = uncertainParameters(scenario);
    this.drawn = new Float64Array(this.uncertain.length);
    this.settings = { ...baseSettings };
    const slot = (s: Scenario): ModelSlot => {
      const prepared = prepareModel(s, backend);
      const names = prepared.compiled.parameterNames;
      const uncertainIndex = Int32Array.from(this.uncertain.map((u) => names.indexOf(u.name)));
      return {
        prepared,
        parameters: Float64Array.from(prepared.built.parameterValues),
        buffer: allocateSeries(prepared.compiled, baseSettings),
        uncertainIndex,
        series: null,
      };
    };
    this.models = this.scenarios.map(slot);
    this.baseline = slot(statusQuo(scenario));
    this.points = Math.round(baseSettings.weeks / baseSettings.stepWeeks) + 1;
  }

  get runCount(): number {
    return this.models.length;
  }

  metricNames(run: number): readonly string[] {
    return this.models[run]!.prepared.compiled.metricNames;
  }

  /** Number of variables (slots) of a run's model: the stride of its point-major series. */
  slotCount(run: number): number {
    return this.models[run]!.prepared.compiled.variables.length;
  }

  /** Slot of a variable in the run's series buffer (its values start at slot * points). */
  slotOf(run: number, name: string): number {
    const s = this.models[run]!.prepared.compiled.slotOf.get(name);
    if (s === undefined) throw new Error(`run ${run} has no variable '${name}'`);
    return s;
  }

  /** Runs draw `draw` of every model; its series and KPIs stay readable until the next draw. */
  run(draw: number): void {
    const base = this.baseSettings.seed;
    this.rng.reseed(drawSeed(base, draw, DRAW_STREAM.parameters));
    drawParameters(this.rng, this.uncertain, this.drawn);
    this.settings.seed = drawSeed(base, draw, DRAW_STREAM.simulation);
    const runOne = (m: ModelSlot): RunSeries => {
      for (let i = 0; i < m.uncertainIndex.length; i++) {
        const idx = m.uncertainIndex[i]!;
        if (idx >= 0) m.parameters[idx] = this.drawn[i]!;
      }
      m.series = runModel(m.prepared.compiled, m.parameters, this.settings, m.buffer);
      return m.series;
    };
    const baseline = runOne(this.baseline);
    for (let r = 0; r < this.models.length; r++)
      this.kpis[r] = computeKpis(runOne(this.models[r]!), baseline);
    const [a, b] = this.models;
    this.difference =
      a && b
        ? compareKpis(
            { kpis: this.kpis[0]!, series: a.series! },
            { kpis: this.kpis[1]!, series: b.series! },
          )
        : null;
  }

  /** The last draw's values of every variable of a run, point-major (`values[k * slotCount + slot]`). */
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
    const k = this.kpis[run]!;
    for (let i = 0; i < KPI_KEYS.length; i++) out[offset + i] = k[KPI_KEYS[i]!] ?? NaN;
  }

  /** Writes the last draw's first-minus-second differences (DIFFERENCE_KEYS order; null as NaN). */
  writeDifferences(out: Float64Array, offset: number): void {
    const d = this.difference;
    for (let i = 0; i < DIFFERENCE_KEYS.length; i++)
      out[offset + i] = d?.[DIFFERENCE_KEYS[i]!] ?? NaN;
  }
}
