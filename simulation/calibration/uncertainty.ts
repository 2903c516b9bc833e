/**
 * Approximate confidence intervals of fitted parameters and the warnings when the data cannot
 * identify one. From the Jacobian J of the weighted residuals at the optimum (parameters scaled
 * to their starting values), the covariance is s^2 (J'J)^-1 with s^2 = SSE / (n - p), and each
 * interval is value +- t(0.975, n - p) x standard error: the usual linearised intervals of
 * non-linear least squares (Bates and Watts), good when the model is close to linear near the
 * optimum, optimistic otherwise.
 *
 * A parameter is not identified when the fitted series do not depend on it (its column of J is
 * zero), or when it trades off against others so that the information J'J is near singular (it
 * loads on an eigenvector with an eigenvalue near 0 of the correlation form of J'J).
 */
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';

/** Relative RMS change of the fitted series per unit change of a scaled parameter, below which it has no effect. */
const NO_EFFECT = 1e-7;
/** Smallest eigenvalue of the unit-diagonal information, relative to the largest, still identified. */
const NEAR_SINGULAR = 1e-8;

export interface ParameterUncertainty {
  /** Standard error in the parameter's own unit (null: not identified). */
  readonly standardError: number | null;
  readonly identified: boolean;
  /** Why it is not identified: 'no-effect' or 'confounded' (with the names of the others). */
  readonly problem:
    | null
    | { readonly kind: 'no-effect' }
    | { readonly kind: 'confounded'; readonly with: readonly number[] };
}

export interface UncertaintyResult {
  readonly parameters: readonly ParameterUncertainty[];
  /** Correlations between the identified estimates (index pairs with |r| > 0.9). */
  readonly correlations: readonly { readonly a: number; readonly b: number; readonly r: number }[];
  /** Largest over smallest eigenvalue of the unit-diagonal information (Infinity when singular). */
  readonly conditionNumber: number;
}

/**
 * `jacobian[i][k]`: derivative of residual i with respect to scaled parameter k; `scales[k]` turns
 * a scaled parameter into the parameter's unit; `variance` is s^2.
 */
export function parameterUncertainty(
  jacobian: readonly Float64Array[],
  scales: readonly number[],
  variance: number,
): UncertaintyResult {
  const p = scales.length;
  const n = jacobian.length;
  const norms = Array.from({ length: p }, (_, k) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += jacobian[i]![k]! ** 2;
    return Math.sqrt(s);
  });
  const effective = norms
    .map((c, k) => ({ c, k }))
    .filter(({ c }) => c / Math.sqrt(Math.max(n, 1)) > NO_EFFECT)
    .map(({ k }) => k);
  const result: ParameterUncertainty[] = Array.from({ length: p }, () => ({
    standardError: null,
    identified: false,
    problem: { kind: 'no-effect' as const },
  }));
  if (effective.length === 0)
    return { parameters: result, correlations: [], conditionNumber: Infinity };

  const q = effective.length;
  const info = Matrix.zeros(q, q);
  for (let a = 0; a < q; a++)
    for (let b = a; b < q; b++) {
      let s = 0;
      const ka = effective[a]!;
      const kb = effective[b]!;
      for (let i = 0; i < n; i++) s += jacobian[i]![ka]! * jacobian[i]![kb]!;
      info.set(a, b, s);
      info.set(b, a, s);
    }
  const d = Array.from({ length: q }, (_, a) => 1 / Math.sqrt(info.get(a, a)));
  const unit = Matrix.zeros(q, q);
  for (let a = 0; a < q; a++)
    for (let b = 0; b < q; b++) unit.set(a, b, info.get(a, b) * d[a]! * d[b]!);
  const eig = new EigenvalueDecomposition(unit, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const largest = Math.max(...values);
  const smallest = Math.min(...values);
  const conditionNumber = smallest > 0 ? largest / smallest : Infinity;

  // Parameters on a near-null direction trade off against each other: not identified.
  const confounded = new Map<number, Set<number>>();
  values.forEach((lambda, e) => {
    if (lambda > NEAR_SINGULAR * largest) return;
    const members: number[] = [];
    for (let a = 0; a < q; a++) if (Math.abs(vectors.get(a, e)) > 0.2) members.push(a);
    for (const a of members) {
      const set = confounded.get(a) ?? new Set<number>();
      for (const b of members) if (b !== a) set.add(effective[b]!);
      confounded.set(a, set);
    }
  });

  // Pseudo-inverse over the well-determined directions.
  const inverse = Matrix.zeros(q, q);
  values.forEach((lambda, e) => {
    if (lambda <= NEAR_SINGULAR * largest) return;
    for (let a = 0; a < q; a++)
      for (let b = 0; b < q; b++)
        inverse.set(a, b, inverse.get(a, b) + (vectors.get(a, e) * vectors.get(b, e)) / lambda);
  });
  const covariance = (a: number, b: number): number => variance * inverse.get(a, b) * d[a]! * d[b]!;

  effective.forEach((k, a) => {
    const partners = confounded.get(a);
    if (partners) {
      result[k] = {
        standardError: null,
        identified: false,
        problem: { kind: 'confounded', with: [...partners] },
      };
      return;
    }
    result[k] = {
      standardError: Math.sqrt(Math.max(0, covariance(a, a))) * scales[k]!,
      identified: true,
      problem: null,
    };
  });
  const correlations: { a: number; b: number; r: number }[] = [];
  for (let a = 0; a < q; a++)
    for (let b = a + 1; b < q; b++) {
      if (!result[effective[a]!]!.identified || !result[effective[b]!]!.identified) continue;
      const r = covariance(a, b) / Math.sqrt(covariance(a, a) * covariance(b, b));
      if (Math.abs(r) > 0.9) correlations.push({ a: effective[a]!, b: effective[b]!, r });
    }
  return { parameters: result, correlations, conditionNumber };
}
