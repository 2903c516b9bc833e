/**
 * Outliers in a series of figures, by a Hampel filter: a figure is flagged when it lies more than
 * four scaled median absolute deviations from the median of its neighbours (three on each side),
 * and more than 10% from it: a one-off spike or drop (a data error, a promotion, an outage) that a
 * user should look at before the model is fitted to it.
 */
export interface Outlier {
  readonly index: number;
  /** The median of its neighbourhood: what the figure would typically be. */
  readonly typical: number;
}

const HALF_WINDOW = 3;
const THRESHOLD = 4;
/** The MAD of a normal distribution is 0.6745 sigma. */
const MAD_SCALE = 1.4826;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function findOutliers(values: readonly (number | null)[]): Outlier[] {
  const present = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  if (present.length < 2 * HALF_WINDOW + 1) return [];
  const out: Outlier[] = [];
  for (let k = 0; k < present.length; k++) {
    const lo = Math.max(0, Math.min(k - HALF_WINDOW, present.length - 2 * HALF_WINDOW - 1));
    const window = present.slice(lo, lo + 2 * HALF_WINDOW + 1).map((p) => p.v);
    const med = median(window);
    const mad = MAD_SCALE * median(window.map((x) => Math.abs(x - med)));
    const x = present[k]!.v;
    const deviation = Math.abs(x - med);
    if (deviation > THRESHOLD * mad && deviation > 0.1 * Math.abs(med) && mad >= 0)
      out.push({ index: present[k]!.i, typical: med });
  }
  return out;
}
