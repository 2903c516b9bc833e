/**
 * How well a model series reproduces its data (Sterman, Business Dynamics, ch. 21): R-squared,
 * mean absolute percent error, and Theil's inequality statistics, which split the mean squared
 * error into bias (UM: the means differ), unequal variation (US: the spreads differ) and unequal
 * covariation (UC: point-by-point differences that neither mean nor spread explains). UM + US +
 * UC = 1; a good fit of noisy data has small errors, most of them in UC.
 */
export interface FitStatistics {
  /** Figures compared. */
  readonly n: number;
  /** Square of the correlation between data and model. */
  readonly r2: number | null;
  /** Mean absolute percent error, as a fraction (0.05 = 5%); null when every figure is 0. */
  readonly mape: number | null;
  readonly rmse: number;
  /** Mean of model minus data (positive: the model runs high). */
  readonly meanError: number;
  readonly um: number | null;
  readonly us: number | null;
  readonly uc: number | null;
}

export function fitStatistics(data: readonly number[], model: readonly number[]): FitStatistics {
  const n = data.length;
  let sa = 0;
  let sm = 0;
  for (let i = 0; i < n; i++) {
    sa += data[i]!;
    sm += model[i]!;
  }
  const ma = sa / n;
  const mm = sm / n;
  let mse = 0;
  let va = 0;
  let vm = 0;
  let cov = 0;
  let ape = 0;
  let apeCount = 0;
  for (let i = 0; i < n; i++) {
    const a = data[i]!;
    const m = model[i]!;
    mse += (m - a) ** 2;
    va += (a - ma) ** 2;
    vm += (m - mm) ** 2;
    cov += (a - ma) * (m - mm);
    if (a !== 0) {
      ape += Math.abs((m - a) / a);
      apeCount++;
    }
  }
  mse /= n;
  const sdA = Math.sqrt(va / n);
  const sdM = Math.sqrt(vm / n);
  const r = sdA > 0 && sdM > 0 ? cov / n / (sdA * sdM) : null;
  const theil = mse > 0;
  return {
    n,
    r2: r === null ? null : r * r,
    mape: apeCount > 0 ? ape / apeCount : null,
    rmse: Math.sqrt(mse),
    meanError: mm - ma,
    um: theil ? (mm - ma) ** 2 / mse : null,
    us: theil ? (sdM - sdA) ** 2 / mse : null,
    uc: theil ? (2 * (1 - (r ?? 0)) * sdA * sdM) / mse : null,
  };
}

/**
 * The 0.975 quantile of Student's t distribution with `dof` degrees of freedom (for 95%
 * intervals), by the Cornish-Fisher expansion (Abramowitz and Stegun 26.7.5): within 0.2% from 3
 * degrees of freedom; exact values below that.
 */
export function tQuantile975(dof: number): number {
  if (!(dof >= 1)) return Infinity;
  if (dof < 2) return 12.706;
  if (dof < 3) return 4.303;
  const z = 1.959963984540054;
  const g1 = (z ** 3 + z) / 4;
  const g2 = (5 * z ** 5 + 16 * z ** 3 + 3 * z) / 96;
  const g3 = (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / 384;
  const g4 = (79 * z ** 9 + 776 * z ** 7 + 1482 * z ** 5 - 1920 * z ** 3 - 945 * z) / 92160;
  return z + g1 / dof + g2 / dof ** 2 + g3 / dof ** 3 + g4 / dof ** 4;
}
