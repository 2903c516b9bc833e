/**
 * A small builder for model declarations, so the model files read like a list of equations.
 * Every helper records one VariableDecl; nothing here evaluates anything.
 */
import type { Equation, ListFn, Noise, PositionalFn, VariableDecl } from '../engine/types';

export interface VarOptions {
  readonly metric?: boolean;
  readonly label?: string;
  readonly noise?: Noise;
}

export class ModelBuilder {
  readonly variables: VariableDecl[] = [];
  /** Parameter values in declaration order, set alongside each parameter. */
  readonly parameterValues: number[] = [];

  parameter(
    name: string,
    unit: string,
    description: string,
    value: number,
    opts: VarOptions = {},
  ): string {
    this.variables.push({ kind: 'parameter', name, unit, description, ...opts });
    this.parameterValues.push(value);
    return name;
  }

  aux(
    name: string,
    unit: string,
    description: string,
    inputs: readonly string[],
    fn: PositionalFn,
    opts: VarOptions = {},
  ): string {
    this.variables.push({
      kind: 'auxiliary',
      name,
      unit,
      description,
      equation: { inputs, fn },
      ...opts,
    });
    return name;
  }

  /** An auxiliary over a list of inputs (sum, mean, product over products or consumers). */
  auxList(
    name: string,
    unit: string,
    description: string,
    inputs: readonly string[],
    listFn: ListFn,
    opts: VarOptions = {},
  ): string {
    this.variables.push({
      kind: 'auxiliary',
      name,
      unit,
      description,
      equation: { inputs, listFn },
      ...opts,
    });
    return name;
  }

  flow(
    name: string,
    unit: string,
    description: string,
    inputs: readonly string[],
    fn: PositionalFn,
    opts: VarOptions = {},
  ): string {
    this.variables.push({
      kind: 'flow',
      name,
      unit,
      description,
      equation: { inputs, fn },
      ...opts,
    });
    return name;
  }

  flowList(
    name: string,
    unit: string,
    description: string,
    inputs: readonly string[],
    listFn: ListFn,
    opts: VarOptions = {},
  ): string {
    this.variables.push({
      kind: 'flow',
      name,
      unit,
      description,
      equation: { inputs, listFn },
      ...opts,
    });
    return name;
  }

  stock(
    name: string,
    unit: string,
    description: string,
    spec: { initial: Equation; inflows?: readonly string[]; outflows?: readonly string[] },
    opts: VarOptions = {},
  ): string {
    this.variables.push({
      kind: 'stock',
      name,
      unit,
      description,
      initial: spec.initial,
      inflows: spec.inflows ?? [],
      outflows: spec.outflows ?? [],
      ...opts,
    });
    return name;
  }
}

export const constant = (value: number): Equation => ({ inputs: [], fn: () => value });
export const from = (inputs: readonly string[], fn: PositionalFn): Equation => ({ inputs, fn });

export const clamp01 = (v: number): number => (v < 0 ? 0 : v > 1 ? 1 : v);
/**
 * Share of the step [t, t + dt) that falls inside the window [from, to): spending spread over a
 * window by `rate x share` then sums to exactly `rate x (to - from)` whatever the step length.
 */
export const stepShareInside = (t: number, dt: number, from: number, to: number): number =>
  Math.max(0, Math.min(t + dt, to) - Math.max(t, from)) / dt;
export const sum: ListFn = (v) => {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
};
export const mean: ListFn = (v) => (v.length === 0 ? 0 : sum(v) / v.length);
export const max: ListFn = (v) => {
  let m = 0;
  for (let i = 0; i < v.length; i++) if (v[i]! > m) m = v[i]!;
  return m;
};
/** Combined effect of independent reductions: 1 - prod(1 - e), each e clamped to [0, 1]. */
export const combineReductions: ListFn = (v) => {
  let keep = 1;
  for (let i = 0; i < v.length; i++) keep *= 1 - clamp01(v[i]!);
  return 1 - keep;
};
/** Combined effect of independent relative lifts: prod(1 + e) - 1. */
export const combineLifts: ListFn = (v) => {
  let f = 1;
  for (let i = 0; i < v.length; i++) f *= 1 + Math.max(0, v[i]!);
  return f - 1;
};
/**
 * Inputs [x0..x(n-1), w0..w(n-1), fallback]: the mean of the x weighted by the w, or the last
 * input when the weights sum to 0.
 */
export const weightedMeanOr: ListFn = (v) => {
  const n = (v.length - 1) / 2;
  let s = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    s += v[i]! * v[n + i]!;
    w += v[n + i]!;
  }
  return w > 0 ? s / w : v[v.length - 1]!;
};
