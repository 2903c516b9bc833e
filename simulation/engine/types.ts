/**
 * The declaration language of the model. A model is a flat list of named variables; each one is a
 * pure function of named inputs. The engine (compile.ts) resolves names to slots, orders the
 * equations and evaluates them; nothing else in the program evaluates the model.
 */

/** A pure function of the variable's inputs, called with the input values in declared order. */
export type PositionalFn = (...args: number[]) => number;
/** A pure function over a variable-length list of inputs (sums and means over products). */
export type ListFn = (values: Float64Array) => number;

export type Equation =
  | { readonly inputs: readonly string[]; readonly fn: PositionalFn }
  | { readonly inputs: readonly string[]; readonly listFn: ListFn };

/**
 * Stochastic part of a variable. The equation gives the expected value; in stochastic mode the
 * engine draws around it, in expected-value mode it is used as is.
 * - poisson: the value is a rate per week; the engine draws a count for the step and divides by dt.
 * - lognormal: multiplicative noise with mean 1 and log-sd given by the named parameter.
 */
export type Noise =
  { readonly type: 'poisson' } | { readonly type: 'lognormal'; readonly sigma: string };

interface BaseDecl {
  readonly name: string;
  /** Unit in words, e.g. `people`, `people/week`, `usd/week`, `fraction`, `weeks`, `events`. */
  readonly unit: string;
  readonly description: string;
  /** Listed as a reportable metric (time series in run output). */
  readonly metric?: boolean;
  /** Short label for charts and tables; defaults to the name. */
  readonly label?: string;
}

export interface ParameterDecl extends BaseDecl {
  readonly kind: 'parameter';
}

export interface StockDecl extends BaseDecl {
  readonly kind: 'stock';
  /** Initial value; its inputs may be parameters or constant auxiliaries only. */
  readonly initial: Equation;
  readonly inflows: readonly string[];
  readonly outflows: readonly string[];
}

export interface FlowDecl extends BaseDecl {
  readonly kind: 'flow';
  readonly equation: Equation;
  readonly noise?: Noise;
}

export interface AuxiliaryDecl extends BaseDecl {
  readonly kind: 'auxiliary';
  readonly equation: Equation;
  readonly noise?: Noise;
}

export type VariableDecl = ParameterDecl | StockDecl | FlowDecl | AuxiliaryDecl;
export type VariableKind = VariableDecl['kind'];

/** Built-in inputs every equation may name. */
export const TIME = 'time';
export const DT = 'dt';

export interface ModelDecl {
  readonly variables: readonly VariableDecl[];
}

export interface RunSettings {
  /** Length of one step in weeks (e.g. 1, 0.5). */
  readonly stepWeeks: number;
  /** Horizon in weeks. */
  readonly weeks: number;
  readonly seed: number;
  readonly mode: 'stochastic' | 'expected';
}

export class ModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelError';
  }
}
