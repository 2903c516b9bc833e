/**
 * The verdict of a comparison: which of the three ways of running the business ends the horizon
 * with the most cumulative net value - with data products, without them (every AI consumer on its
 * own pipelines), or neither (the status quo: no data products and no AI).
 */
import type { Comparison } from './simulate';

export type Verdict = 'with' | 'without' | 'neither';

export const VERDICT_TEXT: Readonly<Record<Verdict, string>> = {
  with: 'data products pay off: with them the business ends ahead of both own pipelines and the status quo',
  without:
    'own pipelines do better: without data products the business ends ahead of both the products and the status quo',
  neither: 'neither pays off: the business as it is (no data products, no AI) ends ahead of both',
};

/**
 * The verdict on cumulative net value at the horizon. Ties go to the simpler choice (the status
 * quo before own pipelines before data products). A scenario with no data products is judged
 * against the status quo only ('without' then means its AI on own pipelines pays off).
 */
export function verdictOf(c: Comparison): Verdict {
  const first = c.runs[0]!.kpis.netValueVsStatusQuoUsd;
  if (c.runs.length < 2) return first > 0 ? 'without' : 'neither';
  const second = c.runs[1]!.kpis.netValueVsStatusQuoUsd;
  if (first > second && first > 0) return 'with';
  if (second > 0 && second >= first) return 'without';
  return 'neither';
}
