/**
 * The names a caption may use, known without running the model: the vocabulary of
 * comparisonValues (narrative/values.ts), derived from the same tables (WEEKLY_VALUES and the
 * KPIs), so a story can be validated when a file is read. tests/story checks that this set equals
 * the names comparisonValues actually gives.
 */
import { KPI_INFO } from '../analysis/kpis';
import { WEEKLY_VALUES } from '../narrative/values';

function buildNames(): ReadonlySet<string> {
  const names = new Set<string>(['week', 'horizon', 'overtakeWeek']);
  const weekly = Object.keys(WEEKLY_VALUES);
  const kpis = Object.keys(KPI_INFO);
  for (const run of ['with', 'without']) {
    for (const n of [...weekly, ...kpis]) names.add(`${run}.${n}`);
  }
  for (const n of weekly) {
    names.add(`gap.${n}`);
    names.add(`change.${n}`);
  }
  return names;
}

export const CAPTION_VALUE_NAMES: ReadonlySet<string> = buildNames();
