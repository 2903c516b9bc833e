import { streamSeed, type CompiledModel } from './compile';
import { ModelError, type RunSettings } from './types';
import type { LaneRunLoop } from './wasm/backend-lanes';

/**
 * Every variable's value at every point, point-major: `values[k * slots + slot]` (each step
 * copies the state vector in one block). Use seriesOf for one variable's time series.
 */
export interface RunSeries {
  readonly model: CompiledModel;
  readonly settings: RunSettings;
  /** Number of points: steps + 1 (time 0 through the horizon). */
  readonly points: number;
  /** Time in weeks at each point. */
  readonly time: Float64Array;
  readonly values: Float64Array;
}

export const MAX_WEEKS = 520;
export const MIN_STEP_WEEKS = 1 / 16;

export function stepCount(settings: Pick<RunSettings, 'weeks' | 'stepWeeks'>): number {
  return Math.round(settings.weeks / settings.stepWeeks);
}

/** Allocates a buffer large enough for a run of this model with these settings. */
export function allocateSeries(model: CompiledModel, settings: RunSettings): Float64Array {
  return new Float64Array(model.variables.length * (stepCount(settings) + 1));
}

/**
 * Runs a compiled model with the given parameter values (in `model.parameterNames` order) by
 * Euler integration. Allocation-free when a `buffer` from allocateSeries is passed (Monte Carlo
 * reuses it). Throws ModelError if any value becomes NaN or infinite, naming variable and week.
 */
export function runModel(
  model: CompiledModel,
  parameters: Float64Array,
  settings: RunSettings,
  buffer?: Float64Array,
): RunSeries {
  const points = startRun(model, parameters, settings);
  const dt = settings.stepWeeks;
  const nSlots = model.variables.length;
  const values = buffer ?? new Float64Array(nSlots * points);
  if (values.length < nSlots * points) throw new ModelError('series buffer too small for this run');
  const x = model.context.x;
  const computed = model.runLoop(x, values, points, dt, settings.mode === 'stochastic', null);
  // The run loop reports whether any computed value was non-finite; stocks, parameters and
  // constants are non-finite at some point only if they are at the end. Only then is the whole
  // run searched, for the first non-finite value (its variable and week).
  if (computed !== 0 || !allFinite(x)) throwFirstNonFinite(model, values, points, dt);
  // `time` is made when first read: most callers of runModel in a loop never read it.
  let time: Float64Array | null = null;
  return {
    model,
    settings,
    points,
    values,
    get time(): Float64Array {
      if (time === null) {
        time = new Float64Array(points);
        for (let k = 0; k < points; k++) time[k] = k * dt;
      }
      return time;
    },
  };
}

/**
 * Runs like runModel but keeps only the variables in `slots`: `buffer[k * slots.length + j]` is
 * the value of variable `slots[j]` at point k (for Monte Carlo, which reads a few series of each
 * draw). The same values, to the bit, and the same errors: when a value is non-finite the run is
 * repeated in full to name the first one. Returns the number of points.
 */
export function runModelKeeping(
  model: CompiledModel,
  parameters: Float64Array,
  settings: RunSettings,
  slots: Int32Array,
  buffer: Float64Array,
): number {
  const points = startRun(model, parameters, settings);
  checkKept(model, slots, points, [buffer]);
  const x = model.context.x;
  const dt = settings.stepWeeks;
  const computed = model.runLoop(x, buffer, points, dt, settings.mode === 'stochastic', slots);
  if (computed !== 0 || !allFinite(x)) {
    runModel(model, parameters, settings); // throws, naming the first non-finite value
    throw new ModelError('a value became non-finite during the run');
  }
  return points;
}

/**
 * Two runs of runModelKeeping at once (the same slots kept, settings differing in the seed only),
 * in the lanes of `lanes` (wasm/backend-lanes.ts): the same values, to the bit. Returns whether
 * the second run's values are in its buffer: where a value of either run was not finite, the
 * first run is repeated alone (throwing, as runModelKeeping, if it is the one) and the second is
 * left for its caller to run alone (which then fails where it would have).
 */
export function runModelKeepingPair(
  model: CompiledModel,
  lanes: LaneRunLoop,
  parameters: readonly [Float64Array, Float64Array],
  settings: readonly [RunSettings, RunSettings],
  slots: Int32Array,
  buffers: readonly [Float64Array, Float64Array],
): boolean {
  const [s0, s1] = settings;
  if (s0.stepWeeks !== s1.stepWeeks || s0.weeks !== s1.weeks || s0.mode !== s1.mode)
    throw new ModelError('the runs of a pair differ in more than their seed');
  const stochastic = s0.mode === 'stochastic';
  const points = startRun(model, parameters[0], s0);
  checkKept(model, slots, points, buffers);
  const x = model.context.x;
  lanes.load(0, x, stochastic);
  startRun(model, parameters[1], s1);
  lanes.load(1, x, stochastic);
  const computed = lanes.run(points, s0.stepWeeks, stochastic, slots, buffers[0], buffers[1]);
  lanes.read(0, x);
  const finite = allFinite(x);
  lanes.read(1, x);
  if (computed === 0 && finite && allFinite(x)) return true;
  runModelKeeping(model, parameters[0], s0, slots, buffers[0]);
  return false;
}

/** Checks that `slots` are the model's and that each buffer holds them at every point. */
function checkKept(
  model: CompiledModel,
  slots: Int32Array,
  points: number,
  buffers: readonly Float64Array[],
): void {
  const nSlots = model.variables.length;
  for (let j = 0; j < slots.length; j++) {
    const s = slots[j]!;
    if (!(s >= 0 && s < nSlots)) throw new ModelError(`no variable in slot ${s}`);
  }
  for (const b of buffers)
    if (b.length < slots.length * points)
      throw new ModelError('series buffer too small for this run');
}

/** Checks the inputs of a run and sets the model's state to time 0; returns the number of points. */
function startRun(model: CompiledModel, parameters: Float64Array, settings: RunSettings): number {
  const { stepWeeks: dt } = settings;
  if (!(dt >= MIN_STEP_WEEKS && dt <= 4))
    throw new ModelError(`step length ${dt} weeks is outside 1/16..4`);
  if (!(settings.weeks >= 1 && settings.weeks <= MAX_WEEKS)) {
    throw new ModelError(`horizon ${settings.weeks} weeks is outside 1..${MAX_WEEKS}`);
  }
  if (parameters.length !== model.parameterSlots.length) {
    throw new ModelError(
      `expected ${model.parameterSlots.length} parameter values, got ${parameters.length}`,
    );
  }
  const x = model.context.x;
  x.fill(0);
  if (settings.mode === 'stochastic') {
    const { streams, streamSalt } = model.program;
    for (let i = 0; i < streams.length; i++)
      streams[i]?.reseed(streamSeed(settings.seed, streamSalt[i]!));
  }
  x[1] = dt;
  const ps = model.parameterSlots;
  for (let i = 0; i < ps.length; i++) x[ps[i]!] = parameters[i]!;
  model.start(); // constants, then the stocks' initial values
  return stepCount(settings) + 1;
}

function allFinite(x: Float64Array): boolean {
  let check = 0;
  for (let i = 0; i < x.length; i++) check += x[i]! * 0;
  return check === 0;
}

/** Throws ModelError naming the first non-finite value of a run, in point then slot order. */
function throwFirstNonFinite(
  model: CompiledModel,
  values: Float64Array,
  points: number,
  dt: number,
): void {
  const nSlots = model.variables.length;
  const total = nSlots * points;
  for (let i = 0; i < total; i++) {
    const v = values[i]!;
    if (v - v !== 0) {
      const week = Math.floor(i / nSlots) * dt;
      throw new ModelError(`'${model.variables[i % nSlots]!.name}' became ${v} at week ${week}`);
    }
  }
  throw new ModelError('a value became non-finite during the run');
}

/** The time series of one variable (a copy: the run's buffer is point-major). */
export function seriesOf(run: RunSeries, name: string): Float64Array {
  const slot = run.model.slotOf.get(name);
  if (slot === undefined) throw new ModelError(`no variable named '${name}'`);
  return seriesAt(run, slot);
}

/** The time series of the variable in `slot`, into `out` when given (Monte Carlo reuses it). */
export function seriesAt(
  run: RunSeries,
  slot: number,
  out = new Float64Array(run.points),
): Float64Array {
  const n = run.model.variables.length;
  const v = run.values;
  for (let k = 0; k < run.points; k++) out[k] = v[k * n + slot]!;
  return out;
}
